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

namespace mod_magmodule\external;

use context_module;
use core_external\external_api;
use core_external\external_function_parameters;
use core_external\external_single_structure;
use core_external\external_value;
use mod_magmodule\manager;

/**
 * Bridge subject `module.h5p_load` (module-activity/src/module/*-protocol.ts).
 *
 * The answer travels as JSON text (`{json}`), which local_magactivities' host module parses: its shape has records
 * keyed by step and facet, which Moodle's return structures cannot say. local\answers builds it; the contract test
 * checks it against the element's valibot schema.
 *
 * @package    mod_magmodule
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class module_h5p_load extends external_api {
    /**
     * Parameters: the course module and the subject's payload, under the bridge's names.
     *
     * @return external_function_parameters
     */
    public static function execute_parameters(): external_function_parameters {
        return new external_function_parameters([
            'cmid' => structures::cmid(),
            'stepId' => new external_value(PARAM_RAW, 'The module step'),
            'itemId' => new external_value(PARAM_RAW, 'The item'),
        ]);
    }

    /**
     * Runs the subject for the current user: parameters, context and capabilities are checked first.
     *
     * @param int $cmid
     * @param string $stepid
     * @param string $itemid
     * @return array
     */
    public static function execute(int $cmid, string $stepid, string $itemid): array {
        global $USER;
        $params = self::validate_parameters(self::execute_parameters(), [
            'cmid' => $cmid,
            'stepId' => $stepid,
            'itemId' => $itemid,
        ]);

        [, $cm] = get_course_and_cm_from_cmid($params['cmid'], 'magmodule');
        $context = context_module::instance($cm->id);
        self::validate_context($context);
        require_capability('mod/magmodule:view', $context);

        $manager = manager::create_from_cm($cm);
        return structures::answer($manager->h5p_load(
            input::step_id($params['stepId']),
            input::item_id($params['itemId']),
            (int) $USER->id
        ));
    }

    /**
     * Return structure.
     *
     * @return external_single_structure
     */
    public static function execute_returns(): external_single_structure {
        return structures::json_answer();
    }
}
