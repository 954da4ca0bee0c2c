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
 * A trainee's response to one question, checked against hostile input. PHP port of quiz/src/response.ts; both pass
 * the responseCases of test/vectors/quiz-grading.json.
 *
 * Questions and responses are the decoded JSON of the question model (quiz/src/model.ts), as associative arrays.
 * Responses name the model's answers, pairs and items by their index:
 * - single: `['choice' => int]`; multiple: `['choices' => int[]]` (each once, returned sorted);
 * - truefalse: `['value' => bool]`; shortanswer, numerical, essay: `['text' => string]`;
 * - matching: `['choices' => (int|null)[]]`, one per stem (pairs with a left side), indices into
 *   {@see self::matching_choices()};
 * - ordering: `['order' => int[]]`, every item once;
 * - description: no response.
 * An integer may arrive as an integral float (JSON `1.0`). Unknown fields are dropped. Limits: arrays of 1,000
 * elements, texts in code points (shortanswer 1,000, numerical 100, essay 100,000), well-formed UTF-8.
 *
 * @package    mod_magquiz
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class response {
    /** @var int[] The longest texts accepted, in code points, by question type. */
    public const TEXT_LIMITS = ['shortanswer' => 1000, 'numerical' => 100, 'essay' => 100000];

    /** @var int The most elements a response array may have. */
    public const ARRAY_LIMIT = 1000;

    /**
     * The right-hand sides a matching question offers: each distinct text once, in the order of the pairs.
     *
     * @param array $question a matching question
     * @return string[]
     */
    public static function matching_choices(array $question): array {
        $choices = [];
        foreach ($question['pairs'] as $pair) {
            if (!in_array($pair['right'], $choices, true)) {
                $choices[] = $pair['right'];
            }
        }
        return $choices;
    }

    /**
     * The pairs of a matching question that are stems (not distractors).
     *
     * @param array $question a matching question
     * @return array[]
     */
    public static function matching_stems(array $question): array {
        return array_values(array_filter($question['pairs'], fn(array $pair): bool => $pair['left'] !== ''));
    }

    /**
     * Checks an input as a response to a question.
     *
     * @param array $question the question (model)
     * @param mixed $input the response as received (decoded JSON)
     * @return array ['ok' => true, 'response' => array] or ['ok' => false, 'code' => string, 'message' => string]
     */
    public static function parse(array $question, $input): array {
        $type = $question['type'];
        if ($type === 'description') {
            return self::fail('no_response_expected', 'a description takes no response');
        }
        if (is_array($input)) {
            foreach ($input as $value) {
                if (is_array($value) && count($value) > self::ARRAY_LIMIT) {
                    return self::fail('too_long', 'more than ' . self::ARRAY_LIMIT . ' elements');
                }
            }
        }
        $shape = self::shape($type, $input);
        if ($shape === null) {
            return self::fail('wrong_shape', 'the response does not have the shape of a ' . $type . ' response');
        }

        switch ($type) {
            case 'single':
                if ($shape['choice'] >= count($question['answers'])) {
                    return self::fail('out_of_range', 'no answer ' . $shape['choice']);
                }
                return ['ok' => true, 'response' => $shape];
            case 'multiple':
                foreach ($shape['choices'] as $choice) {
                    if ($choice >= count($question['answers'])) {
                        return self::fail('out_of_range', 'no answer ' . $choice);
                    }
                }
                if (count(array_unique($shape['choices'])) !== count($shape['choices'])) {
                    return self::fail('duplicate_choice', 'an answer is chosen twice');
                }
                sort($shape['choices']);
                return ['ok' => true, 'response' => $shape];
            case 'truefalse':
                return ['ok' => true, 'response' => $shape];
            case 'shortanswer':
            case 'numerical':
            case 'essay':
                $limit = self::TEXT_LIMITS[$type];
                $text = $shape['text'];
                if (strlen($text) > $limit && (strlen($text) > 4 * $limit || mb_strlen($text, 'UTF-8') > $limit)) {
                    return self::fail('too_long', 'longer than ' . $limit . ' characters');
                }
                if (!mb_check_encoding($text, 'UTF-8')) {
                    return self::fail('invalid_text', 'the text is not well-formed UTF-8');
                }
                return ['ok' => true, 'response' => $shape];
            case 'matching':
                $stems = count(self::matching_stems($question));
                $offered = count(self::matching_choices($question));
                if (count($shape['choices']) !== $stems) {
                    return self::fail('wrong_shape', 'expected ' . $stems . ' choices, one per stem');
                }
                foreach ($shape['choices'] as $choice) {
                    if ($choice !== null && $choice >= $offered) {
                        return self::fail('out_of_range', 'no choice ' . $choice);
                    }
                }
                return ['ok' => true, 'response' => $shape];
            case 'ordering':
                $n = count($question['items']);
                $order = $shape['order'];
                $valid = count($order) === $n && count(array_unique($order)) === $n;
                foreach ($order as $item) {
                    $valid = $valid && $item < $n;
                }
                if (!$valid) {
                    return self::fail('not_a_permutation', 'expected each of the ' . $n . ' items once');
                }
                return ['ok' => true, 'response' => $shape];
        }
        return self::fail('wrong_shape', 'unknown question type');
    }

    /**
     * The response's fields for a question type, if the input has their shape.
     *
     * @param string $type
     * @param mixed $input
     * @return array|null
     */
    private static function shape(string $type, $input): ?array {
        if (!is_array($input)) {
            return null;
        }
        switch ($type) {
            case 'single':
                $choice = self::index($input['choice'] ?? null);
                return $choice === null ? null : ['choice' => $choice];
            case 'multiple':
            case 'matching':
                $list = $input['choices'] ?? null;
                if (!is_array($list) || !array_is_list($list)) {
                    return null;
                }
                $choices = [];
                foreach ($list as $item) {
                    if ($item === null && $type === 'matching') {
                        $choices[] = null;
                        continue;
                    }
                    $index = self::index($item);
                    if ($index === null) {
                        return null;
                    }
                    $choices[] = $index;
                }
                return ['choices' => $choices];
            case 'truefalse':
                $value = $input['value'] ?? null;
                return is_bool($value) ? ['value' => $value] : null;
            case 'shortanswer':
            case 'numerical':
            case 'essay':
                $text = $input['text'] ?? null;
                return is_string($text) ? ['text' => $text] : null;
            case 'ordering':
                $list = $input['order'] ?? null;
                if (!is_array($list) || !array_is_list($list)) {
                    return null;
                }
                $order = [];
                foreach ($list as $item) {
                    $index = self::index($item);
                    if ($index === null) {
                        return null;
                    }
                    $order[] = $index;
                }
                return ['order' => $order];
        }
        return null;
    }

    /**
     * An index: an integer from 0 (an integral float is one too, as JSON says nothing else), else null.
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
     * A refusal.
     *
     * @param string $code
     * @param string $message
     * @return array
     */
    private static function fail(string $code, string $message): array {
        return ['ok' => false, 'code' => $code, 'message' => $message];
    }
}
