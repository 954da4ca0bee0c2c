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

namespace mod_magwordcloud\completion;

use core_completion\activity_custom_completion;
use mod_magwordcloud\manager;

/**
 * Custom completion: "have at least N entries".
 *
 * @package    mod_magwordcloud
 * @copyright  2025 Magistère
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
        $this->validate_rule($rule);
        $required = (int) ($this->cm->customdata['customcompletionrules']['completionentries'] ?? 0);
        if ($required <= 0) {
            return COMPLETION_COMPLETE;
        }
        $count = manager::create_from_cm($this->cm)->count_user_entries($this->userid);
        return $count >= $required ? COMPLETION_COMPLETE : COMPLETION_INCOMPLETE;
    }

    /**
     * Rules this module defines.
     *
     * @return string[]
     */
    public static function get_defined_custom_rules(): array {
        return ['completionentries'];
    }

    /**
     * Descriptions of the rules.
     *
     * @return array
     */
    public function get_custom_rule_descriptions(): array {
        $required = (int) ($this->cm->customdata['customcompletionrules']['completionentries'] ?? 0);
        return ['completionentries' => get_string('completiondetail:entries', 'mod_magwordcloud', $required)];
    }

    /**
     * Display order of the rules.
     *
     * @return string[]
     */
    public function get_sort_order(): array {
        return ['completionview', 'completionentries'];
    }
}
