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
 * Library of functions Moodle core calls for the hybrid programme: instances, features, grades, completion, calendar
 * events of the sessions, course reset.
 *
 * @package    mod_magmodule
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

use mod_magmodule\local\programme;
use mod_magmodule\manager;

defined('MOODLE_INTERNAL') || die();

/** Calendar event type of in-person and synchronous sessions. */
define('MAGMODULE_EVENT_SESSION', 'session');

/**
 * What the module supports.
 *
 * @param string $feature FEATURE_xx constant
 * @return mixed true, false, a purpose or null when unknown
 */
function magmodule_supports($feature) {
    switch ($feature) {
        case FEATURE_MOD_INTRO:
        case FEATURE_SHOW_DESCRIPTION:
        case FEATURE_BACKUP_MOODLE2:
        case FEATURE_COMPLETION_TRACKS_VIEWS:
        case FEATURE_COMPLETION_HAS_RULES:
        case FEATURE_GRADE_HAS_GRADE:
            return true;
        case FEATURE_GROUPS:
        case FEATURE_GROUPINGS:
        case FEATURE_GRADE_OUTCOMES:
        case FEATURE_ADVANCED_GRADING:
            return false;
        case FEATURE_MOD_PURPOSE:
            return MOD_PURPOSE_CONTENT;
        case \local_magactivities\channel::FEATURE:
            return true;
        default:
            return null;
    }
}

/**
 * The fields of an instance record from the settings form (or a generator).
 *
 * @param stdClass $data
 * @return array field => value
 */
function magmodule_settings_fields(stdClass $data): array {
    $fields = [];
    if (isset($data->grade)) {
        $fields['grade'] = max(0, (float) $data->grade);
    }
    if (isset($data->completionmodules)) {
        $fields['completionmodules'] = empty($data->completionmodules) ? 0 : 1;
    }
    if (isset($data->steps)) {
        // Generators and backups give steps; they are checked like a trainer's save.
        $steps = is_string($data->steps) ? json_decode($data->steps, true) : json_decode(json_encode($data->steps), true);
        try {
            $fields['steps'] = json_encode(programme::check_steps($steps ?? []), JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
        } catch (\mod_magmodule\local\invalid_input $e) {
            throw new moodle_exception('invalidsteps', 'mod_magmodule', '', $e->getMessage());
        }
    }
    return $fields;
}

/**
 * Adds an instance.
 *
 * @param stdClass $data form data
 * @param mod_magmodule_mod_form|null $mform
 * @return int the new instance id
 */
function magmodule_add_instance(stdClass $data, $mform = null): int {
    global $DB;
    $now = time();
    $record = (object) (magmodule_settings_fields($data) + [
        'course' => $data->course,
        'name' => $data->name,
        'intro' => $data->intro ?? '',
        'introformat' => $data->introformat ?? FORMAT_HTML,
        'steps' => '[]',
        'grade' => 0,
        'completionmodules' => 0,
        'version' => 0,
        'timecreated' => $now,
        'timemodified' => $now,
    ]);
    $record->id = $DB->insert_record('magmodule', $record);
    $data->id = $record->id;
    $record = $DB->get_record('magmodule', ['id' => $record->id]);
    $record->cmidnumber = $data->cmidnumber ?? '';
    magmodule_grade_item_update($record);
    if (!empty($data->coursemodule)) {
        magmodule_refresh_steps_events($record, (int) $data->coursemodule);
    }
    return $record->id;
}

/**
 * Updates an instance from the settings form; the steps are the trainer's business in the page, not the form's.
 *
 * @param stdClass $data form data
 * @param mod_magmodule_mod_form|null $mform
 * @return bool
 */
function magmodule_update_instance(stdClass $data, $mform = null): bool {
    global $DB;
    $record = (object) (magmodule_settings_fields($data) + [
        'id' => $data->instance,
        'name' => $data->name,
        'intro' => $data->intro ?? '',
        'introformat' => $data->introformat ?? FORMAT_HTML,
        'timemodified' => time(),
    ]);
    $DB->update_record('magmodule', $record);
    manager::bump_version((int) $record->id);
    $updated = $DB->get_record('magmodule', ['id' => $record->id]);
    $updated->cmidnumber = $data->cmidnumber ?? '';
    magmodule_grade_item_update($updated);
    magmodule_update_grades($updated, 0, false);
    if (!empty($data->coursemodule)) {
        magmodule_refresh_steps_events($updated, (int) $data->coursemodule);
    }
    return true;
}

/**
 * Deletes an instance with its users' data, grades and calendar events.
 *
 * @param int $id
 * @return bool
 */
function magmodule_delete_instance(int $id): bool {
    global $DB;
    $record = $DB->get_record('magmodule', ['id' => $id]);
    if (!$record) {
        return false;
    }
    magmodule_delete_user_data($id);
    magmodule_grade_item_delete($record);
    $DB->delete_records('event', ['modulename' => 'magmodule', 'instance' => $id]);
    $DB->delete_records('magmodule', ['id' => $id]);
    return true;
}

/**
 * Deletes every user's records of an instance.
 *
 * @param int $id
 */
function magmodule_delete_user_data(int $id): void {
    global $DB;
    foreach (manager::USER_TABLES as $table) {
        $DB->delete_records($table, ['magmoduleid' => $id]);
    }
}

/**
 * Course module information, with the completion rule.
 *
 * @param stdClass $coursemodule
 * @return cached_cm_info|false
 */
function magmodule_get_coursemodule_info($coursemodule) {
    global $DB;
    $instance = $DB->get_record('magmodule', ['id' => $coursemodule->instance],
        'id, name, intro, introformat, completionmodules');
    if (!$instance) {
        return false;
    }
    $info = new cached_cm_info();
    $info->name = $instance->name;
    if ($coursemodule->showdescription) {
        $info->content = format_module_intro('magmodule', $instance, $coursemodule->id, false);
    }
    if ($coursemodule->completion == COMPLETION_TRACKING_AUTOMATIC) {
        $info->customdata['customcompletionrules']['completionmodules'] = (int) $instance->completionmodules;
    }
    return $info;
}

/**
 * Descriptions of the active completion rules, for the course page.
 *
 * @param cm_info|stdClass $cm
 * @return string[]
 */
function mod_magmodule_get_completion_active_rule_descriptions($cm): array {
    if (empty($cm->customdata['customcompletionrules']) || $cm->completion != COMPLETION_TRACKING_AUTOMATIC) {
        return [];
    }
    return empty($cm->customdata['customcompletionrules']['completionmodules']) ? []
        : [get_string('completiondetail:modules', 'mod_magmodule')];
}

/**
 * Logs a view and marks the activity viewed for completion.
 *
 * @param stdClass $instance
 * @param stdClass $course
 * @param cm_info|stdClass $cm
 * @param context_module $context
 */
function magmodule_view(stdClass $instance, stdClass $course, $cm, context_module $context): void {
    global $CFG;
    require_once($CFG->libdir . '/completionlib.php');
    $event = \mod_magmodule\event\course_module_viewed::create([
        'objectid' => $instance->id,
        'context' => $context,
    ]);
    $event->add_record_snapshot('course', $course);
    $event->add_record_snapshot('magmodule', $instance);
    $event->trigger();
    $completion = new completion_info($course);
    $completion->set_module_viewed($cm);
}

// ---- Calendar ----

/**
 * Makes the course calendar follow the programme's in-person and synchronous steps: an event per session, created,
 * moved (date, time, duration, title, place or link changed) or deleted with its step; the step id is the event's
 * uuid. Dates and times are Europe/Paris wall-clock times (local\programme::TIME_ZONE).
 *
 * @param stdClass $instance
 * @param int|cm_info|stdClass $cm the course module (or its id)
 * @return bool
 */
function magmodule_refresh_steps_events(stdClass $instance, $cm): bool {
    global $CFG, $DB;
    require_once($CFG->dirroot . '/calendar/lib.php');
    $cmid = is_object($cm) ? (int) $cm->id : (int) $cm;
    $existing = [];
    foreach ($DB->get_records('event', ['modulename' => 'magmodule', 'instance' => $instance->id]) as $event) {
        $existing[$event->uuid] = $event;
    }
    foreach (manager::steps_of($instance) as $step) {
        if ($step['kind'] === 'module') {
            continue;
        }
        $lines = [];
        if ($step['kind'] === 'inperson' && $step['place'] !== '') {
            $lines[] = s(get_string('eventplace', 'mod_magmodule', $step['place']));
        }
        if (!empty($step['link'])) {
            $lines[] = html_writer::link($step['link'], s(get_string('eventlink', 'mod_magmodule')));
        }
        if (!empty($step['notes'])) {
            $lines[] = s($step['notes']);
        }
        $data = (object) [
            'name' => $step['title'],
            'description' => implode('<br>', $lines),
            'format' => FORMAT_HTML,
            'courseid' => $instance->course,
            'groupid' => 0,
            'userid' => 0,
            'modulename' => 'magmodule',
            'instance' => $instance->id,
            'eventtype' => MAGMODULE_EVENT_SESSION,
            'type' => CALENDAR_EVENT_TYPE_STANDARD,
            'timestart' => programme::instant($step['date'], $step['start']),
            'timeduration' => $step['durationMinutes'] * 60,
            'timesort' => programme::instant($step['date'], $step['start']),
            'visible' => instance_is_visible('magmodule', $instance) ? 1 : 0,
            'uuid' => $step['id'],
        ];
        if (isset($existing[$step['id']])) {
            $event = calendar_event::load($existing[$step['id']]->id);
            $event->update($data, false);
            unset($existing[$step['id']]);
        } else {
            calendar_event::create($data, false);
        }
    }
    foreach ($existing as $gone) {
        calendar_event::load($gone->id)->delete();
    }
    return true;
}

/**
 * Calendar events of all the programmes of a course (or of the site), as Moodle asks after a restore or a reset.
 *
 * @param int $courseid 0 for every course
 * @param int|stdClass|null $instance
 * @param int|stdClass|null $cm
 * @return bool
 */
function magmodule_refresh_events($courseid = 0, $instance = null, $cm = null) {
    global $DB;
    if ($instance) {
        $instance = is_object($instance) ? $instance : $DB->get_record('magmodule', ['id' => $instance], '*', MUST_EXIST);
        $cm = $cm ?? get_coursemodule_from_instance('magmodule', $instance->id, $instance->course);
        return magmodule_refresh_steps_events($instance, $cm);
    }
    $instances = $courseid ? $DB->get_records('magmodule', ['course' => $courseid]) : $DB->get_records('magmodule');
    foreach ($instances as $one) {
        $cm = get_coursemodule_from_instance('magmodule', $one->id, $one->course);
        if ($cm) {
            magmodule_refresh_steps_events($one, $cm);
        }
    }
    return true;
}

// ---- Grades ----

/**
 * Creates or updates the grade item, and optionally grades.
 *
 * @param stdClass $instance
 * @param mixed $grades null, 'reset', or grade objects
 * @return int GRADE_UPDATE_xx
 */
function magmodule_grade_item_update(stdClass $instance, $grades = null): int {
    global $CFG;
    require_once($CFG->libdir . '/gradelib.php');
    $params = ['itemname' => $instance->name];
    if (isset($instance->cmidnumber)) {
        $params['idnumber'] = $instance->cmidnumber;
    }
    if ((float) $instance->grade > 0) {
        $params['gradetype'] = GRADE_TYPE_VALUE;
        $params['grademax'] = (float) $instance->grade;
        $params['grademin'] = 0;
    } else {
        $params['gradetype'] = GRADE_TYPE_NONE;
    }
    if ($grades === 'reset') {
        $params['reset'] = true;
        $grades = null;
    }
    return grade_update('mod/magmodule', $instance->course, 'mod', 'magmodule', $instance->id, 0, $grades, $params);
}

/**
 * Deletes the grade item.
 *
 * @param stdClass $instance
 * @return int
 */
function magmodule_grade_item_delete(stdClass $instance): int {
    global $CFG;
    require_once($CFG->libdir . '/gradelib.php');
    return grade_update('mod/magmodule', $instance->course, 'mod', 'magmodule', $instance->id, 0, null, ['deleted' => 1]);
}

/**
 * Users' grades: their programme score (0 to 100, from the H5P items of its module steps) on the maximum grade.
 * Computed on the server from stored attempts, never from a score a client reports.
 *
 * @param stdClass $instance
 * @param int $userid 0 for everybody with records
 * @return array userid => grade object
 */
function magmodule_get_user_grades(stdClass $instance, int $userid = 0): array {
    global $DB;
    $users = $userid ? [$userid]
        : $DB->get_fieldset_select(manager::SUMMARIES, 'DISTINCT userid', 'magmoduleid = ?', [$instance->id]);
    $grades = [];
    foreach ($users as $user) {
        $figures = manager::programme_figures_of($instance, (int) $user);
        if ($figures['score'] !== null) {
            $grades[(int) $user] = (object) ['userid' => (int) $user,
                'rawgrade' => round($figures['score'] * (float) $instance->grade / 100, 5)];
        }
    }
    return $grades;
}

/**
 * Sends grades to the gradebook.
 *
 * @param stdClass $instance
 * @param int $userid
 * @param bool $nullifnone
 */
function magmodule_update_grades(stdClass $instance, int $userid = 0, bool $nullifnone = true): void {
    if ((float) $instance->grade <= 0) {
        magmodule_grade_item_update($instance);
        return;
    }
    $grades = magmodule_get_user_grades($instance, $userid);
    if ($grades) {
        magmodule_grade_item_update($instance, $grades);
    } else if ($userid && $nullifnone) {
        magmodule_grade_item_update($instance, (object) ['userid' => $userid, 'rawgrade' => null]);
    } else {
        magmodule_grade_item_update($instance);
    }
}

// ---- Course reset ----

/**
 * Elements of the course reset form.
 *
 * @param MoodleQuickForm $mform
 */
function magmodule_reset_course_form_definition(&$mform): void {
    $mform->addElement('header', 'magmoduleheader', get_string('modulenameplural', 'mod_magmodule'));
    $mform->addElement('advcheckbox', 'reset_magmodule', get_string('resetprogress', 'mod_magmodule'));
}

/**
 * Defaults of the course reset form.
 *
 * @param stdClass $course
 * @return array
 */
function magmodule_reset_course_form_defaults(stdClass $course): array {
    return ['reset_magmodule' => 1];
}

/**
 * Course reset: deletes every trainee's progress, attempts and H5P states; the steps stay. Session dates move with
 * the course start date when the reset shifts dates (timeshift), as other modules' dates do.
 *
 * @param stdClass $data the reset form data
 * @return array status lines
 */
function magmodule_reset_userdata(stdClass $data): array {
    global $DB;
    $status = [];
    $instances = $DB->get_records('magmodule', ['course' => $data->courseid]);
    if (!empty($data->reset_magmodule)) {
        foreach ($instances as $instance) {
            magmodule_delete_user_data((int) $instance->id);
            manager::bump_version((int) $instance->id);
            if (empty($data->reset_gradebook_grades)) {
                magmodule_grade_item_update($instance, 'reset');
            }
        }
        $status[] = ['component' => get_string('modulenameplural', 'mod_magmodule'),
            'item' => get_string('resetprogress', 'mod_magmodule'), 'error' => false];
    }
    if (!empty($data->timeshift)) {
        $days = (int) round($data->timeshift / DAYSECS);
        foreach ($instances as $instance) {
            $steps = manager::steps_of($instance);
            foreach ($steps as $i => $step) {
                foreach (['date', 'opens', 'closes'] as $name) {
                    if (!empty($step[$name])) {
                        $steps[$i][$name] = programme::add_days($step[$name], $days);
                    }
                }
            }
            $DB->set_field('magmodule', 'steps', json_encode($steps, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES),
                ['id' => $instance->id]);
            manager::bump_version((int) $instance->id);
            $instance->steps = json_encode($steps);
            magmodule_refresh_events(0, $instance);
        }
        $status[] = ['component' => get_string('modulenameplural', 'mod_magmodule'),
            'item' => get_string('resetdates', 'mod_magmodule'), 'error' => false];
    }
    return $status;
}

/**
 * Resets the gradebook grades of the course's programmes.
 *
 * @param int $courseid
 * @param string $type
 */
function magmodule_reset_gradebook($courseid, $type = '') {
    global $DB;
    foreach ($DB->get_records('magmodule', ['course' => $courseid]) as $instance) {
        magmodule_grade_item_update($instance, 'reset');
    }
}
