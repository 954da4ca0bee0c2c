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
 * Backup structure of the reactions activity.
 *
 * @package    mod_magreactions
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

/**
 * Backup structure: the instance and, with user data, its reactions.
 */
class backup_magreactions_activity_structure_step extends backup_activity_structure_step {
    /**
     * Structure.
     *
     * @return backup_nested_element
     */
    protected function define_structure() {
        $userinfo = $this->get_setting_value('userinfo');

        $magreactions = new backup_nested_element('magreactions', ['id'], [
            'name', 'intro', 'introformat', 'completionreactions', 'roundno', 'version', 'timecreated', 'timemodified',
        ]);
        $reactions = new backup_nested_element('reactions');
        $reaction = new backup_nested_element('reaction', ['id'], [
            'userid', 'roundno', 'reaction', 'idemkey', 'timecreated',
        ]);

        $magreactions->add_child($reactions);
        $reactions->add_child($reaction);

        $magreactions->set_source_table('magreactions', ['id' => backup::VAR_ACTIVITYID]);
        if ($userinfo) {
            $reaction->set_source_table('magreactions_reaction', ['magreactionsid' => backup::VAR_PARENTID], 'id ASC');
        }

        $reaction->annotate_ids('user', 'userid');
        $magreactions->annotate_files('mod_magreactions', 'intro', null);

        return $this->prepare_activity_structure($magreactions);
    }
}
