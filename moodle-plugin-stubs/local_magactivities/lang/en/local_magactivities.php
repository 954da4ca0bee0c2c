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
 * English strings.
 *
 * @package    local_magactivities
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$string['loading'] = 'Loading the activity…';
$string['noscript'] = 'This activity needs JavaScript.';
$string['pluginname'] = 'Magistère activities';
$string['privacy:metadata'] = 'The Magistère activities shared plugin stores no personal data: each activity module declares its own.';
$string['settings:frameorigins'] = 'Allowed activity frame origins';
$string['settings:frameorigins_desc'] = 'Origins (such as https://activities.example.org) allowed to embed activities in an iframe on Moodle pages, one per line. Leave empty when activities run in the page itself.';
$string['settings:poll'] = 'Live updates';
$string['settings:poll_desc'] = 'Pages poll a light endpoint to learn whether an activity changed. They poll at the shortest interval while things change, slow down when nothing happens, and never stop while the page is visible.';
$string['settings:pollmax'] = 'Longest polling interval (ms)';
$string['settings:pollmax_desc'] = 'Delay between two polls when nothing has changed for a while, in milliseconds. At most {$a} ms.';
$string['settings:pollmin'] = 'Shortest polling interval (ms)';
$string['settings:pollmin_desc'] = 'Delay between two polls while the activity changes, in milliseconds. At least {$a} ms.';
$string['settings:tokenttl'] = 'Channel token lifetime (s)';
$string['settings:tokenttl_desc'] = 'How long a signed channel token lets a page poll without asking for a new one, in seconds (300 to 86400).';
