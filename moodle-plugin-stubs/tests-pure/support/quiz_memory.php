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
 * A quiz held in memory, run with the plugin's pure classes in the order mod_magquiz\manager runs them on Moodle's
 * database: the same checks, refusals, idempotency and version bumps (versiondue included), with a clock the tests
 * move. Lets the pure tests and the contract script (tools/quiz-states.php) play the reference host's scenarios
 * without Moodle.
 *
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

use local_magactivities\local\state_version;
use mod_magquiz\local\accommodations;
use mod_magquiz\local\attempt;
use mod_magquiz\local\grader;
use mod_magquiz\local\live;
use mod_magquiz\local\quiz_state;

/**
 * One activity instance in memory.
 */
final class quiz_memory {
    /** @var array the quiz (settings and slots) */
    public array $quiz;
    /** @var array<int, string> user id => full name */
    public array $names;
    /** @var int[] the trainers' user ids */
    public array $trainers;
    /** @var int the clock, ms */
    public int $now = 1750000000000;
    /** @var int stored version */
    public int $version = 0;
    /** @var int when the version moves on by itself (ms), 0: never */
    public int $versiondue = 0;
    /** @var array[] attempts: user, number, state, startkey, keys (applied action keys) */
    public array $attempts = [];
    /** @var array|null the live session: id, seed, session */
    public ?array $live = null;
    /** @var array[] participants: session, user, join index, team */
    public array $participants = [];
    /** @var array[] served times: "session/step/user" => ms */
    public array $served = [];
    /** @var array[] live answers: session, step, user, response, state, points, key */
    public array $answers = [];
    /** @var array the gradebook: user => grade */
    public array $gradebook = [];
    /** @var array<int, int> accommodations: user => extra seconds (none: no entry) */
    public array $extra = [];
    /** @var int sessions opened, for their ids */
    private int $sessions = 0;

    /**
     * A new instance.
     *
     * @param array $quiz
     * @param array<int, string> $names
     * @param int[] $trainers
     */
    public function __construct(array $quiz, array $names, array $trainers) {
        $this->quiz = $quiz;
        $this->names = $names;
        $this->trainers = $trainers;
    }

    /**
     * The version as the poll endpoint reads it.
     *
     * @return int
     */
    public function version(): int {
        return state_version::effective($this->version, $this->versiondue, $this->now);
    }

    /**
     * manager::bump_version().
     *
     * @param int|null $due
     */
    private function bump(?int $due = null): void {
        $passed = $this->versiondue > 0 && $this->versiondue <= $this->now;
        $this->version += $passed ? 2 : 1;
        $this->versiondue = $due ?? ($passed ? 0 : $this->versiondue);
    }

    /**
     * A user's attempts (index in $this->attempts => state), by number.
     *
     * @param int $user
     * @return array
     */
    private function attempts_of(int $user): array {
        $out = [];
        foreach ($this->attempts as $i => $row) {
            if ($row['user'] === $user) {
                // As the manager: an attempt that cannot be read back is left out.
                $state = attempt::parse_state($this->quiz, json_decode(json_encode($row['state']), true));
                if ($state !== null) {
                    $out[$i] = $state;
                }
            }
        }
        return $out;
    }

    /**
     * The gradebook after a change of a user's attempts.
     *
     * @param int $user
     */
    private function grade(int $user): void {
        $finished = array_values(array_filter($this->attempts_of($user), fn(array $s): bool => $s['status'] === 'finished'));
        $this->gradebook[$user] = attempt::quiz_grade($this->quiz, $finished);
    }

    /**
     * quiz.state.
     *
     * @param int $user
     * @return array
     */
    public function state(int $user): array {
        $state = quiz_state::build([
            'version' => $this->version(),
            'title' => 'Quiz',
            'quiz' => $this->quiz,
            'attempts' => array_values($this->attempts_of($user)),
            'now' => $this->now,
            'mayattempt' => !in_array($user, $this->trainers, true),
            'live' => $this->live_data($user),
            'trainer' => in_array($user, $this->trainers, true) ? $this->trainer_part() : null,
        ]);
        $step = $state['live']['step'] ?? null;
        if ($step !== null && $step['question']['phase'] === 'open' && $state['live']['me']['joined']
                && !$step['mine']['answered']) {
            $this->served["{$this->live['id']}/{$step['index']}/{$user}"] ??= $this->now;
        }
        return $state;
    }

    /**
     * What quiz_state::live() needs.
     *
     * @param int $user
     * @return array|null
     */
    private function live_data(int $user): ?array {
        if ($this->live === null) {
            return null;
        }
        $id = $this->live['id'];
        $participant = $this->participant($user);
        $answers = fn(int $step): array => array_values(array_filter($this->answers,
            fn(array $a): bool => $a['session'] === $id && $a['step'] === $step));
        return $this->live + [
            'joined' => count(array_filter($this->participants, fn(array $p): bool => $p['session'] === $id)),
            'participant' => $participant,
            'mypoints' => array_sum(array_column(array_filter($this->answers,
                fn(array $a): bool => $a['session'] === $id && $a['user'] === $user), 'points')),
            'scores' => fn(?int $hiddenstep = null): array => $this->scores($hiddenstep),
            'count' => fn(int $step): int => count($answers($step)),
            'answers' => fn(int $step): array => array_column($answers($step), 'response'),
            'own' => function (int $step) use ($answers, $user): ?array {
                foreach ($answers($step) as $a) {
                    if ($a['user'] === $user) {
                        return $a;
                    }
                }
                return null;
            },
            'userid' => (string) $user,
            'joinurl' => 'https://moodle.example/mod/magquiz/view.php?id=7',
        ];
    }

    /**
     * A user's participation in the current session.
     *
     * @param int $user
     * @return array|null
     */
    private function participant(int $user): ?array {
        foreach ($this->participants as $p) {
            if ($p['session'] === ($this->live['id'] ?? null) && $p['user'] === $user) {
                return $p;
            }
        }
        return null;
    }

    /**
     * The room's scores in join order.
     *
     * @return array[]
     */
    public function scores(?int $hiddenstep = null): array {
        $scores = [];
        foreach ($this->participants as $p) {
            if ($p['session'] !== $this->live['id']) {
                continue;
            }
            $points = array_sum(array_column(array_filter($this->answers,
                fn(array $a): bool => $a['session'] === $p['session'] && $a['user'] === $p['user']
                    && $a['step'] !== $hiddenstep), 'points'));
            $scores[] = ['userId' => (string) $p['user'], 'name' => $this->names[$p['user']], 'team' => $p['team'],
                'points' => $points];
        }
        return $scores;
    }

    /**
     * The trainer's summary.
     *
     * @return array
     */
    private function trainer_part(): array {
        $finished = array_filter($this->attempts, fn(array $row): bool => $row['state']['status'] === 'finished');
        return [
            'participants' => count(array_unique(array_column($this->attempts, 'user'))),
            'finishedAttempts' => count($finished),
            'needsGrading' => count(array_filter($finished, fn(array $row): bool => quiz_state::needs_grading($row['state']))),
        ];
    }

    /**
     * quiz.start.
     *
     * @param int $user
     * @param string $key
     * @return array
     */
    public function start(int $user, string $key): array {
        foreach ($this->attempts as $row) {
            if ($row['user'] === $user && $row['startkey'] === $key) {
                return $this->state($user);
            }
        }
        $previous = $this->attempts_of($user);
        foreach ($previous as $i => $state) {
            $closed = attempt::close_if_overdue($this->quiz, $state, $this->now);
            if ($closed !== $state) {
                $this->attempts[$i]['state'] = $closed;
                $previous[$i] = $closed;
                $this->grade($user);
            }
        }
        $result = attempt::start($this->quiz, ['seed' => "seed-{$user}-" . (count($previous) + 1), 'now' => $this->now,
            'previous' => array_values($previous), 'extraTimeSeconds' => $this->extra[$user] ?? 0]);
        if (!$result['ok']) {
            throw new \invalid_parameter_exception($result['code']);
        }
        $this->attempts[] = ['user' => $user, 'state' => $result['state'], 'startkey' => $key, 'keys' => []];
        return $this->state($user);
    }

    /**
     * quiz.act.
     *
     * @param int $user
     * @param int $number
     * @param mixed $action
     * @param string $key
     * @return array
     */
    public function act(int $user, int $number, $action, string $key): array {
        $refused = null;
        $index = null;
        foreach ($this->attempts_of($user) as $i => $state) {
            if ($state['number'] === $number) {
                $index = $i;
            }
        }
        if ($index === null) {
            $refused = ['code' => 'no_such_attempt', 'message' => 'No such attempt.'];
        } else if (!in_array($key, $this->attempts[$index]['keys'], true)) {
            $state = $this->attempts_of($user)[$index];
            $result = attempt::apply_action($this->quiz, $state, $action, $this->now);
            if (!$result['ok']) {
                $closed = attempt::close_if_overdue($this->quiz, $state, $this->now);
                if ($closed !== $state) {
                    $this->attempts[$index]['state'] = $closed;
                    $this->grade($user);
                }
                $refused = ['code' => $result['code'], 'message' => $result['message']];
            } else {
                $this->attempts[$index]['state'] = $result['state'];
                $this->attempts[$index]['keys'][] = $key;
                if ($result['state']['status'] === 'finished' && $state['status'] !== 'finished') {
                    $this->grade($user);
                }
            }
        }
        return ($refused === null ? [] : ['error' => $refused]) + ['state' => $this->state($user)];
    }

    /**
     * quiz.live.control.
     *
     * @param int $trainer
     * @param string $action
     * @param array|null $settings
     * @return array
     */
    public function control(int $trainer, string $action, ?array $settings = null): array {
        if ($action === 'open') {
            $this->sessions++;
            $this->live = ['id' => "session{$this->sessions}", 'seed' => "live-seed-{$this->sessions}",
                'session' => live::new_session(live::parse_settings($settings) ?? live::DEFAULT_SETTINGS)];
            $this->bump(0);
            return $this->state($trainer);
        }
        if ($this->live === null) {
            throw new \invalid_parameter_exception('No live session: open one first.');
        }
        $result = live::control($this->live['session'], $action, $this->now, count(quiz_state::live_slots($this->quiz)));
        if ($result['ok']) {
            $next = $result['session'];
            $this->live['session'] = $next;
            $this->bump($next['phase'] === 'question' && $next['stepPhase'] === 'open' && $next['closesAt'] !== null
                ? (int) $next['closesAt'] : 0);
        }
        return $this->state($trainer);
    }

    /**
     * quiz.live.join.
     *
     * @param int $user
     * @return array
     */
    public function join(int $user): array {
        if ($this->live === null || $this->live['session']['phase'] === 'ended') {
            throw new \invalid_parameter_exception('No live session to join.');
        }
        if ($this->participant($user) === null) {
            $count = count(array_filter($this->participants, fn(array $p): bool => $p['session'] === $this->live['id']));
            $this->participants[] = ['session' => $this->live['id'], 'user' => $user, 'joinindex' => $count,
                'team' => live::team_of($count)];
            $this->bump();
        }
        return $this->state($user);
    }

    /**
     * quiz.live.answer.
     *
     * @param int $user
     * @param int $step
     * @param mixed $response
     * @param float|null $elapsedms
     * @param string $key
     * @return array
     */
    public function answer(int $user, int $step, $response, ?float $elapsedms, string $key): array {
        return $this->take($user, $step, $response, $elapsedms, $key) + ['state' => $this->state($user)];
    }

    /**
     * manager::take_answer().
     *
     * @param int $user
     * @param int $step
     * @param mixed $response
     * @param float|null $elapsedms
     * @param string $key
     * @return array
     */
    private function take(int $user, int $step, $response, ?float $elapsedms, string $key): array {
        $refuse = fn(string $code, string $message): array => ['accepted' => false,
            'error' => ['code' => $code, 'message' => $message]];
        if ($this->live === null) {
            return $refuse('no_session', 'No live session.');
        }
        foreach ($this->answers as $a) {
            if ($a['session'] === $this->live['id'] && $a['step'] === $step && $a['user'] === $user) {
                return $a['key'] === $key ? ['accepted' => true]
                    : $refuse('already_answered', 'Only the first answer counts.');
            }
        }
        $session = $this->live['session'];
        if (!live::accepts_answer($session, $step, $this->now)) {
            return $refuse('closed', 'This question is closed.');
        }
        if ($this->participant($user) === null) {
            return $refuse('not_joined', 'Join the session first.');
        }
        $index = quiz_state::live_slots($this->quiz)[$step];
        $question = $this->quiz['slots'][$index]['question'];
        $order = quiz_state::live_order($this->live['seed'], $step, $question);
        $parsed = attempt::from_displayed($question, quiz_state::display_slot($index, $order), $response);
        if (!$parsed['ok']) {
            return $refuse($parsed['code'], $parsed['message']);
        }
        $graded = grader::grade($question, $parsed['response']);
        $servedat = $this->served["{$this->live['id']}/{$step}/{$user}"] ?? $session['openedAt'] ?? $this->now;
        $elapsed = live::fair_elapsed(max($servedat, $session['openedAt'] ?? $servedat), $this->now, $elapsedms);
        $this->answers[] = ['session' => $this->live['id'], 'step' => $step, 'user' => $user,
            'response' => $parsed['response'], 'state' => $graded['state'],
            'points' => live::points($graded['fraction'] ?? 0, $elapsed, $session['settings']), 'key' => $key];
        $this->bump();
        return ['accepted' => true];
    }

    /**
     * quiz.grade (manager::grade_essay()): an attempt is named by its id, its place in $this->attempts plus one.
     *
     * @param int $attemptid
     * @param int $position
     * @param float $mark
     * @param string|null $comment
     * @return array
     */
    public function grade_essay(int $attemptid, int $position, float $mark, ?string $comment = null): array {
        $refused = null;
        $row = $this->attempts[$attemptid - 1] ?? null;
        if ($row === null) {
            $refused = ['code' => 'no_such_attempt', 'message' => 'No such attempt.'];
        } else {
            $state = $this->attempts_of($row['user'])[$attemptid - 1] ?? null;
            $slot = $state['slots'][$position] ?? null;
            if ($state === null || $slot === null) {
                $refused = ['code' => 'no_such_slot', 'message' => 'No such question.'];
            } else {
                $max = attempt::max_mark_of($this->quiz, $slot['index']);
                $comment = $comment === null ? '' : mod_magquiz\local\gift::js_trim($comment);
                if ($mark > $max) {
                    $refused = ['code' => 'out_of_range', 'message' => "The mark is at most {$max}."];
                } else {
                    $result = attempt::grade_manually($this->quiz, $state, $position, $max == 0 ? 0.0 : $mark / $max,
                        $comment === '' ? null : $comment);
                    if (!$result['ok']) {
                        $refused = ['code' => $result['code'], 'message' => $result['message']];
                    } else {
                        $this->attempts[$attemptid - 1]['state'] = $result['state'];
                        $this->grade($row['user']);
                    }
                }
            }
        }
        return ($refused === null ? [] : ['error' => $refused]) + ['results' => $this->results()];
    }

    /**
     * quiz.accommodations (manager::accommodations()): the people who may attempt are those of $this->names who are not
     * trainers; with $set (accommodations::parse_set()'s), one's extra time is stored first and the deadline of their
     * attempt in progress moves.
     *
     * @param array|null $set ['user' => string, 'extraTimeSeconds' => int], as the web service receives it
     * @return array
     */
    public function accommodations(?array $set = null): array {
        $names = array_diff_key($this->names, array_flip($this->trainers));
        $error = null;
        if ($set !== null) {
            $parsed = accommodations::parse_set($set);
            if (!isset($names[$parsed['userid']])) {
                $error = ['code' => 'not_found', 'message' => 'No such trainee in this quiz.'];
            } else {
                if ($parsed['extra'] === 0) {
                    unset($this->extra[$parsed['userid']]);
                } else {
                    $this->extra[$parsed['userid']] = $parsed['extra'];
                }
                $moved = false;
                foreach ($this->attempts_of($parsed['userid']) as $i => $state) {
                    $later = accommodations::with_extra_time($this->quiz['settings'], $state, $parsed['extra']);
                    if ($later !== $state) {
                        $this->attempts[$i]['state'] = $later;
                        $moved = true;
                    }
                }
                if ($moved) {
                    $this->bump();
                }
            }
        }
        $answer = ['people' => accommodations::people($names, $this->extra)];
        return $error === null ? $answer : ['error' => $error] + $answer;
    }

    /**
     * quiz.results.
     *
     * @return array
     */
    public function results(): array {
        $people = [];
        foreach ($this->attempts as $i => $row) {
            $state = $this->attempts_of($row['user'])[$i] ?? null;
            if ($state === null) {
                continue;
            }
            $people[$row['user']] ??= ['name' => $this->names[$row['user']], 'attempts' => [], 'ids' => []];
            $people[$row['user']]['attempts'][] = $state;
            $people[$row['user']]['ids'][] = $i + 1;
        }
        $people = array_values($people);
        usort($people, fn(array $a, array $b): int => strcmp($a['name'], $b['name']));
        return quiz_state::results($this->quiz, $people, $this->live === null ? null : [
            'id' => $this->live['id'],
            'seed' => $this->live['seed'],
            'answers' => fn(int $step): array => array_column(array_values(array_filter($this->answers,
                fn(array $a): bool => $a['session'] === $this->live['id'] && $a['step'] === $step)), 'response'),
            'scores' => $this->scores(),
        ]);
    }
}
