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
 * Restore structure of the word cloud.
 *
 * @package    mod_magwordcloud
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

/**
 * Restore structure: the instance with its settings and moderation lists and, with user data, its entries.
 */
class restore_magwordcloud_activity_structure_step extends restore_activity_structure_step {
    /**
     * Paths.
     *
     * @return restore_path_element[]
     */
    protected function define_structure() {
        $paths = [new restore_path_element('magwordcloud', '/activity/magwordcloud')];
        if ($this->get_setting_value('userinfo')) {
            $paths[] = new restore_path_element('magwordcloud_entry', '/activity/magwordcloud/entries/entry');
        }
        return $this->prepare_activity_structure($paths);
    }

    /**
     * Restores the instance. Without user data, the moderation lists (words, not people) come along; the version
     * starts again from where it was, and open pages of the new activity have none.
     *
     * @param array $data
     */
    protected function process_magwordcloud($data) {
        global $DB;
        $data = (object) $data;
        $data->course = $this->get_courseid();
        $data->timecreated = $this->apply_date_offset($data->timecreated);
        $data->timemodified = $this->apply_date_offset($data->timemodified);
        $data->version = (int) ($data->version ?? 0);
        $data->completionentries = (int) ($data->completionentries ?? 0);
        $data->merges = $data->merges ?? '[]';
        $data->hiddenwords = $data->hiddenwords ?? '[]';
        $newitemid = $DB->insert_record('magwordcloud', $data);
        $this->apply_activity_instance($newitemid);
    }

    /**
     * Restores one entry, for its user (mapped) and in its group (mapped, or none when groups were not restored).
     *
     * @param array $data
     */
    protected function process_magwordcloud_entry($data) {
        global $DB;
        $data = (object) $data;
        $oldid = $data->id;
        $data->magwordcloudid = $this->get_new_parentid('magwordcloud');
        $data->userid = $this->get_mappingid('user', $data->userid);
        if (!$data->userid) {
            return;
        }
        $data->groupid = empty($data->groupid) ? 0 : (int) $this->get_mappingid('group', $data->groupid, 0);
        $data->timecreated = $this->apply_date_offset($data->timecreated);
        $data->timemodified = $this->apply_date_offset($data->timemodified);
        $newitemid = $DB->insert_record('magwordcloud_entry', $data);
        $this->set_mapping('magwordcloud_entry', $oldid, $newitemid);
    }

    /**
     * Restores the intro files.
     */
    protected function after_execute() {
        $this->add_related_files('mod_magwordcloud', 'intro', null);
    }
}
