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
 * Backup structure of the hybrid programme.
 *
 * @package    mod_magmodule
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

/**
 * Backup structure: the instance with its steps (each module step's catalog reference and version in use) and, with
 * user data, every trainee's item progress, attempts, step figures and H5P states. Statement keys are not kept: they
 * only stop a retried statement from counting twice, minutes after it was sent.
 */
class backup_magmodule_activity_structure_step extends backup_activity_structure_step {
    /**
     * Structure.
     *
     * @return backup_nested_element
     */
    protected function define_structure() {
        $userinfo = $this->get_setting_value('userinfo');

        $magmodule = new backup_nested_element('magmodule', ['id'], [
            'name', 'intro', 'introformat', 'steps', 'grade', 'completionmodules', 'version', 'timecreated',
            'timemodified',
        ]);
        $items = new backup_nested_element('items');
        $item = new backup_nested_element('item', ['id'], ['stepid', 'userid', 'itemid', 'completed', 'seconds',
            'timemodified']);
        $attempts = new backup_nested_element('attempts');
        $attempt = new backup_nested_element('attempt', ['id'], ['stepid', 'userid', 'itemid', 'attempt', 'playersession',
            'verbs', 'rawscore', 'maxscore', 'scaled', 'duration', 'completion', 'success', 'timecreated',
            'timemodified']);
        $summaries = new backup_nested_element('summaries');
        $summary = new backup_nested_element('summary', ['id'], ['stepid', 'userid', 'percent', 'completed', 'seconds',
            'score', 'timemodified']);
        $states = new backup_nested_element('h5pstates');
        $state = new backup_nested_element('h5pstate', ['id'], ['stepid', 'userid', 'itemid', 'state', 'timemodified']);

        $magmodule->add_child($items);
        $items->add_child($item);
        $magmodule->add_child($attempts);
        $attempts->add_child($attempt);
        $magmodule->add_child($summaries);
        $summaries->add_child($summary);
        $magmodule->add_child($states);
        $states->add_child($state);

        $magmodule->set_source_table('magmodule', ['id' => backup::VAR_ACTIVITYID]);
        if ($userinfo) {
            $item->set_source_table('magmodule_item', ['magmoduleid' => backup::VAR_PARENTID], 'id ASC');
            $attempt->set_source_table('magmodule_attempt', ['magmoduleid' => backup::VAR_PARENTID], 'id ASC');
            $summary->set_source_table('magmodule_summary', ['magmoduleid' => backup::VAR_PARENTID], 'id ASC');
            $state->set_source_table('magmodule_h5pstate', ['magmoduleid' => backup::VAR_PARENTID], 'id ASC');
        }

        foreach ([$item, $attempt, $summary, $state] as $element) {
            $element->annotate_ids('user', 'userid');
        }
        $magmodule->annotate_files('mod_magmodule', 'intro', null);

        return $this->prepare_activity_structure($magmodule);
    }
}
