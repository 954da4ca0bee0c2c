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
 * What a trainee's browser may receive about an attempt: the only way quiz data leaves the server for a trainee.
 * PHP port of traineeView() and rightAnswer() in quiz/src/view.ts (whose header states what is shown when); both pass
 * the views of test/vectors/quiz-behaviours.json. The live views (liveOrder(), liveQuestionView(), liveResults()) are
 * ported too and pass test/vectors/quiz-live.json.
 *
 * Before the behaviour allows feedback, a question's view holds its text, its choices in the attempt's order (named
 * by their position on screen), the trainee's own response and nothing else. Arrays here are JSON objects when
 * they have string keys; an empty `feedback` is `[]` and should be sent as an object (`(object)`).
 *
 * @package    mod_magquiz
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class view {
    /** @var bool[] Moodle's review options, all shown: the default. */
    public const REVIEW_ALL = ['correctness' => true, 'marks' => true, 'specificFeedback' => true,
        'generalFeedback' => true, 'rightAnswer' => true];

    /**
     * Items shown in a display order, each named by its position.
     *
     * @param string[] $texts
     * @param int[] $order
     * @return array[]
     */
    private static function shown(array $texts, array $order): array {
        $items = [];
        foreach ($order as $id => $index) {
            $items[] = ['id' => $id, 'text' => $texts[$index] ?? ''];
        }
        return $items;
    }

    /**
     * Text and choices: what any trainee may see of a question at any time.
     *
     * @param array $question
     * @param int[]|null $order
     * @param int[]|null $choiceorder
     * @return array
     */
    private static function base(array $question, ?array $order, ?array $choiceorder): array {
        $view = ['type' => $question['type'], 'text' => $question['text']];
        if (array_key_exists('textAfter', $question)) {
            $view['textAfter'] = $question['textAfter'];
        }
        $view['textFormat'] = $question['textFormat'];
        $keep = fn(int $n): array => $n > 0 ? range(0, $n - 1) : [];
        switch ($question['type']) {
            case 'single':
            case 'multiple':
                $texts = array_column($question['answers'], 'text');
                $view['choices'] = self::shown($texts, $order ?? $keep(count($texts)));
                break;
            case 'matching':
                $stems = array_column(response::matching_stems($question), 'left');
                $choices = response::matching_choices($question);
                $view['stems'] = self::shown($stems, $order ?? $keep(count($stems)));
                $view['choices'] = self::shown($choices, $choiceorder ?? $keep(count($choices)));
                break;
            case 'ordering':
                $view['items'] = self::shown($question['items'], $order ?? $keep(count($question['items'])));
                break;
        }
        return $view;
    }

    /**
     * Moodle's qtype_shortanswer clean_response(): wildcards become spaces, `\*` a star.
     *
     * @param string $text
     * @return string
     */
    private static function clean_answer(string $text): string {
        $bits = preg_split('/(?<!\\\\)\*/', $text);
        return trim(implode(' ', array_map(fn(string $bit): string => str_replace('\*', '*', $bit), $bits)));
    }

    /**
     * The position of an index in a display order.
     *
     * @param int[]|null $list
     * @param int $i
     * @return int
     */
    private static function position(?array $list, int $i): int {
        if ($list === null) {
            return $i;
        }
        $found = array_search($i, $list, true);
        return $found === false ? -1 : $found;
    }

    /**
     * The right answer in the terms of the screen, or null (essays, descriptions, no right answer).
     *
     * @param array $question
     * @param int[]|null $order
     * @param int[]|null $choiceorder
     * @return array|null
     */
    public static function right_answer(array $question, ?array $order = null, ?array $choiceorder = null): ?array {
        switch ($question['type']) {
            case 'single':
                $best = max(array_column($question['answers'], 'fraction'));
                if (!($best > 0)) {
                    return null;
                }
                $right = [];
                foreach ($question['answers'] as $i => $answer) {
                    if ($answer['fraction'] == $best) {
                        $right[] = self::position($order, $i);
                    }
                }
                sort($right);
                return ['choices' => $right];
            case 'multiple':
                $right = [];
                foreach ($question['answers'] as $i => $answer) {
                    if ($answer['fraction'] > 0) {
                        $right[] = self::position($order, $i);
                    }
                }
                sort($right);
                return ['choices' => $right];
            case 'truefalse':
                return ['value' => $question['correct']];
            case 'shortanswer':
                foreach ($question['answers'] as $answer) {
                    if (grader::state_for_fraction($answer['fraction'] / 100) === 'right') {
                        return ['text' => self::clean_answer($answer['text'])];
                    }
                }
                return null;
            case 'numerical':
                foreach ($question['answers'] as $answer) {
                    if ($answer['kind'] !== 'any' && grader::state_for_fraction($answer['fraction'] / 100) === 'right') {
                        return $answer['kind'] === 'exact' ? ['number' => $answer['value'], 'tolerance' => $answer['tolerance']]
                            : ['min' => $answer['min'], 'max' => $answer['max']];
                    }
                }
                return null;
            case 'matching':
                $choices = response::matching_choices($question);
                $stems = response::matching_stems($question);
                $matches = [];
                foreach ($order ?? array_keys($stems) as $stem) {
                    $matches[] = self::position($choiceorder, (int) array_search($stems[$stem]['right'], $choices, true));
                }
                return ['matches' => $matches];
            case 'ordering':
                $right = [];
                foreach (array_keys($question['items']) as $i) {
                    $right[] = self::position($order, $i);
                }
                return ['order' => $right];
        }
        return null;
    }

    /**
     * The chosen parts and whether each is right, in the terms of the screen.
     *
     * @param array $question
     * @param array $slot
     * @return array|null
     */
    private static function part_states(array $question, array $slot): ?array {
        $response = $slot['response'];
        if ($response === null) {
            return null;
        }
        $order = $slot['order'] ?? null;
        switch ($question['type']) {
            case 'single':
                $fraction = ($question['answers'][$response['choice']]['fraction'] ?? 0) / 100;
                return [['id' => self::position($order, $response['choice']),
                    'state' => grader::state_for_fraction($fraction)]];
            case 'multiple':
                $parts = [];
                foreach ($response['choices'] as $c) {
                    $parts[] = ['id' => self::position($order, $c),
                        'state' => ($question['answers'][$c]['fraction'] ?? 0) > 0 ? 'right' : 'wrong'];
                }
                usort($parts, fn(array $a, array $b): int => $a['id'] <=> $b['id']);
                return $parts;
            case 'matching':
                $choices = response::matching_choices($question);
                $stems = response::matching_stems($question);
                $parts = [];
                foreach ($order ?? array_keys($stems) as $id => $stem) {
                    $c = $response['choices'][$stem] ?? null;
                    if ($c !== null) {
                        $parts[] = ['id' => $id,
                            'state' => ($choices[$c] ?? null) === $stems[$stem]['right'] ? 'right' : 'wrong'];
                    }
                }
                return $parts;
        }
        return null;
    }

    /**
     * The feedback of a graded question, as far as the review options allow.
     *
     * @param array $question
     * @param array $slot
     * @param array $review
     * @param float $maxmark
     * @return array
     */
    private static function feedback(array $question, array $slot, array $review, float $maxmark): array {
        $outcome = $slot['outcome'];
        $feedback = [];
        if ($review['correctness']) {
            $feedback['state'] = $outcome['state'];
            $parts = self::part_states($question, $slot);
            if ($parts !== null && count($parts) > 0) {
                $feedback['parts'] = $parts;
            }
        }
        if ($review['marks'] && $slot['fraction'] !== null) {
            $feedback['mark'] = $slot['fraction'] * $maxmark;
        }
        if ($review['specificFeedback']) {
            if (count($outcome['feedback']) > 0) {
                $feedback['specific'] = $outcome['feedback'];
            }
            if (isset($slot['manual']['comment'])) {
                $feedback['comment'] = $slot['manual']['comment'];
            }
        }
        if ($review['generalFeedback'] && !empty($question['generalFeedback'])) {
            $feedback['general'] = $question['generalFeedback'];
        }
        if ($review['rightAnswer']) {
            $right = self::right_answer($question, $slot['order'] ?? null, $slot['choiceOrder'] ?? null);
            if ($right !== null) {
                $feedback['rightAnswer'] = $right;
            }
        }
        return $feedback;
    }

    /**
     * Everything a trainee's browser may receive about their attempt, at the server's time `now`.
     *
     * @param array $quiz
     * @param array $state
     * @param int|float $now
     * @return array
     */
    public static function trainee_view(array $quiz, array $state, $now): array {
        $finished = $state['status'] === 'finished';
        $review = $finished ? ($quiz['settings']['reviewAfter'] ?? self::REVIEW_ALL)
            : ($quiz['settings']['reviewDuring'] ?? self::REVIEW_ALL);
        $number = 0;
        $questions = [];
        foreach ($state['slots'] as $position => $slot) {
            $question = $quiz['slots'][$slot['index']]['question'];
            $maxmark = attempt::max_mark_of($quiz, $slot['index']);
            $view = ['slot' => $position, 'number' => $question['type'] === 'description' ? null : ++$number];
            $view += self::base($question, $slot['order'] ?? null, $slot['choiceOrder'] ?? null);
            $view['maxMark'] = $maxmark;
            $view['response'] = attempt::to_displayed($question, $slot, $slot['response']);
            $view['status'] = $slot['status'];
            if ($question['type'] === 'ordering' && $slot['response'] !== null) {
                $byid = array_column($view['items'], null, 'id');
                $view['items'] = array_map(fn(int $id): array => $byid[$id], $view['response']['order']);
            }
            if (isset($slot['invalid'])) {
                $view['invalid'] = $slot['invalid'];
            }
            $interactive = $state['behaviour'] === 'interactive'
                && !in_array($question['type'], ['essay', 'description'], true);
            if ($interactive && !$finished && $slot['status'] !== 'done') {
                $view['triesLeft'] = count($question['hints'] ?? []) + 1 - $slot['tries'];
            }
            if ($slot['status'] === 'tryAgain' && $slot['outcome'] !== null && !$finished) {
                $hint = $question['hints'][$slot['tries'] - 1] ?? null;
                $feedback = [];
                if ($review['correctness']) {
                    $feedback['state'] = $slot['outcome']['state'];
                }
                if ($review['specificFeedback'] && count($slot['outcome']['feedback']) > 0) {
                    $feedback['specific'] = $slot['outcome']['feedback'];
                }
                $view['feedback'] = $feedback;
                if ($hint !== null) {
                    $view['hint'] = $hint['text'];
                    if (!empty($hint['showNumCorrect']) && isset($slot['outcome']['parts'])) {
                        $view['numCorrect'] = $slot['outcome']['parts'];
                    }
                }
            } else if ($slot['status'] === 'done' && $slot['outcome'] !== null) {
                $view['feedback'] = self::feedback($question, $slot, $review, $maxmark);
            }
            $questions[] = $view;
        }
        $result = [
            'number' => $state['number'],
            'status' => $state['status'],
            'behaviour' => $state['behaviour'],
            'deadline' => $state['deadline'],
            'timeLeft' => $state['deadline'] === null || $finished ? null : max(0, $state['deadline'] - $now),
            'questions' => $questions,
        ];
        if ($finished && $review['marks']) {
            $grade = attempt::attempt_grade($quiz, $state);
            $result['result'] = ['marks' => $grade['marks'], 'maxMarks' => $grade['maxMarks'], 'grade' => $grade['grade'],
                'maxGrade' => $grade['maxGrade'], 'passed' => $grade['passed']];
        }
        return $result;
    }

    // Live mode.

    /**
     * The order a live question is shown in, the same for every trainee of the session, drawn from the session's seed
     * (choices shuffled unless the question says not). quiz/src/view.ts liveOrder().
     *
     * @param array $question
     * @param string $seed
     * @return array ['order' => int[]] and ['choiceOrder' => int[]] when the question has them
     */
    public static function live_order(array $question, string $seed): array {
        $random = new random($seed);
        $shuffle = !array_key_exists('shuffleAnswers', $question) || $question['shuffleAnswers'] !== false;
        $keep = fn(int $n): array => $n > 0 ? range(0, $n - 1) : [];
        switch ($question['type']) {
            case 'single':
            case 'multiple':
                $n = count($question['answers']);
                return ['order' => $shuffle ? $random->shuffled($n) : $keep($n)];
            case 'matching':
                $stems = count(response::matching_stems($question));
                $order = $shuffle ? $random->shuffled($stems) : $keep($stems);
                return ['order' => $order, 'choiceOrder' => $random->shuffled(count(response::matching_choices($question)))];
            case 'ordering':
                return ['order' => $random->shuffled(count($question['items']))];
        }
        return [];
    }

    /**
     * A live question as the trainees' phones and the projected screen show it. `$responses` are the trainees'
     * responses in the question's own terms; before the reveal only their number leaves the server.
     * quiz/src/view.ts liveQuestionView().
     *
     * @param array $question
     * @param array $order from live_order()
     * @param string $phase open, closed or revealed
     * @param array[] $responses
     * @return array
     */
    public static function live_question_view(array $question, array $order, string $phase, array $responses): array {
        $view = self::base($question, $order['order'] ?? null, $order['choiceOrder'] ?? null);
        $view['phase'] = $phase;
        $view['responses'] = count($responses);
        if ($phase === 'revealed') {
            $view['results'] = self::live_results($question, $order, $responses);
        }
        return $view;
    }

    /**
     * A number as JavaScript's String() writes it (shortest digits that read back the same).
     *
     * @param int|float $value
     * @return string
     */
    public static function js_number($value): string {
        if (is_int($value)) {
            return (string) $value;
        }
        if (is_nan($value)) {
            return 'NaN';
        }
        if (is_infinite($value)) {
            return $value > 0 ? 'Infinity' : '-Infinity';
        }
        if ($value == 0) {
            return '0';
        }
        $sign = $value < 0 ? '-' : '';
        $abs = abs($value);
        for ($precision = 0; $precision < 17; $precision++) {
            $text = sprintf('%.' . $precision . 'e', $abs);
            if ((float) $text === $abs) {
                break;
            }
        }
        [$mantissa, $exponent] = explode('e', $text);
        $digits = rtrim(str_replace('.', '', $mantissa), '0');
        $digits = $digits === '' ? '0' : $digits;
        $k = strlen($digits);
        $n = (int) $exponent + 1;
        if ($k <= $n && $n <= 21) {
            return $sign . $digits . str_repeat('0', $n - $k);
        }
        if (0 < $n && $n <= 21) {
            return $sign . substr($digits, 0, $n) . '.' . substr($digits, $n);
        }
        if (-6 < $n && $n <= 0) {
            return $sign . '0.' . str_repeat('0', -$n) . $digits;
        }
        $e = $n - 1;
        $mantissa = $k === 1 ? $digits : $digits[0] . '.' . substr($digits, 1);
        return $sign . $mantissa . 'e' . ($e < 0 ? '-' : '+') . abs($e);
    }

    /**
     * The label of a short or numerical answer in the live results.
     *
     * @param array $question
     * @param int $index
     * @return string
     */
    private static function answer_label(array $question, int $index): string {
        if ($question['type'] === 'shortanswer') {
            return self::clean_answer($question['answers'][$index]['text'] ?? '');
        }
        if ($question['type'] !== 'numerical') {
            return '';
        }
        $answer = $question['answers'][$index] ?? null;
        if ($answer === null || $answer['kind'] === 'any') {
            return '*';
        }
        if ($answer['kind'] === 'exact') {
            return $answer['tolerance'] == 0 ? self::js_number($answer['value'])
                : self::js_number($answer['value']) . ' ± ' . self::js_number($answer['tolerance']);
        }
        return self::js_number($answer['min']) . '..' . self::js_number($answer['max']);
    }

    /**
     * The index of the first answer a short or numerical response matches, in order; -1 for none.
     *
     * @param array $question
     * @param string $text
     * @return int
     */
    private static function matching_answer(array $question, string $text): int {
        $value = $question['type'] === 'numerical' ? grader::parse_number($text) : null;
        foreach ($question['answers'] as $i => $answer) {
            $matches = $question['type'] === 'shortanswer'
                ? grader::matches_wildcard($text, $answer['text'], (bool) $question['caseSensitive'])
                : grader::within_tolerance($answer, $value);
            if ($matches) {
                return $i;
            }
        }
        return -1;
    }

    /**
     * The results of a live question, per answer, for the reveal (and the trainer's distributions).
     * quiz/src/view.ts liveResults().
     *
     * @param array $question
     * @param array $order from live_order(), or [] for the bank's order
     * @param array[] $responses in the question's own terms
     * @return array
     */
    public static function live_results(array $question, array $order, array $responses): array {
        $states = ['right' => 0, 'partial' => 0, 'wrong' => 0];
        $shownorder = $order['order'] ?? null;
        $choiceorder = $order['choiceOrder'] ?? null;
        foreach ($responses as $response) {
            $outcome = grader::grade($question, $response);
            if (isset($states[$outcome['state']])) {
                $states[$outcome['state']]++;
            }
        }
        $results = ['states' => $states];
        switch ($question['type']) {
            case 'single':
            case 'multiple':
                $best = max(array_column($question['answers'], 'fraction'));
                $counts = array_fill(0, count($question['answers']), 0);
                foreach ($responses as $response) {
                    $chosen = $question['type'] === 'single' ? [$response['choice']] : $response['choices'];
                    foreach ($chosen as $c) {
                        if (isset($counts[$c])) {
                            $counts[$c]++;
                        }
                    }
                }
                $choices = [];
                foreach ($question['answers'] as $i => $answer) {
                    $choices[] = [
                        'id' => self::position($shownorder, $i),
                        'count' => $counts[$i],
                        'right' => $question['type'] === 'single' ? $answer['fraction'] == $best && $best > 0
                            : $answer['fraction'] > 0,
                    ];
                }
                usort($choices, fn(array $a, array $b): int => $a['id'] <=> $b['id']);
                $results['choices'] = $choices;
                break;
            case 'truefalse':
                $yes = count(array_filter($responses, fn(array $r): bool => !empty($r['value'])));
                $results['truefalse'] = ['true' => $yes, 'false' => count($responses) - $yes,
                    'correct' => (bool) $question['correct']];
                break;
            case 'shortanswer':
            case 'numerical':
                $counts = array_fill(0, count($question['answers']), 0);
                $other = 0;
                foreach ($responses as $response) {
                    if (grader::grade($question, $response)['state'] === 'unanswered') {
                        continue;
                    }
                    $index = self::matching_answer($question, (string) $response['text']);
                    if ($index >= 0) {
                        $counts[$index]++;
                    } else {
                        $other++;
                    }
                }
                $answers = [];
                foreach ($question['answers'] as $i => $answer) {
                    $answers[] = ['label' => self::answer_label($question, $i), 'count' => $counts[$i],
                        'state' => grader::state_for_fraction($answer['fraction'] / 100)];
                }
                $results['answers'] = $answers;
                $results['other'] = $other;
                break;
            case 'matching':
                $stems = response::matching_stems($question);
                $choices = response::matching_choices($question);
                $shownstems = $shownorder ?? array_keys($stems);
                $shownchoices = $choiceorder ?? array_keys($choices);
                $rows = [];
                foreach ($shownstems as $id => $stem) {
                    $counts = array_fill(0, count($shownchoices), 0);
                    foreach ($responses as $response) {
                        $c = $response['choices'][$stem] ?? null;
                        $at = $c === null ? -1 : self::position($choiceorder, $c);
                        if ($at >= 0) {
                            $counts[$at]++;
                        }
                    }
                    $right = array_search($stems[$stem]['right'] ?? '', $choices, true);
                    $rows[] = ['id' => $id, 'counts' => $counts,
                        'right' => self::position($choiceorder, $right === false ? -1 : $right)];
                }
                $results['stems'] = $rows;
                break;
        }
        $right = self::right_answer($question, $shownorder, $choiceorder);
        if ($right !== null) {
            $results['rightAnswer'] = $right;
        }
        if (!empty($question['generalFeedback'])) {
            $results['generalFeedback'] = $question['generalFeedback'];
        }
        return $results;
    }
}
