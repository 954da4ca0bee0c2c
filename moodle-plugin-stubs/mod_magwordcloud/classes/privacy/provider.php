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


namespace mod_magwordcloud\privacy;

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
use mod_magwordcloud\manager;

/**
 * Privacy provider: the entries each user wrote.
 *
 * The trainer's moderation lists (hidden words, merges, stop-list) hold words, not people, and are not personal
 * data. Deleting entries changes the cloud, so each deletion bumps the activity's version: open pages fetch the
 * new state at their next poll.
 *
 * @package    mod_magwordcloud
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
        $collection->add_database_table('magwordcloud_entry', [
            'userid' => 'privacy:metadata:magwordcloud_entry:userid',
            'groupid' => 'privacy:metadata:magwordcloud_entry:groupid',
            'entrytext' => 'privacy:metadata:magwordcloud_entry:entrytext',
            'entrykey' => 'privacy:metadata:magwordcloud_entry:entrykey',
            'status' => 'privacy:metadata:magwordcloud_entry:status',
            'idemkey' => 'privacy:metadata:magwordcloud_entry:idemkey',
            'timecreated' => 'privacy:metadata:magwordcloud_entry:timecreated',
            'timemodified' => 'privacy:metadata:magwordcloud_entry:timemodified',
        ], 'privacy:metadata:magwordcloud_entry');
        return $collection;
    }

    /**
     * Contexts where a user wrote entries.
     *
     * @param int $userid
     * @return contextlist
     */
    public static function get_contexts_for_userid(int $userid): contextlist {
        $sql = "SELECT DISTINCT ctx.id
                  FROM {magwordcloud_entry} e
                  JOIN {course_modules} cm ON cm.instance = e.magwordcloudid
                  JOIN {modules} m ON m.id = cm.module AND m.name = :modname
                  JOIN {context} ctx ON ctx.instanceid = cm.id AND ctx.contextlevel = :contextlevel
                 WHERE e.userid = :userid";
        $contextlist = new contextlist();
        $contextlist->add_from_sql($sql, [
            'modname' => 'magwordcloud',
            'contextlevel' => CONTEXT_MODULE,
            'userid' => $userid,
        ]);
        return $contextlist;
    }

    /**
     * Users who wrote entries in a context.
     *
     * @param userlist $userlist
     */
    public static function get_users_in_context(userlist $userlist) {
        $context = $userlist->get_context();
        if (!$context instanceof context_module) {
            return;
        }
        $sql = "SELECT e.userid
                  FROM {magwordcloud_entry} e
                  JOIN {course_modules} cm ON cm.instance = e.magwordcloudid
                  JOIN {modules} m ON m.id = cm.module AND m.name = :modname
                 WHERE cm.id = :cmid";
        $userlist->add_from_sql('userid', $sql, ['modname' => 'magwordcloud', 'cmid' => $context->instanceid]);
    }

    /**
     * Exports a user's entries, withdrawn ones included (they are kept until the activity is reset).
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
            $records = $DB->get_records('magwordcloud_entry',
                ['magwordcloudid' => $instanceid, 'userid' => $user->id], 'timecreated ASC, id ASC');
            if (!$records) {
                continue;
            }
            $entries = [];
            foreach ($records as $record) {
                $entries[] = (object) [
                    'text' => $record->entrytext,
                    'status' => get_string('status:' . $record->status, 'mod_magwordcloud'),
                    'timecreated' => transform::datetime($record->timecreated),
                    'timemodified' => transform::datetime($record->timemodified),
                ];
            }
            $data = helper::get_context_data($context, $user);
            $data->entries = $entries;
            writer::with_context($context)->export_data([], $data);
            helper::export_context_files($context, $user);
        }
    }

    /**
     * Deletes every user's entries in a context.
     *
     * @param context $context
     */
    public static function delete_data_for_all_users_in_context(context $context) {
        global $DB;
        $instanceid = self::instance_of($context);
        if ($instanceid) {
            $DB->delete_records('magwordcloud_entry', ['magwordcloudid' => $instanceid]);
            manager::bump_version($instanceid);
        }
    }

    /**
     * Deletes one user's entries in the approved contexts.
     *
     * @param approved_contextlist $contextlist
     */
    public static function delete_data_for_user(approved_contextlist $contextlist) {
        global $DB;
        $userid = $contextlist->get_user()->id;
        foreach ($contextlist->get_contexts() as $context) {
            $instanceid = self::instance_of($context);
            if ($instanceid) {
                $DB->delete_records('magwordcloud_entry', ['magwordcloudid' => $instanceid, 'userid' => $userid]);
                manager::bump_version($instanceid);
            }
        }
    }

    /**
     * Deletes the entries of several users in one context.
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
        $DB->delete_records_select('magwordcloud_entry', "magwordcloudid = :instanceid AND userid $insql", $params);
        manager::bump_version($instanceid);
    }

    /**
     * The magwordcloud instance of a module context, or null.
     *
     * @param context $context
     * @return int|null
     */
    private static function instance_of(context $context): ?int {
        if (!$context instanceof context_module) {
            return null;
        }
        $cm = get_coursemodule_from_id('magwordcloud', $context->instanceid);
        return $cm ? (int) $cm->instance : null;
    }
}
