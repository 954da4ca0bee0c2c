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
 * Shows a quiz: the group selector (for the trainer's results), the <mag-quiz> element, its bundle and the host
 * module.
 *
 * @package    mod_magquiz
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

use local_magactivities\activity_page;
use mod_magquiz\manager;

require(__DIR__ . '/../../config.php');
require_once(__DIR__ . '/lib.php');

$id = required_param('id', PARAM_INT);
[$course, $cm] = get_course_and_cm_from_cmid($id, 'magquiz');

require_login($course, true, $cm);
$context = context_module::instance($cm->id);
require_capability('mod/magquiz:view', $context);

$manager = manager::create_from_cm($cm);
$instance = $manager->get_instance();
magquiz_view($instance, $course, $cm, $context);

$url = new moodle_url('/mod/magquiz/view.php', ['id' => $cm->id]);
$PAGE->set_url($url);
$PAGE->set_title(format_string($instance->name));
$PAGE->set_heading(format_string($course->fullname));
$PAGE->set_context($context);

$trainer = $manager->is_trainer((int) $USER->id);
// The group selector (it also takes the `group` parameter): the choice is kept in the session, where the results
// service reads it (manager::scope_users()), so it is settled before the trainer asks for results.
$groupselector = has_capability('mod/magquiz:viewresults', $context) ? groups_print_activity_menu($cm, $url, true) : '';

$role = $trainer ? activity_page::ROLE_TRAINER : activity_page::ROLE_TRAINEE;
$html = activity_page::render($cm, 'quiz', 'mag-quiz', manager::version_of($instance), $role, [
    'activity-title' => format_string($instance->name, true, ['context' => $context]),
]);

echo $OUTPUT->header();
echo $groupselector;
echo $html;
echo $OUTPUT->footer();
