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
 * Library of functions Moodle core calls for the word cloud.
 *
 * @package    mod_magwordcloud
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

use mod_magwordcloud\local\settings;
use mod_magwordcloud\manager;

defined('MOODLE_INTERNAL') || die();

/**
 * What the module supports.
 *
 * @param string $feature FEATURE_xx constant
 * @return mixed true, false, a purpose or null when unknown
 */
function magwordcloud_supports($feature) {
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
 * The settings fields of an instance record from the settings form (or a generator): every setting checked against
 * the protocol's bounds, the stop-list typed one word per line. Settings the data does not hold keep their current
 * value.
 *
 * @param stdClass $data
 * @param array $current the current settings (local\settings::from_record()), the defaults for a new instance
 * @return array field => value
 */
function magwordcloud_settings_fields(stdClass $data, array $current = settings::DEFAULTS): array {
    $changes = [];
    foreach (settings::FIELDS as $name => $field) {
        if ($name === 'stopList') {
            if (isset($data->stoplisttext)) {
                $changes[$name] = settings::stop_list_from_lines((string) $data->stoplisttext);
            } else if (isset($data->stoplist)) {
                $changes[$name] = is_array($data->stoplist) ? array_values($data->stoplist)
                    : (json_decode((string) $data->stoplist, true) ?? []);
            }
        } else if (isset($data->$field)) {
            $value = $data->$field;
            $default = settings::DEFAULTS[$name];
            $changes[$name] = is_bool($default) ? !empty($value) : (is_int($default) ? (int) $value : (string) $value);
        }
    }
    try {
        return settings::to_record(settings::apply($current, $changes));
    } catch (\InvalidArgumentException $e) {
        throw new \moodle_exception('invalidsettings', 'mod_magwordcloud', '', $e->getMessage());
    }
}

/**
 * Adds an instance.
 *
 * @param stdClass $data form data
 * @param mod_magwordcloud_mod_form|null $mform
 * @return int the new instance id
 */
function magwordcloud_add_instance(stdClass $data, ?mod_magwordcloud_mod_form $mform = null): int {
    global $DB;
    $record = (object) (magwordcloud_settings_fields($data) + [
        'course' => $data->course,
        'name' => $data->name,
        'intro' => $data->intro ?? '',
        'introformat' => $data->introformat ?? FORMAT_HTML,
        'completionentries' => (int) ($data->completionentries ?? 0),
        'merges' => '[]',
        'hiddenwords' => '[]',
        'version' => 0,
        'timecreated' => time(),
    ]);
    $record->timemodified = $record->timecreated;
    return $DB->insert_record('magwordcloud', $record);
}

/**
 * Updates an instance from the settings form. The live state (moderation lists, version) is not the form's business;
 * the version is bumped so that open pages show the new settings.
 *
 * @param stdClass $data form data
 * @param mod_magwordcloud_mod_form|null $mform
 * @return bool
 */
function magwordcloud_update_instance(stdClass $data, ?mod_magwordcloud_mod_form $mform = null): bool {
    global $DB;
    $current = settings::from_record($DB->get_record('magwordcloud', ['id' => $data->instance], '*', MUST_EXIST));
    $record = (object) (magwordcloud_settings_fields($data, $current) + [
        'id' => $data->instance,
        'name' => $data->name,
        'intro' => $data->intro ?? '',
        'introformat' => $data->introformat ?? FORMAT_HTML,
        'completionentries' => (int) ($data->completionentries ?? 0),
        'timemodified' => time(),
    ]);
    $result = $DB->update_record('magwordcloud', $record);
    manager::bump_version((int) $record->id, $record->timemodified);
    return $result;
}

/**
 * Deletes an instance and its entries.
 *
 * @param int $id instance id
 * @return bool
 */
function magwordcloud_delete_instance(int $id): bool {
    global $DB;
    if (!$DB->record_exists('magwordcloud', ['id' => $id])) {
        return false;
    }
    $DB->delete_records('magwordcloud_entry', ['magwordcloudid' => $id]);
    $DB->delete_records('magwordcloud', ['id' => $id]);
    return true;
}

/**
 * Information for the course page, with the completion rules the activity defines.
 *
 * @param stdClass $coursemodule
 * @return cached_cm_info|false
 */
function magwordcloud_get_coursemodule_info($coursemodule) {
    global $DB;
    $instance = $DB->get_record('magwordcloud', ['id' => $coursemodule->instance],
        'id, name, intro, introformat, completionentries');
    if (!$instance) {
        return false;
    }
    $info = new cached_cm_info();
    $info->name = $instance->name;
    if ($coursemodule->showdescription) {
        $info->content = format_module_intro('magwordcloud', $instance, $coursemodule->id, false);
    }
    if ($coursemodule->completion == COMPLETION_TRACKING_AUTOMATIC) {
        $info->customdata['customcompletionrules']['completionentries'] = (int) $instance->completionentries;
    }
    return $info;
}

/**
 * Descriptions of the active completion rules, for the course page.
 *
 * @param cm_info|stdClass $cm
 * @return string[]
 */
function mod_magwordcloud_get_completion_active_rule_descriptions($cm): array {
    if (empty($cm->customdata['customcompletionrules']) || $cm->completion != COMPLETION_TRACKING_AUTOMATIC) {
        return [];
    }
    $descriptions = [];
    foreach ($cm->customdata['customcompletionrules'] as $key => $value) {
        if ($key === 'completionentries' && !empty($value)) {
            $descriptions[] = get_string('completiondetail:entries', 'mod_magwordcloud', $value);
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
function magwordcloud_view(stdClass $instance, stdClass $course, $cm, context_module $context): void {
    global $CFG;
    require_once($CFG->libdir . '/completionlib.php');

    $event = \mod_magwordcloud\event\course_module_viewed::create([
        'objectid' => $instance->id,
        'context' => $context,
    ]);
    $event->add_record_snapshot('course', $course);
    $event->add_record_snapshot('magwordcloud', $instance);
    $event->trigger();

    $completion = new completion_info($course);
    $completion->set_module_viewed($cm);
}

/**
 * Elements of the course reset form.
 *
 * @param MoodleQuickForm $mform
 */
function magwordcloud_reset_course_form_definition(&$mform): void {
    $mform->addElement('header', 'magwordcloudheader', get_string('modulenameplural', 'mod_magwordcloud'));
    $mform->addElement('advcheckbox', 'reset_magwordcloud', get_string('resetentries', 'mod_magwordcloud'));
}

/**
 * Defaults of the course reset form.
 *
 * @param stdClass $course
 * @return array
 */
function magwordcloud_reset_course_form_defaults(stdClass $course): array {
    return ['reset_magwordcloud' => 1];
}

/**
 * Course reset: deletes every entry, merge and hidden word of the course's word clouds; the settings stay.
 *
 * @param stdClass $data the reset form data
 * @return array status lines
 */
function magwordcloud_reset_userdata(stdClass $data): array {
    global $DB;
    if (empty($data->reset_magwordcloud)) {
        return [];
    }
    $instanceids = $DB->get_fieldset_select('magwordcloud', 'id', 'course = ?', [$data->courseid]);
    foreach ($instanceids as $instanceid) {
        $DB->delete_records('magwordcloud_entry', ['magwordcloudid' => $instanceid]);
        $DB->update_record('magwordcloud', (object) ['id' => $instanceid, 'merges' => '[]', 'hiddenwords' => '[]']);
        manager::bump_version((int) $instanceid);
    }
    return [[
        'component' => get_string('modulenameplural', 'mod_magwordcloud'),
        'item' => get_string('resetentries', 'mod_magwordcloud'),
        'error' => false,
    ]];
}
