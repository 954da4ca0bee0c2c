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
 * the views of test/vectors/quiz-behaviours.json. The live views are not ported yet.
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
}
