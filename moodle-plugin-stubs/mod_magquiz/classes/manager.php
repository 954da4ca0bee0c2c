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

namespace mod_magquiz;

use cm_info;
use context_module;
use local_magactivities\local\state_version;
use mod_magquiz\local\accommodations;
use mod_magquiz\local\attempt;
use mod_magquiz\local\gift;
use mod_magquiz\local\grader;
use mod_magquiz\local\live;
use mod_magquiz\local\quiz_state;
use mod_magquiz\local\settings;
use stdClass;

/**
 * The domain operations of one quiz on Moodle's database: what each bridge subject does. The model is the reference
 * host's service (host/src/server/quiz.ts); the rules are the pure classes' (local\attempt, local\live, local\view,
 * local\quiz_state), and this class reads and writes rows through Moodle's DML only, with portable SQL.
 *
 * - Grading runs here and nowhere else: an attempt's state is graded by local\attempt when it finishes, and the
 *   user's grade (the grading method over their finished attempts) goes to the gradebook with grade_update();
 *   never a score a client reports.
 * - Idempotency: an attempt is started once per (user, key) and an action applied once per (attempt, key), each key
 *   stored as its SHA-256 under a unique index; a live answer is taken once per (session, question, user), the
 *   first one, under a unique index (a retry with the same key gets "accepted" again).
 * - One person's self-paced actions run one at a time (a lock per person and instance); joins and the trainer's
 *   moves run one at a time per instance. Live answers take no lock: the unique index decides.
 * - Versions: `version` moves with what everybody sees (the live session, the number of answers on the projection,
 *   the quiz itself), not with a trainee's private attempt, so that a room saving answers does not make every page
 *   fetch its state. An open question with a timer closes by itself: its phase is computed from the clock, and
 *   `versiondue` holds its deadline, from which the light poll endpoint and this class count the version one higher
 *   (state_version::effective()), so that pages learn it with no request and no process running at the deadline.
 *
 * @package    mod_magquiz
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class manager {
    /** @var string The instance table. */
    public const TABLE = 'magquiz';
    /** @var string Attempts. */
    public const ATTEMPTS = 'magquiz_attempt';
    /** @var string Keys of the actions applied to attempts. */
    public const ACTIONS = 'magquiz_action';
    /** @var string The live session of each instance. */
    public const LIVE = 'magquiz_live';
    /** @var string Live participants. */
    public const PARTICIPANTS = 'magquiz_live_part';
    /** @var string When each participant was sent each open question. */
    public const SERVED = 'magquiz_live_served';
    /** @var string Live answers. */
    public const ANSWERS = 'magquiz_live_answer';
    /** @var string Table: a trainee's extra time on the time limit (accommodations). */
    public const OVERRIDES = 'magquiz_override';
    /** @var int Seconds to wait for a lock before giving up. */
    private const LOCK_TIMEOUT = 10;
    /** @var int The longest comment on an essay, in characters (the bridge's schema: 2,000). */
    public const MAX_COMMENT = 2000;
    /** @var string An idempotency key, as the bridge's schema has it. */
    private const KEY = '/^[A-Za-z0-9-]{8,64}$/D';

    /** @var stdClass the magquiz record, as loaded */
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
     * The magquiz record, as loaded.
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
     * Whether a user runs live sessions (the bridge's trainer role).
     *
     * @param int $userid
     * @return bool
     */
    public function is_trainer(int $userid): bool {
        return has_capability('mod/magquiz:control', $this->context, $userid);
    }

    /**
     * Whether a user may attempt the quiz and take part in live sessions.
     *
     * @param int $userid
     * @return bool
     */
    public function may_attempt(int $userid): bool {
        return has_capability('mod/magquiz:attempt', $this->context, $userid);
    }

    /**
     * The server's clock in milliseconds, as the model counts time.
     *
     * @return int
     */
    public static function now(): int {
        return (int) floor(microtime(true) * 1000);
    }

    /**
     * The quiz of a record: settings, the grade item's pass grade and the questions.
     *
     * @param stdClass $record
     * @return array
     */
    public static function quiz_of(stdClass $record): array {
        global $DB;
        $gradepass = $DB->get_field('grade_items', 'gradepass', ['itemtype' => 'mod', 'itemmodule' => 'magquiz',
            'iteminstance' => $record->id, 'itemnumber' => 0, 'courseid' => $record->course]);
        return settings::quiz($record, $gradepass === false ? null : (float) $gradepass);
    }

    /**
     * The version of what everybody sees, as the light poll endpoint reads it.
     *
     * @param stdClass $record
     * @param int|null $now ms
     * @return int
     */
    public static function version_of(stdClass $record, ?int $now = null): int {
        return state_version::effective((int) $record->version, (int) ($record->versiondue ?? 0), $now ?? self::now());
    }

    /**
     * Moves the version on, so that polling pages fetch their states again. A deadline that passed counts (the
     * version read since then was one higher); `$due`, when given, is the next one (0: none), else a deadline still
     * to come is kept.
     *
     * @param int $instanceid
     * @param int|null $due ms since the epoch
     */
    public static function bump_version(int $instanceid, ?int $due = null): void {
        global $DB;
        $now = self::now();
        $passed = 'versiondue > 0 AND versiondue <= :now1';
        $params = ['now1' => $now, 'id' => $instanceid];
        if ($due === null) {
            $next = "CASE WHEN versiondue > 0 AND versiondue <= :now2 THEN 0 ELSE versiondue END";
            $params['now2'] = $now;
        } else {
            $next = ':due';
            $params['due'] = $due;
        }
        $DB->execute("UPDATE {magquiz}
                         SET version = version + CASE WHEN $passed THEN 2 ELSE 1 END, versiondue = $next
                       WHERE id = :id", $params);
    }

    /**
     * Whether an idempotency key is well formed; throws when not.
     *
     * @param string $key
     */
    private static function check_key(string $key): void {
        if (!preg_match(self::KEY, $key)) {
            throw new \invalid_parameter_exception('key: 8 to 64 letters, digits or dashes');
        }
    }

    // ---- Reading ----

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
     * A user's attempts, read back (unreadable ones left out), by number.
     *
     * @param int $userid
     * @param array $quiz
     * @return array[] each ['row' => stdClass, 'state' => array]
     */
    private function attempts_of(int $userid, array $quiz): array {
        global $DB;
        $rows = $DB->get_records(self::ATTEMPTS, ['magquizid' => $this->instance->id, 'userid' => $userid], 'attempt ASC',
            'id, attempt, state, status');
        $attempts = [];
        foreach ($rows as $row) {
            $state = attempt::parse_state($quiz, json_decode($row->state, true));
            if ($state !== null) {
                $attempts[] = ['row' => $row, 'state' => $state];
            }
        }
        return $attempts;
    }

    /**
     * The live session of the instance, read back; null when there is none.
     *
     * @return array|null ['id' => sessionid, 'seed' => string, 'session' => array]
     */
    private function live_session(): ?array {
        global $DB;
        $row = $DB->get_record(self::LIVE, ['magquizid' => $this->instance->id], 'sessionid, seed, state');
        if (!$row) {
            return null;
        }
        $session = live::parse_session(json_decode($row->state, true));
        return $session === null ? null : ['id' => $row->sessionid, 'seed' => $row->seed, 'session' => $session];
    }

    /**
     * The responses of a live question, in the order they came.
     *
     * @param string $sessionid
     * @param int $step
     * @return array[]
     */
    private function live_responses(string $sessionid, int $step): array {
        global $DB;
        $responses = [];
        foreach ($DB->get_fieldset_select(self::ANSWERS, 'response', 'sessionid = :s AND step = :step ORDER BY id',
                ['s' => $sessionid, 'step' => $step]) as $json) {
            $response = json_decode($json, true);
            if (is_array($response)) {
                $responses[] = $response;
            }
        }
        return $responses;
    }

    /**
     * The room's scores in join order: user, full name, points, team.
     *
     * @param string $sessionid
     * @param int|null $hiddenstep a step whose points are left out (the question on screen, not revealed yet)
     * @return array[]
     */
    private function live_scores(string $sessionid, ?int $hiddenstep = null): array {
        global $DB;
        $namefields = \core_user\fields::for_name()->get_sql('u', false, '', '', false)->selects;
        $people = $DB->get_records_sql("SELECT p.userid, p.team, p.joinindex, $namefields
                                          FROM {magquiz_live_part} p
                                          JOIN {user} u ON u.id = p.userid
                                         WHERE p.sessionid = :s
                                      ORDER BY p.joinindex, p.id", ['s' => $sessionid]);
        $points = $DB->get_records_sql_menu("SELECT userid, SUM(points)
                                               FROM {magquiz_live_answer}
                                              WHERE sessionid = :s AND step <> :hidden
                                           GROUP BY userid", ['s' => $sessionid, 'hidden' => $hiddenstep ?? -1]);
        $scores = [];
        foreach ($people as $person) {
            $scores[] = ['userId' => (string) $person->userid, 'name' => fullname($person), 'team' => $person->team,
                'points' => (int) ($points[$person->userid] ?? 0)];
        }
        return $scores;
    }

    /**
     * What quiz_state::live() needs for a user; null without a session.
     *
     * @param int $userid
     * @return array|null
     */
    private function live_data(int $userid): ?array {
        global $DB;
        $live = $this->live_session();
        if ($live === null) {
            return null;
        }
        $id = $live['id'];
        $participant = $DB->get_record(self::PARTICIPANTS, ['sessionid' => $id, 'userid' => $userid], 'team');
        $mypoints = $DB->get_field_sql('SELECT COALESCE(SUM(points), 0) FROM {magquiz_live_answer}
                                         WHERE sessionid = :s AND userid = :u', ['s' => $id, 'u' => $userid]);
        return $live + [
            'joined' => $DB->count_records(self::PARTICIPANTS, ['sessionid' => $id]),
            'participant' => $participant ? ['team' => $participant->team] : null,
            'mypoints' => (int) $mypoints,
            'scores' => fn(?int $hiddenstep = null): array => $this->live_scores($id, $hiddenstep),
            'count' => fn(int $step): int => $DB->count_records(self::ANSWERS, ['sessionid' => $id, 'step' => $step]),
            'answers' => fn(int $step): array => $this->live_responses($id, $step),
            'own' => function (int $step) use ($DB, $id, $userid): ?array {
                $row = $DB->get_record(self::ANSWERS, ['sessionid' => $id, 'step' => $step, 'userid' => $userid],
                    'response, state, points');
                $response = $row ? json_decode($row->response, true) : null;
                return is_array($response) ? ['response' => $response, 'state' => $row->state, 'points' => $row->points]
                    : null;
            },
            'userid' => (string) $userid,
            'joinurl' => (new \moodle_url('/mod/magquiz/view.php', ['id' => $this->cm->id]))->out(false),
        ];
    }

    /**
     * What only trainers get in the state: people with an attempt, finished attempts, essays waiting.
     *
     * @return array TrainerPart
     */
    private function trainer_part(): array {
        global $DB;
        $id = $this->instance->id;
        $participants = $DB->count_records_sql('SELECT COUNT(DISTINCT userid) FROM {magquiz_attempt} WHERE magquizid = ?',
            [$id]);
        $finished = $DB->count_records(self::ATTEMPTS, ['magquizid' => $id, 'status' => 'finished']);
        $waiting = $DB->count_records_select(self::ATTEMPTS,
            'magquizid = :id AND status = :finished AND ' . $DB->sql_like('state', ':needs'),
            ['id' => $id, 'finished' => 'finished', 'needs' => '%"needsGrading"%']);
        return ['participants' => $participants, 'finishedAttempts' => $finished, 'needsGrading' => $waiting];
    }

    /**
     * What a user may see (bridge subject `quiz.state`).
     *
     * @param int $userid
     * @return array QuizState
     */
    public function get_state(int $userid): array {
        // The version is read before the rows: a write in between makes the rows newer than the version, and the
        // next poll merely fetches again.
        $now = self::now();
        $record = $this->load();
        $quiz = self::quiz_of($record);
        $live = $this->live_data($userid);
        $state = quiz_state::build([
            'version' => self::version_of($record, $now),
            'title' => format_string($record->name, true, ['context' => $this->context]),
            'quiz' => $quiz,
            'attempts' => array_column($this->attempts_of($userid, $quiz), 'state'),
            'now' => $now,
            'mayattempt' => $this->may_attempt($userid),
            'live' => $live,
            'trainer' => $this->is_trainer($userid) ? $this->trainer_part() : null,
        ]);
        if ($live !== null && $state['live'] !== null) {
            $this->note_served($state['live'], $userid, $now);
        }
        return $state;
    }

    /**
     * Records when a participant was first sent the open question: the start of their fair timing.
     *
     * @param array $live the LiveState just built
     * @param int $userid
     * @param int $now
     */
    private function note_served(array $live, int $userid, int $now): void {
        global $DB;
        $step = $live['step'] ?? null;
        if ($step === null || $step['question']['phase'] !== 'open' || !$live['me']['joined'] || $step['mine']['answered']) {
            return;
        }
        $key = ['sessionid' => $live['session'], 'step' => $step['index'], 'userid' => $userid];
        if ($DB->record_exists(self::SERVED, $key)) {
            return;
        }
        try {
            $DB->insert_record(self::SERVED, (object) ($key + ['magquizid' => $this->instance->id, 'timeserved' => $now]));
        } catch (\dml_write_exception $e) {
            // Another request of the same user recorded it first: the first time counts.
            return;
        }
    }

    // ---- Self-paced ----

    /**
     * Saves an attempt's state, with its grade once finished.
     *
     * @param int $id
     * @param array $quiz
     * @param array $state
     */
    private static function save_attempt(int $id, array $quiz, array $state): void {
        global $DB;
        $finished = $state['status'] === 'finished';
        $grade = $finished ? attempt::attempt_grade($quiz, $state)['grade'] : null;
        $DB->update_record(self::ATTEMPTS, (object) [
            'id' => $id,
            'state' => json_encode($state, JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION | JSON_THROW_ON_ERROR),
            'status' => $state['status'],
            'grade' => $grade,
            'timefinish' => $finished ? (int) floor(($state['finishedAt'] ?? self::now()) / 1000) : 0,
            'timedue' => $finished ? 0 : self::due_of($quiz, $state),
            'timemodified' => time(),
        ]);
    }

    /**
     * When an attempt in progress is overdue (its deadline and the grace period), unix time; 0 without a deadline.
     *
     * @param array $quiz
     * @param array $state
     * @return int
     */
    private static function due_of(array $quiz, array $state): int {
        if ($state['deadline'] === null) {
            return 0;
        }
        $grace = ($quiz['settings']['submitGraceSeconds'] ?? 60) * 1000;
        return (int) ceil(($state['deadline'] + $grace) / 1000) + 1;
    }

    /**
     * Starts a self-paced attempt (bridge subject `quiz.start`); the same key twice starts one.
     *
     * @param int $userid
     * @param string $key
     * @return array the user's state
     */
    public function start(int $userid, string $key): array {
        global $DB;
        self::check_key($key);
        $hash = hash('sha256', $key);
        $quiz = self::quiz_of($this->load());
        $lock = $this->lock("attempt-{$this->instance->id}-{$userid}");
        $started = null;
        try {
            if (!$DB->record_exists(self::ATTEMPTS, ['magquizid' => $this->instance->id, 'userid' => $userid,
                    'startkey' => $hash])) {
                $now = self::now();
                $previous = $this->attempts_of($userid, $quiz);
                // An attempt past its deadline is closed first, as Moodle's "autosubmit" does.
                $closed = false;
                foreach ($previous as $i => $item) {
                    $state = attempt::close_if_overdue($quiz, $item['state'], $now);
                    if ($state !== $item['state']) {
                        self::save_attempt((int) $item['row']->id, $quiz, $state);
                        $previous[$i]['state'] = $state;
                        $closed = true;
                    }
                }
                if ($closed) {
                    $this->update_grade($userid);
                }
                $result = attempt::start($quiz, ['seed' => bin2hex(random_bytes(16)), 'now' => $now,
                    'previous' => array_column($previous, 'state'), 'extraTimeSeconds' => $this->extra_time($userid)]);
                if (!$result['ok']) {
                    throw new \invalid_parameter_exception($result['code']);
                }
                $state = $result['state'];
                $started = $DB->insert_record(self::ATTEMPTS, (object) [
                    'magquizid' => $this->instance->id,
                    'userid' => $userid,
                    'attempt' => $state['number'],
                    'state' => json_encode($state, JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION | JSON_THROW_ON_ERROR),
                    'status' => 'inProgress',
                    'grade' => null,
                    'startkey' => $hash,
                    'timestart' => (int) floor($now / 1000),
                    'timefinish' => 0,
                    'timedue' => self::due_of($quiz, $state),
                    'timemodified' => time(),
                ]);
            }
        } finally {
            $lock->release();
        }
        if ($started !== null) {
            $event = event\attempt_started::create(['objectid' => $started, 'context' => $this->context,
                'relateduserid' => $userid]);
            $event->add_record_snapshot(self::TABLE, $this->instance);
            $event->trigger();
        }
        return $this->get_state($userid);
    }

    /**
     * A trainee's extra time on the time limit (their accommodation), seconds; 0 for none.
     *
     * @param int $userid
     * @return int
     */
    public function extra_time(int $userid): int {
        global $DB;
        return (int) $DB->get_field(self::OVERRIDES, 'extratime', ['magquizid' => $this->instance->id, 'userid' => $userid]);
    }

    /**
     * The people who may attempt the quiz (enrolled with mod/magquiz:attempt, in the groups the trainer sees, as the
     * results), by name: user id => full name.
     *
     * @param int $userid the trainer
     * @return array
     */
    private function attempters(int $userid): array {
        $scope = $this->scope_users($userid);
        $namefields = \core_user\fields::for_name()->get_sql('u', false, '', '', false)->selects;
        $users = get_enrolled_users($this->context, 'mod/magquiz:attempt', 0, 'u.id, ' . $namefields, 'u.id ASC', 0, 0,
            true);
        $viewfullnames = has_capability('moodle/site:viewfullnames', $this->context, $userid);
        $names = [];
        foreach ($users as $user) {
            if ($scope === null || in_array((int) $user->id, $scope, true)) {
                $names[(int) $user->id] = fullname($user, $viewfullnames);
            }
        }
        return $names;
    }

    /**
     * Accommodations (bridge subject `quiz.accommodations`): with `$set`, stores a trainee's extra time first (0
     * removes it); it applies to the attempts they start from then on and moves the deadline (and `timedue`) of
     * their attempt in progress, under their own lock, then the version (their page counts down to the deadline it
     * was sent). A user who may not attempt the quiz here (or is outside the
     * trainer's groups) is `not_found` and nothing changes. Answers with the people who may attempt the quiz.
     *
     * @param int $userid the trainer
     * @param array|null $set ['userid' => int, 'extra' => int] (accommodations::parse_set())
     * @return array ['error' => ['code', 'message'] when refused, 'people' => Person[]]
     */
    public function accommodations(int $userid, ?array $set = null): array {
        global $DB;
        $names = $this->attempters($userid);
        $error = null;
        if ($set !== null) {
            $target = $set['userid'];
            if (!isset($names[$target])) {
                $error = ['code' => 'not_found', 'message' => 'No such trainee in this quiz.'];
            } else {
                $quiz = self::quiz_of($this->load());
                $lock = $this->lock("attempt-{$this->instance->id}-{$target}");
                $moved = false;
                try {
                    self::transaction(function () use ($DB, $quiz, $target, $set, &$moved): void {
                        $identity = ['magquizid' => $this->instance->id, 'userid' => $target];
                        $row = $DB->get_record(self::OVERRIDES, $identity, 'id');
                        if ($set['extra'] === 0) {
                            $DB->delete_records(self::OVERRIDES, $identity);
                        } else if ($row) {
                            $DB->update_record(self::OVERRIDES, (object) ['id' => $row->id, 'extratime' => $set['extra'],
                                'timemodified' => time()]);
                        } else {
                            $DB->insert_record(self::OVERRIDES, (object) ($identity + ['extratime' => $set['extra'],
                                'timemodified' => time()]));
                        }
                        // The attempt in progress keeps its start: its deadline moves with the extra time.
                        foreach ($DB->get_records(self::ATTEMPTS, $identity + ['status' => 'inProgress'], 'id', 'id, state')
                                as $attemptrow) {
                            $state = attempt::parse_state($quiz, json_decode($attemptrow->state, true));
                            if ($state === null) {
                                continue;
                            }
                            $later = accommodations::with_extra_time($quiz['settings'], $state, $set['extra']);
                            if ($later !== $state) {
                                self::save_attempt((int) $attemptrow->id, $quiz, $later);
                                $moved = true;
                            }
                        }
                    });
                } finally {
                    $lock->release();
                }
                if ($moved) {
                    // The trainee's page counts down to the deadline it was sent and finishes the attempt there: the
                    // version moves so that it fetches its state, with the new deadline, at once.
                    self::bump_version((int) $this->instance->id);
                }
            }
        }
        $extra = $DB->get_records_menu(self::OVERRIDES, ['magquizid' => $this->instance->id], '', 'userid, extratime');
        $answer = ['people' => accommodations::people($names, $extra)];
        return $error === null ? $answer : ['error' => $error] + $answer;
    }

    /**
     * A trainee's action on their attempt (bridge subject `quiz.act`): save, check, tryAgain or finish, as received
     * (checked by local\attempt); the same key twice is applied once.
     *
     * @param int $userid
     * @param int $number the attempt's number
     * @param mixed $action decoded JSON
     * @param string $key
     * @return array ['error' => ['code', 'message'] when refused, 'state' => the user's state]
     */
    public function act(int $userid, int $number, $action, string $key): array {
        global $DB;
        self::check_key($key);
        $quiz = self::quiz_of($this->load());
        $lock = $this->lock("attempt-{$this->instance->id}-{$userid}");
        $refused = null;
        $finished = null;
        $regrade = false;
        try {
            $row = $DB->get_record(self::ATTEMPTS, ['magquizid' => $this->instance->id, 'userid' => $userid,
                'attempt' => $number], 'id, state, status');
            if (!$row) {
                $refused = ['code' => 'no_such_attempt', 'message' => 'No such attempt.'];
            } else if (!$DB->record_exists(self::ACTIONS, ['attemptid' => $row->id, 'actionkey' => hash('sha256', $key)])) {
                $now = self::now();
                $state = attempt::parse_state($quiz, json_decode($row->state, true));
                if ($state === null) {
                    $refused = ['code' => 'bad_state', 'message' => 'The attempt cannot be read.'];
                } else {
                    $result = attempt::apply_action($quiz, $state, $action, $now);
                    if (!$result['ok']) {
                        // A late action still closes an overdue attempt with what was saved in time.
                        $closed = attempt::close_if_overdue($quiz, $state, $now);
                        if ($closed !== $state) {
                            self::save_attempt((int) $row->id, $quiz, $closed);
                            $regrade = true;
                        }
                        $refused = ['code' => $result['code'], 'message' => $result['message']];
                    } else {
                        self::transaction(function () use ($DB, $row, $quiz, $result, $key): void {
                            self::save_attempt((int) $row->id, $quiz, $result['state']);
                            $DB->insert_record(self::ACTIONS, (object) ['attemptid' => $row->id,
                                'actionkey' => hash('sha256', $key), 'timecreated' => time()]);
                        });
                        if ($result['state']['status'] === 'finished' && $state['status'] !== 'finished') {
                            $regrade = true;
                            $finished = (int) $row->id;
                        }
                    }
                }
            }
            if ($regrade) {
                $this->update_grade($userid);
            }
        } finally {
            $lock->release();
        }
        if ($finished !== null) {
            $event = event\attempt_submitted::create(['objectid' => $finished, 'context' => $this->context,
                'relateduserid' => $userid]);
            $event->add_record_snapshot(self::TABLE, $this->instance);
            $event->trigger();
        }
        return ($refused === null ? [] : ['error' => $refused]) + ['state' => $this->get_state($userid)];
    }

    // ---- Grades ----

    /**
     * The grades of the instance's users: the grading method over each one's finished attempts (null while none is
     * graded, or while essays wait).
     *
     * @param stdClass $record the magquiz record
     * @param int $userid 0 for every user with an attempt
     * @return stdClass[] userid => (userid, rawgrade)
     */
    public static function user_grades(stdClass $record, int $userid = 0): array {
        global $DB;
        $quiz = settings::quiz($record);
        $conditions = ['magquizid' => $record->id, 'status' => 'finished'];
        if ($userid) {
            $conditions['userid'] = $userid;
        }
        $byuser = [];
        foreach ($DB->get_records(self::ATTEMPTS, $conditions, 'userid ASC, attempt ASC', 'id, userid, state') as $row) {
            $state = attempt::parse_state($quiz, json_decode($row->state, true));
            if ($state !== null) {
                $byuser[$row->userid][] = $state;
            }
        }
        $grades = [];
        foreach ($byuser as $user => $states) {
            $grades[$user] = (object) ['userid' => $user, 'rawgrade' => attempt::quiz_grade($quiz, $states)];
        }
        if ($userid && !isset($grades[$userid])) {
            $grades[$userid] = (object) ['userid' => $userid, 'rawgrade' => null];
        }
        return $grades;
    }

    /**
     * Writes a user's grade to the gradebook.
     *
     * @param int $userid
     */
    public function update_grade(int $userid): void {
        global $CFG;
        require_once($CFG->dirroot . '/mod/magquiz/lib.php');
        $record = $this->load();
        $record->cmidnumber = $this->cm->idnumber;
        magquiz_update_grades($record, $userid);
    }

    // ---- Live ----

    /**
     * Joins the live session (bridge subject `quiz.live.join`); joining twice changes nothing.
     *
     * @param int $userid
     * @return array the user's state
     */
    public function live_join(int $userid): array {
        global $DB;
        $lock = $this->lock("live-{$this->instance->id}");
        try {
            $live = $this->live_session();
            if ($live === null || $live['session']['phase'] === 'ended') {
                throw new \invalid_parameter_exception('No live session to join.');
            }
            if (!$DB->record_exists(self::PARTICIPANTS, ['sessionid' => $live['id'], 'userid' => $userid])) {
                $count = $DB->count_records(self::PARTICIPANTS, ['sessionid' => $live['id']]);
                self::transaction(function () use ($DB, $live, $userid, $count): void {
                    $DB->insert_record(self::PARTICIPANTS, (object) ['magquizid' => $this->instance->id,
                        'sessionid' => $live['id'], 'userid' => $userid, 'joinindex' => $count,
                        'team' => live::team_of($count), 'timejoined' => time()]);
                    self::bump_version((int) $this->instance->id);
                });
            }
        } finally {
            $lock->release();
        }
        return $this->get_state($userid);
    }

    /**
     * A participant's answer to live question `step` (bridge subject `quiz.live.answer`): the first one counts.
     *
     * @param int $userid
     * @param int $step
     * @param mixed $response decoded JSON, in the terms of the screen
     * @param float|null $elapsedms what the device measured
     * @param string $key
     * @return array ['accepted' => bool, 'error' => when refused, 'state' => the user's state]
     */
    public function live_answer(int $userid, int $step, $response, ?float $elapsedms, string $key): array {
        global $DB;
        self::check_key($key);
        $outcome = $this->take_answer($userid, $step, $response, $elapsedms, hash('sha256', $key));
        if (!empty($outcome['id'])) {
            $event = event\live_answer_submitted::create(['objectid' => $outcome['id'], 'context' => $this->context,
                'relateduserid' => $userid, 'other' => ['step' => $step]]);
            $event->add_record_snapshot(self::TABLE, $this->instance);
            $event->trigger();
        }
        unset($outcome['id']);
        return $outcome + ['state' => $this->get_state($userid)];
    }

    /**
     * Takes a live answer, or says why not.
     *
     * @param int $userid
     * @param int $step
     * @param mixed $response
     * @param float|null $elapsedms
     * @param string $hash the key's SHA-256
     * @return array ['accepted' => bool, 'error' => ['code', 'message'], 'id' => the new answer's id]
     */
    private function take_answer(int $userid, int $step, $response, ?float $elapsedms, string $hash): array {
        global $DB;
        $refuse = fn(string $code, string $message): array => ['accepted' => false,
            'error' => ['code' => $code, 'message' => $message]];
        $live = $this->live_session();
        if ($live === null) {
            return $refuse('no_session', 'No live session.');
        }
        $identity = ['sessionid' => $live['id'], 'step' => $step, 'userid' => $userid];
        $previous = function () use ($DB, $identity, $hash, $refuse): ?array {
            $key = $DB->get_field(self::ANSWERS, 'answerkey', $identity);
            if ($key === false) {
                return null;
            }
            return $key === $hash ? ['accepted' => true] : $refuse('already_answered', 'Only the first answer counts.');
        };
        $answered = $previous();
        if ($answered !== null) {
            return $answered;
        }
        $now = self::now();
        $session = $live['session'];
        if (!live::accepts_answer($session, $step, $now)) {
            return $refuse('closed', 'This question is closed.');
        }
        if (!$DB->record_exists(self::PARTICIPANTS, ['sessionid' => $live['id'], 'userid' => $userid])) {
            return $refuse('not_joined', 'Join the session first.');
        }
        $quiz = self::quiz_of($this->load());
        $index = quiz_state::live_slots($quiz)[$step] ?? null;
        if ($index === null) {
            return $refuse('closed', 'This question is closed.');
        }
        $question = $quiz['slots'][$index]['question'];
        $order = quiz_state::live_order($live['seed'], $step, $question);
        $parsed = attempt::from_displayed($question, quiz_state::display_slot($index, $order), $response);
        if (!$parsed['ok']) {
            return $refuse($parsed['code'], $parsed['message']);
        }
        $graded = grader::grade($question, $parsed['response']);
        $served = $DB->get_field(self::SERVED, 'timeserved', $identity);
        $servedat = $served !== false ? (int) $served : ($session['openedAt'] ?? $now);
        $elapsed = live::fair_elapsed(max($servedat, $session['openedAt'] ?? $servedat), $now, $elapsedms);
        $points = live::points($graded['fraction'] ?? 0, $elapsed, $session['settings']);
        try {
            $id = self::transaction(function () use ($DB, $identity, $parsed, $graded, $points, $elapsed, $hash, $now): int {
                $id = $DB->insert_record(self::ANSWERS, (object) ($identity + [
                    'magquizid' => $this->instance->id,
                    'response' => json_encode($parsed['response'], JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR),
                    'state' => $graded['state'],
                    'fraction' => $graded['fraction'] ?? 0,
                    'points' => $points,
                    'elapsedms' => (int) round($elapsed),
                    'answerkey' => $hash,
                    'timereceived' => $now,
                ]));
                self::bump_version((int) $this->instance->id);
                return $id;
            });
        } catch (\dml_write_exception $e) {
            // The same person's other request took the unique index first.
            $answered = $previous();
            if ($answered !== null) {
                return $answered;
            }
            throw $e;
        }
        return ['accepted' => true, 'id' => $id];
    }

    /**
     * The trainer's move (bridge subject `quiz.live.control`): `open` starts a new session in its lobby (any running
     * one ends), then start, close, reveal, next and end move it on; a move that makes no sense now changes nothing.
     *
     * @param int $userid the trainer
     * @param string $action
     * @param array|null $settings LiveSettings for `open` (checked), else the activity's defaults
     * @return array the trainer's state
     */
    public function live_control(int $userid, string $action, ?array $settings = null): array {
        global $DB;
        if ($action !== 'open' && !in_array($action, live::CONTROL_ACTIONS, true)) {
            throw new \invalid_parameter_exception('action: open, start, close, reveal, next or end');
        }
        if ($settings !== null) {
            $settings = live::parse_settings($settings);
            if ($settings === null) {
                throw new \invalid_parameter_exception('settings: timerSeconds 5 to 600, speedPoints, leaderboard');
            }
        }
        $moved = false;
        $lock = $this->lock("live-{$this->instance->id}");
        try {
            $record = $this->load();
            $now = self::now();
            $row = $DB->get_record(self::LIVE, ['magquizid' => $this->instance->id]);
            if ($action === 'open') {
                $session = live::new_session($settings ?? settings::live_defaults($record));
                $fields = ['sessionid' => bin2hex(random_bytes(6)), 'seed' => bin2hex(random_bytes(16)),
                    'state' => json_encode($session, JSON_THROW_ON_ERROR), 'timemodified' => time()];
                self::transaction(function () use ($DB, $row, $fields): void {
                    if ($row) {
                        $DB->update_record(self::LIVE, (object) (['id' => $row->id] + $fields));
                    } else {
                        $DB->insert_record(self::LIVE, (object) ($fields + ['magquizid' => $this->instance->id,
                            'timecreated' => time()]));
                    }
                    self::bump_version((int) $this->instance->id, 0);
                });
                $moved = true;
            } else {
                $session = $row ? live::parse_session(json_decode($row->state, true)) : null;
                if ($session === null) {
                    throw new \invalid_parameter_exception('No live session: open one first.');
                }
                $result = live::control($session, $action, $now, count(quiz_state::live_slots(self::quiz_of($record))));
                if ($result['ok']) {
                    $next = $result['session'];
                    $due = $next['phase'] === 'question' && $next['stepPhase'] === 'open' && $next['closesAt'] !== null
                        ? (int) $next['closesAt'] : 0;
                    self::transaction(function () use ($DB, $row, $next, $due): void {
                        $DB->update_record(self::LIVE, (object) ['id' => $row->id,
                            'state' => json_encode($next, JSON_THROW_ON_ERROR), 'timemodified' => time()]);
                        self::bump_version((int) $this->instance->id, $due);
                    });
                    $moved = true;
                }
            }
        } finally {
            $lock->release();
        }
        if ($moved) {
            $event = event\live_session_updated::create(['objectid' => $this->instance->id, 'context' => $this->context,
                'other' => ['action' => $action]]);
            $event->add_record_snapshot(self::TABLE, $this->instance);
            $event->trigger();
        }
        return $this->get_state($userid);
    }

    // ---- Results ----

    /**
     * The users whose results a trainer sees: null for everybody, else user ids (the activity's groups, as the
     * group selector of the page says).
     *
     * @param int $userid the trainer
     * @return int[]|null
     */
    private function scope_users(int $userid): ?array {
        $mode = groups_get_activity_groupmode($this->cm);
        if ($mode == NOGROUPS) {
            return null;
        }
        if ($mode == SEPARATEGROUPS && !has_capability('moodle/site:accessallgroups', $this->context, $userid)) {
            $groups = array_keys(groups_get_all_groups($this->cm->course, $userid, $this->cm->groupingid, 'g.id'));
        } else {
            $group = (int) groups_get_activity_group($this->cm);
            if ($group <= 0) {
                return null;
            }
            $groups = [$group];
        }
        if (!$groups) {
            return [];
        }
        $members = groups_get_groups_members($groups, null, 'u.id');
        return array_map('intval', array_keys($members ?: []));
    }

    /**
     * The trainer's results (bridge subject `quiz.results`): per question, per trainee (in the groups the trainer
     * sees), and the live session's.
     *
     * @param int $userid the trainer
     * @return array Results
     */
    public function results(int $userid): array {
        global $DB;
        $quiz = self::quiz_of($this->load());
        $scope = $this->scope_users($userid);
        $params = ['id' => $this->instance->id];
        $where = 'a.magquizid = :id';
        if ($scope !== null) {
            if (!$scope) {
                $scope = [0];
            }
            [$insql, $inparams] = $DB->get_in_or_equal($scope, SQL_PARAMS_NAMED, 'u');
            $where .= " AND a.userid $insql";
            $params += $inparams;
        }
        $namefields = \core_user\fields::for_name()->get_sql('u', false, '', '', false)->selects;
        $rows = $DB->get_recordset_sql("SELECT a.id, a.userid, a.state, $namefields
                                          FROM {magquiz_attempt} a
                                          JOIN {user} u ON u.id = a.userid
                                         WHERE $where
                                      ORDER BY a.userid, a.attempt", $params);
        $viewfullnames = has_capability('moodle/site:viewfullnames', $this->context, $userid);
        $people = [];
        foreach ($rows as $row) {
            $state = attempt::parse_state($quiz, json_decode($row->state, true));
            if ($state === null) {
                continue;
            }
            $people[$row->userid] ??= ['name' => fullname($row, $viewfullnames), 'attempts' => [], 'ids' => []];
            $people[$row->userid]['attempts'][] = $state;
            $people[$row->userid]['ids'][] = (int) $row->id;
        }
        $rows->close();
        $people = array_values($people);
        usort($people, fn(array $a, array $b): int => \core_text::strtolower($a['name']) <=> \core_text::strtolower($b['name']));
        $live = $this->live_session();
        $words = [get_string('true', 'mod_magquiz'), get_string('false', 'mod_magquiz')];
        return quiz_state::results($quiz, $people, $live === null ? null : [
            'id' => $live['id'],
            'seed' => $live['seed'],
            'answers' => fn(int $step): array => $this->live_responses($live['id'], $step),
            'scores' => $this->live_scores($live['id']),
        ], $words);
    }

    /**
     * A trainer grades an open answer (an essay) of a finished attempt (bridge subject `quiz.grade`): a mark from 0 to
     * the question's mark and a comment its trainee will see; the trainee's grade goes to the gradebook again. As
     * Moodle's quiz grades an attempt by hand (mod/quiz/comment.php), without its question engine: the attempt's
     * state is graded by local\attempt::grade_manually() and saved under the trainee's own lock, so that it never
     * crosses one of their actions.
     *
     * @param int $userid the trainer
     * @param int $attemptid the attempt's id, as quiz.results names it
     * @param int $position the question's place in the attempt
     * @param float $mark from 0 to the question's mark
     * @param string|null $comment
     * @return array ['error' => ['code', 'message'] when refused, 'results' => the trainer's results]
     */
    public function grade_essay(int $userid, int $attemptid, int $position, float $mark, ?string $comment = null): array {
        global $DB;
        if (!is_finite($mark) || $mark < 0) {
            throw new \invalid_parameter_exception('mark: a number from 0');
        }
        $comment = $comment === null ? '' : gift::js_trim($comment);
        if (\core_text::strlen($comment) > self::MAX_COMMENT) {
            throw new \invalid_parameter_exception('comment: ' . self::MAX_COMMENT . ' characters at most');
        }
        $refused = null;
        $graded = null;
        $owner = $DB->get_field(self::ATTEMPTS, 'userid', ['id' => $attemptid, 'magquizid' => $this->instance->id]);
        $scope = $owner === false ? null : $this->scope_users($userid);
        if ($owner === false || ($scope !== null && !in_array((int) $owner, $scope, true))) {
            // An attempt of another activity, or of a trainee outside the trainer's groups: as if there were none.
            $refused = ['code' => 'no_such_attempt', 'message' => 'No such attempt.'];
        } else {
            $owner = (int) $owner;
            $quiz = self::quiz_of($this->load());
            $lock = $this->lock("attempt-{$this->instance->id}-{$owner}");
            try {
                $row = $DB->get_record(self::ATTEMPTS, ['id' => $attemptid], 'id, state');
                $state = $row ? attempt::parse_state($quiz, json_decode($row->state, true)) : null;
                $slot = $state['slots'][$position] ?? null;
                if (!$row) {
                    // Deleted meanwhile (a course reset).
                    $refused = ['code' => 'no_such_attempt', 'message' => 'No such attempt.'];
                } else if ($state === null || $slot === null) {
                    $refused = ['code' => 'no_such_slot', 'message' => 'No such question.'];
                } else {
                    $max = attempt::max_mark_of($quiz, $slot['index']);
                    if ($mark > $max) {
                        $refused = ['code' => 'out_of_range', 'message' => "The mark is at most {$max}."];
                    } else {
                        $result = attempt::grade_manually($quiz, $state, $position, $max == 0 ? 0.0 : $mark / $max,
                            $comment === '' ? null : $comment);
                        if (!$result['ok']) {
                            $refused = ['code' => $result['code'], 'message' => $result['message']];
                        } else {
                            self::save_attempt($attemptid, $quiz, $result['state']);
                            $this->update_grade($owner);
                            $graded = $owner;
                        }
                    }
                }
            } finally {
                $lock->release();
            }
        }
        if ($graded !== null) {
            $event = event\essay_graded::create(['objectid' => $attemptid, 'context' => $this->context,
                'relateduserid' => $graded, 'other' => ['position' => $position]]);
            $event->add_record_snapshot(self::TABLE, $this->instance);
            $event->trigger();
        }
        return ($refused === null ? [] : ['error' => $refused]) + ['results' => $this->results($userid)];
    }

    // ---- Helpers ----

    /**
     * Runs database work in a delegated transaction.
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
     * Takes a lock of this plugin, or fails.
     *
     * @param string $resource
     * @return \core\lock\lock
     */
    private function lock(string $resource): \core\lock\lock {
        $factory = \core\lock\lock_config::get_lock_factory('mod_magquiz');
        $lock = $factory->get_lock($resource, self::LOCK_TIMEOUT);
        if (!$lock) {
            throw new \moodle_exception('locktimeout', 'mod_magquiz');
        }
        return $lock;
    }
}
