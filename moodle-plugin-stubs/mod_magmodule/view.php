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
 * Shows a hybrid programme: the plan and the trainees' timeline (<mag-programme>), then its catalog modules: the
 * browser for trainers, the player for trainees (<mag-module>), both on the shared host module.
 *
 * @package    mod_magmodule
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

use local_magactivities\activity_page;
use mod_magmodule\manager;

require(__DIR__ . '/../../config.php');
require_once(__DIR__ . '/lib.php');

$id = required_param('id', PARAM_INT);
$step = optional_param('step', '', PARAM_ALPHANUMEXT);
[$course, $cm] = get_course_and_cm_from_cmid($id, 'magmodule');

require_login($course, true, $cm);
$context = context_module::instance($cm->id);
require_capability('mod/magmodule:view', $context);

$manager = manager::create_from_cm($cm);
$instance = $manager->get_instance();
magmodule_view($instance, $course, $cm, $context);

$url = new moodle_url('/mod/magmodule/view.php', ['id' => $cm->id]);
$PAGE->set_url($url);
$PAGE->set_title(format_string($instance->name));
$PAGE->set_heading(format_string($course->fullname));
$PAGE->set_context($context);

$role = $manager->is_trainer((int) $USER->id) ? activity_page::ROLE_TRAINER : activity_page::ROLE_TRAINEE;
$title = format_string($instance->name, true, ['context' => $context]);
// Two elements of one course module: each has its own bridge instance id; both call this module's web services.
$programme = activity_page::render($cm, 'programme', 'mag-programme', (int) $instance->version, $role,
    ['activity-title' => $title], $cm->id . '-programme');
$module = activity_page::render($cm, 'module', 'mag-module', (int) $instance->version, $role,
    $step !== '' ? ['activity-title' => $title, 'step' => $step] : ['activity-title' => $title]);

echo $OUTPUT->header();
echo $programme;
echo $module;
echo $OUTPUT->footer();
