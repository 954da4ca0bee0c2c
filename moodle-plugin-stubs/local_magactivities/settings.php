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
 * Admin settings: bounds of the polling interval and lifetime of channel tokens.
 *
 * @package    local_magactivities
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

use local_magactivities\local\poll_schedule;

if ($hassiteconfig) {
    $settings = new admin_settingpage('local_magactivities', new lang_string('pluginname', 'local_magactivities'));
    $ADMIN->add('localplugins', $settings);

    if ($ADMIN->fulltree) {
        $settings->add(new admin_setting_heading('local_magactivities/pollheading',
            new lang_string('settings:poll', 'local_magactivities'),
            new lang_string('settings:poll_desc', 'local_magactivities')));

        $settings->add(new admin_setting_configtext('local_magactivities/pollmin',
            new lang_string('settings:pollmin', 'local_magactivities'),
            new lang_string('settings:pollmin_desc', 'local_magactivities', poll_schedule::FLOOR_MS),
            poll_schedule::DEFAULT_MIN_MS, PARAM_INT));

        $settings->add(new admin_setting_configtext('local_magactivities/pollmax',
            new lang_string('settings:pollmax', 'local_magactivities'),
            new lang_string('settings:pollmax_desc', 'local_magactivities', poll_schedule::CEILING_MS),
            poll_schedule::DEFAULT_MAX_MS, PARAM_INT));

        $settings->add(new admin_setting_configtext('local_magactivities/tokenttl',
            new lang_string('settings:tokenttl', 'local_magactivities'),
            new lang_string('settings:tokenttl_desc', 'local_magactivities'),
            \local_magactivities\channel::DEFAULT_TTL, PARAM_INT));

        $settings->add(new admin_setting_configtextarea('local_magactivities/frameorigins',
            new lang_string('settings:frameorigins', 'local_magactivities'),
            new lang_string('settings:frameorigins_desc', 'local_magactivities'),
            '', PARAM_RAW_TRIMMED));
    }
}
