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
 * GIFT import, following Moodle's qformat_gift: PHP port of parseGift() in quiz/src/gift.ts (whose header and
 * quiz/README.md state the rules); both pass test/vectors/quiz-gift-import.json.
 *
 * Questions are separated by blank lines; lines starting with `//` are comments, and `[id:…]` / `[tag:…]` in a
 * question's comment lines give its id and tags. A block starting with `$CATEGORY:` sets the category of the
 * questions after it. A malformed question gives one error (1-based line and column, in code points, of the
 * offending character) and is skipped; the others are still imported.
 *
 * The result is the question model of quiz/src/model.ts as arrays (fractions in percent, texts unescaped). White
 * space is JavaScript's (`\s`, `trim()`: no-break spaces included), so that both sides cut texts alike.
 *
 * @package    mod_magquiz
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class gift {
    /** @var string[] Characters a backslash escapes. */
    private const ESCAPABLE = ['~', '=', '#', '{', '}', ':', '\\'];
    /** @var string[] Text formats, in the order they are looked for. */
    private const FORMATS = ['html', 'markdown', 'plain', 'moodle'];
    /** @var string JavaScript's white space (`\s`). */
    private const SPACE = '\x{0009}-\x{000D}\x{0020}\x{00A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}'
        . '\x{205F}\x{3000}\x{FEFF}';
    /** @var string A number as GIFT writes it. */
    private const NUMBER = '/^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/D';

    /**
     * Parses GIFT text.
     *
     * @param string $source
     * @return array ['questions' => array[], 'errors' => array[]] with errors as ['line', 'column', 'message']
     */
    public static function parse(string $source): array {
        $questions = [];
        $errors = [];
        // Bytes that are not UTF-8 become U+FFFD, as a browser or Node reads them (importer::decode() reads legacy
        // encodings before this).
        $source = mb_scrub($source, 'UTF-8');
        if (strncmp($source, "\u{FEFF}", 3) === 0) {
            $source = substr($source, 3);
        }
        $lines = preg_split('/\r\n|\r|\n/', $source);
        $category = null;
        $content = [];
        $comments = [];

        $flush = function () use (&$content, &$comments, &$category, &$questions, &$errors): void {
            if (count($content) > 0) {
                $seg = self::trim(self::to_seg($content));
                if (self::starts_with($seg, '$CATEGORY:')) {
                    $path = self::js_trim(self::str(array_slice($seg, strlen('$CATEGORY:'))));
                    $category = $path === '' ? null : $path;
                } else {
                    try {
                        $questions[] = self::parse_question($seg, $comments, $category);
                    } catch (gift_syntax_error $e) {
                        $at = $e->at ?? ($seg[0] ?? null);
                        $errors[] = ['line' => $at['line'] ?? 1, 'column' => $at['column'] ?? 1, 'message' => $e->getMessage()];
                    }
                }
            }
            $content = [];
            $comments = [];
        };

        foreach ($lines as $index => $text) {
            $trimmed = self::js_trim($text);
            if ($trimmed === '') {
                $flush();
            } else if (strncmp($trimmed, '//', 2) === 0) {
                $comments[] = substr($trimmed, 2);
            } else {
                $content[] = ['text' => $text, 'line' => $index + 1];
            }
        }
        $flush();
        return ['questions' => $questions, 'errors' => $errors];
    }

    /**
     * JavaScript's String.prototype.trim().
     *
     * @param string $text
     * @return string
     */
    public static function js_trim(string $text): string {
        $trimmed = preg_replace('/^[' . self::SPACE . ']+|[' . self::SPACE . ']+$/uD', '', $text);
        return $trimmed ?? trim($text);
    }

    /**
     * Whether one character is JavaScript white space.
     *
     * @param string $c
     * @return bool
     */
    private static function is_space(string $c): bool {
        return preg_match('/^[' . self::SPACE . ']$/uD', $c) === 1;
    }

    /**
     * The lines of a block as characters, escapes resolved (`\n` is a line break).
     *
     * @param array[] $lines ['text', 'line']
     * @return array[] characters ['c', 'esc', 'line', 'column']
     */
    private static function to_seg(array $lines): array {
        $seg = [];
        foreach ($lines as $n => $item) {
            $line = $item['line'];
            if ($n > 0) {
                $seg[] = ['c' => "\n", 'esc' => false, 'line' => $line, 'column' => 0];
            }
            $chars = preg_split('//u', $item['text'], -1, PREG_SPLIT_NO_EMPTY);
            $column = 1;
            $count = count($chars);
            for ($i = 0; $i < $count; $i++) {
                $c = $chars[$i];
                $next = $chars[$i + 1] ?? null;
                if ($c === '\\' && $next !== null && (in_array($next, self::ESCAPABLE, true) || $next === 'n')) {
                    $seg[] = ['c' => $next === 'n' ? "\n" : $next, 'esc' => true, 'line' => $line, 'column' => $column];
                    $i++;
                    $column += 2;
                } else {
                    $seg[] = ['c' => $c, 'esc' => false, 'line' => $line, 'column' => $column];
                    $column++;
                }
            }
        }
        return $seg;
    }

    /**
     * The text of a segment.
     *
     * @param array[] $seg
     * @return string
     */
    private static function str(array $seg): string {
        return implode('', array_column($seg, 'c'));
    }

    /**
     * A segment without its unescaped white space at both ends.
     *
     * @param array[] $seg
     * @return array[]
     */
    private static function trim(array $seg): array {
        $start = 0;
        $end = count($seg);
        while ($start < $end && !$seg[$start]['esc'] && self::is_space($seg[$start]['c'])) {
            $start++;
        }
        while ($end > $start && !$seg[$end - 1]['esc'] && self::is_space($seg[$end - 1]['c'])) {
            $end--;
        }
        return array_slice($seg, $start, $end - $start);
    }

    /**
     * Where the unescaped string `$needle` starts in `$seg`, from `$from`; -1 if nowhere.
     *
     * @param array[] $seg
     * @param string $needle ASCII
     * @param int $from
     * @return int
     */
    private static function find(array $seg, string $needle, int $from = 0): int {
        $length = strlen($needle);
        $count = count($seg);
        for ($i = max(0, $from); $i + $length <= $count; $i++) {
            for ($j = 0; $j < $length; $j++) {
                $ch = $seg[$i + $j];
                if ($ch['esc'] || $ch['c'] !== $needle[$j]) {
                    continue 2;
                }
            }
            return $i;
        }
        return -1;
    }

    /**
     * Whether a segment starts with the unescaped string `$needle`.
     *
     * @param array[] $seg
     * @param string $needle
     * @return bool
     */
    private static function starts_with(array $seg, string $needle): bool {
        return self::find(array_slice($seg, 0, strlen($needle)), $needle) === 0;
    }

    /**
     * A segment cut at the first unescaped `$sep`: [before, after], or [seg, null].
     *
     * @param array[] $seg
     * @param string $sep
     * @return array
     */
    private static function cut(array $seg, string $sep): array {
        $i = self::find($seg, $sep);
        return $i < 0 ? [$seg, null] : [array_slice($seg, 0, $i), array_slice($seg, $i + strlen($sep))];
    }

    /**
     * The trimmed text of a segment, or null when there is none.
     *
     * @param array[]|null $seg
     * @return string|null
     */
    private static function optional_text(?array $seg): ?string {
        if ($seg === null) {
            return null;
        }
        $text = self::str(self::trim($seg));
        return $text === '' ? null : $text;
    }

    /**
     * The id and tags of a question from its comment lines.
     *
     * @param string[] $comments
     * @return array
     */
    private static function parse_meta(array $comments): array {
        $meta = [];
        foreach ($comments as $comment) {
            preg_match_all('/\[(id|tag):([^\]]*)\]/u', $comment, $matches, PREG_SET_ORDER);
            foreach ($matches as $m) {
                $value = self::js_trim($m[2]);
                if ($value === '') {
                    continue;
                }
                if ($m[1] === 'id') {
                    $meta['id'] = $value;
                } else {
                    $meta['tags'][] = $value;
                }
            }
        }
        return $meta;
    }

    /**
     * One question from its block.
     *
     * @param array[] $block
     * @param string[] $comments
     * @param string|null $category
     * @return array
     */
    private static function parse_question(array $block, array $comments, ?string $category): array {
        $rest = $block;
        $name = null;
        if (self::starts_with($rest, '::')) {
            $end = self::find($rest, '::', 2);
            if ($end < 0) {
                throw new gift_syntax_error($rest[0], 'question name not closed with ::');
            }
            $name = self::optional_text(array_slice($rest, 2, $end - 2));
            $rest = self::trim(array_slice($rest, $end + 2));
        }
        $format = 'moodle';
        foreach (self::FORMATS as $candidate) {
            if (self::starts_with($rest, "[{$candidate}]")) {
                $format = $candidate;
                $rest = self::trim(array_slice($rest, strlen($candidate) + 2));
                break;
            }
        }

        $open = self::find($rest, '{');
        $close = self::find($rest, '}');
        $text = $rest;
        $after = [];
        $body = ['type' => 'description'];
        $general = null;
        if ($open < 0) {
            if ($close >= 0) {
                throw new gift_syntax_error($rest[$close], 'unexpected }');
            }
        } else {
            if ($close < 0 || $close < $open) {
                throw new gift_syntax_error($rest[$open], 'answer block not closed with }');
            }
            $inner = self::find($rest, '{', $open + 1);
            if ($inner >= 0 && $inner < $close) {
                throw new gift_syntax_error($rest[$inner], 'unexpected { inside an answer block');
            }
            $again = max(self::find($rest, '{', $close + 1), self::find($rest, '}', $close + 1));
            if ($again >= 0) {
                throw new gift_syntax_error($rest[$again], 'only one answer block per question');
            }
            $text = self::trim(array_slice($rest, 0, $open));
            $after = self::trim(array_slice($rest, $close + 1));
            [$answers, $feedback] = self::cut(array_slice($rest, $open + 1, $close - $open - 1), '####');
            $general = self::optional_text($feedback);
            $body = self::parse_answers(self::trim($answers), $rest[$open]);
            if (count($after) > 0 && ($body['type'] === 'essay' || $body['type'] === 'matching')) {
                throw new gift_syntax_error($after[0], 'text after the answer block of '
                    . ($body['type'] === 'essay' ? 'an essay' : 'a matching') . ' question');
            }
        }
        if (count($text) === 0 && count($after) === 0) {
            throw new gift_syntax_error($block[0] ?? null, 'question without text');
        }

        $meta = self::parse_meta($comments);
        $question = ['type' => $body['type']];
        if (isset($meta['id'])) {
            $question['id'] = $meta['id'];
        }
        if ($name !== null) {
            $question['name'] = $name;
        }
        if ($category !== null) {
            $question['category'] = $category;
        }
        $question['text'] = self::str($text);
        if (count($after) > 0) {
            $question['textAfter'] = self::str($after);
        }
        $question['textFormat'] = $format;
        if ($general !== null) {
            $question['generalFeedback'] = $general;
        }
        if (isset($meta['tags'])) {
            $question['tags'] = $meta['tags'];
        }
        unset($body['type']);
        return $question + $body;
    }

    /**
     * The answers between the braces (general feedback removed, trimmed); `$brace` locates errors.
     *
     * @param array[] $seg
     * @param array|null $brace
     * @return array the type and its fields
     */
    private static function parse_answers(array $seg, ?array $brace): array {
        if (count($seg) === 0) {
            return ['type' => 'essay'];
        }
        if (self::starts_with($seg, '#')) {
            return ['type' => 'numerical', 'answers' => self::parse_numerical(self::trim(array_slice($seg, 1)), $brace)];
        }
        [$head, $feedback] = self::cut($seg, '#');
        $word = self::str(self::trim($head));
        if (in_array($word, ['T', 'TRUE', 'F', 'FALSE'], true)) {
            $correct = $word[0] === 'T';
            [$wrong, $right] = $feedback === null ? [null, null] : self::cut($feedback, '#');
            $ontrue = self::optional_text($correct ? $right : $wrong);
            $onfalse = self::optional_text($correct ? $wrong : $right);
            $body = ['type' => 'truefalse', 'correct' => $correct];
            if ($ontrue !== null) {
                $body['feedbackTrue'] = $ontrue;
            }
            if ($onfalse !== null) {
                $body['feedbackFalse'] = $onfalse;
            }
            return $body;
        }
        $items = self::split_items($seg, ['=', '~']);
        if (self::find($seg, '~') >= 0) {
            $answers = array_map(fn(array $item): array => self::choice($item, $item['marker'] === '=' ? 100 : 0), $items);
            $best = max(array_column($answers, 'fraction'));
            if ($best <= 0) {
                throw new gift_syntax_error($brace, 'no answer gives credit');
            }
            // As Moodle: an answer marked = makes it single choice; with ~ answers only, several may be chosen.
            $single = count(array_filter($items, fn(array $item): bool => $item['marker'] === '=')) > 0;
            return ['type' => $single ? 'single' : 'multiple', 'answers' => $answers];
        }
        if (self::find($seg, '->') >= 0) {
            $pairs = [];
            foreach ($items as $item) {
                $body = $item['body'];
                [$left, $right] = self::cut($body, '->');
                if ($right === null) {
                    throw new gift_syntax_error($body[0] ?? $brace, 'matching pair without ->');
                }
                $hash = self::find($body, '#');
                if ($hash >= 0) {
                    throw new gift_syntax_error($body[$hash], 'feedback is not allowed in a matching question');
                }
                $r = self::str(self::trim($right));
                if ($r === '') {
                    throw new gift_syntax_error($right[0] ?? ($body[0] ?? null), 'matching pair without a right-hand side');
                }
                $pairs[] = ['left' => self::str(self::trim($left)), 'right' => $r];
            }
            if (count(array_filter($pairs, fn(array $p): bool => $p['left'] !== '')) < 2) {
                throw new gift_syntax_error($brace, 'a matching question needs at least two pairs');
            }
            return ['type' => 'matching', 'pairs' => $pairs];
        }
        return ['type' => 'shortanswer', 'answers' => array_map(fn(array $item): array => self::choice($item, 100), $items),
            'caseSensitive' => false];
    }

    /**
     * Answers, each starting with one of `$markers`; anything before the first one is an error.
     *
     * @param array[] $seg
     * @param string[] $markers
     * @return array[] ['marker', 'at', 'body']
     */
    private static function split_items(array $seg, array $markers): array {
        $items = [];
        $current = -1;
        foreach ($seg as $ch) {
            if (!$ch['esc'] && in_array($ch['c'], $markers, true)) {
                $items[] = ['marker' => $ch['c'], 'at' => $ch, 'body' => []];
                $current = count($items) - 1;
            } else if ($current >= 0) {
                $items[$current]['body'][] = $ch;
            } else if (!self::is_space($ch['c']) || $ch['esc']) {
                throw new gift_syntax_error($ch, 'answer not starting with ' . implode(' or ', $markers));
            }
        }
        return $items;
    }

    /**
     * An answer's weight `%n%` if it has one, then the rest.
     *
     * @param array $item
     * @param int|float $fallback
     * @return array [fraction, rest]
     */
    private static function weight(array $item, $fallback): array {
        $body = self::trim($item['body']);
        if (!preg_match('/^%(-?\d+(?:\.\d+)?)%/', self::str($body), $m)) {
            return [$fallback, $body];
        }
        $length = strlen($m[0]);
        foreach (array_slice($body, 0, $length) as $ch) {
            if ($ch['esc']) {
                return [$fallback, $body];
            }
        }
        $fraction = self::number_value($m[1]);
        if ($fraction < -100 || $fraction > 100) {
            throw new gift_syntax_error($body[0], 'weight out of -100..100');
        }
        return [$fraction, self::trim(array_slice($body, $length))];
    }

    /**
     * A number read as JavaScript's Number() reads a valid one: an integer when it is one.
     *
     * @param string $text
     * @return int|float
     */
    private static function number_value(string $text) {
        $value = (float) $text;
        return floor($value) === $value && abs($value) < 2 ** 53 ? (int) $value : $value;
    }

    /**
     * A choice answer.
     *
     * @param array $item
     * @param int $fallback the fraction without a weight
     * @return array
     */
    private static function choice(array $item, int $fallback): array {
        [$fraction, $rest] = self::weight($item, $fallback);
        [$answer, $feedback] = self::cut($rest, '#');
        $text = self::str(self::trim($answer));
        if ($text === '') {
            throw new gift_syntax_error($item['at'], 'empty answer');
        }
        $fb = self::optional_text($feedback);
        return $fb === null ? ['text' => $text, 'fraction' => $fraction]
            : ['text' => $text, 'fraction' => $fraction, 'feedback' => $fb];
    }

    /**
     * The answers of a numerical question.
     *
     * @param array[] $seg
     * @param array|null $brace
     * @return array[]
     */
    private static function parse_numerical(array $seg, ?array $brace): array {
        if (self::find($seg, '=') < 0) {
            if (count($seg) === 0) {
                throw new gift_syntax_error($brace, 'numerical question without an answer');
            }
            return [self::numerical_answer($seg, 100, $seg[0])];
        }
        $answers = [];
        foreach (self::split_items($seg, ['=']) as $item) {
            [$fraction, $rest] = self::weight($item, 100);
            $answers[] = self::numerical_answer($rest, $fraction, $item['at']);
        }
        return $answers;
    }

    /**
     * One numerical answer: `value`, `value:tolerance` or `min..max`, then its feedback.
     *
     * @param array[] $seg
     * @param int|float $fraction
     * @param array|null $at
     * @return array
     */
    private static function numerical_answer(array $seg, $fraction, ?array $at): array {
        [$value, $feedback] = self::cut($seg, '#');
        $fb = self::optional_text($feedback);
        $raw = self::str(self::trim($value));
        $number = function (string $s) use ($at) {
            $s = self::js_trim($s);
            if (!preg_match(self::NUMBER, $s) || !is_finite((float) $s)) {
                throw new gift_syntax_error($at, "not a number: \"{$s}\"");
            }
            return self::number_value($s);
        };
        $range = strpos($raw, '..');
        if ($range !== false) {
            $min = $number(substr($raw, 0, $range));
            $max = $number(substr($raw, $range + 2));
            if ($min > $max) {
                throw new gift_syntax_error($at, 'range minimum above its maximum');
            }
            $answer = ['kind' => 'range', 'min' => $min, 'max' => $max, 'fraction' => $fraction];
        } else {
            $colon = strpos($raw, ':');
            $tolerance = $colon !== false ? $number(substr($raw, $colon + 1)) : 0;
            if ($tolerance < 0) {
                throw new gift_syntax_error($at, 'negative tolerance');
            }
            $answer = ['kind' => 'exact', 'value' => $number($colon !== false ? substr($raw, 0, $colon) : $raw),
                'tolerance' => $tolerance, 'fraction' => $fraction];
        }
        return $fb === null ? $answer : $answer + ['feedback' => $fb];
    }
}

