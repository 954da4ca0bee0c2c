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
 * The question model of quiz/src/model.ts, checked in PHP: what the activity keeps as its questions (JSON in the
 * instance record) is read back through here, so that a damaged record or a hand-edited backup gives a quiz without
 * those questions rather than errors on every page. The parsers (gift, moodlexml) give questions that pass.
 *
 * @package    mod_magquiz
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class model {
    /** @var string[] Question types. */
    public const TYPES = ['single', 'multiple', 'truefalse', 'shortanswer', 'numerical', 'matching', 'ordering', 'essay',
        'description'];
    /** @var string[] Text formats. */
    public const FORMATS = ['moodle', 'html', 'markdown', 'plain'];
    /** @var string[] qtype_ordering's grading types. */
    public const ORDERING_GRADINGS = ['allOrNothing', 'absolutePosition', 'relativeNextExcludeLast',
        'relativeNextIncludeLast', 'relativeOnePreviousAndNext', 'relativeAllPreviousAndNext', 'longestOrderedSubset',
        'longestContiguousSubset', 'relativeToCorrect'];

    /**
     * Whether a value is a finite number.
     *
     * @param mixed $value
     * @return bool
     */
    private static function number($value): bool {
        return (is_int($value) || is_float($value)) && is_finite((float) $value);
    }

    /**
     * Whether an optional key holds a value of the right kind.
     *
     * @param array $item
     * @param string $key
     * @param callable $check
     * @return bool
     */
    private static function optional(array $item, string $key, callable $check): bool {
        return !array_key_exists($key, $item) || $check($item[$key]);
    }

    /**
     * Whether a value is a list whose every element passes a check.
     *
     * @param mixed $value
     * @param callable $check
     * @return bool
     */
    private static function list_of($value, callable $check): bool {
        if (!is_array($value) || !array_is_list($value)) {
            return false;
        }
        foreach ($value as $item) {
            if (!$check($item)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Why a question does not fit the model, or null when it does.
     *
     * @param mixed $q
     * @return string|null
     */
    public static function problem($q): ?string {
        $string = 'is_string';
        $fraction = fn($v): bool => self::number($v) && $v >= -100 && $v <= 100;
        if (!is_array($q) || !in_array($q['type'] ?? null, self::TYPES, true)) {
            return 'unknown question type';
        }
        if (!is_string($q['text'] ?? null) || !in_array($q['textFormat'] ?? null, self::FORMATS, true)) {
            return 'text and textFormat';
        }
        foreach (['id', 'name', 'category', 'textAfter', 'generalFeedback'] as $key) {
            if (!self::optional($q, $key, $string)) {
                return $key;
            }
        }
        if (!self::optional($q, 'tags', fn($v): bool => self::list_of($v, $string))
                || !self::optional($q, 'defaultMark', fn($v): bool => self::number($v) && $v >= 0)
                || !self::optional($q, 'penalty', fn($v): bool => self::number($v) && $v >= 0 && $v <= 100)
                || !self::optional($q, 'hints', fn($v): bool => self::list_of($v, fn($h): bool => is_array($h)
                    && is_string($h['text'] ?? null) && self::optional($h, 'showNumCorrect', 'is_bool')
                    && self::optional($h, 'clearWrong', 'is_bool')))) {
            return 'common fields';
        }
        foreach (['correctFeedback', 'partiallyCorrectFeedback', 'incorrectFeedback'] as $key) {
            if (!self::optional($q, $key, $string)) {
                return $key;
            }
        }
        if (!self::optional($q, 'shuffleAnswers', 'is_bool')) {
            return 'shuffleAnswers';
        }
        $choice = fn($a): bool => is_array($a) && is_string($a['text'] ?? null) && $fraction($a['fraction'] ?? null)
            && self::optional($a, 'feedback', 'is_string');
        switch ($q['type']) {
            case 'single':
            case 'multiple':
                return self::list_of($q['answers'] ?? null, $choice) ? null : 'answers';
            case 'truefalse':
                return is_bool($q['correct'] ?? null) && self::optional($q, 'feedbackTrue', $string)
                    && self::optional($q, 'feedbackFalse', $string) ? null : 'truefalse fields';
            case 'shortanswer':
                return self::list_of($q['answers'] ?? null, $choice) && is_bool($q['caseSensitive'] ?? null)
                    ? null : 'answers';
            case 'numerical':
                $numerical = function ($a) use ($fraction): bool {
                    if (!is_array($a) || !$fraction($a['fraction'] ?? null) || !self::optional($a, 'feedback', 'is_string')) {
                        return false;
                    }
                    switch ($a['kind'] ?? null) {
                        case 'exact':
                            return self::number($a['value'] ?? null) && self::number($a['tolerance'] ?? null)
                                && $a['tolerance'] >= 0;
                        case 'range':
                            return self::number($a['min'] ?? null) && self::number($a['max'] ?? null);
                        case 'any':
                            return true;
                    }
                    return false;
                };
                return self::list_of($q['answers'] ?? null, $numerical) ? null : 'answers';
            case 'matching':
                return self::list_of($q['pairs'] ?? null, fn($p): bool => is_array($p) && is_string($p['left'] ?? null)
                    && is_string($p['right'] ?? null)) ? null : 'pairs';
            case 'ordering':
                return self::list_of($q['items'] ?? null, $string) && count($q['items']) >= 2
                    && in_array($q['grading'] ?? null, self::ORDERING_GRADINGS, true) ? null : 'items';
            case 'essay':
                return self::optional($q, 'graderInfo', $string) ? null : 'graderInfo';
        }
        return null;
    }

    /**
     * The slots of a quiz from their stored JSON: `[{question, mark?}, …]`. Null when the JSON is not a list of
     * slots that fit the model (the quiz then has no questions).
     *
     * @param string|null $json
     * @return array[]|null
     */
    public static function slots_from_json(?string $json): ?array {
        if ($json === null || $json === '') {
            return [];
        }
        $slots = json_decode($json, true);
        if (!is_array($slots) || !array_is_list($slots)) {
            return null;
        }
        foreach ($slots as $slot) {
            if (!is_array($slot) || self::problem($slot['question'] ?? null) !== null
                    || !self::optional($slot, 'mark', fn($v): bool => self::number($v) && $v >= 0)) {
                return null;
            }
        }
        return $slots;
    }

    /**
     * Slots as stored JSON.
     *
     * @param array[] $slots
     * @return string
     */
    public static function slots_to_json(array $slots): string {
        return json_encode(array_values($slots), JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES
            | JSON_PRESERVE_ZERO_FRACTION | JSON_THROW_ON_ERROR);
    }
}
