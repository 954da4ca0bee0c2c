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
 * Web services: one per bridge subject of the reactions activity.
 *
 * @package    mod_magreactions
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$functions = [
    'mod_magreactions_get_state' => [
        'classname' => \mod_magreactions\external\get_state::class,
        'description' => 'Counts of the current round and the version of the live state (bridge subject reactions.state).',
        'type' => 'read',
        'ajax' => true,
        'capabilities' => 'mod/magreactions:view',
        'services' => [MOODLE_OFFICIAL_MOBILE_SERVICE],
    ],
    'mod_magreactions_react' => [
        'classname' => \mod_magreactions\external\react::class,
        'description' => 'Sends a reaction, counted once per idempotency key (bridge subject reactions.react).',
        'type' => 'write',
        'ajax' => true,
        'capabilities' => 'mod/magreactions:react',
        'services' => [MOODLE_OFFICIAL_MOBILE_SERVICE],
    ],
    'mod_magreactions_reset' => [
        'classname' => \mod_magreactions\external\reset::class,
        'description' => 'Starts a new round with zero counts; trainers only (bridge subject reactions.reset).',
        'type' => 'write',
        'ajax' => true,
        'capabilities' => 'mod/magreactions:reset',
        'services' => [MOODLE_OFFICIAL_MOBILE_SERVICE],
    ],
];
