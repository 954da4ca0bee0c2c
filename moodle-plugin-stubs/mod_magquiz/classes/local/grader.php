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
 * Grading of one response, as Moodle's question types grade it. PHP port of quiz/src/grading.ts; both pass
 * test/vectors/quiz-grading.json (its description states the rules).
 *
 * The result: `fraction` (0 to 1 as Moodle's, negative for a single-choice answer with a negative weight; null for an
 * essay, which needs a person, and for a description), `state` (right, partial, wrong, unanswered, needsGrading,
 * noMark), `feedback` (the chosen answers' feedback, then the combined feedback of the state) and, for multiple
 * response and matching, `parts` (right parts out of all).
 *
 * Questions and responses are arrays, as response::parse() returns them. The operations on floats are the
 * TypeScript side's, in the same order, so that fractions are equal to the last bit. Needs intl (Normalizer).
 *
 * @package    mod_magquiz
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class grader {
    /**
     * Moodle's question_state::graded_state_for_fraction.
     *
     * @param float $fraction
     * @return string right, partial or wrong
     */
    public static function state_for_fraction(float $fraction): string {
        if ($fraction < 0.000001) {
            return 'wrong';
        } else if ($fraction > 0.999999) {
            return 'right';
        }
        return 'partial';
    }

    /**
     * Whether a response says anything at all; one that does not is not graded.
     *
     * @param array $question
     * @param array|null $response
     * @return bool
     */
    public static function is_answered(array $question, ?array $response): bool {
        if ($response === null) {
            return false;
        }
        switch ($question['type']) {
            case 'multiple':
                return count($response['choices']) > 0;
            case 'shortanswer':
            case 'numerical':
            case 'essay':
                return trim($response['text']) !== '';
            case 'matching':
                foreach ($response['choices'] as $choice) {
                    if ($choice !== null) {
                        return true;
                    }
                }
                return false;
            case 'description':
                return false;
        }
        return true;
    }

    /**
     * Why a response cannot be checked yet (it would not count as a try): answer_required, not_a_number or
     * all_parts_required; null when it can.
     *
     * @param array $question
     * @param array|null $response
     * @return string|null
     */
    public static function incomplete_reason(array $question, ?array $response): ?string {
        if ($question['type'] === 'description') {
            return null;
        }
        if (!self::is_answered($question, $response)) {
            return 'answer_required';
        }
        if ($question['type'] === 'numerical' && self::parse_number($response['text']) === null) {
            return 'not_a_number';
        }
        if ($question['type'] === 'matching' && in_array(null, $response['choices'], true)) {
            return 'all_parts_required';
        }
        return null;
    }

    /**
     * A number as typed, after Moodle's qtype_numerical_answer_processor::apply_units() without units (spaces,
     * also no-break ones, removed; x10^ ×10^ *10** E as e; commas as thousands separators if there is a point or
     * more than one comma, else as the decimal point); null when the whole text is not a finite number.
     *
     * @param string $text
     * @return float|null
     */
    public static function parse_number(string $text): ?float {
        $s = str_replace([' ', "\u{00A0}", "\u{202F}"], '', trim($text));
        $s = preg_replace('~(?:e|E|(?:x|\*|×)10(?:\^|\*\*))([+-]?\d+)~', 'e$1', $s);
        if (strpos($s, '.') !== false || substr_count($s, ',') > 1) {
            $s = str_replace(',', '', $s);
        } else {
            $s = str_replace(',', '.', $s);
        }
        if (!preg_match('~^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$~', $s)) {
            return null;
        }
        $value = (float) $s;
        return is_finite($value) ? $value : null;
    }

    /**
     * Moodle's qtype_numerical_answer::within_tolerance() (nominal tolerance); an `any` answer takes everything.
     *
     * @param array $answer a numerical answer (kind exact, range or any)
     * @param float|null $value
     * @return bool
     */
    public static function within_tolerance(array $answer, ?float $value): bool {
        if ($answer['kind'] === 'any') {
            return true;
        }
        if ($value === null) {
            return false;
        }
        if ($answer['kind'] === 'exact') {
            $middle = (float) $answer['value'];
            $tolerance = (float) $answer['tolerance'];
        } else {
            // As Moodle's GIFT import stores a range min..max.
            $tolerance = $answer['max'] - ($answer['max'] + $answer['min']) / 2;
            $middle = $answer['max'] - $tolerance;
        }
        $margin = $tolerance + 1e-14 * max(1, abs($middle));
        return $middle - $margin <= $value && $value <= $middle + $margin;
    }

    /**
     * Moodle's qtype_shortanswer_question::compare_string_with_wildcard().
     *
     * @param string $response
     * @param string $pattern
     * @param bool $casesensitive
     * @return bool
     */
    public static function matches_wildcard(string $response, string $pattern, bool $casesensitive): bool {
        $bits = preg_split('/(?<!\\\\)\*+/', self::nfc($pattern));
        $escaped = [];
        foreach ($bits as $bit) {
            $escaped[] = preg_quote(str_replace('\*', '*', $bit), '|');
        }
        $regexp = '|^' . implode('.*', $escaped) . '$|u' . ($casesensitive ? '' : 'i');
        return preg_match($regexp, trim(self::nfc($response))) === 1;
    }

    /**
     * NFC, or the text unchanged when it cannot be normalised (as Moodle's safe_normalize).
     *
     * @param string $text
     * @return string
     */
    private static function nfc(string $text): string {
        if ($text === '') {
            return '';
        }
        $normalised = \Normalizer::normalize($text, \Normalizer::FORM_C);
        return is_string($normalised) ? $normalised : $text;
    }

    /**
     * Grades a response (checked by response::parse() for this question, or null for none).
     *
     * @param array $question
     * @param array|null $response
     * @return array ['fraction' => float|null, 'state' => string, 'feedback' => string[], ('parts' => array)]
     */
    public static function grade(array $question, ?array $response): array {
        if ($question['type'] === 'description') {
            return ['fraction' => null, 'state' => 'noMark', 'feedback' => []];
        }
        if (!self::is_answered($question, $response)) {
            return ['fraction' => 0.0, 'state' => 'unanswered', 'feedback' => []];
        }
        switch ($question['type']) {
            case 'single':
                $answer = $question['answers'][$response['choice']] ?? null;
                return self::result($question, ($answer['fraction'] ?? 0) / 100, [$answer['feedback'] ?? null]);
            case 'multiple':
                $sum = 0;
                $feedback = [];
                $right = 0;
                $total = 0;
                foreach ($question['answers'] as $i => $answer) {
                    if ($answer['fraction'] > 0) {
                        $total++;
                    }
                    if (!in_array($i, $response['choices'], true)) {
                        continue;
                    }
                    $sum += $answer['fraction'];
                    $feedback[] = $answer['feedback'] ?? null;
                    if ($answer['fraction'] > 0) {
                        $right++;
                    }
                }
                return self::result($question, min(max(0, $sum), 100) / 100, $feedback,
                    ['right' => $right, 'total' => $total]);
            case 'truefalse':
                $value = $response['value'];
                return self::result($question, $value === $question['correct'] ? 1 : 0,
                    [$value ? ($question['feedbackTrue'] ?? null) : ($question['feedbackFalse'] ?? null)]);
            case 'shortanswer':
                $answer = null;
                foreach ($question['answers'] as $candidate) {
                    if (self::matches_wildcard($response['text'], $candidate['text'], $question['caseSensitive'])) {
                        $answer = $candidate;
                        break;
                    }
                }
                return self::result($question, ($answer['fraction'] ?? 0) / 100, [$answer['feedback'] ?? null]);
            case 'numerical':
                $value = self::parse_number($response['text']);
                $answer = null;
                foreach ($question['answers'] as $candidate) {
                    if (self::within_tolerance($candidate, $value)) {
                        $answer = $candidate;
                        break;
                    }
                }
                return self::result($question, ($answer['fraction'] ?? 0) / 100, [$answer['feedback'] ?? null]);
            case 'matching':
                $choices = response::matching_choices($question);
                $stems = response::matching_stems($question);
                $right = 0;
                foreach ($stems as $i => $stem) {
                    $chosen = $response['choices'][$i] ?? null;
                    if ($chosen !== null && ($choices[$chosen] ?? null) === $stem['right']) {
                        $right++;
                    }
                }
                $total = count($stems);
                return self::result($question, $total === 0 ? 0 : $right / $total, [],
                    ['right' => $right, 'total' => $total]);
            case 'ordering':
                return self::result($question,
                    self::grade_ordering($question['grading'], count($question['items']), $response['order']), []);
            case 'essay':
                return ['fraction' => null, 'state' => 'needsGrading', 'feedback' => []];
        }
        throw new \InvalidArgumentException('unknown question type ' . $question['type']);
    }

    /**
     * The result for a fraction: its state, the feedback (own, then combined), the parts.
     *
     * @param array $question
     * @param int|float $fraction
     * @param array $own the chosen answers' feedback (null or '' for none)
     * @param array|null $parts
     * @return array
     */
    private static function result(array $question, $fraction, array $own, ?array $parts = null): array {
        $fraction = (float) $fraction;
        $state = self::state_for_fraction($fraction);
        $combined = null;
        if (in_array($question['type'], ['single', 'multiple', 'matching', 'ordering'], true)) {
            $keys = ['right' => 'correctFeedback', 'partial' => 'partiallyCorrectFeedback', 'wrong' => 'incorrectFeedback'];
            $combined = $question[$keys[$state]] ?? null;
        }
        $feedback = [];
        foreach (array_merge($own, [$combined]) as $text) {
            if ($text !== null && $text !== '') {
                $feedback[] = $text;
            }
        }
        $result = ['fraction' => $fraction, 'state' => $state, 'feedback' => $feedback];
        if ($parts !== null) {
            $result['parts'] = $parts;
        }
        return $result;
    }

    /**
     * qtype_ordering's grade_response() for `count` items whose right order is 0, 1, … and the trainee's order.
     * Items are numbered from 1 inside, 0 being Moodle's "no item".
     *
     * @param string $grading one of the model's ORDERING_GRADINGS
     * @param int $count
     * @param int[] $order
     * @return float
     */
    public static function grade_ordering(string $grading, int $count, array $order): float {
        $correct = range(1, $count);
        $current = array_map(fn(int $i): int => $i + 1, $order);
        $right = 0;
        $total = 0;
        switch ($grading) {
            case 'allOrNothing':
            case 'absolutePosition':
                foreach ($correct as $position => $id) {
                    if (($current[$position] ?? null) === $id) {
                        $right++;
                    }
                    $total++;
                }
                if ($grading === 'allOrNothing' && $right < $total) {
                    $right = 0;
                }
                break;
            case 'relativeNextExcludeLast':
            case 'relativeNextIncludeLast':
                $last = $grading === 'relativeNextIncludeLast';
                $currentnext = self::next_ids($current, $last);
                foreach (self::next_ids($correct, $last) as $id => $next) {
                    if (array_key_exists($id, $currentnext) && $currentnext[$id] === $next) {
                        $right++;
                    }
                    $total++;
                }
                break;
            case 'relativeOnePreviousAndNext':
            case 'relativeAllPreviousAndNext':
                $all = $grading === 'relativeAllPreviousAndNext';
                $currentaround = self::previous_and_next_ids($current, $all);
                foreach (self::previous_and_next_ids($correct, $all) as $id => $around) {
                    if (isset($currentaround[$id])) {
                        $right += count(array_intersect($currentaround[$id]['prev'], $around['prev']));
                        $right += count(array_intersect($currentaround[$id]['next'], $around['next']));
                    }
                    $total += count($around['prev']) + count($around['next']);
                }
                break;
            case 'longestOrderedSubset':
            case 'longestContiguousSubset':
                $right = self::ordered_subset_length($correct, $current, $grading === 'longestContiguousSubset');
                $total = count($current);
                break;
            case 'relativeToCorrect':
                $max = count($correct) - 1;
                foreach ($correct as $position => $id) {
                    $at = array_search($id, $current, true);
                    if ($at !== false) {
                        $score = $max - abs($position - $at);
                        if ($score > 0) {
                            $right += $score;
                        }
                    }
                    $total += $max;
                }
                break;
        }
        return $total === 0 ? 0.0 : $right / $total;
    }

    /**
     * qtype_ordering's get_next_answerids(): each id and the one after it (0 after the last, when included).
     *
     * @param int[] $ids
     * @param bool $lastitem
     * @return int[]
     */
    private static function next_ids(array $ids, bool $lastitem): array {
        $next = [];
        $end = $lastitem ? count($ids) : count($ids) - 1;
        for ($i = 0; $i < $end; $i++) {
            $next[$ids[$i]] = $ids[$i + 1] ?? 0;
        }
        return $next;
    }

    /**
     * qtype_ordering's get_previous_and_next_answerids().
     *
     * @param int[] $ids
     * @param bool $all
     * @return array id => ['prev' => int[], 'next' => int[]]
     */
    private static function previous_and_next_ids(array $ids, bool $all): array {
        $around = [];
        $next = $ids;
        $prev = [];
        while (count($next) > 0) {
            $id = array_shift($next);
            if ($all) {
                $around[$id] = ['prev' => $prev, 'next' => $next];
            } else {
                $around[$id] = ['prev' => [$prev[0] ?? 0], 'next' => [$next[0] ?? 0]];
            }
            array_unshift($prev, $id);
        }
        return $around;
    }

    /**
     * The length of the subset qtype_ordering's get_ordered_subset() finds, in polynomial time (Moodle's search takes
     * exponential time and memory on some orders): the longest increasing subsequence of the items' right positions
     * (contiguous: of positions k, k + 1, k + 2…); a subset of one counts 0.
     *
     * @param int[] $correct
     * @param int[] $current
     * @param bool $contiguous
     * @return int
     */
    public static function ordered_subset_length(array $correct, array $current, bool $contiguous): int {
        $positions = array_map(fn(int $id) => array_search($id, $correct, true), $current);
        $best = 0;
        if ($contiguous) {
            $run = [];
            foreach ($positions as $value) {
                $length = ($run[$value - 1] ?? 0) + 1;
                $run[$value] = $length;
                $best = max($best, $length);
            }
        } else {
            $tails = [];
            foreach ($positions as $value) {
                $lo = 0;
                $hi = count($tails);
                while ($lo < $hi) {
                    $mid = ($lo + $hi) >> 1;
                    if ($tails[$mid] < $value) {
                        $lo = $mid + 1;
                    } else {
                        $hi = $mid;
                    }
                }
                $tails[$lo] = $value;
            }
            $best = count($tails);
        }
        return $best > 1 ? $best : 0;
    }
}
