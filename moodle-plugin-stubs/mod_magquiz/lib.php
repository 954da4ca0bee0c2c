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
 * Library of functions Moodle core calls for the quiz: instances, features, grades, course reset.
 *
 * @package    mod_magquiz
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

use mod_magquiz\local\importer;
use mod_magquiz\local\live;
use mod_magquiz\local\model;
use mod_magquiz\local\settings;
use mod_magquiz\manager;

defined('MOODLE_INTERNAL') || die();

/**
 * What the module supports.
 *
 * @param string $feature FEATURE_xx constant
 * @return mixed true, false, a purpose or null when unknown
 */
function magquiz_supports($feature) {
    switch ($feature) {
        case FEATURE_MOD_INTRO:
        case FEATURE_SHOW_DESCRIPTION:
        case FEATURE_BACKUP_MOODLE2:
        case FEATURE_COMPLETION_TRACKS_VIEWS:
        case FEATURE_GRADE_HAS_GRADE:
        case FEATURE_GROUPS:
        case FEATURE_GROUPINGS:
            return true;
        case FEATURE_GRADE_OUTCOMES:
        case FEATURE_COMPLETION_HAS_RULES:
        case FEATURE_ADVANCED_GRADING:
            return false;
        case FEATURE_MOD_PURPOSE:
            return MOD_PURPOSE_ASSESSMENT;
        case \local_magactivities\channel::FEATURE:
        case \local_magactivities\channel::FEATURE_DUE:
            return true;
        default:
            return null;
    }
}

/**
 * The settings fields of an instance record from the settings form (or a generator).
 *
 * @param stdClass $data
 * @return array field => value
 */
function magquiz_settings_fields(stdClass $data): array {
    $fields = [];
    if (isset($data->behaviour)) {
        $fields['behaviour'] = in_array($data->behaviour, settings::BEHAVIOURS, true) ? $data->behaviour : 'deferred';
    }
    foreach (['shufflequestions', 'shuffleanswers', 'livespeedpoints'] as $flag) {
        if (isset($data->$flag)) {
            $fields[$flag] = empty($data->$flag) ? 0 : 1;
        }
    }
    foreach (['timelimit', 'timeclose', 'attempts'] as $number) {
        if (isset($data->$number)) {
            $fields[$number] = max(0, (int) $data->$number);
        }
    }
    if (isset($data->grademethod)) {
        $fields['grademethod'] = in_array($data->grademethod, settings::GRADING_METHODS, true) ? $data->grademethod
            : 'highest';
    }
    if (isset($data->grade)) {
        $fields['grade'] = max(0, (float) $data->grade);
    }
    foreach (['reviewduring', 'reviewafter'] as $review) {
        if (isset($data->$review)) {
            $fields[$review] = ((int) $data->$review) & settings::REVIEW_ALL;
        } else if (isset($data->{$review . 'correctness'}) || isset($data->{$review . 'marks'})) {
            $fields[$review] = settings::review_bits($data, $review);
        }
    }
    if (isset($data->livetimer)) {
        $timer = (int) $data->livetimer;
        $fields['livetimer'] = $timer >= live::TIMER_MIN && $timer <= live::TIMER_MAX ? $timer : 0;
    }
    if (isset($data->liveleaderboard)) {
        $fields['liveleaderboard'] = in_array($data->liveleaderboard, live::LEADERBOARDS, true) ? $data->liveleaderboard
            : 'off';
    }
    return $fields;
}

/**
 * The questions the form or a generator gives, read: null when they are not given (the current ones stay).
 *
 * Sources, first found: an uploaded file (`questionsfile`), the text typed or pasted (`questionstext`), or the model's
 * JSON (`questionsjson`, for generators and scripts). With errors, the valid questions are kept only when the trainer
 * asked for it (`questionsskiperrors`); else nothing changes (the form's validation has shown the errors).
 *
 * @param stdClass $data
 * @param moodleform|null $mform
 * @return array|null ['questions' => string (JSON of the slots), 'source' => string, 'format' => gift|xml]
 */
function magquiz_questions_from_data(stdClass $data, ?moodleform $mform = null): ?array {
    if (isset($data->questionsjson)) {
        $slots = model::slots_from_json(is_string($data->questionsjson) ? $data->questionsjson
            : json_encode($data->questionsjson));
        if ($slots === null) {
            throw new moodle_exception('invalidquestions', 'mod_magquiz');
        }
        return ['questions' => model::slots_to_json($slots), 'source' => '', 'format' => 'gift'];
    }
    $source = null;
    if ($mform !== null && !empty($data->questionsfile)) {
        $content = $mform->get_file_content('questionsfile');
        if (is_string($content) && $content !== '') {
            $source = $content;
        }
    }
    if ($source === null && isset($data->questionstext)) {
        $source = (string) $data->questionstext;
    }
    if ($source === null || trim($source) === '') {
        return null;
    }
    $read = importer::read($source, $data->questionsformat ?? 'auto');
    if (count($read['errors']) > 0 && empty($data->questionsskiperrors)) {
        return null;
    }
    return ['questions' => model::slots_to_json(importer::slots($read['questions'])),
        'source' => importer::decode($source), 'format' => $read['format']];
}

/**
 * Whether an instance has attempts or live answers: its questions can no longer be replaced.
 *
 * @param int $instanceid
 * @return bool
 */
function magquiz_has_responses(int $instanceid): bool {
    global $DB;
    return $DB->record_exists(manager::ATTEMPTS, ['magquizid' => $instanceid])
        || $DB->record_exists(manager::ANSWERS, ['magquizid' => $instanceid]);
}

/**
 * Adds an instance.
 *
 * @param stdClass $data form data
 * @param mod_magquiz_mod_form|null $mform
 * @return int the new instance id
 */
function magquiz_add_instance(stdClass $data, ?mod_magquiz_mod_form $mform = null): int {
    global $DB;
    $questions = magquiz_questions_from_data($data, $mform) ?? ['questions' => '[]', 'source' => '', 'format' => 'gift'];
    $now = time();
    $record = (object) (magquiz_settings_fields($data) + [
        'course' => $data->course,
        'name' => $data->name,
        'intro' => $data->intro ?? '',
        'introformat' => $data->introformat ?? FORMAT_HTML,
        'questions' => $questions['questions'],
        'questionsource' => $questions['source'],
        'questionformat' => $questions['format'],
        'version' => 0,
        'versiondue' => 0,
        'timecreated' => $now,
        'timemodified' => $now,
    ]);
    $record->id = $DB->insert_record('magquiz', $record);
    $data->id = $record->id;
    $record = $DB->get_record('magquiz', ['id' => $record->id]);
    $record->cmidnumber = $data->cmidnumber ?? '';
    magquiz_grade_item_update($record);
    return $record->id;
}

/**
 * Updates an instance from the settings form. Questions are replaced only while nobody has answered; the version is
 * bumped so that open pages show the new settings.
 *
 * @param stdClass $data form data
 * @param mod_magquiz_mod_form|null $mform
 * @return bool
 */
function magquiz_update_instance(stdClass $data, ?mod_magquiz_mod_form $mform = null): bool {
    global $DB;
    $current = $DB->get_record('magquiz', ['id' => $data->instance], '*', MUST_EXIST);
    $record = (object) (magquiz_settings_fields($data) + [
        'id' => $current->id,
        'name' => $data->name,
        'intro' => $data->intro ?? '',
        'introformat' => $data->introformat ?? FORMAT_HTML,
        'timemodified' => time(),
    ]);
    $questions = magquiz_questions_from_data($data, $mform);
    if ($questions !== null && $questions['questions'] !== $current->questions) {
        if (magquiz_has_responses((int) $current->id)) {
            throw new moodle_exception('questionslocked', 'mod_magquiz');
        }
        $record->questions = $questions['questions'];
        $record->questionsource = $questions['source'];
        $record->questionformat = $questions['format'];
    }
    $DB->update_record('magquiz', $record);
    manager::bump_version((int) $record->id);
    $updated = $DB->get_record('magquiz', ['id' => $record->id]);
    $updated->cmidnumber = $data->cmidnumber ?? '';
    magquiz_grade_item_update($updated);
    // The maximum grade or the grading method may have changed: grades are computed again.
    magquiz_update_grades($updated, 0, false);
    return true;
}

/**
 * Deletes an instance, its attempts and live sessions, and its grade item.
 *
 * @param int $id instance id
 * @return bool
 */
function magquiz_delete_instance(int $id): bool {
    global $DB;
    $record = $DB->get_record('magquiz', ['id' => $id]);
    if (!$record) {
        return false;
    }
    magquiz_delete_user_data($id);
    $DB->delete_records(manager::LIVE, ['magquizid' => $id]);
    magquiz_grade_item_delete($record);
    $DB->delete_records('magquiz', ['id' => $id]);
    return true;
}

/**
 * Deletes every attempt, live answer and accommodation (extra time) of an instance (course reset, deletion).
 *
 * @param int $id instance id
 */
function magquiz_delete_user_data(int $id): void {
    global $DB;
    $DB->delete_records_select(manager::ACTIONS,
        'attemptid IN (SELECT id FROM {magquiz_attempt} WHERE magquizid = :id)', ['id' => $id]);
    foreach ([manager::ATTEMPTS, manager::PARTICIPANTS, manager::SERVED, manager::ANSWERS, manager::OVERRIDES] as $table) {
        $DB->delete_records($table, ['magquizid' => $id]);
    }
}

/**
 * Information for the course page.
 *
 * @param stdClass $coursemodule
 * @return cached_cm_info|false
 */
function magquiz_get_coursemodule_info($coursemodule) {
    global $DB;
    $instance = $DB->get_record('magquiz', ['id' => $coursemodule->instance], 'id, name, intro, introformat');
    if (!$instance) {
        return false;
    }
    $info = new cached_cm_info();
    $info->name = $instance->name;
    if ($coursemodule->showdescription) {
        $info->content = format_module_intro('magquiz', $instance, $coursemodule->id, false);
    }
    return $info;
}

/**
 * Logs a view and marks the activity viewed for completion.
 *
 * @param stdClass $instance
 * @param stdClass $course
 * @param cm_info|stdClass $cm
 * @param context_module $context
 */
function magquiz_view(stdClass $instance, stdClass $course, $cm, context_module $context): void {
    global $CFG;
    require_once($CFG->libdir . '/completionlib.php');

    $event = \mod_magquiz\event\course_module_viewed::create([
        'objectid' => $instance->id,
        'context' => $context,
    ]);
    $event->add_record_snapshot('course', $course);
    $event->add_record_snapshot('magquiz', $instance);
    $event->trigger();

    $completion = new completion_info($course);
    $completion->set_module_viewed($cm);
}

// ---- Grades ----

/**
 * Creates or updates the grade item: points from 0 to the quiz's maximum grade, or none when it is 0.
 *
 * @param stdClass $instance with cmidnumber when known
 * @param array|object|string|null $grades grades to write, 'reset' to clear them
 * @return int GRADE_UPDATE_OK…
 */
function magquiz_grade_item_update(stdClass $instance, $grades = null): int {
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
    return grade_update('mod/magquiz', $instance->course, 'mod', 'magquiz', $instance->id, 0, $grades, $params);
}

/**
 * Deletes the grade item.
 *
 * @param stdClass $instance
 * @return int
 */
function magquiz_grade_item_delete(stdClass $instance): int {
    global $CFG;
    require_once($CFG->libdir . '/gradelib.php');
    return grade_update('mod/magquiz', $instance->course, 'mod', 'magquiz', $instance->id, 0, null, ['deleted' => 1]);
}

/**
 * The grades of users, computed on the server from their finished attempts (never a score a client reports).
 *
 * @param stdClass $instance
 * @param int $userid 0 for every user
 * @return stdClass[] userid => (userid, rawgrade)
 */
function magquiz_get_user_grades(stdClass $instance, int $userid = 0): array {
    return manager::user_grades($instance, $userid);
}

/**
 * Writes grades to the gradebook.
 *
 * @param stdClass $instance
 * @param int $userid 0 for every user
 * @param bool $nullifnone a user without a grade gets an empty one
 */
function magquiz_update_grades(stdClass $instance, int $userid = 0, bool $nullifnone = true): void {
    global $CFG;
    require_once($CFG->libdir . '/gradelib.php');
    if ((float) $instance->grade <= 0) {
        magquiz_grade_item_update($instance);
        return;
    }
    $grades = magquiz_get_user_grades($instance, $userid);
    if ($grades) {
        magquiz_grade_item_update($instance, $grades);
    } else if ($userid && $nullifnone) {
        magquiz_grade_item_update($instance, (object) ['userid' => $userid, 'rawgrade' => null]);
    } else {
        magquiz_grade_item_update($instance);
    }
}

// ---- Course reset ----

/**
 * Elements of the course reset form.
 *
 * @param MoodleQuickForm $mform
 */
function magquiz_reset_course_form_definition(&$mform): void {
    $mform->addElement('header', 'magquizheader', get_string('modulenameplural', 'mod_magquiz'));
    $mform->addElement('advcheckbox', 'reset_magquiz', get_string('resetattempts', 'mod_magquiz'));
}

/**
 * Defaults of the course reset form.
 *
 * @param stdClass $course
 * @return array
 */
function magquiz_reset_course_form_defaults(stdClass $course): array {
    return ['reset_magquiz' => 1];
}

/**
 * Course reset: deletes every attempt and live session of the course's quizzes, and their grades; settings and
 * questions stay.
 *
 * @param stdClass $data the reset form data
 * @return array status lines
 */
function magquiz_reset_userdata(stdClass $data): array {
    global $DB;
    if (empty($data->reset_magquiz)) {
        return [];
    }
    $instances = $DB->get_records('magquiz', ['course' => $data->courseid]);
    foreach ($instances as $instance) {
        magquiz_delete_user_data((int) $instance->id);
        $DB->delete_records(manager::LIVE, ['magquizid' => $instance->id]);
        manager::bump_version((int) $instance->id, 0);
        if (empty($data->reset_gradebook_grades)) {
            magquiz_grade_item_update($instance, 'reset');
        }
    }
    return [[
        'component' => get_string('modulenameplural', 'mod_magquiz'),
        'item' => get_string('resetattempts', 'mod_magquiz'),
        'error' => false,
    ]];
}

/**
 * Course reset of the gradebook: the quizzes' grades go.
 *
 * @param int $courseid
 * @param string $type
 */
function magquiz_reset_gradebook($courseid, $type = '') {
    global $DB;
    foreach ($DB->get_records('magquiz', ['course' => $courseid]) as $instance) {
        magquiz_grade_item_update($instance, 'reset');
    }
}
