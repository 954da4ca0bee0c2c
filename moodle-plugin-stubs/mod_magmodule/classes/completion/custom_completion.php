<?php
// This file is part of Moodle - https://moodle.org/
//
// Moodle is free software: you can redistribute it and/or modify
// it under the terms of the GNU General Public License as published by
// the Free Software Foundation, either version 3 of the License, or
// (at your option) any later version.
//
// Moodle is distributed in the hope that it will be useful,
// but WITHOUT ANY WARRANTY; without even the implied warranty of
// MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
// GNU General Public License for more details.
//
// You should have received a copy of the GNU General Public License
// along with Moodle.  If not, see <https://www.gnu.org/licenses/>.

declare(strict_types=1);

namespace mod_magmodule\completion;

use core_completion\activity_custom_completion;
use mod_magmodule\manager;

/**
 * Custom completion: "every module step completed" (each of its playable items, on the version in use).
 *
 * @package    mod_magmodule
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class custom_completion extends activity_custom_completion {
    /**
     * State of a rule for the user.
     *
     * @param string $rule
     * @return int COMPLETION_COMPLETE or COMPLETION_INCOMPLETE
     */
    public function get_state(string $rule): int {
        global $DB;
        $this->validate_rule($rule);
        if (empty($this->cm->customdata['customcompletionrules']['completionmodules'])) {
            return COMPLETION_COMPLETE;
        }
        $instance = $DB->get_record('magmodule', ['id' => $this->cm->instance], '*', MUST_EXIST);
        return manager::programme_figures_of($instance, $this->userid)['completed'] ? COMPLETION_COMPLETE
            : COMPLETION_INCOMPLETE;
    }

    /**
     * Rules this module defines.
     *
     * @return string[]
     */
    public static function get_defined_custom_rules(): array {
        return ['completionmodules'];
    }

    /**
     * Descriptions of the rules.
     *
     * @return array
     */
    public function get_custom_rule_descriptions(): array {
        return ['completionmodules' => get_string('completiondetail:modules', 'mod_magmodule')];
    }

    /**
     * Display order of the rules.
     *
     * @return string[]
     */
    public function get_sort_order(): array {
        return ['completionview', 'completionmodules'];
    }
}
