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
 * Shows a word cloud: the group selector, the <mag-wordcloud> element, its bundle and the host module.
 *
 * @package    mod_magwordcloud
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

use local_magactivities\activity_page;
use mod_magwordcloud\manager;

require(__DIR__ . '/../../config.php');
require_once(__DIR__ . '/lib.php');

$id = required_param('id', PARAM_INT);
[$course, $cm] = get_course_and_cm_from_cmid($id, 'magwordcloud');

require_login($course, true, $cm);
$context = context_module::instance($cm->id);
require_capability('mod/magwordcloud:view', $context);

$manager = manager::create_from_cm($cm);
$instance = $manager->get_instance();
magwordcloud_view($instance, $course, $cm, $context);

$url = new moodle_url('/mod/magwordcloud/view.php', ['id' => $cm->id]);
$PAGE->set_url($url);
$PAGE->set_title(format_string($instance->name));
$PAGE->set_heading(format_string($course->fullname));
$PAGE->set_context($context);

// The group selector (it also takes the `group` parameter): the choice is kept in the session, where the web
// services read it (manager::scope_groups()), so it is settled before the element asks for its state.
$groupselector = groups_print_activity_menu($cm, $url, true);

$role = $manager->is_moderator((int) $USER->id) ? activity_page::ROLE_TRAINER : activity_page::ROLE_TRAINEE;
$html = activity_page::render($cm, 'wordcloud', 'mag-wordcloud', (int) $instance->version, $role, [
    'activity-title' => format_string($instance->name, true, ['context' => $context]),
]);

echo $OUTPUT->header();
echo $groupselector;
echo $html;
echo $OUTPUT->footer();
