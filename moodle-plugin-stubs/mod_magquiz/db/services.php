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

/**
 * Web services: one per bridge subject of the quiz (quiz/src/protocol.ts and trainer-protocol.ts).
 *
 * local_magactivities/host_logic maps each subject to its function (ACTIVITIES.quiz); check-plugins.mjs checks that
 * both lists agree.
 *
 * @package    mod_magquiz
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$functions = [
    'mod_magquiz_get_state' => [
        'classname' => \mod_magquiz\external\get_state::class,
        'description' => 'What the caller may see of the quiz: their attempts, the live session (bridge subject quiz.state).',
        'type' => 'read',
        'ajax' => true,
        'capabilities' => 'mod/magquiz:view',
    ],
    'mod_magquiz_start' => [
        'classname' => \mod_magquiz\external\start::class,
        'description' => 'Starts a self-paced attempt, once per idempotency key (bridge subject quiz.start).',
        'type' => 'write',
        'ajax' => true,
        'capabilities' => 'mod/magquiz:attempt',
    ],
    'mod_magquiz_act' => [
        'classname' => \mod_magquiz\external\act::class,
        'description' => 'Saves, checks, retries or finishes in an attempt, once per key (bridge subject quiz.act).',
        'type' => 'write',
        'ajax' => true,
        'capabilities' => 'mod/magquiz:attempt',
    ],
    'mod_magquiz_live_join' => [
        'classname' => \mod_magquiz\external\live_join::class,
        'description' => 'Joins the live session (bridge subject quiz.live.join).',
        'type' => 'write',
        'ajax' => true,
        'capabilities' => 'mod/magquiz:attempt',
    ],
    'mod_magquiz_live_answer' => [
        'classname' => \mod_magquiz\external\live_answer::class,
        'description' => 'Answers the open live question, once (bridge subject quiz.live.answer).',
        'type' => 'write',
        'ajax' => true,
        'capabilities' => 'mod/magquiz:attempt',
    ],
    'mod_magquiz_live_control' => [
        'classname' => \mod_magquiz\external\live_control::class,
        'description' => 'Opens and moves the live session; trainers only (bridge subject quiz.live.control).',
        'type' => 'write',
        'ajax' => true,
        'capabilities' => 'mod/magquiz:control',
    ],
    'mod_magquiz_results' => [
        'classname' => \mod_magquiz\external\results::class,
        'description' => 'Per question, per trainee and live results; trainers only (bridge subject quiz.results).',
        'type' => 'read',
        'ajax' => true,
        'capabilities' => 'mod/magquiz:viewresults',
    ],
    'mod_magquiz_grade_essay' => [
        'classname' => \mod_magquiz\external\grade_essay::class,
        'description' => 'Grades an open answer of a finished attempt, then the gradebook; trainers only (bridge subject '
            . 'quiz.grade).',
        'type' => 'write',
        'ajax' => true,
        'capabilities' => 'mod/magquiz:grade, mod/magquiz:viewresults',
    ],
    'mod_magquiz_accommodations' => [
        'classname' => \mod_magquiz\external\accommodations::class,
        'description' => 'Lists the trainees who may attempt the quiz with their extra time, and sets one; trainers only '
            . '(bridge subject quiz.accommodations).',
        'type' => 'write',
        'ajax' => true,
        'capabilities' => 'mod/magquiz:accommodate',
    ],
];
