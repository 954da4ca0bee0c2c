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

namespace mod_magquiz\local;

/**
 * What each bridge subject answers, built from data already loaded: the QuizState of quiz/src/protocol.ts, the
 * trainer's Results of quiz/src/trainer-protocol.ts. PHP port of quizState(), liveState() and buildResults() in the
 * reference host (host/src/server/quiz.ts): the manager loads rows from Moodle's database and calls these, and the
 * pure tests and the contract script (tools/quiz-states.php) call them on data held in memory.
 *
 * Trust: what a trainee gets about an attempt is view::trainee_view(), about a live question
 * view::live_question_view(); the answers of a live question are read only once it is revealed (before, a count).
 *
 * @package    mod_magquiz
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class quiz_state {
    /** @var float The default maximum grade of a quiz. */
    public const DEFAULT_MAX_GRADE = 10.0;

    /**
     * The indices of the quiz's slots a live session plays: every question but descriptions.
     *
     * @param array $quiz
     * @return int[]
     */
    public static function live_slots(array $quiz): array {
        $slots = [];
        foreach ($quiz['slots'] as $index => $slot) {
            if ($slot['question']['type'] !== 'description') {
                $slots[] = $index;
            }
        }
        return $slots;
    }

    /**
     * The order of live question `step` of a session: drawn from the session's seed and the step, as the reference
     * host draws it.
     *
     * @param string $seed
     * @param int $step
     * @param array $question
     * @return array
     */
    public static function live_order(string $seed, int $step, array $question): array {
        return view::live_order($question, $seed . "\u{0000}" . $step);
    }

    /**
     * A pseudo attempt slot, so that attempt's display conversions serve the live session too.
     *
     * @param int $index
     * @param array $order
     * @return array
     */
    public static function display_slot(int $index, array $order): array {
        return ['index' => $index] + $order + ['response' => null, 'tries' => 0, 'status' => 'todo', 'outcome' => null,
            'fraction' => null];
    }

    /**
     * What everybody sees of the quiz's settings.
     *
     * @param array $quiz
     * @return array
     */
    public static function intro(array $quiz): array {
        $settings = $quiz['settings'];
        $intro = ['questions' => count(self::live_slots($quiz)), 'behaviour' => $settings['behaviour']];
        if (isset($settings['timeLimitSeconds'])) {
            $intro['timeLimitSeconds'] = $settings['timeLimitSeconds'];
        }
        if (isset($settings['attemptsAllowed'])) {
            $intro['attemptsAllowed'] = $settings['attemptsAllowed'];
        }
        $intro['maxGrade'] = (float) ($settings['maxGrade'] ?? self::DEFAULT_MAX_GRADE);
        if (isset($settings['passGrade'])) {
            $intro['passGrade'] = (float) $settings['passGrade'];
        }
        $intro['gradingMethod'] = $settings['gradingMethod'] ?? 'highest';
        if (isset($settings['closesAt'])) {
            $intro['closesAt'] = $settings['closesAt'];
        }
        return $intro;
    }

    /**
     * The self-paced part of a user's state.
     *
     * @param array $quiz
     * @param array[] $attempts the user's attempts (parsed), by number
     * @param int|float $now
     * @param bool $mayattempt whether the user may attempt the quiz at all
     * @return array
     */
    public static function self_paced(array $quiz, array $attempts, $now, bool $mayattempt = true): array {
        $attempts = array_map(fn(array $state): array => attempt::close_if_overdue($quiz, $state, $now), $attempts);
        $current = null;
        foreach ($attempts as $state) {
            if ($state['status'] === 'inProgress') {
                $current = $state;
                break;
            }
        }
        $current ??= count($attempts) > 0 ? $attempts[count($attempts) - 1] : null;
        $allowed = $mayattempt ? attempt::can_start($quiz, $attempts, $now)
            : ['ok' => false, 'code' => 'not_allowed', 'message' => 'not allowed'];
        $finished = array_values(array_filter($attempts, fn(array $state): bool => $state['status'] === 'finished'));
        $grade = attempt::quiz_grade($quiz, $finished);
        $pass = $quiz['settings']['passGrade'] ?? null;
        $past = [];
        foreach ($attempts as $state) {
            $grading = attempt::attempt_grade($quiz, $state);
            $past[] = ['number' => $state['number'], 'status' => $state['status'], 'grade' => $grading['grade'],
                'maxGrade' => $grading['maxGrade'], 'passed' => $grading['passed'], 'finishedAt' => $state['finishedAt']];
        }
        $part = [
            'attempt' => $current === null ? null : view::trainee_view($quiz, $current, $now),
            'attempts' => $past,
            'canStart' => $allowed['ok'],
        ];
        if (!$allowed['ok']) {
            $part['reason'] = $allowed['code'];
        }
        $part['grade'] = $grade;
        $part['passed'] = $grade === null || $pass === null ? null : $grade >= $pass;
        return $part;
    }

    /**
     * The live part of a user's state.
     *
     * @param array $quiz
     * @param array $live what the manager loaded:
     *     - id, seed, session (live::parse_session());
     *     - joined: how many joined; participant: the user's row (['team' => string]) or null; mypoints;
     *     - scores: fn(?int $hiddenstep): array[] the room's scores in join order (live::leaderboard()), without the
     *       points of $hiddenstep when given, called only when a leaderboard shows them;
     *     - count: fn(int $step): int answers to a step; answers: fn(int $step): array[] their responses, called only
     *       once revealed; own: fn(int $step): ?array the user's answer (response, state, points);
     *     - userid (string), joinurl
     * @param int|float $now
     * @return array LiveState
     */
    public static function live(array $quiz, array $live, $now): array {
        $session = $live['session'];
        $participant = $live['participant'];
        // Points tell who was right: the question on screen counts only once revealed, in the user's own points as
        // on the leaderboard.
        $hidden = $session['phase'] === 'question' && live::phase_at($session, $now) !== 'revealed'
            ? (int) $session['step'] : null;
        $mypoints = (int) $live['mypoints'];
        if ($hidden !== null) {
            $own = ($live['own'])($hidden);
            $mypoints -= $own !== null ? (int) $own['points'] : 0;
        }
        $me = ['joined' => $participant !== null, 'points' => $mypoints];
        if ($participant !== null) {
            $me['team'] = (string) $participant['team'];
        }
        $settings = [];
        if (isset($session['settings']['timerSeconds'])) {
            $settings['timerSeconds'] = $session['settings']['timerSeconds'];
        }
        $settings['speedPoints'] = $session['settings']['speedPoints'];
        $settings['leaderboard'] = $session['settings']['leaderboard'];
        $state = [
            'session' => $live['id'],
            'phase' => $session['phase'],
            'joined' => (int) $live['joined'],
            'me' => $me,
            'joinUrl' => $live['joinurl'],
            'settings' => $settings,
        ];
        if ($session['settings']['leaderboard'] !== 'off' && $session['phase'] !== 'lobby') {
            $board = live::leaderboard($session['settings']['leaderboard'], ($live['scores'])($hidden), $live['userid']);
            if ($board !== null) {
                $state['leaderboard'] = $board;
            }
        }
        $slots = self::live_slots($quiz);
        if ($session['phase'] === 'question' && isset($slots[$session['step']])) {
            $step = $session['step'];
            $index = $slots[$step];
            $question = $quiz['slots'][$index]['question'];
            $order = self::live_order($live['seed'], $step, $question);
            $phase = live::phase_at($session, $now);
            // Every answer is read only once revealed; before that, they are counted.
            $responses = $phase === 'revealed' ? ($live['answers'])($step) : [];
            $view = view::live_question_view($question, $order, $phase, $responses);
            if ($phase !== 'revealed') {
                $view['responses'] = (int) ($live['count'])($step);
            }
            $own = ($live['own'])($step);
            $mine = ['answered' => false];
            if ($own !== null) {
                $mine = ['answered' => true,
                    'response' => attempt::to_displayed($question, self::display_slot($index, $order), $own['response'])];
                if ($phase === 'revealed') {
                    $mine['outcome'] = ['state' => $own['state'], 'points' => (int) $own['points']];
                }
            }
            $state['step'] = [
                'index' => $step,
                'total' => count($slots),
                'question' => $view,
                'timeLeftMs' => $phase === 'open' && $session['closesAt'] !== null ? max(0, $session['closesAt'] - $now) : null,
                'mine' => $mine,
            ];
        }
        return $state;
    }

    /**
     * A user's whole state (bridge subject `quiz.state`).
     *
     * @param array $data version, title, quiz, attempts, now, mayattempt, live (as live() takes it, or null), trainer
     *     (TrainerPart, or null for a trainee)
     * @return array QuizState
     */
    public static function build(array $data): array {
        $quiz = $data['quiz'];
        $state = [
            'version' => (int) $data['version'],
            'title' => (string) $data['title'],
            'intro' => self::intro($quiz),
            'selfPaced' => self::self_paced($quiz, $data['attempts'], $data['now'], $data['mayattempt'] ?? true),
            'live' => $data['live'] === null ? null : self::live($quiz, $data['live'], $data['now']),
        ];
        if (($data['trainer'] ?? null) !== null) {
            $state['trainer'] = $data['trainer'];
        }
        return $state;
    }

    /**
     * Whether a finished attempt waits for a person to grade an essay.
     *
     * @param array $state
     * @return bool
     */
    public static function needs_grading(array $state): bool {
        if ($state['status'] !== 'finished') {
            return false;
        }
        foreach ($state['slots'] as $slot) {
            if (($slot['outcome']['state'] ?? null) === 'needsGrading') {
                return true;
            }
        }
        return false;
    }

    /**
     * A text as plain text on one line, shortened to `$max` characters.
     *
     * @param string $text
     * @param int $max
     * @return string
     */
    public static function plain(string $text, int $max = 300): string {
        $flat = gift::js_trim(preg_replace('/\s+/u', ' ', preg_replace('/<[^>]*>/u', ' ', $text) ?? $text) ?? $text);
        return mb_strlen($flat) > $max ? mb_substr($flat, 0, $max - 1) . '…' : $flat;
    }

    /**
     * A response as a line of text, for the trainer's table.
     *
     * @param array $question
     * @param array|null $response
     * @param string[] $words the words for true and false, in the trainer's language
     * @return string
     */
    public static function response_text(array $question, ?array $response, array $words = ['Vrai', 'Faux']): string {
        if ($response === null) {
            return '';
        }
        switch ($question['type']) {
            case 'single':
            case 'multiple':
                $chosen = array_key_exists('choice', $response) ? [$response['choice']] : $response['choices'];
                return implode(' | ', array_map(fn(int $i): string => self::plain($question['answers'][$i]['text'] ?? '', 80),
                    $chosen));
            case 'truefalse':
                return $response['value'] ? $words[0] : $words[1];
            case 'matching':
                return implode(' ', array_map(fn($c): string => $c === null ? '–' : (string) ($c + 1), $response['choices']));
            case 'ordering':
                return implode(' → ', array_map(fn(int $i): string => self::plain($question['items'][$i] ?? '', 40),
                    $response['order']));
        }
        return self::plain((string) ($response['text'] ?? ''), 200);
    }

    /**
     * The trainer's results (bridge subject `quiz.results`).
     *
     * @param array $quiz
     * @param array[] $people each ['name' => string, 'attempts' => array[] (parsed states, by number), 'ids' => int[]
     *     (each attempt's id, as quiz.grade names it)], by name
     * @param array|null $live ['id', 'seed', 'answers' => fn(int $step): array[] responses, 'scores' => array[]
     *     (name, points, team)] or null without a session
     * @param string[] $words the words for true and false
     * @return array Results
     */
    public static function results(array $quiz, array $people, ?array $live, array $words = ['Vrai', 'Faux']): array {
        $finished = [];
        foreach ($people as $person) {
            foreach ($person['attempts'] as $state) {
                if ($state['status'] === 'finished') {
                    $finished[] = $state;
                }
            }
        }
        $questions = [];
        foreach ($quiz['slots'] as $index => $slot) {
            $question = $slot['question'];
            $taken = [];
            foreach ($finished as $state) {
                foreach ($state['slots'] as $s) {
                    if ($s['index'] === $index) {
                        $taken[] = $s;
                    }
                }
            }
            $graded = array_values(array_filter($taken, fn(array $s): bool => $s['fraction'] !== null));
            $responses = array_values(array_filter(array_column($taken, 'response'), fn($r): bool => $r !== null));
            $sum = 0;
            foreach ($graded as $s) {
                $sum += max(0, $s['fraction']);
            }
            $row = [
                'number' => $index + 1,
                'type' => $question['type'],
                'text' => self::plain($question['text']),
                'maxMark' => attempt::max_mark_of($quiz, $index),
                'attempts' => count($taken),
                'facility' => count($graded) === 0 ? null : $sum / count($graded),
                'distribution' => in_array($question['type'], ['description', 'essay'], true) || count($responses) === 0
                    ? null : view::live_results($question, [], $responses),
            ];
            if ($question['type'] === 'single' || $question['type'] === 'multiple') {
                $row['choices'] = array_map(fn(array $a): string => self::plain($a['text'], 120), $question['answers']);
            }
            $questions[] = $row;
        }
        $trainees = [];
        $essays = [];
        $pass = $quiz['settings']['passGrade'] ?? null;
        foreach ($people as $person) {
            foreach ($person['attempts'] as $k => $state) {
                if ($state['status'] === 'finished') {
                    array_push($essays, ...self::essays($quiz, $state, (int) $person['ids'][$k], $person['name']));
                }
            }
            $done = array_values(array_filter($person['attempts'], fn(array $s): bool => $s['status'] === 'finished'));
            $last = count($done) > 0 ? $done[count($done) - 1] : null;
            $grade = attempt::quiz_grade($quiz, $done);
            $answers = [];
            if ($last !== null) {
                $grading = attempt::attempt_grade($quiz, $last);
                foreach ($last['slots'] as $position => $s) {
                    $question = $quiz['slots'][$s['index']]['question'];
                    if ($question['type'] === 'description') {
                        continue;
                    }
                    $answers[] = [
                        'number' => $s['index'] + 1,
                        'state' => $grading['slots'][$position]['state'] ?? null,
                        'mark' => $grading['slots'][$position]['mark'] ?? null,
                        'response' => self::response_text($question, $s['response'], $words),
                    ];
                }
                usort($answers, fn(array $a, array $b): int => $a['number'] <=> $b['number']);
            }
            $trainees[] = [
                'name' => $person['name'],
                'attempts' => count($person['attempts']),
                'grade' => $grade,
                'passed' => $grade === null || $pass === null ? null : $grade >= $pass,
                'answers' => $answers,
            ];
        }
        $liveresults = null;
        if ($live !== null) {
            $played = [];
            foreach (self::live_slots($quiz) as $step => $index) {
                $responses = ($live['answers'])($step);
                if (count($responses) === 0) {
                    continue;
                }
                $question = $quiz['slots'][$index]['question'];
                $played[] = [
                    'number' => $index + 1,
                    'text' => self::plain($question['text']),
                    'responses' => count($responses),
                    'results' => view::live_results($question, self::live_order($live['seed'], $step, $question), $responses),
                ];
            }
            $scores = $live['scores'];
            usort($scores, fn(array $a, array $b): int => $b['points'] <=> $a['points']);
            $liveresults = [
                'session' => $live['id'],
                'questions' => $played,
                'scores' => array_map(fn(array $s): array => ['name' => $s['name'], 'points' => (int) $s['points'],
                    'team' => (string) $s['team']], $scores),
            ];
        }
        return [
            'questions' => $questions,
            'trainees' => $trainees,
            'maxGrade' => (float) ($quiz['settings']['maxGrade'] ?? self::DEFAULT_MAX_GRADE),
            'essays' => $essays,
            'live' => $liveresults,
        ];
    }

    /**
     * The open answers (essays) of a finished attempt, for the trainer to grade; graded ones with their mark and
     * comment.
     *
     * @param array $quiz
     * @param array $state a finished attempt
     * @param int $attemptid its id
     * @param string $name its trainee's full name
     * @return array[]
     */
    public static function essays(array $quiz, array $state, int $attemptid, string $name): array {
        $essays = [];
        foreach ($state['slots'] as $position => $slot) {
            $question = $quiz['slots'][$slot['index']]['question'] ?? null;
            if (($question['type'] ?? null) !== 'essay') {
                continue;
            }
            $max = attempt::max_mark_of($quiz, $slot['index']);
            $manual = $slot['manual'] ?? null;
            $essay = [
                'attempt' => $attemptid,
                'position' => $position,
                'number' => $slot['index'] + 1,
                'name' => $name,
                'question' => self::plain($question['text']),
                'response' => self::utf16_cut((string) ($slot['response']['text'] ?? ''), 20000),
                'maxMark' => $max,
                'mark' => $manual === null ? null : $manual['fraction'] * $max,
            ];
            if (($manual['comment'] ?? '') !== '') {
                $essay['comment'] = self::utf16_cut($manual['comment'], 2000);
            }
            $essays[] = $essay;
        }
        return $essays;
    }

    /**
     * A text cut to `$max` UTF-16 code units, as JavaScript's `slice` and the bridge's `maxLength` count, without
     * splitting a character in two.
     *
     * @param string $text UTF-8
     * @param int $max
     * @return string
     */
    public static function utf16_cut(string $text, int $max): string {
        if (strlen($text) <= $max) {
            // Each UTF-16 code unit takes at least one byte of UTF-8.
            return $text;
        }
        $units = mb_convert_encoding($text, 'UTF-16LE', 'UTF-8');
        if (strlen($units) <= 2 * $max) {
            return $text;
        }
        $units = substr($units, 0, 2 * $max);
        $last = ord($units[2 * $max - 1]);
        if ($last >= 0xD8 && $last <= 0xDB) {
            // A high surrogate whose pair is cut off.
            $units = substr($units, 0, -2);
        }
        return mb_convert_encoding($units, 'UTF-8', 'UTF-16LE');
    }
}
