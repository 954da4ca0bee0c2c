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
 * Web services: one per bridge subject of <mag-programme> (module-activity/src/programme/protocol.ts) and of
 * <mag-module> (module/protocol.ts, trainer-protocol.ts, player-protocol.ts).
 *
 * local_magactivities/host_logic maps each subject to its function (ACTIVITIES.programme and ACTIVITIES.module, both
 * on this module); check-plugins.mjs checks that both lists agree.
 *
 * @package    mod_magmodule
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$functions = [
    'mod_magmodule_programme_state' => [
        'classname' => \mod_magmodule\external\programme_state::class,
        'description' => 'The programme: its steps and the caller\'s own progress (bridge subject programme.state).',
        'type' => 'read',
        'ajax' => true,
        'capabilities' => 'mod/magmodule:view',
    ],
    'mod_magmodule_programme_save' => [
        'classname' => \mod_magmodule\external\programme_save::class,
        'description' => 'Replaces the steps if nobody changed them since the trainer\'s version (bridge subject programme.save).',
        'type' => 'write',
        'ajax' => true,
        'capabilities' => 'mod/magmodule:manage',
    ],
    'mod_magmodule_programme_catalog' => [
        'classname' => \mod_magmodule\external\programme_catalog::class,
        'description' => 'Modules a trainer may add: the newest versions of the allowed catalogs (bridge subject programme.catalog).',
        'type' => 'read',
        'ajax' => true,
        'capabilities' => 'mod/magmodule:manage',
    ],
    'mod_magmodule_module_state' => [
        'classname' => \mod_magmodule\external\module_state::class,
        'description' => 'The module steps with the caller\'s progress, or the updates their catalog offers to trainers (bridge subject module.state).',
        'type' => 'read',
        'ajax' => true,
        'capabilities' => 'mod/magmodule:view',
    ],
    'mod_magmodule_module_catalog_search' => [
        'classname' => \mod_magmodule\external\module_catalog_search::class,
        'description' => 'Searches the allowed catalogs with facets (bridge subject module.catalog_search).',
        'type' => 'read',
        'ajax' => true,
        'capabilities' => 'mod/magmodule:manage',
    ],
    'mod_magmodule_module_catalog_preview' => [
        'classname' => \mod_magmodule\external\module_catalog_preview::class,
        'description' => 'A catalog module\'s preview (bridge subject module.catalog_preview).',
        'type' => 'read',
        'ajax' => true,
        'capabilities' => 'mod/magmodule:manage',
    ],
    'mod_magmodule_module_add' => [
        'classname' => \mod_magmodule\external\module_add::class,
        'description' => 'Adds a catalog module to the programme in one click (bridge subject module.add).',
        'type' => 'write',
        'ajax' => true,
        'capabilities' => 'mod/magmodule:manage',
    ],
    'mod_magmodule_module_update' => [
        'classname' => \mod_magmodule\external\module_update::class,
        'description' => 'Moves a module step to a newer version (bridge subject module.update).',
        'type' => 'write',
        'ajax' => true,
        'capabilities' => 'mod/magmodule:manage',
    ],
    'mod_magmodule_module_report' => [
        'classname' => \mod_magmodule\external\module_report::class,
        'description' => 'Every trainee\'s progress, time and scores, a page at a time (bridge subject module.report).',
        'type' => 'read',
        'ajax' => true,
        'capabilities' => 'mod/magmodule:viewreport',
    ],
    'mod_magmodule_module_play' => [
        'classname' => \mod_magmodule\external\module_play::class,
        'description' => 'A module step\'s outline for the player (bridge subject module.play).',
        'type' => 'read',
        'ajax' => true,
        'capabilities' => 'mod/magmodule:view',
    ],
    'mod_magmodule_module_item' => [
        'classname' => \mod_magmodule\external\module_item::class,
        'description' => 'One part of an item\'s content (bridge subject module.item).',
        'type' => 'read',
        'ajax' => true,
        'capabilities' => 'mod/magmodule:view',
    ],
    'mod_magmodule_module_progress' => [
        'classname' => \mod_magmodule\external\module_progress::class,
        'description' => 'Time spent on an item and its completion (bridge subject module.progress).',
        'type' => 'write',
        'ajax' => true,
        'capabilities' => 'mod/magmodule:view',
    ],
    'mod_magmodule_module_xapi' => [
        'classname' => \mod_magmodule\external\module_xapi::class,
        'description' => 'An xAPI statement of an H5P item (bridge subject module.xapi).',
        'type' => 'write',
        'ajax' => true,
        'capabilities' => 'mod/magmodule:view',
    ],
    'mod_magmodule_module_h5p_save' => [
        'classname' => \mod_magmodule\external\module_h5p_save::class,
        'description' => 'Saves an H5P item\'s state (bridge subject module.h5p_save).',
        'type' => 'write',
        'ajax' => true,
        'capabilities' => 'mod/magmodule:view',
    ],
    'mod_magmodule_module_h5p_load' => [
        'classname' => \mod_magmodule\external\module_h5p_load::class,
        'description' => 'The saved state of an H5P item (bridge subject module.h5p_load).',
        'type' => 'read',
        'ajax' => true,
        'capabilities' => 'mod/magmodule:view',
    ],
];
