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
 * Web services: one per bridge subject of the word cloud (wordcloud/src/protocol.ts and trainer-protocol.ts).
 *
 * local_magactivities/host_logic maps each subject to its function (ACTIVITIES.wordcloud); check-plugins.mjs checks
 * that both lists agree.
 *
 * @package    mod_magwordcloud
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$functions = [
    'mod_magwordcloud_get_state' => [
        'classname' => \mod_magwordcloud\external\get_state::class,
        'description' => 'The live state the caller may see (bridge subject wordcloud.state).',
        'type' => 'read',
        'ajax' => true,
        'capabilities' => 'mod/magwordcloud:view',
    ],
    'mod_magwordcloud_submit' => [
        'classname' => \mod_magwordcloud\external\submit::class,
        'description' => 'Records an answer, once per idempotency key (bridge subject wordcloud.submit).',
        'type' => 'write',
        'ajax' => true,
        'capabilities' => 'mod/magwordcloud:submit',
    ],
    'mod_magwordcloud_withdraw' => [
        'classname' => \mod_magwordcloud\external\withdraw::class,
        'description' => 'Withdraws one of the caller\'s entries (bridge subject wordcloud.withdraw).',
        'type' => 'write',
        'ajax' => true,
        'capabilities' => 'mod/magwordcloud:submit',
    ],
    'mod_magwordcloud_configure' => [
        'classname' => \mod_magwordcloud\external\configure::class,
        'description' => 'Changes settings; trainers only (bridge subject wordcloud.configure).',
        'type' => 'write',
        'ajax' => true,
        'capabilities' => 'mod/magwordcloud:moderate',
    ],
    'mod_magwordcloud_open' => [
        'classname' => \mod_magwordcloud\external\open::class,
        'description' => 'Opens the activity to answers; trainers only (bridge subject wordcloud.open).',
        'type' => 'write',
        'ajax' => true,
        'capabilities' => 'mod/magwordcloud:moderate',
    ],
    'mod_magwordcloud_close' => [
        'classname' => \mod_magwordcloud\external\close::class,
        'description' => 'Closes the activity to answers; trainers only (bridge subject wordcloud.close).',
        'type' => 'write',
        'ajax' => true,
        'capabilities' => 'mod/magwordcloud:moderate',
    ],
    'mod_magwordcloud_reset' => [
        'classname' => \mod_magwordcloud\external\reset::class,
        'description' => 'Deletes every entry, merge and hidden word; trainers only (bridge subject wordcloud.reset).',
        'type' => 'write',
        'ajax' => true,
        'capabilities' => 'mod/magwordcloud:moderate',
    ],
    'mod_magwordcloud_hide' => [
        'classname' => \mod_magwordcloud\external\hide::class,
        'description' => 'Hides a word; trainers only (bridge subject wordcloud.hide).',
        'type' => 'write',
        'ajax' => true,
        'capabilities' => 'mod/magwordcloud:moderate',
    ],
    'mod_magwordcloud_unhide' => [
        'classname' => \mod_magwordcloud\external\unhide::class,
        'description' => 'Shows a hidden word again; trainers only (bridge subject wordcloud.unhide).',
        'type' => 'write',
        'ajax' => true,
        'capabilities' => 'mod/magwordcloud:moderate',
    ],
    'mod_magwordcloud_merge' => [
        'classname' => \mod_magwordcloud\external\merge::class,
        'description' => 'Merges words; trainers only (bridge subject wordcloud.merge).',
        'type' => 'write',
        'ajax' => true,
        'capabilities' => 'mod/magwordcloud:moderate',
    ],
    'mod_magwordcloud_unmerge' => [
        'classname' => \mod_magwordcloud\external\unmerge::class,
        'description' => 'Undoes a merge; trainers only (bridge subject wordcloud.unmerge).',
        'type' => 'write',
        'ajax' => true,
        'capabilities' => 'mod/magwordcloud:moderate',
    ],
    'mod_magwordcloud_approve' => [
        'classname' => \mod_magwordcloud\external\approve::class,
        'description' => 'Approves a pending entry; trainers only (bridge subject wordcloud.approve).',
        'type' => 'write',
        'ajax' => true,
        'capabilities' => 'mod/magwordcloud:moderate',
    ],
    'mod_magwordcloud_reject' => [
        'classname' => \mod_magwordcloud\external\reject::class,
        'description' => 'Rejects a pending entry; trainers only (bridge subject wordcloud.reject).',
        'type' => 'write',
        'ajax' => true,
        'capabilities' => 'mod/magwordcloud:moderate',
    ],
    'mod_magwordcloud_export' => [
        'classname' => \mod_magwordcloud\external\export::class,
        'description' => 'Words with weights, and authors when named; trainers only (bridge subject wordcloud.export).',
        'type' => 'read',
        'ajax' => true,
        'capabilities' => 'mod/magwordcloud:moderate',
    ],
];
