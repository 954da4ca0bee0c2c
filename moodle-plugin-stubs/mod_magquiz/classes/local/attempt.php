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
 * A quiz attempt as a pure state machine (deferred, immediate and interactive feedback). PHP port of
 * quiz/src/attempt.ts, whose header states the rules; both pass test/vectors/quiz-behaviours.json.
 *
 * A quiz is `['settings' => [...], 'slots' => [['question' => array, 'mark' => ?float], ...]]` and an attempt state
 * the same array as the TypeScript side's JSON, so a state stored by one side resumes on the other. Times are in
 * milliseconds. Actions come as received from the browser (decoded JSON) and are checked here; they name questions
 * and choices by their position on screen.
 *
 * @package    mod_magquiz
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class attempt {
    /** @var int Default penalty, in percent of the mark. */
    public const DEFAULT_PENALTY = 33.33333;

    /**
     * A question's mark in the quiz.
     *
     * @param array $quiz
     * @param int $index the question's index in the quiz's slots
     * @return float
     */
    public static function max_mark_of(array $quiz, int $index): float {
        $slot = $quiz['slots'][$index] ?? null;
        if ($slot === null || $slot['question']['type'] === 'description') {
            return 0.0;
        }
        return (float) ($slot['mark'] ?? $slot['question']['defaultMark'] ?? 1);
    }

    /**
     * A refusal.
     *
     * @param string $code
     * @param string $message
     * @return array
     */
    private static function fail(string $code, string $message): array {
        return ['ok' => false, 'code' => $code, 'message' => $message];
    }

    /**
     * Whether a trainee may start a new attempt now.
     *
     * @param array $quiz
     * @param array[] $previous the trainee's earlier attempts
     * @param int|float $now
     * @return array ['ok' => true] or a refusal
     */
    public static function can_start(array $quiz, array $previous, $now): array {
        $settings = $quiz['settings'];
        if (isset($settings['closesAt']) && $now >= $settings['closesAt']) {
            return self::fail('closed', 'the quiz is closed');
        }
        foreach ($previous as $state) {
            if ($state['status'] === 'inProgress' && !self::is_overdue($quiz, $state, $now)) {
                return self::fail('attempt_in_progress', 'an attempt is in progress');
            }
        }
        if (isset($settings['attemptsAllowed']) && count($previous) >= $settings['attemptsAllowed']) {
            return self::fail('no_attempts_left', 'no attempts left');
        }
        return ['ok' => true];
    }

    /**
     * Starts an attempt.
     *
     * @param array $quiz
     * @param array $options `seed` (string), `now`, `extraTimeSeconds` (optional), `previous` (optional)
     * @return array ['ok' => true, 'state' => array] or a refusal
     */
    public static function start(array $quiz, array $options): array {
        $previous = $options['previous'] ?? [];
        $now = $options['now'];
        $allowed = self::can_start($quiz, $previous, $now);
        if (!$allowed['ok']) {
            return $allowed;
        }
        $random = new random((string) $options['seed']);
        $settings = $quiz['settings'];

        $indices = array_keys($quiz['slots']);
        if (!empty($settings['shuffleQuestions'])) {
            $movable = array_values(array_filter($indices,
                fn(int $i): bool => $quiz['slots'][$i]['question']['type'] !== 'description'));
            $shuffled = array_map(fn(int $k): int => $movable[$k], $random->shuffled(count($movable)));
            $next = 0;
            foreach ($indices as $position => $i) {
                if ($quiz['slots'][$i]['question']['type'] !== 'description') {
                    $indices[$position] = $shuffled[$next++];
                }
            }
        }

        $slots = [];
        foreach ($indices as $index) {
            $question = $quiz['slots'][$index]['question'];
            $slot = ['index' => $index, 'response' => null, 'tries' => 0, 'status' => 'todo', 'outcome' => null,
                'fraction' => null];
            $shuffle = $question['shuffleAnswers'] ?? $settings['shuffleAnswers'] ?? true;
            $keep = fn(int $n): array => $n > 0 ? range(0, $n - 1) : [];
            switch ($question['type']) {
                case 'single':
                case 'multiple':
                    $n = count($question['answers']);
                    $slot['order'] = $shuffle ? $random->shuffled($n) : $keep($n);
                    break;
                case 'matching':
                    $stems = count(response::matching_stems($question));
                    $slot['order'] = $shuffle ? $random->shuffled($stems) : $keep($stems);
                    $slot['choiceOrder'] = $random->shuffled(count(response::matching_choices($question)));
                    break;
                case 'ordering':
                    $n = count($question['items']);
                    $order = $random->shuffled($n);
                    for ($k = 0; $k < 20 && $order === $keep($n); $k++) {
                        $order = $random->shuffled($n);
                    }
                    $slot['order'] = $order;
                    $slot['response'] = ['order' => $order];
                    break;
            }
            $slots[] = $slot;
        }

        $deadline = null;
        if (isset($settings['timeLimitSeconds'])) {
            $extra = max(0, $options['extraTimeSeconds'] ?? 0);
            $deadline = $now + ($settings['timeLimitSeconds'] + $extra) * 1000;
        }
        if (isset($settings['closesAt'])) {
            $deadline = $deadline === null ? $settings['closesAt'] : min($deadline, $settings['closesAt']);
        }
        return ['ok' => true, 'state' => [
            'version' => 1,
            'number' => count($previous) + 1,
            'seed' => (string) $options['seed'],
            'behaviour' => $settings['behaviour'],
            'status' => 'inProgress',
            'startedAt' => $now,
            'deadline' => $deadline,
            'finishedAt' => null,
            'slots' => $slots,
        ]];
    }

    /**
     * The index at a position of a display order (the position itself when the order has none).
     *
     * @param array|null $list
     * @param int $i
     * @return int
     */
    private static function at(?array $list, int $i): int {
        return $list[$i] ?? $i;
    }

    /**
     * The position of an index in a display order (the index itself when the order does not hold it).
     *
     * @param array|null $list
     * @param int $i
     * @return int
     */
    private static function position(?array $list, int $i): int {
        $found = $list === null ? false : array_search($i, $list, true);
        return $found === false ? $i : $found;
    }

    /**
     * A response as the trainee sends it (positions on screen) → the question's own terms.
     *
     * @param array $question
     * @param array $slot
     * @param mixed $input
     * @return array as response::parse()
     */
    public static function from_displayed(array $question, array $slot, $input): array {
        $parsed = response::parse($question, $input);
        if (!$parsed['ok']) {
            return $parsed;
        }
        $response = $parsed['response'];
        $order = $slot['order'] ?? null;
        switch ($question['type']) {
            case 'single':
                return ['ok' => true, 'response' => ['choice' => self::at($order, $response['choice'])]];
            case 'multiple':
                $choices = array_map(fn(int $c): int => self::at($order, $c), $response['choices']);
                sort($choices);
                return ['ok' => true, 'response' => ['choices' => $choices]];
            case 'matching':
                $choices = array_fill(0, count($response['choices']), null);
                foreach ($response['choices'] as $i => $c) {
                    $choices[self::at($order, $i)] = $c === null ? null : self::at($slot['choiceOrder'] ?? null, $c);
                }
                ksort($choices);
                return ['ok' => true, 'response' => ['choices' => array_values($choices)]];
            case 'ordering':
                return ['ok' => true, 'response' => ['order' => array_map(fn(int $id): int => self::at($order, $id),
                    $response['order'])]];
        }
        return $parsed;
    }

    /**
     * A saved response → what the trainee's screen shows (positions on screen).
     *
     * @param array $question
     * @param array $slot
     * @param array|null $response
     * @return array|null
     */
    public static function to_displayed(array $question, array $slot, ?array $response): ?array {
        if ($response === null) {
            return null;
        }
        $order = $slot['order'] ?? null;
        switch ($question['type']) {
            case 'single':
                return ['choice' => self::position($order, $response['choice'])];
            case 'multiple':
                $choices = array_map(fn(int $c): int => self::position($order, $c), $response['choices']);
                sort($choices);
                return ['choices' => $choices];
            case 'matching':
                $choices = [];
                foreach ($order ?? [] as $stem) {
                    $c = $response['choices'][$stem] ?? null;
                    $choices[] = $c === null ? null : self::position($slot['choiceOrder'] ?? null, $c);
                }
                return ['choices' => $choices];
            case 'ordering':
                return ['order' => array_map(fn(int $item): int => self::position($order, $item), $response['order'])];
        }
        return $response;
    }

    /**
     * Whether the attempt's time, grace period included, is over while it is still in progress.
     *
     * @param array $quiz
     * @param array $state
     * @param int|float $now
     * @return bool
     */
    public static function is_overdue(array $quiz, array $state, $now): bool {
        $grace = ($quiz['settings']['submitGraceSeconds'] ?? 60) * 1000;
        return $state['status'] === 'inProgress' && $state['deadline'] !== null && $now > $state['deadline'] + $grace;
    }

    /**
     * Finishes an attempt whose time ran out, with the responses saved in time; else returns it unchanged.
     *
     * @param array $quiz
     * @param array $state
     * @param int|float $now
     * @return array
     */
    public static function close_if_overdue(array $quiz, array $state, $now): array {
        if (!self::is_overdue($quiz, $state, $now)) {
            return $state;
        }
        return self::finish_slots($quiz, $state, $state['deadline']);
    }

    /**
     * A slot index from an action: an integer from 0 (or an integral float), else null.
     *
     * @param mixed $value
     * @return int|null
     */
    private static function index($value): ?int {
        if (is_int($value)) {
            return $value >= 0 ? $value : null;
        }
        if (is_float($value) && is_finite($value) && floor($value) === $value && $value >= 0) {
            return $value > PHP_INT_MAX ? PHP_INT_MAX : (int) $value;
        }
        return null;
    }

    /**
     * The action's shape: type, slot, response (when given), responses (finish), or null when it is not an action.
     *
     * @param mixed $input
     * @return array|null
     */
    private static function action($input): ?array {
        if (!is_array($input) || !isset($input['type']) || !is_string($input['type'])) {
            return null;
        }
        $type = $input['type'];
        if ($type === 'finish') {
            $responses = array_key_exists('responses', $input) ? $input['responses'] : [];
            if (!is_array($responses) || !array_is_list($responses) || count($responses) > 1000) {
                return null;
            }
            $list = [];
            foreach ($responses as $item) {
                $slot = is_array($item) ? self::index($item['slot'] ?? null) : null;
                if ($slot === null) {
                    return null;
                }
                $list[] = ['slot' => $slot, 'response' => $item['response'] ?? null];
            }
            return ['type' => 'finish', 'responses' => $list];
        }
        if (!in_array($type, ['save', 'check', 'tryAgain'], true)) {
            return null;
        }
        $slot = self::index($input['slot'] ?? null);
        if ($slot === null) {
            return null;
        }
        $action = ['type' => $type, 'slot' => $slot];
        if ($type === 'save' || ($type === 'check' && array_key_exists('response', $input))) {
            $action['response'] = $input['response'] ?? null;
        }
        return $action;
    }

    /**
     * Applies a trainee's action, as received, at the server's time. A refused action changes nothing.
     *
     * @param array $quiz
     * @param array $state
     * @param mixed $input
     * @param int|float $now
     * @return array ['ok' => true, 'state' => array] or a refusal
     */
    public static function apply_action(array $quiz, array $state, $input, $now): array {
        $action = self::action($input);
        if ($action === null) {
            return self::fail('bad_action', 'not an action: save, check, tryAgain or finish');
        }
        if ($state['status'] === 'finished') {
            return self::fail('finished', 'the attempt is finished');
        }
        if (self::is_overdue($quiz, $state, $now)) {
            return self::fail('time_over', 'the time is over');
        }
        $late = $state['deadline'] !== null && $now > $state['deadline'];

        if ($action['type'] === 'finish') {
            foreach ($action['responses'] as $item) {
                $slot = $state['slots'][$item['slot']] ?? null;
                if ($slot !== null && $slot['status'] !== 'todo') {
                    continue;
                }
                $saved = self::save($quiz, $state, $item['slot'], $item['response']);
                if (!$saved['ok']) {
                    return $saved;
                }
                $state = $saved['state'];
            }
            return ['ok' => true, 'state' => self::finish_slots($quiz, $state, $late ? $state['deadline'] : $now)];
        }
        if ($late) {
            return self::fail('time_over', 'the time is over');
        }
        switch ($action['type']) {
            case 'save':
                return self::save($quiz, $state, $action['slot'], $action['response']);
            case 'check':
                return self::check($quiz, $state, $action['slot'], $action);
            default:
                $slot = $state['slots'][$action['slot']] ?? null;
                if ($slot === null) {
                    return self::fail('no_such_slot', 'no question ' . $action['slot']);
                }
                if ($slot['status'] !== 'tryAgain') {
                    return self::fail('not_allowed', 'there is no wrong try to leave');
                }
                $question = $quiz['slots'][$slot['index']]['question'];
                $hint = $question['hints'][$slot['tries'] - 1] ?? null;
                if (!empty($hint['clearWrong']) && $slot['response'] !== null) {
                    $slot['response'] = self::clear_wrong($question, $slot['response']);
                }
                $slot['status'] = 'todo';
                $state['slots'][$action['slot']] = $slot;
                return ['ok' => true, 'state' => $state];
        }
    }

    /**
     * Saves a response as shown on screen.
     *
     * @param array $quiz
     * @param array $state
     * @param int $position
     * @param mixed $input
     * @return array
     */
    private static function save(array $quiz, array $state, int $position, $input): array {
        $slot = $state['slots'][$position] ?? null;
        if ($slot === null) {
            return self::fail('no_such_slot', 'no question ' . $position);
        }
        if ($slot['status'] !== 'todo') {
            return self::fail('read_only', 'this question cannot be changed any more');
        }
        $parsed = self::from_displayed($quiz['slots'][$slot['index']]['question'], $slot, $input);
        if (!$parsed['ok']) {
            return $parsed;
        }
        $slot['response'] = $parsed['response'];
        unset($slot['invalid']);
        $state['slots'][$position] = $slot;
        return ['ok' => true, 'state' => $state];
    }

    /**
     * Checks a question (immediate and interactive feedback), saving the response sent with the check first.
     *
     * @param array $quiz
     * @param array $state
     * @param int $position
     * @param array $action
     * @return array
     */
    private static function check(array $quiz, array $state, int $position, array $action): array {
        $slot = $state['slots'][$position] ?? null;
        if ($slot === null) {
            return self::fail('no_such_slot', 'no question ' . $position);
        }
        $question = $quiz['slots'][$slot['index']]['question'];
        if ($state['behaviour'] === 'deferred' || in_array($question['type'], ['essay', 'description'], true)) {
            return self::fail('not_allowed', 'this question is not checked before the attempt is finished');
        }
        if (array_key_exists('response', $action)) {
            $saved = self::save($quiz, $state, $position, $action['response']);
            if (!$saved['ok']) {
                return $saved;
            }
            $state = $saved['state'];
            $slot = $state['slots'][$position];
        } else if ($slot['status'] !== 'todo') {
            return self::fail('read_only', 'this question cannot be changed any more');
        }
        $reason = grader::incomplete_reason($question, $slot['response']);
        if ($reason !== null) {
            $slot['invalid'] = $reason;
            $state['slots'][$position] = $slot;
            return ['ok' => true, 'state' => $state];
        }
        $outcome = grader::grade($question, $slot['response']);
        $slot['outcome'] = $outcome;
        if ($state['behaviour'] === 'immediate') {
            $slot['status'] = 'done';
            $slot['fraction'] = $outcome['fraction'];
        } else {
            $triesleft = count($question['hints'] ?? []) + 1 - $slot['tries'];
            if ($outcome['state'] === 'right' || $triesleft <= 1) {
                $slot['status'] = 'done';
                $slot['fraction'] = self::penalised($question, $outcome['fraction'] ?? 0.0, $slot['tries']);
            } else {
                $slot['tries']++;
                $slot['status'] = 'tryAgain';
            }
        }
        $state['slots'][$position] = $slot;
        return ['ok' => true, 'state' => $state];
    }

    /**
     * qbehaviour_interactive::adjust_fraction(): the question's penalty per wrong try, at least 0.
     *
     * @param array $question
     * @param float $fraction
     * @param int $wrongtries
     * @return float
     */
    private static function penalised(array $question, float $fraction, int $wrongtries): float {
        return max(0, $fraction - ($wrongtries * ($question['penalty'] ?? self::DEFAULT_PENALTY)) / 100);
    }

    /**
     * Moodle's clear_wrong_from_response() for multiple response and matching questions.
     *
     * @param array $question
     * @param array $response
     * @return array
     */
    private static function clear_wrong(array $question, array $response): array {
        if ($question['type'] === 'multiple') {
            return ['choices' => array_values(array_filter($response['choices'],
                fn(int $c): bool => ($question['answers'][$c]['fraction'] ?? 0) > 0))];
        }
        if ($question['type'] === 'matching') {
            $choices = response::matching_choices($question);
            $stems = response::matching_stems($question);
            $kept = [];
            foreach ($response['choices'] as $i => $c) {
                $kept[] = $c !== null && ($choices[$c] ?? null) === ($stems[$i]['right'] ?? null) ? $c : null;
            }
            return ['choices' => $kept];
        }
        return $response;
    }

    /**
     * Grades every question not yet graded and finishes the attempt.
     *
     * @param array $quiz
     * @param array $state
     * @param int|float $at when it is finished
     * @return array
     */
    private static function finish_slots(array $quiz, array $state, $at): array {
        foreach ($state['slots'] as $position => $slot) {
            unset($slot['invalid']);
            if ($slot['status'] !== 'done') {
                $question = $quiz['slots'][$slot['index']]['question'];
                $outcome = grader::grade($question, $slot['response']);
                $slot['outcome'] = $outcome;
                $slot['status'] = 'done';
                if ($outcome['fraction'] === null || !grader::is_answered($question, $slot['response'])) {
                    $slot['fraction'] = $outcome['fraction'];
                } else if ($state['behaviour'] === 'interactive') {
                    $slot['fraction'] = self::penalised($question, $outcome['fraction'], $slot['tries']);
                } else {
                    $slot['fraction'] = $outcome['fraction'];
                }
            }
            $state['slots'][$position] = $slot;
        }
        $state['status'] = 'finished';
        $state['finishedAt'] = $at;
        return $state;
    }

    /**
     * A trainer grades an essay of a finished attempt.
     *
     * @param array $quiz
     * @param array $state
     * @param int $position
     * @param float $fraction from 0 to 1
     * @param string|null $comment
     * @return array
     */
    public static function grade_manually(array $quiz, array $state, int $position, float $fraction,
            ?string $comment = null): array {
        $slot = $state['slots'][$position] ?? null;
        if ($slot === null) {
            return self::fail('no_such_slot', 'no question ' . $position);
        }
        if ($state['status'] !== 'finished') {
            return self::fail('not_allowed', 'the attempt is not finished');
        }
        if ($quiz['slots'][$slot['index']]['question']['type'] !== 'essay') {
            return self::fail('not_allowed', 'only essays are graded by a person');
        }
        if (!is_finite($fraction) || $fraction < 0 || $fraction > 1) {
            return self::fail('out_of_range', 'a fraction from 0 to 1');
        }
        $slot['manual'] = $comment === null || $comment === '' ? ['fraction' => $fraction] :
            ['fraction' => $fraction, 'comment' => $comment];
        $slot['fraction'] = $fraction;
        $slot['outcome'] = ['fraction' => $fraction, 'state' => grader::state_for_fraction($fraction), 'feedback' => []];
        $state['slots'][$position] = $slot;
        return ['ok' => true, 'state' => $state];
    }

    /**
     * JavaScript's Math.round for the values met here (ties towards +∞), to 5 decimals.
     *
     * @param float $value
     * @return float
     */
    private static function round5(float $value): float {
        return floor($value * 1e5 + 0.5) / 1e5;
    }

    /**
     * The attempt's marks, grade and pass.
     *
     * @param array $quiz
     * @param array $state
     * @return array status, marks, maxMarks, grade, maxGrade, passed, needsGrading, slots
     */
    public static function attempt_grade(array $quiz, array $state): array {
        $maxgrade = (float) ($quiz['settings']['maxGrade'] ?? 10);
        $marks = 0;
        $maxmarks = 0;
        $needsgrading = 0;
        $slots = [];
        foreach ($state['slots'] as $slot) {
            $maxmark = self::max_mark_of($quiz, $slot['index']);
            $maxmarks += $maxmark;
            if ($slot['status'] !== 'done' || $state['status'] !== 'finished') {
                $slots[] = ['mark' => null, 'maxMark' => $maxmark, 'state' => null];
                continue;
            }
            if ($slot['outcome']['state'] === 'needsGrading') {
                $needsgrading++;
            }
            $mark = $slot['fraction'] === null ? null : $slot['fraction'] * $maxmark;
            $marks += $mark ?? 0;
            $slots[] = ['mark' => $mark, 'maxMark' => $maxmark, 'state' => $slot['outcome']['state']];
        }
        $complete = $state['status'] === 'finished' && $needsgrading === 0;
        $grade = null;
        if ($complete) {
            $grade = $maxmarks == 0 ? 0.0 : self::round5((max(0, $marks) / $maxmarks) * $maxgrade);
        }
        $pass = $quiz['settings']['passGrade'] ?? null;
        return [
            'status' => $state['status'],
            'marks' => $complete ? (float) $marks : null,
            'maxMarks' => (float) $maxmarks,
            'grade' => $grade,
            'maxGrade' => $maxgrade,
            'passed' => $pass === null || $grade === null ? null : $grade >= $pass,
            'needsGrading' => $needsgrading,
            'slots' => $slots,
        ];
    }

    /**
     * The trainee's grade for the quiz over their attempts, by the quiz's grading method; null if none yet.
     *
     * @param array $quiz
     * @param array[] $attempts
     * @return float|null
     */
    public static function quiz_grade(array $quiz, array $attempts): ?float {
        usort($attempts, fn(array $a, array $b): int => $a['number'] <=> $b['number']);
        $grades = [];
        foreach ($attempts as $state) {
            $grade = self::attempt_grade($quiz, $state)['grade'];
            if ($grade !== null) {
                $grades[] = $grade;
            }
        }
        if (count($grades) === 0) {
            return null;
        }
        switch ($quiz['settings']['gradingMethod'] ?? 'highest') {
            case 'average':
                return self::round5(array_sum($grades) / count($grades));
            case 'first':
                return $grades[0];
            case 'last':
                return $grades[count($grades) - 1];
            default:
                return max($grades);
        }
    }

    /**
     * How many display positions a question's orders have: [order, choiceOrder].
     *
     * @param array $question
     * @return int[]
     */
    private static function order_sizes(array $question): array {
        switch ($question['type']) {
            case 'single':
            case 'multiple':
                return [count($question['answers']), 0];
            case 'matching':
                return [count(response::matching_stems($question)), count(response::matching_choices($question))];
            case 'ordering':
                return [count($question['items']), 0];
        }
        return [0, 0];
    }

    /**
     * Reads back a stored attempt state (decoded JSON): null when it is not one, or does not fit the quiz (questions
     * it lacks, responses or display orders that do not fit its questions). quiz/src/attempt.ts parseAttemptState().
     *
     * @param array $quiz
     * @param mixed $input
     * @return array|null
     */
    public static function parse_state(array $quiz, $input): ?array {
        $number = fn($v): bool => (is_int($v) || is_float($v)) && is_finite((float) $v);
        $index = fn($v): bool => is_int($v) && $v >= 0;
        $indices = fn($v): bool => is_array($v) && array_is_list($v) && count(array_filter($v, $index)) === count($v);
        if (!is_array($input) || ($input['version'] ?? null) !== 1 || !is_int($input['number'] ?? null)
                || $input['number'] < 1 || !is_string($input['seed'] ?? null)
                || !in_array($input['behaviour'] ?? null, ['deferred', 'immediate', 'interactive'], true)
                || !in_array($input['status'] ?? null, ['inProgress', 'finished'], true)
                || !$number($input['startedAt'] ?? null)
                || !array_key_exists('deadline', $input) || ($input['deadline'] !== null && !$number($input['deadline']))
                || !array_key_exists('finishedAt', $input) || ($input['finishedAt'] !== null && !$number($input['finishedAt']))
                || !is_array($input['slots'] ?? null) || !array_is_list($input['slots'])) {
            return null;
        }
        foreach ($input['slots'] as $slot) {
            if (!is_array($slot) || !$index($slot['index'] ?? null) || !$index($slot['tries'] ?? null)
                    || !in_array($slot['status'] ?? null, ['todo', 'tryAgain', 'done'], true)
                    || !array_key_exists('response', $slot) || !array_key_exists('outcome', $slot)
                    || !array_key_exists('fraction', $slot) || ($slot['fraction'] !== null && !$number($slot['fraction']))
                    || (isset($slot['invalid'])
                        && !in_array($slot['invalid'], ['answer_required', 'not_a_number', 'all_parts_required'], true))) {
                return null;
            }
            $outcome = $slot['outcome'];
            if ($outcome !== null && (!is_array($outcome) || !array_key_exists('fraction', $outcome)
                    || ($outcome['fraction'] !== null && !$number($outcome['fraction']))
                    || !in_array($outcome['state'] ?? null,
                        ['right', 'partial', 'wrong', 'unanswered', 'needsGrading', 'noMark'], true)
                    || !is_array($outcome['feedback'] ?? null) || !array_is_list($outcome['feedback'])
                    || count(array_filter($outcome['feedback'], 'is_string')) !== count($outcome['feedback'])
                    || (isset($outcome['parts']) && (!$index($outcome['parts']['right'] ?? null)
                        || !$index($outcome['parts']['total'] ?? null))))) {
                return null;
            }
            if (isset($slot['manual']) && (!is_array($slot['manual']) || !$number($slot['manual']['fraction'] ?? null)
                    || (isset($slot['manual']['comment']) && !is_string($slot['manual']['comment'])))) {
                return null;
            }
            $question = $quiz['slots'][$slot['index']]['question'] ?? null;
            if ($question === null) {
                return null;
            }
            if ($slot['response'] !== null && !response::parse($question, $slot['response'])['ok']) {
                return null;
            }
            [$ordersize, $choicesize] = self::order_sizes($question);
            foreach ([['order', $ordersize], ['choiceOrder', $choicesize]] as [$key, $size]) {
                if (!array_key_exists($key, $slot)) {
                    continue;
                }
                $list = $slot[$key];
                if (!$indices($list) || count($list) !== $size || count(array_unique($list)) !== $size
                        || ($size > 0 && max($list) >= $size)) {
                    return null;
                }
            }
        }
        return $input;
    }
}
