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

namespace mod_magreactions\external;

use context_module;
use core_external\external_api;
use core_external\external_function_parameters;
use core_external\external_single_structure;
use core_external\external_value;
use mod_magreactions\manager;

/**
 * Bridge subject `reactions.react`: records a reaction, once per (user, idempotency key).
 *
 * @package    mod_magreactions
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class react extends external_api {
    /**
     * Parameters.
     *
     * @return external_function_parameters
     */
    public static function execute_parameters(): external_function_parameters {
        return new external_function_parameters([
            'cmid' => new external_value(PARAM_INT, 'Course module id'),
            'reaction' => new external_value(PARAM_ALPHA, 'understood, question, lost or slower'),
            'key' => new external_value(PARAM_ALPHANUMEXT, 'Idempotency key: 8 to 64 letters, digits or dashes'),
        ]);
    }

    /**
     * Records the reaction of the current user.
     *
     * @param int $cmid
     * @param string $reaction
     * @param string $key
     * @return array
     */
    public static function execute(int $cmid, string $reaction, string $key): array {
        global $USER;
        $params = self::validate_parameters(self::execute_parameters(),
            ['cmid' => $cmid, 'reaction' => $reaction, 'key' => $key]);

        [, $cm] = get_course_and_cm_from_cmid($params['cmid'], 'magreactions');
        $context = context_module::instance($cm->id);
        self::validate_context($context);
        require_capability('mod/magreactions:view', $context);
        require_capability('mod/magreactions:react', $context);

        return manager::create_from_cm($cm)->react((int) $USER->id, $params['reaction'], $params['key']);
    }

    /**
     * Return structure.
     *
     * @return external_single_structure
     */
    public static function execute_returns(): external_single_structure {
        return new external_single_structure([
            'accepted' => new external_value(PARAM_BOOL, 'False when this key had already been counted'),
            'state' => get_state::state_structure(),
        ]);
    }
}
