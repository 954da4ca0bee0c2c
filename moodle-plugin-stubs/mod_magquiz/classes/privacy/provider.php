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

namespace mod_magquiz\privacy;

use context;
use context_module;
use core_privacy\local\metadata\collection;
use core_privacy\local\request\approved_contextlist;
use core_privacy\local\request\approved_userlist;
use core_privacy\local\request\contextlist;
use core_privacy\local\request\helper;
use core_privacy\local\request\transform;
use core_privacy\local\request\userlist;
use core_privacy\local\request\writer;
use mod_magquiz\local\attempt;
use mod_magquiz\local\quiz_state;
use mod_magquiz\local\settings;
use mod_magquiz\manager;

/**
 * Privacy provider: each user's self-paced attempts (their responses and grades), their part in live sessions (the
 * team, when each question was sent to them) and their live answers. Grades in the gradebook are core_grades'.
 *
 * Deleting a user's data also deletes their grade in the gradebook and bumps the activity's version (live counts
 * change).
 *
 * @package    mod_magquiz
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class provider implements
        \core_privacy\local\metadata\provider,
        \core_privacy\local\request\plugin\provider,
        \core_privacy\local\request\core_userlist_provider {

    /** @var string[] The tables holding a user's data, with a magquizid and a userid. */
    private const TABLES = [manager::ATTEMPTS, manager::PARTICIPANTS, manager::SERVED, manager::ANSWERS, manager::OVERRIDES];

    /**
     * What the plugin stores.
     *
     * @param collection $collection
     * @return collection
     */
    public static function get_metadata(collection $collection): collection {
        $collection->add_database_table('magquiz_attempt', [
            'userid' => 'privacy:metadata:magquiz_attempt:userid',
            'attempt' => 'privacy:metadata:magquiz_attempt:attempt',
            'state' => 'privacy:metadata:magquiz_attempt:state',
            'status' => 'privacy:metadata:magquiz_attempt:status',
            'grade' => 'privacy:metadata:magquiz_attempt:grade',
            'timestart' => 'privacy:metadata:magquiz_attempt:timestart',
            'timefinish' => 'privacy:metadata:magquiz_attempt:timefinish',
        ], 'privacy:metadata:magquiz_attempt');
        $collection->add_database_table('magquiz_live_part', [
            'userid' => 'privacy:metadata:magquiz_live_part:userid',
            'team' => 'privacy:metadata:magquiz_live_part:team',
            'timejoined' => 'privacy:metadata:magquiz_live_part:timejoined',
        ], 'privacy:metadata:magquiz_live_part');
        $collection->add_database_table('magquiz_live_served', [
            'userid' => 'privacy:metadata:magquiz_live_served:userid',
            'timeserved' => 'privacy:metadata:magquiz_live_served:timeserved',
        ], 'privacy:metadata:magquiz_live_served');
        $collection->add_database_table('magquiz_override', [
            'userid' => 'privacy:metadata:magquiz_override:userid',
            'extratime' => 'privacy:metadata:magquiz_override:extratime',
            'timemodified' => 'privacy:metadata:magquiz_override:timemodified',
        ], 'privacy:metadata:magquiz_override');
        $collection->add_database_table('magquiz_live_answer', [
            'userid' => 'privacy:metadata:magquiz_live_answer:userid',
            'response' => 'privacy:metadata:magquiz_live_answer:response',
            'state' => 'privacy:metadata:magquiz_live_answer:state',
            'points' => 'privacy:metadata:magquiz_live_answer:points',
            'elapsedms' => 'privacy:metadata:magquiz_live_answer:elapsedms',
            'timereceived' => 'privacy:metadata:magquiz_live_answer:timereceived',
        ], 'privacy:metadata:magquiz_live_answer');
        $collection->add_subsystem_link('core_grades', [], 'privacy:metadata:core_grades');
        return $collection;
    }

    /**
     * Contexts where a user has attempts or took part in a live session.
     *
     * @param int $userid
     * @return contextlist
     */
    public static function get_contexts_for_userid(int $userid): contextlist {
        $contextlist = new contextlist();
        foreach (self::TABLES as $table) {
            $contextlist->add_from_sql("SELECT ctx.id
                                          FROM {{$table}} t
                                          JOIN {course_modules} cm ON cm.instance = t.magquizid
                                          JOIN {modules} m ON m.id = cm.module AND m.name = :modname
                                          JOIN {context} ctx ON ctx.instanceid = cm.id AND ctx.contextlevel = :contextlevel
                                         WHERE t.userid = :userid",
                ['modname' => 'magquiz', 'contextlevel' => CONTEXT_MODULE, 'userid' => $userid]);
        }
        return $contextlist;
    }

    /**
     * Users with data in a context.
     *
     * @param userlist $userlist
     */
    public static function get_users_in_context(userlist $userlist) {
        $context = $userlist->get_context();
        if (!$context instanceof context_module) {
            return;
        }
        foreach (self::TABLES as $table) {
            $userlist->add_from_sql('userid', "SELECT t.userid
                                                 FROM {{$table}} t
                                                 JOIN {course_modules} cm ON cm.instance = t.magquizid
                                                 JOIN {modules} m ON m.id = cm.module AND m.name = :modname
                                                WHERE cm.id = :cmid",
                ['modname' => 'magquiz', 'cmid' => $context->instanceid]);
        }
    }

    /**
     * Exports a user's attempts (with their responses as text, marks and grades) and live answers.
     *
     * @param approved_contextlist $contextlist
     */
    public static function export_user_data(approved_contextlist $contextlist) {
        global $DB;
        $user = $contextlist->get_user();
        foreach ($contextlist->get_contexts() as $context) {
            $record = self::instance_of($context);
            if (!$record) {
                continue;
            }
            $quiz = settings::quiz($record);
            $data = helper::get_context_data($context, $user);
            $data->attempts = [];
            foreach ($DB->get_records(manager::ATTEMPTS, ['magquizid' => $record->id, 'userid' => $user->id], 'attempt ASC')
                    as $row) {
                $state = attempt::parse_state($quiz, json_decode($row->state, true));
                $answers = [];
                foreach ($state['slots'] ?? [] as $slot) {
                    $question = $quiz['slots'][$slot['index']]['question'];
                    if ($question['type'] === 'description') {
                        continue;
                    }
                    $answers[] = (object) [
                        'question' => quiz_state::plain($question['text'], 200),
                        'response' => quiz_state::response_text($question, $slot['response'],
                            [get_string('true', 'mod_magquiz'), get_string('false', 'mod_magquiz')]),
                        'mark' => $slot['fraction'] === null ? null
                            : $slot['fraction'] * attempt::max_mark_of($quiz, $slot['index']),
                    ];
                }
                $data->attempts[] = (object) [
                    'attempt' => (int) $row->attempt,
                    'status' => get_string('status:' . $row->status, 'mod_magquiz'),
                    'grade' => $row->grade === null ? null : (float) $row->grade,
                    'timestart' => transform::datetime($row->timestart),
                    'timefinish' => $row->timefinish ? transform::datetime($row->timefinish) : null,
                    'answers' => $answers,
                ];
            }
            $data->liveanswers = [];
            foreach ($DB->get_records(manager::ANSWERS, ['magquizid' => $record->id, 'userid' => $user->id], 'id ASC')
                    as $row) {
                $data->liveanswers[] = (object) [
                    'session' => $row->sessionid,
                    'question' => (int) $row->step + 1,
                    'response' => $row->response,
                    'state' => $row->state,
                    'points' => (int) $row->points,
                    'timereceived' => transform::datetime((int) floor($row->timereceived / 1000)),
                ];
            }
            $data->livesessions = [];
            foreach ($DB->get_records(manager::PARTICIPANTS, ['magquizid' => $record->id, 'userid' => $user->id], 'id ASC')
                    as $row) {
                $data->livesessions[] = (object) ['session' => $row->sessionid, 'team' => $row->team,
                    'timejoined' => transform::datetime($row->timejoined)];
            }
            $override = $DB->get_record(manager::OVERRIDES, ['magquizid' => $record->id, 'userid' => $user->id]);
            if ($override) {
                $data->extratimeseconds = (int) $override->extratime;
            }
            writer::with_context($context)->export_data([], $data);
            helper::export_context_files($context, $user);
        }
    }

    /**
     * Deletes every user's data in a context, and the grades.
     *
     * @param context $context
     */
    public static function delete_data_for_all_users_in_context(context $context) {
        global $CFG;
        $record = self::instance_of($context);
        if (!$record) {
            return;
        }
        require_once($CFG->dirroot . '/mod/magquiz/lib.php');
        magquiz_delete_user_data((int) $record->id);
        magquiz_grade_item_update($record, 'reset');
        manager::bump_version((int) $record->id);
    }

    /**
     * Deletes one user's data in the approved contexts.
     *
     * @param approved_contextlist $contextlist
     */
    public static function delete_data_for_user(approved_contextlist $contextlist) {
        $userid = (int) $contextlist->get_user()->id;
        foreach ($contextlist->get_contexts() as $context) {
            $record = self::instance_of($context);
            if ($record) {
                self::delete_users($record, [$userid]);
            }
        }
    }

    /**
     * Deletes the data of several users in one context.
     *
     * @param approved_userlist $userlist
     */
    public static function delete_data_for_users(approved_userlist $userlist) {
        $record = self::instance_of($userlist->get_context());
        $userids = array_map('intval', $userlist->get_userids());
        if ($record && $userids) {
            self::delete_users($record, $userids);
        }
    }

    /**
     * Deletes users' rows and grades in one instance.
     *
     * @param \stdClass $record
     * @param int[] $userids
     */
    private static function delete_users(\stdClass $record, array $userids): void {
        global $CFG, $DB;
        require_once($CFG->dirroot . '/mod/magquiz/lib.php');
        [$insql, $params] = $DB->get_in_or_equal($userids, SQL_PARAMS_NAMED);
        $params['instanceid'] = $record->id;
        $DB->delete_records_select(manager::ACTIONS, "attemptid IN (SELECT id FROM {magquiz_attempt}
                                                                     WHERE magquizid = :instanceid AND userid $insql)", $params);
        foreach (self::TABLES as $table) {
            $DB->delete_records_select($table, "magquizid = :instanceid AND userid $insql", $params);
        }
        foreach ($userids as $userid) {
            magquiz_grade_item_update($record, (object) ['userid' => $userid, 'rawgrade' => null]);
        }
        manager::bump_version((int) $record->id);
    }

    /**
     * The magquiz record of a module context, or null.
     *
     * @param context $context
     * @return \stdClass|null
     */
    private static function instance_of(context $context): ?\stdClass {
        global $DB;
        if (!$context instanceof context_module) {
            return null;
        }
        $cm = get_coursemodule_from_id('magquiz', $context->instanceid);
        return $cm ? ($DB->get_record('magquiz', ['id' => $cm->instance]) ?: null) : null;
    }
}
