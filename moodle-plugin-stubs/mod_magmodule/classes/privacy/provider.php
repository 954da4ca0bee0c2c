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

namespace mod_magmodule\privacy;

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
use mod_magmodule\manager;

/**
 * Privacy provider: each trainee's progress on the items of the module steps, their attempts at H5P items, their
 * step figures, saved H5P states and the keys of their xAPI statements; and the catalogs the server reads (no personal
 * data is sent to them: the server fetches public files, without cookies or user details).
 *
 * The steps the trainers plan are the course's, not personal data.
 *
 * @package    mod_magmodule
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class provider implements
        \core_privacy\local\metadata\provider,
        \core_privacy\local\request\plugin\provider,
        \core_privacy\local\request\core_userlist_provider {

    /**
     * What the plugin stores.
     *
     * @param collection $collection
     * @return collection
     */
    public static function get_metadata(collection $collection): collection {
        $collection->add_database_table('magmodule_item', [
            'userid' => 'privacy:metadata:magmodule_item:userid',
            'stepid' => 'privacy:metadata:magmodule_item:stepid',
            'itemid' => 'privacy:metadata:magmodule_item:itemid',
            'completed' => 'privacy:metadata:magmodule_item:completed',
            'seconds' => 'privacy:metadata:magmodule_item:seconds',
            'timemodified' => 'privacy:metadata:magmodule_item:timemodified',
        ], 'privacy:metadata:magmodule_item');
        $collection->add_database_table('magmodule_attempt', [
            'userid' => 'privacy:metadata:magmodule_attempt:userid',
            'stepid' => 'privacy:metadata:magmodule_item:stepid',
            'itemid' => 'privacy:metadata:magmodule_item:itemid',
            'attempt' => 'privacy:metadata:magmodule_attempt:attempt',
            'rawscore' => 'privacy:metadata:magmodule_attempt:rawscore',
            'maxscore' => 'privacy:metadata:magmodule_attempt:maxscore',
            'scaled' => 'privacy:metadata:magmodule_attempt:scaled',
            'duration' => 'privacy:metadata:magmodule_attempt:duration',
            'completion' => 'privacy:metadata:magmodule_attempt:completion',
            'success' => 'privacy:metadata:magmodule_attempt:success',
            'timecreated' => 'privacy:metadata:magmodule_attempt:timecreated',
        ], 'privacy:metadata:magmodule_attempt');
        $collection->add_database_table('magmodule_summary', [
            'userid' => 'privacy:metadata:magmodule_summary:userid',
            'stepid' => 'privacy:metadata:magmodule_item:stepid',
            'percent' => 'privacy:metadata:magmodule_summary:percent',
            'completed' => 'privacy:metadata:magmodule_item:completed',
            'seconds' => 'privacy:metadata:magmodule_item:seconds',
            'score' => 'privacy:metadata:magmodule_summary:score',
        ], 'privacy:metadata:magmodule_summary');
        $collection->add_database_table('magmodule_h5pstate', [
            'userid' => 'privacy:metadata:magmodule_h5pstate:userid',
            'state' => 'privacy:metadata:magmodule_h5pstate:state',
        ], 'privacy:metadata:magmodule_h5pstate');
        $collection->add_database_table('magmodule_stmtkey', [
            'userid' => 'privacy:metadata:magmodule_stmtkey:userid',
            'statementkey' => 'privacy:metadata:magmodule_stmtkey:statementkey',
        ], 'privacy:metadata:magmodule_stmtkey');
        $collection->add_external_location_link('catalogs', [
            'url' => 'privacy:metadata:catalogs:url',
        ], 'privacy:metadata:catalogs');
        return $collection;
    }

    /**
     * Contexts where a user has records.
     *
     * @param int $userid
     * @return contextlist
     */
    public static function get_contexts_for_userid(int $userid): contextlist {
        $contextlist = new contextlist();
        foreach (manager::USER_TABLES as $table) {
            $contextlist->add_from_sql("SELECT DISTINCT ctx.id
                      FROM {{$table}} t
                      JOIN {course_modules} cm ON cm.instance = t.magmoduleid
                      JOIN {modules} m ON m.id = cm.module AND m.name = :modname
                      JOIN {context} ctx ON ctx.instanceid = cm.id AND ctx.contextlevel = :contextlevel
                     WHERE t.userid = :userid",
                ['modname' => 'magmodule', 'contextlevel' => CONTEXT_MODULE, 'userid' => $userid]);
        }
        return $contextlist;
    }

    /**
     * Users with records in a context.
     *
     * @param userlist $userlist
     */
    public static function get_users_in_context(userlist $userlist) {
        $context = $userlist->get_context();
        if (!$context instanceof context_module) {
            return;
        }
        foreach (manager::USER_TABLES as $table) {
            $userlist->add_from_sql('userid', "SELECT t.userid
                      FROM {{$table}} t
                      JOIN {course_modules} cm ON cm.instance = t.magmoduleid
                      JOIN {modules} m ON m.id = cm.module AND m.name = :modname
                     WHERE cm.id = :cmid", ['modname' => 'magmodule', 'cmid' => $context->instanceid]);
        }
    }

    /**
     * Exports a user's records, by module step.
     *
     * @param approved_contextlist $contextlist
     */
    public static function export_user_data(approved_contextlist $contextlist) {
        global $DB;
        $user = $contextlist->get_user();
        $flag = fn($value) => $value === null ? null : transform::yesno((bool) $value);
        foreach ($contextlist->get_contexts() as $context) {
            $instanceid = self::instance_of($context);
            if (!$instanceid) {
                continue;
            }
            $where = ['magmoduleid' => $instanceid, 'userid' => $user->id];
            $steps = [];
            foreach ($DB->get_records('magmodule_summary', $where, 'stepid') as $row) {
                $steps[$row->stepid]['figures'] = (object) ['percent' => (float) $row->percent,
                    'completed' => transform::yesno((bool) $row->completed), 'seconds' => (int) $row->seconds,
                    'score' => $row->score === null ? null : (float) $row->score];
            }
            foreach ($DB->get_records('magmodule_item', $where, 'stepid, itemid') as $row) {
                $steps[$row->stepid]['items'][] = (object) ['item' => $row->itemid,
                    'completed' => transform::yesno((bool) $row->completed), 'seconds' => (int) $row->seconds,
                    'timemodified' => transform::datetime($row->timemodified)];
            }
            foreach ($DB->get_records('magmodule_attempt', $where, 'stepid, itemid, attempt') as $row) {
                $steps[$row->stepid]['attempts'][] = (object) ['item' => $row->itemid, 'attempt' => (int) $row->attempt,
                    'rawscore' => $row->rawscore, 'maxscore' => $row->maxscore, 'scaled' => $row->scaled,
                    'duration' => $row->duration, 'completion' => $flag($row->completion),
                    'success' => $flag($row->success), 'timecreated' => transform::datetime($row->timecreated)];
            }
            foreach ($DB->get_records('magmodule_h5pstate', $where, 'stepid, itemid') as $row) {
                $steps[$row->stepid]['h5pstates'][] = (object) ['item' => $row->itemid, 'state' => $row->state,
                    'timemodified' => transform::datetime($row->timemodified)];
            }
            if (!$steps) {
                continue;
            }
            $data = helper::get_context_data($context, $user);
            $data->steps = $steps;
            writer::with_context($context)->export_data([], $data);
            helper::export_context_files($context, $user);
        }
    }

    /**
     * Deletes every user's records in a context.
     *
     * @param context $context
     */
    public static function delete_data_for_all_users_in_context(context $context) {
        global $DB;
        $instanceid = self::instance_of($context);
        if ($instanceid) {
            foreach (manager::USER_TABLES as $table) {
                $DB->delete_records($table, ['magmoduleid' => $instanceid]);
            }
        }
    }

    /**
     * Deletes one user's records in the approved contexts.
     *
     * @param approved_contextlist $contextlist
     */
    public static function delete_data_for_user(approved_contextlist $contextlist) {
        global $DB;
        $userid = $contextlist->get_user()->id;
        foreach ($contextlist->get_contexts() as $context) {
            $instanceid = self::instance_of($context);
            if ($instanceid) {
                foreach (manager::USER_TABLES as $table) {
                    $DB->delete_records($table, ['magmoduleid' => $instanceid, 'userid' => $userid]);
                }
            }
        }
    }

    /**
     * Deletes the records of several users in one context.
     *
     * @param approved_userlist $userlist
     */
    public static function delete_data_for_users(approved_userlist $userlist) {
        global $DB;
        $instanceid = self::instance_of($userlist->get_context());
        $userids = $userlist->get_userids();
        if (!$instanceid || !$userids) {
            return;
        }
        [$insql, $params] = $DB->get_in_or_equal($userids, SQL_PARAMS_NAMED);
        $params['instanceid'] = $instanceid;
        foreach (manager::USER_TABLES as $table) {
            $DB->delete_records_select($table, "magmoduleid = :instanceid AND userid $insql", $params);
        }
    }

    /**
     * The magmodule instance of a module context, or null.
     *
     * @param context $context
     * @return int|null
     */
    private static function instance_of(context $context): ?int {
        if (!$context instanceof context_module) {
            return null;
        }
        $cm = get_coursemodule_from_id('magmodule', $context->instanceid);
        return $cm ? (int) $cm->instance : null;
    }
}
