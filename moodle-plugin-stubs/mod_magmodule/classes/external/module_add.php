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
 * Bridge subject `module.add` (module-activity/src/module/*-protocol.ts).
 *
 * The answer travels as JSON text (`{json}`), which local_magactivities' host module parses: its shape has records
 * keyed by step and facet, which Moodle's return structures cannot say. local\answers builds it; the contract test
 * checks it against the element's valibot schema.
 *
 * @package    mod_magmodule
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class module_add extends external_api {
    /**
     * Parameters: the course module and the subject's payload, under the bridge's names.
     *
     * @return external_function_parameters
     */
    public static function execute_parameters(): external_function_parameters {
        return new external_function_parameters([
            'cmid' => structures::cmid(),
            'base' => new external_value(PARAM_RAW, 'The catalog\'s base URL'),
            'entryId' => new external_value(PARAM_RAW, 'The module\'s id'),
            'version' => new external_value(PARAM_RAW, 'The version to use'),
        ]);
    }

    /**
     * Runs the subject for the current user: parameters, context and capabilities are checked first.
     *
     * @param int $cmid
     * @param string $base
     * @param string $entryid
     * @param string $version
     * @return array
     */
    public static function execute(int $cmid, string $base, string $entryid, string $version): array {
        global $USER;
        $params = self::validate_parameters(self::execute_parameters(), [
            'cmid' => $cmid,
            'base' => $base,
            'entryId' => $entryid,
            'version' => $version,
        ]);

        [, $cm] = get_course_and_cm_from_cmid($params['cmid'], 'magmodule');
        $context = context_module::instance($cm->id);
        self::validate_context($context);
        require_capability('mod/magmodule:view', $context);
        require_capability('mod/magmodule:manage', $context);

        $manager = manager::create_from_cm($cm);
        return structures::answer($manager->add(
            input::base($params['base']),
            input::entry_id($params['entryId']),
            input::version($params['version']),
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
