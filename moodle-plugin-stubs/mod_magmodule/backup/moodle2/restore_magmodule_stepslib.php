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
 * Restore structure of the hybrid programme.
 *
 * @package    mod_magmodule
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

use mod_magmodule\local\programme;

/**
 * Restore structure: the instance with its steps, their dates moved by the restore's date offset (whole days), and,
 * with user data, the trainees' records mapped to the restored users.
 */
class restore_magmodule_activity_structure_step extends restore_activity_structure_step {
    /**
     * Structure.
     *
     * @return restore_path_element[]
     */
    protected function define_structure() {
        $paths = [new restore_path_element('magmodule', '/activity/magmodule')];
        if ($this->get_setting_value('userinfo')) {
            $paths[] = new restore_path_element('magmodule_item', '/activity/magmodule/items/item');
            $paths[] = new restore_path_element('magmodule_attempt', '/activity/magmodule/attempts/attempt');
            $paths[] = new restore_path_element('magmodule_summary', '/activity/magmodule/summaries/summary');
            $paths[] = new restore_path_element('magmodule_h5pstate', '/activity/magmodule/h5pstates/h5pstate');
        }
        return $this->prepare_activity_structure($paths);
    }

    /**
     * The instance; session and opening dates move with the course.
     *
     * @param array $data
     */
    protected function process_magmodule($data) {
        global $DB;
        $data = (object) $data;
        $data->course = $this->get_courseid();
        $data->timecreated = $this->apply_date_offset($data->timecreated);
        $data->timemodified = $this->apply_date_offset($data->timemodified);
        $data->version = (int) ($data->version ?? 0) + 1;
        $offset = $this->apply_date_offset(1) - 1;
        $days = (int) round($offset / DAYSECS);
        $steps = json_decode((string) ($data->steps ?? '[]'), true);
        if (is_array($steps) && $days !== 0) {
            foreach ($steps as $i => $step) {
                foreach (['date', 'opens', 'closes'] as $name) {
                    if (!empty($step[$name]) && programme::is_date($step[$name])) {
                        $steps[$i][$name] = programme::add_days($step[$name], $days);
                    }
                }
            }
            $data->steps = json_encode($steps, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
        }
        $newitemid = $DB->insert_record('magmodule', $data);
        $this->apply_activity_instance($newitemid);
    }

    /**
     * A user's row, mapped; null when the user is not restored.
     *
     * @param string $table
     * @param array $data
     * @return int|null
     */
    private function restore_user_row(string $table, array $data): ?int {
        global $DB;
        $data = (object) $data;
        unset($data->id);
        $data->magmoduleid = $this->get_new_parentid('magmodule');
        $data->userid = $this->get_mappingid('user', $data->userid);
        if (!$data->userid) {
            return null;
        }
        foreach (['timecreated', 'timemodified'] as $time) {
            if (!empty($data->$time)) {
                $data->$time = $this->apply_date_offset($data->$time);
            }
        }
        return $DB->insert_record($table, $data);
    }

    /**
     * Item progress.
     *
     * @param array $data
     */
    protected function process_magmodule_item($data) {
        $this->restore_user_row('magmodule_item', $data);
    }

    /**
     * An attempt.
     *
     * @param array $data
     */
    protected function process_magmodule_attempt($data) {
        $oldid = $data['id'];
        $newid = $this->restore_user_row('magmodule_attempt', $data);
        if ($newid) {
            $this->set_mapping('magmodule_attempt', $oldid, $newid);
        }
    }

    /**
     * A step's figures.
     *
     * @param array $data
     */
    protected function process_magmodule_summary($data) {
        $this->restore_user_row('magmodule_summary', $data);
    }

    /**
     * A saved H5P state.
     *
     * @param array $data
     */
    protected function process_magmodule_h5pstate($data) {
        $this->restore_user_row('magmodule_h5pstate', $data);
    }

    /**
     * The description's files.
     */
    protected function after_execute() {
        $this->add_related_files('mod_magmodule', 'intro', null);
    }
}
