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
 * Restore structure of the reactions activity.
 *
 * @package    mod_magreactions
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

/**
 * Restore structure: the instance and, with user data, its reactions.
 */
class restore_magreactions_activity_structure_step extends restore_activity_structure_step {
    /**
     * Paths.
     *
     * @return restore_path_element[]
     */
    protected function define_structure() {
        $paths = [new restore_path_element('magreactions', '/activity/magreactions')];
        if ($this->get_setting_value('userinfo')) {
            $paths[] = new restore_path_element('magreactions_reaction', '/activity/magreactions/reactions/reaction');
        }
        return $this->prepare_activity_structure($paths);
    }

    /**
     * Restores the instance.
     *
     * @param array $data
     */
    protected function process_magreactions($data) {
        global $DB;
        $data = (object) $data;
        $data->course = $this->get_courseid();
        $data->timecreated = $this->apply_date_offset($data->timecreated);
        $data->timemodified = $this->apply_date_offset($data->timemodified);
        $data->roundno = (int) ($data->roundno ?? 0);
        $data->version = (int) ($data->version ?? 0);
        $data->completionreactions = (int) ($data->completionreactions ?? 0);
        $newitemid = $DB->insert_record('magreactions', $data);
        $this->apply_activity_instance($newitemid);
    }

    /**
     * Restores one reaction.
     *
     * @param array $data
     */
    protected function process_magreactions_reaction($data) {
        global $DB;
        $data = (object) $data;
        $oldid = $data->id;
        $data->magreactionsid = $this->get_new_parentid('magreactions');
        $data->userid = $this->get_mappingid('user', $data->userid);
        if (!$data->userid) {
            return;
        }
        $data->timecreated = $this->apply_date_offset($data->timecreated);
        $newitemid = $DB->insert_record('magreactions_reaction', $data);
        $this->set_mapping('magreactions_reaction', $oldid, $newitemid);
    }

    /**
     * Restores the intro files.
     */
    protected function after_execute() {
        $this->add_related_files('mod_magreactions', 'intro', null);
    }
}
