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
 * Backup structure of the quiz.
 *
 * @package    mod_magquiz
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

/**
 * Backup structure: the instance with its settings and questions (the model's JSON and the source they were imported
 * from) and, with user data, its attempts and the live session with its participants, serving times and answers.
 * The keys of applied actions are not kept: a restored attempt in progress takes new ones.
 */
class backup_magquiz_activity_structure_step extends backup_activity_structure_step {
    /**
     * Structure.
     *
     * @return backup_nested_element
     */
    protected function define_structure() {
        $userinfo = $this->get_setting_value('userinfo');

        $magquiz = new backup_nested_element('magquiz', ['id'], [
            'name', 'intro', 'introformat', 'questions', 'questionsource', 'questionformat', 'behaviour',
            'shufflequestions', 'shuffleanswers', 'timelimit', 'timeclose', 'attempts', 'grademethod', 'grade',
            'reviewduring', 'reviewafter', 'livetimer', 'livespeedpoints', 'liveleaderboard', 'version', 'timecreated',
            'timemodified',
        ]);
        // Not `attempts`: the instance's field of that name (attempts allowed) would clash with it.
        $attempts = new backup_nested_element('userattempts');
        $attempt = new backup_nested_element('attempt', ['id'], [
            'userid', 'attempt', 'state', 'status', 'grade', 'startkey', 'timestart', 'timefinish', 'timedue',
            'timemodified',
        ]);
        $overrides = new backup_nested_element('overrides');
        $override = new backup_nested_element('override', ['id'], ['userid', 'extratime', 'timemodified']);
        $lives = new backup_nested_element('lives');
        $live = new backup_nested_element('live', ['id'], ['sessionid', 'seed', 'state', 'timecreated', 'timemodified']);
        $parts = new backup_nested_element('participants');
        $part = new backup_nested_element('participant', ['id'], ['sessionid', 'userid', 'joinindex', 'team', 'timejoined']);
        $serveds = new backup_nested_element('served');
        $served = new backup_nested_element('serve', ['id'], ['sessionid', 'step', 'userid', 'timeserved']);
        $answers = new backup_nested_element('liveanswers');
        $answer = new backup_nested_element('liveanswer', ['id'], [
            'sessionid', 'step', 'userid', 'response', 'state', 'fraction', 'points', 'elapsedms', 'answerkey',
            'timereceived',
        ]);

        $magquiz->add_child($attempts);
        $attempts->add_child($attempt);
        $magquiz->add_child($overrides);
        $overrides->add_child($override);
        $magquiz->add_child($lives);
        $lives->add_child($live);
        $magquiz->add_child($parts);
        $parts->add_child($part);
        $magquiz->add_child($serveds);
        $serveds->add_child($served);
        $magquiz->add_child($answers);
        $answers->add_child($answer);

        $magquiz->set_source_table('magquiz', ['id' => backup::VAR_ACTIVITYID]);
        if ($userinfo) {
            $attempt->set_source_table('magquiz_attempt', ['magquizid' => backup::VAR_PARENTID], 'id ASC');
            $override->set_source_table('magquiz_override', ['magquizid' => backup::VAR_PARENTID], 'id ASC');
            $live->set_source_table('magquiz_live', ['magquizid' => backup::VAR_PARENTID], 'id ASC');
            $part->set_source_table('magquiz_live_part', ['magquizid' => backup::VAR_PARENTID], 'id ASC');
            $served->set_source_table('magquiz_live_served', ['magquizid' => backup::VAR_PARENTID], 'id ASC');
            $answer->set_source_table('magquiz_live_answer', ['magquizid' => backup::VAR_PARENTID], 'id ASC');
        }

        $attempt->annotate_ids('user', 'userid');
        $override->annotate_ids('user', 'userid');
        $part->annotate_ids('user', 'userid');
        $served->annotate_ids('user', 'userid');
        $answer->annotate_ids('user', 'userid');
        $magquiz->annotate_files('mod_magquiz', 'intro', null);

        return $this->prepare_activity_structure($magquiz);
    }
}
