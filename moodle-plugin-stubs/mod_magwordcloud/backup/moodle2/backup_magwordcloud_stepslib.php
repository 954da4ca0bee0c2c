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
 * Backup structure of the word cloud.
 *
 * @package    mod_magwordcloud
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

/**
 * Backup structure: the instance with its settings and moderation lists (hidden words, merges, stop-list) and, with
 * user data, its entries.
 */
class backup_magwordcloud_activity_structure_step extends backup_activity_structure_step {
    /**
     * Structure.
     *
     * @return backup_nested_element
     */
    protected function define_structure() {
        $userinfo = $this->get_setting_value('userinfo');

        $magwordcloud = new backup_nested_element('magwordcloud', ['id'], [
            'name', 'intro', 'introformat', 'question', 'minperperson', 'maxperperson', 'maxlength', 'visibility',
            'identitymode', 'approval', 'accentsmerge', 'stoplist', 'offensivefilter', 'rotate', 'isopen', 'merges',
            'hiddenwords', 'completionentries', 'version', 'timecreated', 'timemodified',
        ]);
        $entries = new backup_nested_element('entries');
        $entry = new backup_nested_element('entry', ['id'], [
            'userid', 'groupid', 'entrytext', 'entrykey', 'status', 'idemkey', 'timecreated', 'timemodified',
        ]);

        $magwordcloud->add_child($entries);
        $entries->add_child($entry);

        $magwordcloud->set_source_table('magwordcloud', ['id' => backup::VAR_ACTIVITYID]);
        if ($userinfo) {
            $entry->set_source_table('magwordcloud_entry', ['magwordcloudid' => backup::VAR_PARENTID], 'id ASC');
        }

        $entry->annotate_ids('user', 'userid');
        $entry->annotate_ids('group', 'groupid');
        $magwordcloud->annotate_files('mod_magwordcloud', 'intro', null);

        return $this->prepare_activity_structure($magwordcloud);
    }
}
