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
 * Admin settings: the catalogs the server may read, and where H5P content plays.
 *
 * @package    mod_magmodule
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

if ($ADMIN->fulltree) {
    $settings->add(new \mod_magmodule\admin\setting_catalogs('mod_magmodule/catalogs',
        new lang_string('settings:catalogs', 'mod_magmodule'),
        new lang_string('settings:catalogs_desc', 'mod_magmodule'), ''));

    $settings->add(new admin_setting_configtext('mod_magmodule/h5pplayer',
        new lang_string('settings:h5pplayer', 'mod_magmodule'),
        new lang_string('settings:h5pplayer_desc', 'mod_magmodule'), '', PARAM_URL));
}
