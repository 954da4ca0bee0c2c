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
 * Bridge subject `quiz.live.control`: the trainer opens a live session with its settings (any running one ends), then moves it
 * on: start, close, reveal, next, end. A move that makes no sense now changes nothing (a double click).
 *
 * @package    mod_magquiz
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class live_control extends external_api {
    /**
     * Parameters: the course module and the subject's payload, under the bridge's names.
     *
     * @return external_function_parameters
     */
    public static function execute_parameters(): external_function_parameters {
        return new external_function_parameters([
            'cmid' => structures::cmid(),
            'action' => new external_value(PARAM_ALPHA, 'open, start, close, reveal, next or end'),
            'settings' => new external_single_structure([
                'timerSeconds' => new external_value(PARAM_INT, 'Seconds a question stays open, 5 to 600', VALUE_OPTIONAL),
                'speedPoints' => new external_value(PARAM_BOOL, 'Whether speed earns points'),
                'leaderboard' => new external_value(PARAM_ALPHANUMEXT, 'off, top5, progress or teams'),
            ], 'For open: the session\'s settings; the activity\'s defaults without them', VALUE_OPTIONAL),
        ]);
    }

    /**
     * Runs the subject for the current user: parameters, context and capabilities are checked first.
     *
     * @param int $cmid
     * @param string $action
     * @param array|null $settings
     * @return array
     */
    public static function execute(int $cmid, string $action, ?array $settings = null): array {
        global $USER;
        $raw = ['cmid' => $cmid, 'action' => $action];
        if ($settings !== null) {
            $raw['settings'] = $settings;
        }
        $params = self::validate_parameters(self::execute_parameters(), $raw);

        [, $cm] = get_course_and_cm_from_cmid($params['cmid'], 'magquiz');
        $context = context_module::instance($cm->id);
        self::validate_context($context);
        require_capability('mod/magquiz:view', $context);
        require_capability('mod/magquiz:control', $context);

        return manager::create_from_cm($cm)->live_control((int) $USER->id, $params['action'], $params['settings'] ?? null);
    }

    /**
     * Return structure.
     *
     * @return external_single_structure
     */
    public static function execute_returns(): external_single_structure {
        return structures::state();
    }
}
