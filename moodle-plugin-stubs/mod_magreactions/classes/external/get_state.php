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
 * Bridge subject `reactions.state`: the counts of the current round and the version of the live state.
 *
 * @package    mod_magreactions
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class get_state extends external_api {
    /**
     * Parameters.
     *
     * @return external_function_parameters
     */
    public static function execute_parameters(): external_function_parameters {
        return new external_function_parameters([
            'cmid' => new external_value(PARAM_INT, 'Course module id'),
        ]);
    }

    /**
     * Returns the live state.
     *
     * @param int $cmid
     * @return array
     */
    public static function execute(int $cmid): array {
        global $USER;
        ['cmid' => $cmid] = self::validate_parameters(self::execute_parameters(), ['cmid' => $cmid]);

        [, $cm] = get_course_and_cm_from_cmid($cmid, 'magreactions');
        $context = context_module::instance($cm->id);
        self::validate_context($context);
        require_capability('mod/magreactions:view', $context);

        return manager::create_from_cm($cm)->get_state((int) $USER->id);
    }

    /**
     * Return structure.
     *
     * @return external_single_structure
     */
    public static function execute_returns(): external_single_structure {
        return self::state_structure();
    }

    /**
     * The live state structure, shared by the three functions (ReactionsState in the bridge protocol).
     *
     * @return external_single_structure
     */
    public static function state_structure(): external_single_structure {
        return new external_single_structure([
            'counts' => new external_single_structure([
                'understood' => new external_value(PARAM_INT, 'Trainees who understood'),
                'question' => new external_value(PARAM_INT, 'Trainees with a question'),
                'lost' => new external_value(PARAM_INT, 'Trainees who are lost'),
                'slower' => new external_value(PARAM_INT, 'Trainees who ask to go slower'),
            ], 'Counts of the current round'),
            'version' => new external_value(PARAM_INT, 'Version of the live state, bumped on every change'),
        ], 'Live state');
    }
}
