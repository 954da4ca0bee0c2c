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
 * @package    mod_magmodule
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$string['cachedef_catalogs'] = 'Indexes of the allowed module catalogs';
$string['cachedef_packages'] = 'Module versions read from the allowed catalogs';
$string['catalogunavailable'] = 'The catalog of this module cannot be read now ({$a}).';
$string['completiondetail:modules'] = 'Complete every distance module of the programme';
$string['completionmodules'] = 'Distance modules';
$string['completionmodules_desc'] = 'The trainee completes every item of every catalog module of the programme';
$string['eventattemptrecorded'] = 'H5P attempt recorded';
$string['eventcoursemoduleviewed'] = 'Hybrid programme viewed';
$string['eventlink'] = 'Join the distance session';
$string['eventplace'] = 'Place: {$a}';
$string['eventprogrammeupdated'] = 'Hybrid programme changed';
$string['invalidsteps'] = 'The steps of the programme are not valid: {$a}';
$string['itemunreachable'] = 'this item is not part of the version of the module in use';
$string['magmodule:addinstance'] = 'Add a hybrid programme';
$string['magmodule:manage'] = 'Plan the programme and add catalog modules';
$string['magmodule:play'] = 'Follow the programme\'s modules (progress recorded)';
$string['magmodule:view'] = 'View the hybrid programme';
$string['magmodule:viewreport'] = 'View every trainee\'s progress and scores';
$string['modulename'] = 'Hybrid programme';
$string['modulename_help'] = 'A hybrid programme plans in-person sessions, synchronous distance sessions and distance modules from the allowed catalogs, linked rather than copied: trainers add a module in one click and move it to a newer version when the catalog publishes one; trainees follow one timeline and play the modules inside the course.';
$string['modulenameplural'] = 'Hybrid programmes';
$string['noinstances'] = 'There are no hybrid programmes in this course.';
$string['pluginadministration'] = 'Hybrid programme administration';
$string['pluginname'] = 'Hybrid programme';
$string['privacy:metadata:catalogs'] = 'The allowed module catalogs, read by the server. Nothing about users is sent to them: the server fetches their public files, without cookies.';
$string['privacy:metadata:catalogs:url'] = 'The addresses of the catalog files read';
$string['privacy:metadata:magmodule_attempt'] = 'Attempts at H5P items of the programme\'s modules';
$string['privacy:metadata:magmodule_attempt:attempt'] = 'The attempt number';
$string['privacy:metadata:magmodule_attempt:completion'] = 'Whether the content was completed';
$string['privacy:metadata:magmodule_attempt:duration'] = 'Time the attempt took';
$string['privacy:metadata:magmodule_attempt:maxscore'] = 'The maximum score';
$string['privacy:metadata:magmodule_attempt:rawscore'] = 'The score obtained';
$string['privacy:metadata:magmodule_attempt:scaled'] = 'The score as a share of the maximum';
$string['privacy:metadata:magmodule_attempt:success'] = 'Whether the attempt succeeded';
$string['privacy:metadata:magmodule_attempt:timecreated'] = 'When the attempt started';
$string['privacy:metadata:magmodule_attempt:userid'] = 'The trainee who made the attempt';
$string['privacy:metadata:magmodule_h5pstate'] = 'Saved states of H5P content, to resume it';
$string['privacy:metadata:magmodule_h5pstate:state'] = 'The content\'s state (answers given so far)';
$string['privacy:metadata:magmodule_h5pstate:userid'] = 'The trainee whose state it is';
$string['privacy:metadata:magmodule_item'] = 'Progress on each item of the programme\'s modules';
$string['privacy:metadata:magmodule_item:completed'] = 'Whether it is completed';
$string['privacy:metadata:magmodule_item:itemid'] = 'The module\'s item';
$string['privacy:metadata:magmodule_item:seconds'] = 'Time spent';
$string['privacy:metadata:magmodule_item:stepid'] = 'The step of the programme';
$string['privacy:metadata:magmodule_item:timemodified'] = 'When progress was last reported';
$string['privacy:metadata:magmodule_item:userid'] = 'The trainee';
$string['privacy:metadata:magmodule_stmtkey'] = 'Keys of the xAPI statements already counted, so that a retried one counts once';
$string['privacy:metadata:magmodule_stmtkey:statementkey'] = 'The statement\'s key';
$string['privacy:metadata:magmodule_stmtkey:userid'] = 'The trainee who sent it';
$string['privacy:metadata:magmodule_summary'] = 'A trainee\'s figures for each module of the programme';
$string['privacy:metadata:magmodule_summary:percent'] = 'Share of the module completed';
$string['privacy:metadata:magmodule_summary:score'] = 'Score on the module\'s H5P content';
$string['privacy:metadata:magmodule_summary:userid'] = 'The trainee';
$string['resetdates'] = 'Dates of the sessions and modules moved with the course';
$string['resetprogress'] = 'Delete trainees\' progress, attempts and H5P states';
$string['settings:catalogs'] = 'Allowed catalogs';
$string['settings:catalogs_desc'] = 'The module catalogs trainers may choose from, one per line: the address of the folder of the catalog\'s index.json (for example https://catalogue.example.fr/magistere/). Only https addresses (http for localhost). Moodle\'s server reads them, through Moodle\'s HTTP security settings; browsers never fetch a catalog\'s index.';
$string['settings:catalogs_invalid'] = 'Line {$a->line} is not a catalog address (https://…/, without user name, query or fragment): {$a->value}';
$string['settings:h5pplayer'] = 'H5P player page';
$string['settings:h5pplayer_desc'] = 'Leave empty to play H5P content in this plugin\'s sandboxed page (mod/magmodule/h5p.php, without session, with an opaque origin). Or the address of a copy of that page on a separate origin, such as the reference host\'s /h5p/player.';
$string['stepclosed'] = 'this module step is closed: nothing more is recorded';
$string['steps'] = 'Steps';
$string['steps_desc'] = 'Plan the in-person sessions, distance sessions and catalog modules in the activity\'s page, once it is saved.';
$string['stepupcoming'] = 'this module step is not open yet';
