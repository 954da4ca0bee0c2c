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
 * Restore structure of the quiz.
 *
 * @package    mod_magquiz
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

/**
 * Restore structure: the instance with its settings and questions and, with user data, its attempts and live
 * session.
 */
class restore_magquiz_activity_structure_step extends restore_activity_structure_step {
    /** @var string[] old session id => new one: a restored session is a new game (and the ids stay unique). */
    private $sessions = [];

    /**
     * Paths.
     *
     * @return restore_path_element[]
     */
    protected function define_structure() {
        $paths = [new restore_path_element('magquiz', '/activity/magquiz')];
        if ($this->get_setting_value('userinfo')) {
            $paths[] = new restore_path_element('magquiz_attempt', '/activity/magquiz/userattempts/attempt');
            $paths[] = new restore_path_element('magquiz_override', '/activity/magquiz/overrides/override');
            $paths[] = new restore_path_element('magquiz_live', '/activity/magquiz/lives/live');
            $paths[] = new restore_path_element('magquiz_live_part', '/activity/magquiz/participants/participant');
            $paths[] = new restore_path_element('magquiz_live_served', '/activity/magquiz/served/serve');
            $paths[] = new restore_path_element('magquiz_live_answer', '/activity/magquiz/liveanswers/liveanswer');
        }
        return $this->prepare_activity_structure($paths);
    }

    /**
     * Restores the instance. The version starts again from where it was (open pages of the new activity have none);
     * a closing date moves with the course's dates.
     *
     * @param array $data
     */
    protected function process_magquiz($data) {
        global $DB;
        $data = (object) $data;
        $data->course = $this->get_courseid();
        $data->timeclose = empty($data->timeclose) ? 0 : $this->apply_date_offset($data->timeclose);
        $data->timecreated = $this->apply_date_offset($data->timecreated);
        $data->timemodified = $this->apply_date_offset($data->timemodified);
        $data->version = (int) ($data->version ?? 0) + 1;
        $data->versiondue = 0;
        $newitemid = $DB->insert_record('magquiz', $data);
        $this->apply_activity_instance($newitemid);
    }

    /**
     * Restores one attempt, for its user (mapped).
     *
     * @param array $data
     */
    protected function process_magquiz_attempt($data) {
        global $DB;
        $data = (object) $data;
        $oldid = $data->id;
        $data->magquizid = $this->get_new_parentid('magquiz');
        $data->userid = $this->get_mappingid('user', $data->userid);
        if (!$data->userid) {
            return;
        }
        $data->timestart = $this->apply_date_offset($data->timestart);
        $data->timefinish = empty($data->timefinish) ? 0 : $this->apply_date_offset($data->timefinish);
        $data->timedue = empty($data->timedue) ? 0 : $this->apply_date_offset($data->timedue);
        $data->timemodified = $this->apply_date_offset($data->timemodified);
        $newitemid = $DB->insert_record('magquiz_attempt', $data);
        $this->set_mapping('magquiz_attempt', $oldid, $newitemid);
    }

    /**
     * The new id of a restored session: the ids of the original's rows stay taken on this site (unique indexes).
     *
     * @param string $old
     * @return string
     */
    private function session_id(string $old): string {
        return $this->sessions[$old] ??= bin2hex(random_bytes(6));
    }

    /**
     * Restores the live session, under a new id.
     *
     * @param array $data
     */
    protected function process_magquiz_live($data) {
        global $DB;
        $data = (object) $data;
        $data->magquizid = $this->get_new_parentid('magquiz');
        $data->sessionid = $this->session_id((string) $data->sessionid);
        $DB->insert_record('magquiz_live', $data);
    }

    /**
     * Restores a row of a live table for its user (mapped).
     *
     * @param string $table
     * @param array $data
     * @return int|null the new id
     */
    private function restore_live_row(string $table, array $data): ?int {
        global $DB;
        $data = (object) $data;
        unset($data->id);
        $data->magquizid = $this->get_new_parentid('magquiz');
        $data->sessionid = $this->session_id((string) $data->sessionid);
        $data->userid = $this->get_mappingid('user', $data->userid);
        if (!$data->userid) {
            return null;
        }
        return $DB->insert_record($table, $data);
    }

    /**
     * Restores a live participant.
     *
     * @param array $data
     */
    protected function process_magquiz_live_part($data) {
        $this->restore_live_row('magquiz_live_part', $data);
    }

    /**
     * Restores a trainee's extra time (accommodation); skipped when the trainee is not restored.
     *
     * @param array $data
     */
    protected function process_magquiz_override($data) {
        global $DB;
        $data = (object) $data;
        $data->magquizid = $this->get_new_parentid('magquiz');
        $data->userid = $this->get_mappingid('user', $data->userid);
        if (!$data->userid || $DB->record_exists('magquiz_override', ['magquizid' => $data->magquizid,
                'userid' => $data->userid])) {
            return;
        }
        unset($data->id);
        $DB->insert_record('magquiz_override', $data);
    }

    /**
     * Restores when a participant was sent a question.
     *
     * @param array $data
     */
    protected function process_magquiz_live_served($data) {
        $this->restore_live_row('magquiz_live_served', $data);
    }

    /**
     * Restores a live answer.
     *
     * @param array $data
     */
    protected function process_magquiz_live_answer($data) {
        $oldid = $data['id'];
        $newid = $this->restore_live_row('magquiz_live_answer', $data);
        if ($newid !== null) {
            $this->set_mapping('magquiz_live_answer', $oldid, $newid);
        }
    }

    /**
     * Restores the intro files. The grade item and, with user data, the grades come with Moodle's own restore of the
     * activity's gradebook, as they were.
     */
    protected function after_execute() {
        $this->add_related_files('mod_magquiz', 'intro', null);
    }
}
