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
namespace mod_magquiz\external;
namespace mod_magquiz\external;

use context_module;
use core_external\external_api;
use core_external\external_function_parameters;
use core_external\external_single_structure;
use mod_magquiz\local\accommodations as rules;
use mod_magquiz\manager;

/**
 * Bridge subject `quiz.accommodations`: the trainees who may attempt the quiz (in the trainer's groups, as the
 * results), each with their extra time on the time limit; with `set`, stores one trainee's extra time first (0 removes
 * it), for the attempts they start from then on and their attempt in progress, whose deadline moves. An unknown
 * trainee comes back as `error` `not_found`, with nothing changed.
 *
 * @package    mod_magquiz
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class accommodations extends external_api {
    /**
     * Parameters: the course module and the subject's payload, under the bridge's names.
     *
     * @return external_function_parameters
     */
    public static function execute_parameters(): external_function_parameters {
        return new external_function_parameters([
            'cmid' => structures::cmid(),
            'set' => structures::accommodation_set(),
        ]);
    }

    /**
     * Runs the subject for the current user: parameters, context and capabilities are checked first.
     *
     * @param int $cmid
     * @param array|null $set ['user' => string, 'extraTimeSeconds' => int]
     * @return array
     */
    public static function execute(int $cmid, ?array $set = null): array {
        global $USER;
        $args = ['cmid' => $cmid];
        if ($set !== null) {
            $args['set'] = $set;
        }
        $params = self::validate_parameters(self::execute_parameters(), $args);

        [, $cm] = get_course_and_cm_from_cmid($params['cmid'], 'magquiz');
        $context = context_module::instance($cm->id);
        self::validate_context($context);
        require_capability('mod/magquiz:view', $context);
        require_capability('mod/magquiz:accommodate', $context);
        $parsed = ($params['set'] ?? null) === null ? null : rules::parse_set($params['set']);

        return manager::create_from_cm($cm)->accommodations((int) $USER->id, $parsed);
    }

    /**
     * Return structure.
     *
     * @return external_single_structure
     */
    public static function execute_returns(): external_single_structure {
        return structures::accommodations_result();
    }
}
