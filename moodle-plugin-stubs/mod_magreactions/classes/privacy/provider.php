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

namespace mod_magreactions\privacy;

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
use mod_magreactions\manager;

/**
 * Privacy provider: the reactions each user sent.
 *
 * Deleting reactions changes the counts, so each deletion bumps the activity's version: open pages fetch the
 * new counts at their next poll.
 *
 * @package    mod_magreactions
 * @copyright  2025 Magistère
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
        $collection->add_database_table('magreactions_reaction', [
            'userid' => 'privacy:metadata:magreactions_reaction:userid',
            'reaction' => 'privacy:metadata:magreactions_reaction:reaction',
            'idemkey' => 'privacy:metadata:magreactions_reaction:idemkey',
            'roundno' => 'privacy:metadata:magreactions_reaction:roundno',
            'timecreated' => 'privacy:metadata:magreactions_reaction:timecreated',
        ], 'privacy:metadata:magreactions_reaction');
        return $collection;
    }

    /**
     * Contexts where a user reacted.
     *
     * @param int $userid
     * @return contextlist
     */
    public static function get_contexts_for_userid(int $userid): contextlist {
        $sql = "SELECT DISTINCT ctx.id
                  FROM {magreactions_reaction} r
                  JOIN {course_modules} cm ON cm.instance = r.magreactionsid
                  JOIN {modules} m ON m.id = cm.module AND m.name = :modname
                  JOIN {context} ctx ON ctx.instanceid = cm.id AND ctx.contextlevel = :contextlevel
                 WHERE r.userid = :userid";
        $contextlist = new contextlist();
        $contextlist->add_from_sql($sql, [
            'modname' => 'magreactions',
            'contextlevel' => CONTEXT_MODULE,
            'userid' => $userid,
        ]);
        return $contextlist;
    }

    /**
     * Users who reacted in a context.
     *
     * @param userlist $userlist
     */
    public static function get_users_in_context(userlist $userlist) {
        $context = $userlist->get_context();
        if (!$context instanceof context_module) {
            return;
        }
        $sql = "SELECT r.userid
                  FROM {magreactions_reaction} r
                  JOIN {course_modules} cm ON cm.instance = r.magreactionsid
                  JOIN {modules} m ON m.id = cm.module AND m.name = :modname
                 WHERE cm.id = :cmid";
        $userlist->add_from_sql('userid', $sql, ['modname' => 'magreactions', 'cmid' => $context->instanceid]);
    }

    /**
     * Exports a user's reactions.
     *
     * @param approved_contextlist $contextlist
     */
    public static function export_user_data(approved_contextlist $contextlist) {
        global $DB;
        $user = $contextlist->get_user();
        foreach ($contextlist->get_contexts() as $context) {
            $instanceid = self::instance_of($context);
            if (!$instanceid) {
                continue;
            }
            $records = $DB->get_records('magreactions_reaction',
                ['magreactionsid' => $instanceid, 'userid' => $user->id], 'timecreated ASC, id ASC');
            if (!$records) {
                continue;
            }
            $reactions = [];
            foreach ($records as $record) {
                $reactions[] = (object) [
                    'reaction' => get_string('reaction:' . $record->reaction, 'mod_magreactions'),
                    'round' => (int) $record->roundno,
                    'timecreated' => transform::datetime($record->timecreated),
                ];
            }
            $data = helper::get_context_data($context, $user);
            $data->reactions = $reactions;
            writer::with_context($context)->export_data([], $data);
            helper::export_context_files($context, $user);
        }
    }

    /**
     * Deletes every user's reactions in a context.
     *
     * @param context $context
     */
    public static function delete_data_for_all_users_in_context(context $context) {
        global $DB;
        $instanceid = self::instance_of($context);
        if ($instanceid) {
            $DB->delete_records('magreactions_reaction', ['magreactionsid' => $instanceid]);
            manager::bump_version($instanceid);
        }
    }

    /**
     * Deletes one user's reactions in the approved contexts.
     *
     * @param approved_contextlist $contextlist
     */
    public static function delete_data_for_user(approved_contextlist $contextlist) {
        global $DB;
        $userid = $contextlist->get_user()->id;
        foreach ($contextlist->get_contexts() as $context) {
            $instanceid = self::instance_of($context);
            if ($instanceid) {
                $DB->delete_records('magreactions_reaction', ['magreactionsid' => $instanceid, 'userid' => $userid]);
                manager::bump_version($instanceid);
            }
        }
    }

    /**
     * Deletes the reactions of several users in one context.
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
        $DB->delete_records_select('magreactions_reaction', "magreactionsid = :instanceid AND userid $insql", $params);
        manager::bump_version($instanceid);
    }

    /**
     * The magreactions instance of a module context, or null.
     *
     * @param context $context
     * @return int|null
     */
    private static function instance_of(context $context): ?int {
        if (!$context instanceof context_module) {
            return null;
        }
        $cm = get_coursemodule_from_id('magreactions', $context->instanceid);
        return $cm ? (int) $cm->instance : null;
    }
}
