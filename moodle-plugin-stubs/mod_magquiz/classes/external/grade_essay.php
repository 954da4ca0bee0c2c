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
use core_external\external_value;
use mod_magquiz\manager;

/**
 * Bridge subject `quiz.grade`: a trainer grades an open answer (an essay) of a finished attempt, with a mark from 0 to the
 * question's mark and a comment for the trainee; the trainee's grade goes to the gradebook again. Answers with the
 * trainer's results (an attempt outside the trainer's groups is refused as unknown); a refusal comes back as `error`.
 *
 * @package    mod_magquiz
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class grade_essay extends external_api {
    /**
     * Parameters: the course module and the subject's payload, under the bridge's names.
     *
     * @return external_function_parameters
     */
    public static function execute_parameters(): external_function_parameters {
        return new external_function_parameters([
            'cmid' => structures::cmid(),
            'attempt' => new external_value(PARAM_INT, 'The attempt, as quiz.results names it'),
            'position' => new external_value(PARAM_INT, 'The question\'s place in the attempt, from 0'),
            'mark' => new external_value(PARAM_FLOAT, 'The mark, from 0 to the question\'s mark'),
            'comment' => new external_value(PARAM_RAW, 'A comment for the trainee, plain text', VALUE_DEFAULT, ''),
        ]);
    }

    /**
     * Runs the subject for the current user: parameters, context and capabilities are checked first.
     *
     * @param int $cmid
     * @param int $attempt
     * @param int $position
     * @param float $mark
     * @param string $comment
     * @return array
     */
    public static function execute(int $cmid, int $attempt, int $position, float $mark, string $comment = ''): array {
        global $USER;
        $params = self::validate_parameters(self::execute_parameters(), [
            'cmid' => $cmid,
            'attempt' => $attempt,
            'position' => $position,
            'mark' => $mark,
            'comment' => $comment,
        ]);

        [, $cm] = get_course_and_cm_from_cmid($params['cmid'], 'magquiz');
        $context = context_module::instance($cm->id);
        self::validate_context($context);
        require_capability('mod/magquiz:view', $context);
        require_capability('mod/magquiz:grade', $context);
        // The answer holds every trainee's results.
        require_capability('mod/magquiz:viewresults', $context);
        if ($params['attempt'] < 0 || $params['position'] < 0) {
            throw new \invalid_parameter_exception('attempt and position: from 0');
        }
        if (!is_finite($params['mark']) || $params['mark'] < 0) {
            throw new \invalid_parameter_exception('mark: a number from 0');
        }
        if (\core_text::strlen($params['comment']) > manager::MAX_COMMENT) {
            throw new \invalid_parameter_exception('comment: ' . manager::MAX_COMMENT . ' characters at most');
        }

        return manager::create_from_cm($cm)->grade_essay((int) $USER->id, $params['attempt'], $params['position'],
            (float) $params['mark'], $params['comment']);
    }

    /**
     * Return structure.
     *
     * @return external_single_structure
     */
    public static function execute_returns(): external_single_structure {
        return structures::grade_result();
    }
}
