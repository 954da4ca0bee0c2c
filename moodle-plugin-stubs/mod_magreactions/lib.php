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
 * Library of functions Moodle core calls for the reactions activity.
 *
 * @package    mod_magreactions
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

/**
 * What the module supports.
 *
 * @param string $feature FEATURE_xx constant
 * @return mixed true, false, a purpose or null when unknown
 */
function magreactions_supports($feature) {
    switch ($feature) {
        case FEATURE_MOD_INTRO:
        case FEATURE_SHOW_DESCRIPTION:
        case FEATURE_BACKUP_MOODLE2:
        case FEATURE_COMPLETION_TRACKS_VIEWS:
        case FEATURE_COMPLETION_HAS_RULES:
        case FEATURE_MODEDIT_DEFAULT_COMPLETION:
        case FEATURE_GROUPS:
        case FEATURE_GROUPINGS:
            return true;
        case FEATURE_GRADE_HAS_GRADE:
        case FEATURE_GRADE_OUTCOMES:
            return false;
        case FEATURE_MOD_PURPOSE:
            return MOD_PURPOSE_COLLABORATION;
        case \local_magactivities\channel::FEATURE:
            return true;
        default:
            return null;
    }
}

/**
 * Adds an instance.
 *
 * @param stdClass $data form data
 * @param mod_magreactions_mod_form|null $mform
 * @return int the new instance id
 */
function magreactions_add_instance(stdClass $data, ?mod_magreactions_mod_form $mform = null): int {
    global $DB;
    $data->timecreated = time();
    $data->timemodified = $data->timecreated;
    $data->completionreactions = (int) ($data->completionreactions ?? 0);
    $data->roundno = 0;
    $data->version = 0;
    return $DB->insert_record('magreactions', $data);
}

/**
 * Updates an instance. The live state (round, version) is not the form's business.
 *
 * @param stdClass $data form data
 * @param mod_magreactions_mod_form|null $mform
 * @return bool
 */
function magreactions_update_instance(stdClass $data, ?mod_magreactions_mod_form $mform = null): bool {
    global $DB;
    $data->id = $data->instance;
    $data->timemodified = time();
    $data->completionreactions = (int) ($data->completionreactions ?? 0);
    unset($data->roundno, $data->version);
    $result = $DB->update_record('magreactions', $data);
    \mod_magreactions\manager::bump_version((int) $data->id, $data->timemodified);
    return $result;
}

/**
 * Deletes an instance and its reactions.
 *
 * @param int $id instance id
 * @return bool
 */
function magreactions_delete_instance(int $id): bool {
    global $DB;
    if (!$DB->record_exists('magreactions', ['id' => $id])) {
        return false;
    }
    $DB->delete_records('magreactions_reaction', ['magreactionsid' => $id]);
    $DB->delete_records('magreactions', ['id' => $id]);
    return true;
}

/**
 * Information for the course page, with the completion rules the activity defines.
 *
 * @param stdClass $coursemodule
 * @return cached_cm_info|false
 */
function magreactions_get_coursemodule_info($coursemodule) {
    global $DB;
    $instance = $DB->get_record('magreactions', ['id' => $coursemodule->instance],
        'id, name, intro, introformat, completionreactions');
    if (!$instance) {
        return false;
    }
    $info = new cached_cm_info();
    $info->name = $instance->name;
    if ($coursemodule->showdescription) {
        $info->content = format_module_intro('magreactions', $instance, $coursemodule->id, false);
    }
    if ($coursemodule->completion == COMPLETION_TRACKING_AUTOMATIC) {
        $info->customdata['customcompletionrules']['completionreactions'] = (int) $instance->completionreactions;
    }
    return $info;
}

/**
 * Descriptions of the active completion rules, for the course page.
 *
 * @param cm_info|stdClass $cm
 * @return string[]
 */
function mod_magreactions_get_completion_active_rule_descriptions($cm): array {
    if (empty($cm->customdata['customcompletionrules']) || $cm->completion != COMPLETION_TRACKING_AUTOMATIC) {
        return [];
    }
    $descriptions = [];
    foreach ($cm->customdata['customcompletionrules'] as $key => $value) {
        if ($key === 'completionreactions' && !empty($value)) {
            $descriptions[] = get_string('completiondetail:reactions', 'mod_magreactions', $value);
        }
    }
    return $descriptions;
}

/**
 * Logs a view and marks the activity viewed for completion.
 *
 * @param stdClass $instance
 * @param stdClass $course
 * @param cm_info|stdClass $cm
 * @param context_module $context
 */
function magreactions_view(stdClass $instance, stdClass $course, $cm, context_module $context): void {
    global $CFG;
    require_once($CFG->libdir . '/completionlib.php');

    $event = \mod_magreactions\event\course_module_viewed::create([
        'objectid' => $instance->id,
        'context' => $context,
    ]);
    $event->add_record_snapshot('course', $course);
    $event->add_record_snapshot('magreactions', $instance);
    $event->trigger();

    $completion = new completion_info($course);
    $completion->set_module_viewed($cm);
}

/**
 * Elements of the course reset form.
 *
 * @param MoodleQuickForm $mform
 */
function magreactions_reset_course_form_definition(&$mform): void {
    $mform->addElement('header', 'magreactionsheader', get_string('modulenameplural', 'mod_magreactions'));
    $mform->addElement('advcheckbox', 'reset_magreactions', get_string('resetreactions', 'mod_magreactions'));
}

/**
 * Defaults of the course reset form.
 *
 * @param stdClass $course
 * @return array
 */
function magreactions_reset_course_form_defaults(stdClass $course): array {
    return ['reset_magreactions' => 1];
}

/**
 * Course reset: deletes every reaction of the course's reactions activities.
 *
 * @param stdClass $data the reset form data
 * @return array status lines
 */
function magreactions_reset_userdata(stdClass $data): array {
    global $DB;
    if (empty($data->reset_magreactions)) {
        return [];
    }
    $instanceids = $DB->get_fieldset_select('magreactions', 'id', 'course = ?', [$data->courseid]);
    foreach ($instanceids as $instanceid) {
        $DB->delete_records('magreactions_reaction', ['magreactionsid' => $instanceid]);
        \mod_magreactions\manager::bump_version((int) $instanceid);
    }
    return [[
        'component' => get_string('modulenameplural', 'mod_magreactions'),
        'item' => get_string('resetreactions', 'mod_magreactions'),
        'error' => false,
    ]];
}
