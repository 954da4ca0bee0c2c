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

use context_module;
use core_external\external_api;
use core_external\external_function_parameters;
use core_external\external_single_structure;
use core_external\external_value;
use mod_magquiz\manager;

/**
 * Bridge subject `quiz.live.answer`: a participant's answer to the open live question (the first one counts), graded on arrival.
 * `elapsedMs` is what the device measured, used only when shorter than what the server saw (live.ts fairElapsed).
 *
 * @package    mod_magquiz
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class live_answer extends external_api {
    /**
     * Parameters: the course module and the subject's payload, under the bridge's names.
     *
     * @return external_function_parameters
     */
    public static function execute_parameters(): external_function_parameters {
        return new external_function_parameters([
            'cmid' => structures::cmid(),
            'step' => new external_value(PARAM_INT, 'The live question, from 0'),
            'response' => new external_value(PARAM_RAW, 'The response in the terms of the screen, JSON'),
            'key' => structures::key(),
            'elapsedMs' => new external_value(PARAM_FLOAT, 'Milliseconds the device measured', VALUE_DEFAULT, null, NULL_ALLOWED),
        ]);
    }

    /**
     * Runs the subject for the current user: parameters, context and capabilities are checked first.
     *
     * @param int $cmid
     * @param int $step
     * @param string $response JSON
     * @param string $key
     * @param float|null $elapsedms
     * @return array
     */
    public static function execute(int $cmid, int $step, string $response, string $key, ?float $elapsedms = null): array {
        global $USER;
        $params = self::validate_parameters(self::execute_parameters(), [
            'cmid' => $cmid,
            'step' => $step,
            'response' => $response,
            'key' => $key,
            'elapsedMs' => $elapsedms,
        ]);

        [, $cm] = get_course_and_cm_from_cmid($params['cmid'], 'magquiz');
        $context = context_module::instance($cm->id);
        self::validate_context($context);
        require_capability('mod/magquiz:view', $context);
        require_capability('mod/magquiz:attempt', $context);
        $elapsed = $params['elapsedMs'];
        if ($params['step'] < 0 || ($elapsed !== null && (!is_finite($elapsed) || $elapsed < 0 || $elapsed > 3600000))) {
            throw new \invalid_parameter_exception('step from 0, elapsedMs from 0 to 3,600,000');
        }
        $decoded = structures::decode($params['response'], 'response');

        return manager::create_from_cm($cm)->live_answer((int) $USER->id, $params['step'], $decoded, $elapsed, $params['key']);
    }

    /**
     * Return structure.
     *
     * @return external_single_structure
     */
    public static function execute_returns(): external_single_structure {
        return structures::answer_result();
    }
}
