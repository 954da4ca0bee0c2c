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


namespace mod_magwordcloud;

use cm_info;
use context_module;
use mod_magwordcloud\local\config_editor;
use mod_magwordcloud\local\settings;
use mod_magwordcloud\local\state_builder;
use mod_magwordcloud\local\submission;
use stdClass;

/**
 * The domain operations of one word cloud, on Moodle's database: what each bridge subject does.
 *
 * The rules are the pure classes' (local\settings, local\submission, local\config_editor, local\state_builder),
 * ported from the reference host's service (host/src/server/wordcloud.ts); this class reads and writes rows
 * through Moodle's DML only, with portable SQL.
 *
 * - Every change of the live state bumps the instance's `version` in the same transaction; the light poll endpoint
 *   of local_magactivities reads it, and pages then ask for the state (the live event carries only the version).
 * - Submissions are idempotent per (instance, user, key): the key is stored as its SHA-256, under a unique index, so
 *   a retry gets the first answer again and stores nothing. One person's submissions run one at a time (a lock per
 *   person and instance), so that two answers sent together cannot pass the per-person maximum.
 * - A trainer's changes to the settings and the moderation lists (JSON text in the instance record) run one at a
 *   time per instance (a lock), so that two trainers cannot lose each other's changes.
 * - Groups: entries keep the group they were written in. In separate groups mode, a user who cannot access all
 *   groups sees the entries of their groups; a user who can (a teacher), or anybody in visible groups mode, sees the
 *   group chosen in the activity's group selector, or every entry when "all participants" is chosen. Everybody also
 *   sees their own entries. Moderators act on the entries they see; settings, hidden words and merges are the
 *   activity's, for every group.
 *
 * @package    mod_magwordcloud
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class manager {
    /** @var string The instance table. */
    public const TABLE = 'magwordcloud';
    /** @var string The entries table. */
    public const ENTRIES = 'magwordcloud_entry';
    /** @var int Seconds to wait for a lock before giving up. */
    private const LOCK_TIMEOUT = 10;

    /** @var stdClass the magwordcloud record, as loaded */
    private stdClass $instance;
    /** @var cm_info the course module */
    private cm_info $cm;
    /** @var context_module the module context */
    private context_module $context;

    /**
     * Constructor.
     *
     * @param stdClass $instance
     * @param cm_info $cm
     */
    public function __construct(stdClass $instance, cm_info $cm) {
        $this->instance = $instance;
        $this->cm = $cm;
        $this->context = context_module::instance($cm->id);
    }

    /**
     * Builds a manager from a course module.
     *
     * @param cm_info $cm
     * @return self
     */
    public static function create_from_cm(cm_info $cm): self {
        global $DB;
        return new self($DB->get_record(self::TABLE, ['id' => $cm->instance], '*', MUST_EXIST), $cm);
    }

    /**
     * The magwordcloud record, as loaded.
     *
     * @return stdClass
     */
    public function get_instance(): stdClass {
        return $this->instance;
    }

    /**
     * The course module.
     *
     * @return cm_info
     */
    public function get_cm(): cm_info {
        return $this->cm;
    }

    /**
     * The module context.
     *
     * @return context_module
     */
    public function get_context(): context_module {
        return $this->context;
    }

    /**
     * Whether a user may moderate (and so sees the trainer's state).
     *
     * @param int $userid
     * @return bool
     */
    public function is_moderator(int $userid): bool {
        return has_capability('mod/magwordcloud:moderate', $this->context, $userid);
    }

    /**
     * The groups whose entries a user sees, or null for every entry (see the class comment).
     *
     * @param int $userid the current user
     * @return int[]|null
     */
    public function scope_groups(int $userid): ?array {
        $mode = groups_get_activity_groupmode($this->cm);
        if ($mode == NOGROUPS) {
            return null;
        }
        if ($mode == SEPARATEGROUPS && !has_capability('moodle/site:accessallgroups', $this->context, $userid)) {
            $groups = groups_get_all_groups($this->cm->course, $userid, $this->cm->groupingid, 'g.id');
            return array_map('intval', array_keys($groups));
        }
        $group = (int) groups_get_activity_group($this->cm);
        return $group > 0 ? [$group] : null;
    }

    /**
     * The live state a user may see (bridge subject `wordcloud.state`).
     *
     * @param int $userid
     * @return array WordcloudState
     */
    public function get_state(int $userid): array {
        // The version is read before the rows: when a write lands in between, the rows are newer than the version
        // and the next poll merely fetches again. The other order could pair old rows with a new version.
        $record = $this->load();
        [$settings, $merges, $hidden] = self::config_of($record);
        $moderator = $this->is_moderator($userid);
        return state_builder::build([
            'version' => (int) $record->version,
            'settings' => $settings,
            'merges' => $merges,
            'hidden' => $hidden,
            'rows' => $this->rows($userid, $moderator && $settings['identity'] === 'named'),
            'mine' => $this->own($userid),
            'moderator' => $moderator,
        ]);
    }

    /**
     * Records an answer (bridge subject `wordcloud.submit`); the same (user, key) is recorded once.
     *
     * @param int $userid
     * @param string $text as typed
     * @param string $key idempotency key
     * @return array ['accepted' => bool, 'entry' => MyEntry when accepted, 'error' => code when refused]
     */
    public function submit(int $userid, string $text, string $key): array {
        global $DB;
        try {
            submission::check_payload($text, $key);
        } catch (\InvalidArgumentException $e) {
            throw new \invalid_parameter_exception($e->getMessage());
        }
        // Keys are case-sensitive, but MySQL and MariaDB compare text case-insensitively: their SHA-256 in
        // lowercase hex is the same under every collation and database.
        $identity = ['magwordcloudid' => (int) $this->instance->id, 'userid' => $userid, 'idemkey' => hash('sha256', $key)];

        $lock = $this->lock("submit-{$this->instance->id}-{$userid}");
        try {
            $previous = $DB->get_record(self::ENTRIES, $identity);
            if ($previous) {
                return $this->replay($previous);
            }
            [$settings, $merges, $hidden] = self::config_of($this->load());
            $decision = submission::decide($settings, $this->own($userid), $text, $this->is_moderator($userid));
            if (!$decision['ok']) {
                return ['accepted' => false, 'error' => $decision['error']];
            }
            $now = time();
            $entry = (object) ($identity + [
                'groupid' => $this->submission_group(),
                'entrytext' => $decision['text'],
                'entrykey' => $decision['key'],
                'status' => $decision['status'],
                'timecreated' => $now,
                'timemodified' => $now,
            ]);
            try {
                $entry->id = self::transaction(function () use ($DB, $entry, $now): int {
                    $id = $DB->insert_record(self::ENTRIES, $entry);
                    self::bump_version((int) $this->instance->id, $now);
                    return $id;
                });
            } catch (\dml_write_exception $e) {
                // The same key from another server process that did not take the lock (none does): the unique index
                // let one in.
                $previous = $DB->get_record(self::ENTRIES, $identity);
                if ($previous) {
                    return $this->replay($previous);
                }
                throw $e;
            }
        } finally {
            $lock->release();
        }

        $this->log_entry_event(event\entry_submitted::class, (int) $entry->id, $userid, $settings);
        $this->update_completion($userid, COMPLETION_COMPLETE);

        $options = state_builder::aggregate_options($settings, $merges, $hidden);
        return ['accepted' => true, 'entry' => self::my_entry($entry, $options)];
    }

    /**
     * Withdraws one of the user's own entries (bridge subject `wordcloud.withdraw`), while answers are open.
     *
     * @param int $userid
     * @param int $id entry id
     * @return array ['withdrawn' => bool, 'error' => 'not_found'|'closed' when not]
     */
    public function withdraw(int $userid, int $id): array {
        global $DB;
        $entry = $DB->get_record(self::ENTRIES, ['id' => $id, 'magwordcloudid' => $this->instance->id, 'userid' => $userid]);
        if (!$entry || $entry->status === 'withdrawn') {
            return ['withdrawn' => false, 'error' => 'not_found'];
        }
        $settings = settings::from_record($this->load());
        if (!$settings['open']) {
            return ['withdrawn' => false, 'error' => 'closed'];
        }
        $now = time();
        self::transaction(function () use ($DB, $entry, $now): void {
            $DB->set_field(self::ENTRIES, 'status', 'withdrawn', ['id' => $entry->id, 'status' => $entry->status]);
            $DB->set_field(self::ENTRIES, 'timemodified', $now, ['id' => $entry->id]);
            self::bump_version((int) $this->instance->id, $now);
        });

        $this->log_entry_event(event\entry_withdrawn::class, (int) $entry->id, $userid, $settings);
        $this->update_completion($userid, COMPLETION_UNKNOWN);
        return ['withdrawn' => true];
    }

    /**
     * Changes settings (bridge subject `wordcloud.configure`): null leaves a setting as it is.
     *
     * @param int $userid the trainer, for the state they get back
     * @param array $changes setting (bridge name) => value or null
     * @return array the trainer's state
     */
    public function configure(int $userid, array $changes): array {
        $this->change_config('configure', function (array $settings, array $merges, array $hidden) use ($changes) {
            return [settings::apply($settings, $changes), $merges, $hidden];
        });
        return $this->get_state($userid);
    }

    /**
     * Opens or closes the activity to answers (bridge subjects `wordcloud.open` and `wordcloud.close`).
     *
     * @param int $userid
     * @param bool $open
     * @return array the trainer's state
     */
    public function set_open(int $userid, bool $open): array {
        $this->change_config($open ? 'open' : 'close', function (array $settings, array $merges, array $hidden) use ($open) {
            return [settings::apply($settings, ['open' => $open]), $merges, $hidden];
        });
        return $this->get_state($userid);
    }

    /**
     * Hides a word, or shows it again (bridge subjects `wordcloud.hide` and `wordcloud.unhide`).
     *
     * @param int $userid
     * @param string $word
     * @param bool $hide
     * @return array the trainer's state
     */
    public function set_hidden(int $userid, string $word, bool $hide): array {
        $this->change_config($hide ? 'hide' : 'unhide',
            function (array $settings, array $merges, array $hidden) use ($word, $hide) {
                $next = $hide ? config_editor::hide($hidden, $word, $settings['accentsMerge'])
                    : config_editor::unhide($hidden, $word, $settings['accentsMerge']);
                return $next === null ? null : [$settings, $merges, $next];
            });
        return $this->get_state($userid);
    }

    /**
     * Merges words into a target (bridge subject `wordcloud.merge`).
     *
     * @param int $userid
     * @param string $target
     * @param string[] $members
     * @return array the trainer's state
     */
    public function merge(int $userid, string $target, array $members): array {
        $this->change_config('merge', function (array $settings, array $merges, array $hidden) use ($target, $members) {
            $next = config_editor::merge($merges, $target, $members, $settings['accentsMerge']);
            return $next === null ? null : [$settings, $next, $hidden];
        });
        return $this->get_state($userid);
    }

    /**
     * Undoes the merge of a target (bridge subject `wordcloud.unmerge`).
     *
     * @param int $userid
     * @param string $target
     * @return array the trainer's state
     */
    public function unmerge(int $userid, string $target): array {
        $this->change_config('unmerge', function (array $settings, array $merges, array $hidden) use ($target) {
            $next = config_editor::unmerge($merges, $target, $settings['accentsMerge']);
            return $next === null ? null : [$settings, $next, $hidden];
        });
        return $this->get_state($userid);
    }

    /**
     * Starts again (bridge subject `wordcloud.reset`): every entry, merge and hidden word goes; the settings stay.
     *
     * @param int $userid
     * @return array the trainer's state
     */
    public function reset(int $userid): array {
        global $DB;
        $lock = $this->lock("config-{$this->instance->id}");
        try {
            self::transaction(function () use ($DB): void {
                $DB->delete_records(self::ENTRIES, ['magwordcloudid' => $this->instance->id]);
                $DB->update_record(self::TABLE, (object) ['id' => $this->instance->id, 'merges' => '[]',
                    'hiddenwords' => '[]']);
                self::bump_version((int) $this->instance->id);
            });
        } finally {
            $lock->release();
        }
        $event = event\cloud_reset::create(['objectid' => $this->instance->id, 'context' => $this->context]);
        $event->add_record_snapshot(self::TABLE, $this->instance);
        $event->trigger();
        return $this->get_state($userid);
    }

    /**
     * Approves or rejects a pending entry the moderator sees (bridge subjects `wordcloud.approve` and
     * `wordcloud.reject`); nothing happens to an entry that is no longer pending.
     *
     * @param int $userid the moderator
     * @param int $id entry id
     * @param bool $approve
     * @return array the moderator's state
     */
    public function decide(int $userid, int $id, bool $approve): array {
        global $DB;
        $entry = $DB->get_record(self::ENTRIES, ['id' => $id, 'magwordcloudid' => $this->instance->id]);
        $groups = $this->scope_groups($userid);
        $inscope = $entry && ($groups === null || in_array((int) $entry->groupid, $groups, true)
            || (int) $entry->userid === $userid);
        if ($inscope && $entry->status === 'pending') {
            $to = $approve ? 'accepted' : 'rejected';
            $changed = self::transaction(function () use ($DB, $entry, $to): bool {
                $DB->set_field(self::ENTRIES, 'status', $to, ['id' => $entry->id, 'status' => 'pending']);
                if ($DB->get_field(self::ENTRIES, 'status', ['id' => $entry->id]) !== $to) {
                    return false;
                }
                $now = time();
                $DB->set_field(self::ENTRIES, 'timemodified', $now, ['id' => $entry->id]);
                self::bump_version((int) $this->instance->id, $now);
                return true;
            });
            if ($changed) {
                $this->log_entry_event($approve ? event\entry_approved::class : event\entry_rejected::class,
                    (int) $entry->id, (int) $entry->userid, settings::from_record($this->load()));
            }
        }
        return $this->get_state($userid);
    }

    /**
     * What a trainer exports (bridge subject `wordcloud.export`): the entries they see.
     *
     * @param int $userid
     * @return array
     */
    public function export(int $userid): array {
        [$settings, $merges, $hidden] = self::config_of($this->load());
        return state_builder::export([
            'settings' => $settings,
            'merges' => $merges,
            'hidden' => $hidden,
            'rows' => $this->rows($userid, $settings['identity'] === 'named'),
        ]);
    }

    /**
     * How many entries a user has, not withdrawn (completion rule "at least N entries").
     *
     * @param int $userid
     * @return int
     */
    public function count_user_entries(int $userid): int {
        global $DB;
        return $DB->count_records_select(self::ENTRIES, 'magwordcloudid = :id AND userid = :userid AND status <> :withdrawn',
            ['id' => $this->instance->id, 'userid' => $userid, 'withdrawn' => 'withdrawn']);
    }

    /**
     * Bumps the version of an instance's live state, so that polling pages fetch it again.
     *
     * @param int $instanceid
     * @param int|null $now
     */
    public static function bump_version(int $instanceid, ?int $now = null): void {
        global $DB;
        $DB->execute('UPDATE {magwordcloud} SET version = version + 1, timemodified = :now WHERE id = :id',
            ['now' => $now ?? time(), 'id' => $instanceid]);
    }

    /**
     * Settings, merges and hidden words of an instance record.
     *
     * @param stdClass $record
     * @return array [settings, merges, hidden]
     */
    public static function config_of(stdClass $record): array {
        return [
            settings::from_record($record),
            config_editor::merges_from_json($record->merges ?? null),
            config_editor::hidden_from_json($record->hiddenwords ?? null),
        ];
    }

    /**
     * Runs database work in a delegated transaction: committed when it returns, rolled back (and the error thrown
     * again) when it throws.
     *
     * @param callable $work
     * @return mixed what the work returns
     */
    private static function transaction(callable $work) {
        global $DB;
        $transaction = $DB->start_delegated_transaction();
        try {
            $result = $work();
            $transaction->allow_commit();
            return $result;
        } catch (\Throwable $e) {
            $transaction->rollback($e);
            throw $e;
        }
    }

    /**
     * The instance record as it is now.
     *
     * @return stdClass
     */
    private function load(): stdClass {
        global $DB;
        return $DB->get_record(self::TABLE, ['id' => $this->instance->id], '*', MUST_EXIST);
    }

    /**
     * Runs a change of the settings or moderation lists under the instance's lock: `$change` gets the current
     * settings, merges and hidden words and gives the new ones, or null when nothing changes. Only a change is saved
     * and bumps the version.
     *
     * @param string $action for the event: configure, open, close, hide, unhide, merge or unmerge
     * @param callable $change
     */
    private function change_config(string $action, callable $change): void {
        global $DB;
        $lock = $this->lock("config-{$this->instance->id}");
        try {
            [$settings, $merges, $hidden] = self::config_of($this->load());
            try {
                $next = $change($settings, $merges, $hidden);
            } catch (\InvalidArgumentException $e) {
                throw new \invalid_parameter_exception($e->getMessage());
            }
            if ($next === null) {
                return;
            }
            [$settings, $merges, $hidden] = $next;
            $record = (object) (settings::to_record($settings) + [
                'id' => $this->instance->id,
                'merges' => config_editor::to_json($merges),
                'hiddenwords' => config_editor::to_json($hidden),
            ]);
            self::transaction(function () use ($DB, $record): void {
                $DB->update_record(self::TABLE, $record);
                self::bump_version((int) $this->instance->id);
            });
        } finally {
            $lock->release();
        }
        $event = event\cloud_updated::create([
            'objectid' => $this->instance->id,
            'context' => $this->context,
            'other' => ['action' => $action],
        ]);
        $event->add_record_snapshot(self::TABLE, $this->instance);
        $event->trigger();
    }

    /**
     * The entries a user sees, not withdrawn, oldest first; with their authors' names when asked.
     *
     * @param int $userid
     * @param bool $withauthors
     * @return stdClass[]
     */
    private function rows(int $userid, bool $withauthors): array {
        global $DB;
        $params = ['instanceid' => $this->instance->id, 'withdrawn' => 'withdrawn'];
        $where = 'e.magwordcloudid = :instanceid AND e.status <> :withdrawn';
        $groups = $this->scope_groups($userid);
        if ($groups !== null) {
            $params['self'] = $userid;
            if ($groups) {
                [$insql, $inparams] = $DB->get_in_or_equal($groups, SQL_PARAMS_NAMED, 'grp');
                $where .= " AND (e.groupid $insql OR e.userid = :self)";
                $params += $inparams;
            } else {
                $where .= ' AND e.userid = :self';
            }
        }
        if (!$withauthors) {
            return array_values($DB->get_records_sql("SELECT e.id, e.userid, e.entrytext, e.status
                                                        FROM {magwordcloud_entry} e
                                                       WHERE $where
                                                    ORDER BY e.id", $params));
        }
        $namefields = \core_user\fields::for_name()->get_sql('u', false, '', '', false)->selects;
        $rows = $DB->get_records_sql("SELECT e.id, e.userid, e.entrytext, e.status, $namefields
                                        FROM {magwordcloud_entry} e
                                        JOIN {user} u ON u.id = e.userid
                                       WHERE $where
                                    ORDER BY e.id", $params);
        $viewfullnames = has_capability('moodle/site:viewfullnames', $this->context, $userid);
        foreach ($rows as $row) {
            $row->author = fullname($row, $viewfullnames);
        }
        return array_values($rows);
    }

    /**
     * A user's own entries, not withdrawn, oldest first.
     *
     * @param int $userid
     * @return stdClass[]
     */
    private function own(int $userid): array {
        global $DB;
        return array_values($DB->get_records_select(self::ENTRIES,
            'magwordcloudid = :instanceid AND userid = :userid AND status <> :withdrawn',
            ['instanceid' => $this->instance->id, 'userid' => $userid, 'withdrawn' => 'withdrawn'],
            'id ASC', 'id, userid, entrytext, entrykey, status'));
    }

    /**
     * The group an entry is written in: the user's current group of the activity, 0 without groups.
     *
     * @return int
     */
    private function submission_group(): int {
        if (groups_get_activity_groupmode($this->cm) == NOGROUPS) {
            return 0;
        }
        return (int) groups_get_activity_group($this->cm);
    }

    /**
     * The answer to a retried submission: the first answer again, or not accepted when the entry was withdrawn.
     *
     * @param stdClass $entry
     * @return array
     */
    private function replay(stdClass $entry): array {
        if ($entry->status === 'withdrawn') {
            return ['accepted' => false];
        }
        [$settings, $merges, $hidden] = self::config_of($this->load());
        return ['accepted' => true,
            'entry' => self::my_entry($entry, state_builder::aggregate_options($settings, $merges, $hidden))];
    }

    /**
     * An entry as its author sees it.
     *
     * @param stdClass $entry
     * @param array $options the aggregator's options
     * @return array MyEntry
     */
    private static function my_entry(stdClass $entry, array $options): array {
        $row = state_builder::rows([$entry])[0];
        return ['id' => $row['id'], 'text' => $row['text'], 'status' => state_builder::entry_status($row, $options)];
    }

    /**
     * Logs an event about an entry (written, withdrawn, approved, rejected).
     *
     * In an anonymous activity the event is anonymous: the course logs then show who wrote, withdrew or had approved
     * which entry only to those who may see anonymous events (moodle/site:viewanonymousevents: managers, not
     * trainers), as mod_feedback does for anonymous answers. Otherwise a trainer would read the author of each entry
     * there, next to the entry's id that the approval queue also shows.
     *
     * @param string $class the event class
     * @param int $entryid
     * @param int $authorid the entry's author
     * @param array $settings the activity's settings when it happened
     */
    private function log_entry_event(string $class, int $entryid, int $authorid, array $settings): void {
        $event = $class::create([
            'objectid' => $entryid,
            'context' => $this->context,
            'relateduserid' => $authorid,
            'anonymous' => $settings['identity'] === 'anonymous' ? 1 : 0,
        ]);
        $event->add_record_snapshot(self::TABLE, $this->instance);
        $event->trigger();
    }

    /**
     * Takes a lock of this plugin, or fails.
     *
     * @param string $resource
     * @return \core\lock\lock
     */
    private function lock(string $resource): \core\lock\lock {
        $factory = \core\lock\lock_config::get_lock_factory('mod_magwordcloud');
        $lock = $factory->get_lock($resource, self::LOCK_TIMEOUT);
        if (!$lock) {
            throw new \moodle_exception('locktimeout', 'mod_magwordcloud');
        }
        return $lock;
    }

    /**
     * Updates the completion state of a user when the activity has the rule "at least N entries".
     *
     * @param int $userid
     * @param int $possible COMPLETION_COMPLETE after an answer, COMPLETION_UNKNOWN after a withdrawal
     */
    private function update_completion(int $userid, int $possible): void {
        global $CFG;
        if (empty($this->instance->completionentries)) {
            return;
        }
        require_once($CFG->libdir . '/completionlib.php');
        $completion = new \completion_info($this->cm->get_course());
        if ($completion->is_enabled($this->cm) == COMPLETION_TRACKING_AUTOMATIC) {
            $completion->update_state($this->cm, $possible, $userid);
        }
    }
}
