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

namespace mod_magreactions;

use cm_info;
use context_module;
use mod_magreactions\local\counter;
use stdClass;

/**
 * Reads and writes the live state of one reactions activity.
 *
 * Writes bump the instance's `version`, which the light poll endpoint of local_magactivities reads: a poll that
 * finds nothing new costs one indexed read and no counting.
 *
 * @package    mod_magreactions
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class manager {
    /** @var stdClass the magreactions record */
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
        $instance = $DB->get_record('magreactions', ['id' => $cm->instance], '*', MUST_EXIST);
        return new self($instance, $cm);
    }

    /**
     * The magreactions record, as loaded.
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
     * The live state as a user sees it: the counts of the current round and the version.
     *
     * In separate groups mode, a user who cannot access all groups sees the counts of the members of their groups.
     *
     * @param int $userid
     * @return array{counts: array<string, int>, version: int}
     */
    public function get_state(int $userid): array {
        global $DB;

        // The version is read before the counts: when a write lands in between, the counts are newer than the
        // version and the next poll merely fetches again. The other order could pair old counts with a new
        // version, and the page would never fetch the change it missed.
        $current = $DB->get_record('magreactions', ['id' => $this->instance->id], 'id, roundno, version', MUST_EXIST);

        $params = ['instanceid' => $current->id, 'roundno' => $current->roundno];
        $groupsql = '';
        if (groups_get_activity_groupmode($this->cm) == SEPARATEGROUPS
                && !has_capability('moodle/site:accessallgroups', $this->context, $userid)) {
            $groupids = array_keys(groups_get_all_groups($this->cm->course, $userid, $this->cm->groupingid, 'g.id'));
            if ($groupids) {
                [$insql, $inparams] = $DB->get_in_or_equal($groupids, SQL_PARAMS_NAMED, 'grp');
                $groupsql = "AND EXISTS (SELECT 1 FROM {groups_members} gm WHERE gm.userid = r.userid AND gm.groupid $insql)";
                $params += $inparams;
            } else {
                $groupsql = 'AND r.userid = :self';
                $params['self'] = $userid;
            }
        }

        $sql = "SELECT r.reaction, COUNT(1) AS total
                  FROM {magreactions_reaction} r
                 WHERE r.magreactionsid = :instanceid AND r.roundno = :roundno $groupsql
              GROUP BY r.reaction";
        $counts = counter::empty_counts();
        foreach ($DB->get_records_sql($sql, $params) as $row) {
            if (counter::is_reaction($row->reaction)) {
                $counts[$row->reaction] = (int) $row->total;
            }
        }
        return ['counts' => $counts, 'version' => (int) $current->version];
    }

    /**
     * Records a reaction; the same (user, key) is recorded once.
     *
     * @param int $userid
     * @param string $reaction one of counter::REACTIONS
     * @param string $key idempotency key
     * @return array{accepted: bool, state: array}
     */
    public function react(int $userid, string $reaction, string $key): array {
        global $DB;

        if (!counter::is_reaction($reaction)) {
            throw new \invalid_parameter_exception('Unknown reaction');
        }
        if (\core_text::strlen($key) > 64 || !counter::is_key($key)) {
            throw new \invalid_parameter_exception('Invalid idempotency key');
        }

        // Keys are case-sensitive, but MySQL and MariaDB compare text case-insensitively (utf8mb4_unicode_ci), in
        // lookups and in the unique index alike. Their SHA-256 in lowercase hex (64 characters) is the same under
        // every collation and database.
        $identity = ['magreactionsid' => $this->instance->id, 'userid' => $userid, 'idemkey' => hash('sha256', $key)];
        if ($DB->record_exists('magreactions_reaction', $identity)) {
            return ['accepted' => false, 'state' => $this->get_state($userid)];
        }

        $now = time();
        try {
            $transaction = $DB->start_delegated_transaction();
            try {
                $roundno = $DB->get_field('magreactions', 'roundno', ['id' => $this->instance->id], MUST_EXIST);
                $record = (object) ($identity + ['roundno' => $roundno, 'reaction' => $reaction, 'timecreated' => $now]);
                $record->id = $DB->insert_record('magreactions_reaction', $record);
                self::bump_version((int) $this->instance->id, $now);
                $transaction->allow_commit();
            } catch (\Throwable $e) {
                $transaction->rollback($e);
            }
        } catch (\dml_write_exception $e) {
            // Two requests with the same key at the same time: the unique index let one in.
            if ($DB->record_exists('magreactions_reaction', $identity)) {
                return ['accepted' => false, 'state' => $this->get_state($userid)];
            }
            throw $e;
        }

        // Trainees are told that their answers are anonymous: the event is, so that the logs show who sent which
        // reaction only to those who may see anonymous events (moodle/site:viewanonymousevents: managers, not
        // trainers), as mod_feedback does for anonymous answers.
        $event = event\reaction_submitted::create([
            'objectid' => $record->id,
            'context' => $this->context,
            'relateduserid' => $userid,
            'anonymous' => 1,
            'other' => ['reaction' => $reaction],
        ]);
        $event->add_record_snapshot('magreactions', $this->instance);
        $event->trigger();

        $this->update_completion($userid);

        return ['accepted' => true, 'state' => $this->get_state($userid)];
    }

    /**
     * Starts a new round: counts start again from zero. Reactions of past rounds are kept (completion, privacy).
     *
     * @param int $userid the trainer who resets, for the state they see
     * @return array{counts: array<string, int>, version: int}
     */
    public function reset(int $userid): array {
        global $DB;

        $DB->execute('UPDATE {magreactions} SET roundno = roundno + 1, version = version + 1, timemodified = :now
                       WHERE id = :id', ['now' => time(), 'id' => $this->instance->id]);

        $event = event\reactions_reset::create([
            'objectid' => $this->instance->id,
            'context' => $this->context,
        ]);
        $event->add_record_snapshot('magreactions', $this->instance);
        $event->trigger();

        return $this->get_state($userid);
    }

    /**
     * How many reactions a user sent, all rounds together (completion rule "at least N reactions").
     *
     * @param int $userid
     * @return int
     */
    public function count_user_reactions(int $userid): int {
        global $DB;
        return $DB->count_records('magreactions_reaction', ['magreactionsid' => $this->instance->id, 'userid' => $userid]);
    }

    /**
     * Bumps the version of an instance's live state, so that polling pages fetch it again.
     *
     * @param int $instanceid
     * @param int|null $now
     */
    public static function bump_version(int $instanceid, ?int $now = null): void {
        global $DB;
        $DB->execute('UPDATE {magreactions} SET version = version + 1, timemodified = :now WHERE id = :id',
            ['now' => $now ?? time(), 'id' => $instanceid]);
    }

    /**
     * Marks the activity complete for a user who reached the number of reactions asked for.
     *
     * @param int $userid
     */
    private function update_completion(int $userid): void {
        global $CFG;
        if (empty($this->instance->completionreactions)) {
            return;
        }
        require_once($CFG->libdir . '/completionlib.php');
        $completion = new \completion_info($this->cm->get_course());
        if ($completion->is_enabled($this->cm) == COMPLETION_TRACKING_AUTOMATIC) {
            $completion->update_state($this->cm, COMPLETION_COMPLETE, $userid);
        }
    }
}
