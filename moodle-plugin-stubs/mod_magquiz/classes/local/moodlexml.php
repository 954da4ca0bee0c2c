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
 * Moodle XML import, after Moodle's qformat_xml (and qtype_ordering's own XML): PHP port of parseMoodleXml() in
 * quiz/src/moodlexml.ts, whose header and quiz/README.md state the rules. The contract test
 * quiz/test/moodle-import.test.ts checks that both sides read the same files into the same questions.
 *
 * `<quiz>` holds `<question type="…">` elements; category pseudo-questions (`type="category"`) set the category of the
 * questions after them. Each `<question>` is read on its own (with libxml), so a malformed one gives one error at its
 * line and column and the questions around it are still imported; a document that is not well-formed elsewhere
 * gives one more error. The error messages of a malformed question are libxml's (the TypeScript side's are
 * fast-xml-parser's); the other messages are the same on both sides.
 *
 * Each element is first turned into the shape fast-xml-parser gives the TypeScript side (attributes as `@_name`,
 * children by name, `question`, `answer`, `subquestion`, `hint` and `tag` always as lists, an element with neither
 * attributes nor children as its trimmed text), so that the rules below read as the TypeScript ones. HTML entities
 * outside CDATA are read as fast-xml-parser reads them (`&nbsp;` is a no-break space, `&eacute;` stays
 * as written). A DOCTYPE is refused: a question
 * file never has one, and entity definitions are how XML attacks a server.
 *
 * @package    mod_magquiz
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class moodlexml {
    /** @var string[] Moodle's text formats → the model's. */
    private const FORMAT_IN = ['html' => 'html', 'moodle_auto_format' => 'moodle', 'plain_text' => 'plain',
        'markdown' => 'markdown'];
    /** @var string[] qtype_ordering's grading types → the model's. */
    private const GRADING_IN = [
        'ALL_OR_NOTHING' => 'allOrNothing',
        'ABS' => 'absolutePosition',
        'ABSOLUTE' => 'absolutePosition',
        'ABSOLUTE_POSITION' => 'absolutePosition',
        'REL' => 'relativeNextExcludeLast',
        'RELATIVE' => 'relativeNextExcludeLast',
        'RELATIVE_NEXT_EXCLUDE_LAST' => 'relativeNextExcludeLast',
        'RELATIVE_NEXT_INCLUDE_LAST' => 'relativeNextIncludeLast',
        'RELATIVE_ONE_PREVIOUS_AND_NEXT' => 'relativeOnePreviousAndNext',
        'RELATIVE_ALL_PREVIOUS_AND_NEXT' => 'relativeAllPreviousAndNext',
        'LONGEST_ORDERED_SUBSET' => 'longestOrderedSubset',
        'LONGEST_CONTIGUOUS_SUBSET' => 'longestContiguousSubset',
        'RELATIVE_TO_CORRECT' => 'relativeToCorrect',
    ];
    /** @var string[] Elements that are always lists. */
    private const LISTS = ['question', 'answer', 'subquestion', 'hint', 'tag'];
    /** @var string A number as Moodle writes it. */
    private const NUMBER = '/^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/D';
    /** @var float Moodle's default penalty, in percent. */
    private const DEFAULT_PENALTY = 33.33333;

    /**
     * Parses a Moodle XML file.
     *
     * @param string $input
     * @return array ['questions' => array[], 'errors' => array[]] with errors as ['line', 'column', 'message']
     */
    public static function parse(string $input): array {
        $source = mb_scrub($input, 'UTF-8');
        if (strncmp($source, "\u{FEFF}", 3) === 0) {
            $source = substr($source, 3);
        }
        $questions = [];
        $errors = [];
        $category = null;
        if (preg_match('/<!DOCTYPE|<!ENTITY/i', $source, $m, PREG_OFFSET_CAPTURE)) {
            return ['questions' => [], 'errors' => [self::locate($source, $m[0][1]) +
                ['message' => 'a DOCTYPE is not allowed in a Moodle XML file']]];
        }

        foreach (self::chunks($source) as [$start, $end]) {
            $chunk = substr($source, $start, $end - $start);
            $where = self::locate($source, $start);
            $loaded = self::load($chunk);
            if ($loaded['error'] !== null) {
                [$line, $column] = [$loaded['error']['line'], $loaded['error']['column']];
                $errors[] = [
                    'line' => $where['line'] + $line - 1,
                    'column' => $line === 1 ? $where['column'] + $column - 1 : $column,
                    'message' => $loaded['error']['message'],
                ];
                continue;
            }
            $node = $loaded['root']['question'][0] ?? null;
            try {
                if (!is_array($node)) {
                    throw new \InvalidArgumentException('empty question');
                }
                if (($node['@_type'] ?? null) === 'category') {
                    $path = self::str(self::get(self::child($node, 'category'), 'text'));
                    $category = $path === '' ? null : $path;
                } else {
                    $questions[] = self::from_xml($node, $category);
                }
            } catch (\InvalidArgumentException $e) {
                $errors[] = $where + ['message' => $e->getMessage()];
            }
        }

        $whole = self::load($source);
        if ($whole['error'] !== null) {
            if (count($errors) === 0) {
                $errors[] = $whole['error'];
            }
        } else if (array_keys($whole['root']) !== ['quiz']) {
            array_unshift($errors, ['line' => 1, 'column' => 1,
                'message' => 'not a Moodle XML file: the root element must be <quiz>']);
        }
        usort($errors, fn(array $a, array $b): int => [$a['line'], $a['column']] <=> [$b['line'], $b['column']]);
        return ['questions' => $questions, 'errors' => $errors];
    }

    /**
     * Where each `<question>` starts and ends in the source (byte offsets), skipping comments and CDATA sections.
     *
     * @param string $source
     * @return int[][] [start, end] pairs
     */
    private static function chunks(string $source): array {
        $chunks = [];
        $open = null;
        preg_match_all('/<!--[\s\S]*?(?:-->|\z)|<!\[CDATA\[[\s\S]*?(?:\]\]>|\z)|<(\/?)question\b[^>]*?(\/?)>/',
            $source, $matches, PREG_SET_ORDER | PREG_OFFSET_CAPTURE);
        foreach ($matches as $m) {
            [$text, $at] = $m[0];
            if (strncmp($text, '<!', 2) === 0) {
                continue;
            }
            if (($m[1][0] ?? '') === '/') {
                if ($open !== null) {
                    $chunks[] = [$open, $at + strlen($text)];
                }
                $open = null;
            } else if (($m[2][0] ?? '') === '/') {
                if ($open !== null) {
                    $chunks[] = [$open, $at];
                }
                $chunks[] = [$at, $at + strlen($text)];
                $open = null;
            } else {
                // A question never closed runs to the next one.
                if ($open !== null) {
                    $chunks[] = [$open, $at];
                }
                $open = $at;
            }
        }
        if ($open !== null) {
            $chunks[] = [$open, strlen($source)];
        }
        return $chunks;
    }

    /**
     * The line and column (1-based, in characters) of a byte offset.
     *
     * @param string $source
     * @param int $offset
     * @return int[] ['line' => int, 'column' => int]
     */
    private static function locate(string $source, int $offset): array {
        $before = substr($source, 0, $offset);
        $linestart = strrpos($before, "\n");
        $linestart = $linestart === false ? 0 : $linestart + 1;
        return ['line' => substr_count($before, "\n") + 1,
            'column' => mb_strlen(substr($before, $linestart), 'UTF-8') + 1];
    }

    /** @var string[] The HTML entities fast-xml-parser reads (its `htmlEntities`: common HTML and currencies). */
    private const HTML_ENTITIES = [
        'nbsp' => "\u{00A0}", 'copy' => "\u{00A9}", 'reg' => "\u{00AE}", 'trade' => "\u{2122}", 'mdash' => "\u{2014}",
        'ndash' => "\u{2013}", 'hellip' => "\u{2026}", 'laquo' => "\u{00AB}", 'raquo' => "\u{00BB}",
        'lsquo' => "\u{2018}", 'rsquo' => "\u{2019}", 'ldquo' => "\u{201C}", 'rdquo' => "\u{201D}", 'bull' => "\u{2022}",
        'para' => "\u{00B6}", 'sect' => "\u{00A7}", 'deg' => "\u{00B0}", 'frac12' => "\u{00BD}", 'frac14' => "\u{00BC}",
        'frac34' => "\u{00BE}", 'cent' => "\u{00A2}", 'pound' => "\u{00A3}", 'curren' => "\u{00A4}", 'yen' => "\u{00A5}",
        'euro' => "\u{20AC}", 'dollar' => '$', 'fnof' => "\u{0192}", 'inr' => "\u{20B9}", 'af' => "\u{060B}",
        'birr' => "\u{1265}\u{122D}", 'peso' => "\u{20B1}", 'rub' => "\u{20BD}", 'won' => "\u{20A9}", 'yuan' => "\u{00A5}",
        'cedil' => "\u{00B8}",
    ];

    /**
     * Named entities outside CDATA and comments as fast-xml-parser reads them: those of HTML_ENTITIES as numeric
     * references, which XML reads; other names (`&eacute;`) kept as text; the five of XML as they are.
     *
     * @param string $xml
     * @return string
     */
    private static function html_entities(string $xml): string {
        $parts = preg_split('/(<!--[\s\S]*?(?:-->|\z)|<!\[CDATA\[[\s\S]*?(?:\]\]>|\z))/', $xml, -1, PREG_SPLIT_DELIM_CAPTURE);
        foreach ($parts as $i => $part) {
            if ($i % 2 === 1) {
                continue;
            }
            $parts[$i] = preg_replace_callback('/&([A-Za-z][A-Za-z0-9]*);/', function (array $m): string {
                if (in_array($m[1], ['amp', 'lt', 'gt', 'quot', 'apos'], true)) {
                    return $m[0];
                }
                if (!isset(self::HTML_ENTITIES[$m[1]])) {
                    return '&amp;' . $m[1] . ';';
                }
                $out = '';
                foreach (mb_str_split(self::HTML_ENTITIES[$m[1]], 1, 'UTF-8') as $char) {
                    $out .= '&#' . mb_ord($char, 'UTF-8') . ';';
                }
                return $out;
            }, $part);
        }
        return implode('', $parts);
    }

    /**
     * Reads XML with libxml, without the network or entity expansion.
     *
     * @param string $xml
     * @return array ['root' => array|null (the document as fast-xml-parser shapes it), 'error' => array|null]
     */
    private static function load(string $xml): array {
        $previous = libxml_use_internal_errors(true);
        libxml_clear_errors();
        $document = new \DOMDocument();
        $loaded = trim($xml) !== '' && $document->loadXML(self::html_entities($xml), LIBXML_NONET | LIBXML_NOCDATA);
        $errors = libxml_get_errors();
        libxml_clear_errors();
        libxml_use_internal_errors($previous);
        if (!$loaded || count($errors) > 0 || $document->documentElement === null) {
            $first = $errors[0] ?? null;
            return ['root' => null, 'error' => [
                'line' => max(1, (int) ($first->line ?? 1)),
                'column' => max(1, (int) ($first->column ?? 1)),
                'message' => $first ? trim($first->message) : 'Start tag expected.',
            ]];
        }
        $root = $document->documentElement;
        $value = self::convert($root);
        return ['root' => [$root->nodeName => in_array($root->nodeName, self::LISTS, true) ? [$value] : $value],
            'error' => null];
    }

    /**
     * An element as fast-xml-parser shapes it.
     *
     * @param \DOMElement $element
     * @return array|string
     */
    private static function convert(\DOMElement $element) {
        $node = [];
        foreach ($element->attributes as $attribute) {
            $node['@_' . $attribute->name] = $attribute->value;
        }
        $text = '';
        $children = false;
        $repeated = [];
        foreach ($element->childNodes as $child) {
            if ($child instanceof \DOMElement) {
                $children = true;
                $name = $child->nodeName;
                $value = self::convert($child);
                if (in_array($name, self::LISTS, true)) {
                    $node[$name][] = $value;
                } else if (!array_key_exists($name, $node)) {
                    $node[$name] = $value;
                } else {
                    if (!isset($repeated[$name])) {
                        $node[$name] = [$node[$name]];
                        $repeated[$name] = true;
                    }
                    $node[$name][] = $value;
                }
            } else if ($child->nodeType === XML_TEXT_NODE || $child->nodeType === XML_CDATA_SECTION_NODE) {
                $text .= trim($child->nodeValue);
            }
        }
        if (!$children && count($node) === 0) {
            return $text;
        }
        if ($text !== '') {
            $node['#text'] = $text;
        }
        return $node;
    }

    /**
     * A key of a node, or null when the node is not an element with that key.
     *
     * @param mixed $node
     * @param string $key
     * @return mixed
     */
    private static function get($node, string $key) {
        return is_array($node) && !array_is_list($node) && array_key_exists($key, $node) ? $node[$key] : null;
    }

    /**
     * The child element `$name` of a node (the first one when there are several).
     *
     * @param mixed $node
     * @param string $name
     * @return array|null
     */
    private static function child($node, string $name): ?array {
        $value = self::get($node, $name);
        if (is_array($value) && array_is_list($value)) {
            // The first of several; a text there is an element without a `text` of its own (as fast-xml-parser's).
            return is_array($value[0]) ? $value[0] : ['#string' => $value[0]];
        }
        if (is_array($value)) {
            return $value;
        }
        if (is_string($value)) {
            return ['text' => $value, '#text' => $value];
        }
        return null;
    }

    /**
     * The child elements `$name` of a node, when they are a list.
     *
     * @param mixed $node
     * @param string $name
     * @return array
     */
    private static function children($node, string $name): array {
        $value = self::get($node, $name);
        return is_array($value) && array_is_list($value) ? $value : [];
    }

    /**
     * The text of a `<text>`-like value: a string, or an element's own text.
     *
     * @param mixed $value
     * @return string
     */
    private static function str($value): string {
        if (is_string($value)) {
            return gift::js_trim($value);
        }
        if (is_array($value) && array_is_list($value)) {
            return count($value) > 0 ? self::str($value[0]) : '';
        }
        if (is_array($value)) {
            return self::str($value['#text'] ?? '');
        }
        return '';
    }

    /**
     * The `<text>` inside element `$name` of a node.
     *
     * @param mixed $node
     * @param string $name
     * @return string
     */
    private static function text_of($node, string $name): string {
        return self::str(self::get(self::child($node, $name), 'text'));
    }

    /**
     * The `<text>` inside element `$name`, or null when it is empty.
     *
     * @param mixed $node
     * @param string $name
     * @return string|null
     */
    private static function optional_text($node, string $name): ?string {
        $text = self::text_of($node, $name);
        return $text === '' ? null : $text;
    }

    /**
     * A number as JavaScript's Number() reads a valid one (an integer when it is one), or an error.
     *
     * @param string $value
     * @param string $what
     * @return int|float
     */
    private static function number_of(string $value, string $what) {
        if (!preg_match(self::NUMBER, $value) || !is_finite((float) $value)) {
            throw new \InvalidArgumentException("{$what} is not a number: \"{$value}\"");
        }
        $number = (float) $value;
        return floor($number) === $number && abs($number) < 2 ** 53 ? (int) $number : $number;
    }

    /**
     * Whether a flag element is there and not 0 or false (`<shownumcorrect/>`).
     *
     * @param array $node
     * @param string $name
     * @return bool
     */
    private static function flag(array $node, string $name): bool {
        if (!array_key_exists($name, $node)) {
            return false;
        }
        $text = strtolower(self::str($node[$name]));
        return $text !== '0' && $text !== 'false';
    }

    /**
     * A boolean element: true or 1; the fallback when absent.
     *
     * @param array $node
     * @param string $name
     * @param bool $fallback
     * @return bool
     */
    private static function bool_of(array $node, string $name, bool $fallback): bool {
        if (!array_key_exists($name, $node)) {
            return $fallback;
        }
        $text = strtolower(self::str($node[$name]));
        return $text === 'true' || $text === '1';
    }

    /**
     * An answer's fraction, in percent.
     *
     * @param mixed $answer
     * @return int|float
     */
    private static function fraction_of($answer) {
        $raw = gift::js_trim((string) (self::get($answer, '@_fraction') ?? '0'));
        $fraction = self::number_of($raw, 'answer fraction');
        if ($fraction < -100 || $fraction > 100) {
            throw new \InvalidArgumentException("answer fraction out of -100..100: {$raw}");
        }
        return $fraction;
    }

    /**
     * A choice answer.
     *
     * @param mixed $answer
     * @return array
     */
    private static function choice_answer($answer): array {
        $feedback = self::optional_text($answer, 'feedback');
        $choice = ['text' => self::str(self::get($answer, 'text')), 'fraction' => self::fraction_of($answer)];
        return $feedback === null ? $choice : $choice + ['feedback' => $feedback];
    }

    /**
     * The hints of a question.
     *
     * @param array $node
     * @return array[]
     */
    private static function hints_of(array $node): array {
        $hints = [];
        foreach (self::children($node, 'hint') as $hint) {
            $h = ['text' => self::str(self::get($hint, 'text'))];
            if (is_array($hint) && self::flag($hint, 'shownumcorrect')) {
                $h['showNumCorrect'] = true;
            }
            if (is_array($hint) && self::flag($hint, 'clearwrong')) {
                $h['clearWrong'] = true;
            }
            $hints[] = $h;
        }
        return $hints;
    }

    /**
     * Combined feedback.
     *
     * @param array $node
     * @return string[]
     */
    private static function combined_of(array $node): array {
        $out = [];
        foreach (['correctfeedback' => 'correctFeedback', 'partiallycorrectfeedback' => 'partiallyCorrectFeedback',
                'incorrectfeedback' => 'incorrectFeedback'] as $xml => $key) {
            $text = self::optional_text($node, $xml);
            if ($text !== null) {
                $out[$key] = $text;
            }
        }
        return $out;
    }

    /**
     * One question of the model from its element.
     *
     * @param array $node
     * @param string|null $category
     * @return array
     */
    private static function from_xml(array $node, ?string $category): array {
        $type = (string) ($node['@_type'] ?? '');
        $questiontext = self::child($node, 'questiontext');
        if ($questiontext === null) {
            throw new \InvalidArgumentException("question of type \"{$type}\" without <questiontext>");
        }
        $format = (string) ($questiontext['@_format'] ?? 'moodle_auto_format');
        $q = [];
        $idnumber = self::str($node['idnumber'] ?? null);
        if ($idnumber !== '') {
            $q['id'] = $idnumber;
        }
        $name = self::optional_text($node, 'name');
        if ($name !== null) {
            $q['name'] = $name;
        }
        if ($category !== null) {
            $q['category'] = $category;
        }
        $q['text'] = self::str($questiontext['text'] ?? null);
        $q['textFormat'] = self::FORMAT_IN[$format] ?? 'moodle';
        $general = self::optional_text($node, 'generalfeedback');
        if ($general !== null) {
            $q['generalFeedback'] = $general;
        }
        $tags = [];
        foreach (self::children(self::child($node, 'tags') ?? [], 'tag') as $tag) {
            $text = self::str(self::get($tag, 'text'));
            if ($text !== '') {
                $tags[] = $text;
            }
        }
        if (count($tags) > 0) {
            $q['tags'] = $tags;
        }
        // A description has no mark: its defaultgrade and penalty (0) are not kept.
        if (array_key_exists('defaultgrade', $node) && $type !== 'description') {
            $mark = self::number_of(self::str($node['defaultgrade']), 'defaultgrade');
            if ($mark < 0) {
                throw new \InvalidArgumentException('negative defaultgrade');
            }
            if ($mark != 1) {
                $q['defaultMark'] = $mark;
            }
        }
        if (array_key_exists('penalty', $node) && $type !== 'description') {
            $penalty = self::number_of(self::str($node['penalty']), 'penalty');
            if ($penalty < 0 || $penalty > 1) {
                throw new \InvalidArgumentException('penalty out of 0..1');
            }
            $percent = floor($penalty * 1e7 + 0.5) / 1e5;
            if ($percent !== self::DEFAULT_PENALTY) {
                $q['penalty'] = floor($percent) === $percent ? (int) $percent : $percent;
            }
        }
        $hints = self::hints_of($node);
        if (count($hints) > 0) {
            $q['hints'] = $hints;
        }
        $answers = self::children($node, 'answer');

        switch ($type) {
            case 'multichoice':
                $choices = array_map([self::class, 'choice_answer'], $answers);
                if (count($choices) === 0) {
                    throw new \InvalidArgumentException('multichoice question without answers');
                }
                if (max(array_column($choices, 'fraction')) <= 0) {
                    throw new \InvalidArgumentException('no answer gives credit');
                }
                $question = ['type' => self::bool_of($node, 'single', true) ? 'single' : 'multiple'] + $q
                    + ['answers' => $choices];
                if (!self::bool_of($node, 'shuffleanswers', true)) {
                    $question['shuffleAnswers'] = false;
                }
                return $question + self::combined_of($node);
            case 'truefalse':
                $find = function (string $word) use ($answers) {
                    foreach ($answers as $answer) {
                        if (strtolower(self::str(self::get($answer, 'text'))) === $word) {
                            return $answer;
                        }
                    }
                    return null;
                };
                $yes = $find('true');
                $no = $find('false');
                if ($yes === null || $no === null) {
                    throw new \InvalidArgumentException('truefalse question without its "true" and "false" answers');
                }
                $question = ['type' => 'truefalse'] + $q + ['correct' => self::fraction_of($yes) == 100];
                $feedbacktrue = self::optional_text($yes, 'feedback');
                $feedbackfalse = self::optional_text($no, 'feedback');
                if ($feedbacktrue !== null) {
                    $question['feedbackTrue'] = $feedbacktrue;
                }
                if ($feedbackfalse !== null) {
                    $question['feedbackFalse'] = $feedbackfalse;
                }
                return $question;
            case 'shortanswer':
                $choices = array_map([self::class, 'choice_answer'], $answers);
                if (count($choices) === 0) {
                    throw new \InvalidArgumentException('shortanswer question without answers');
                }
                return ['type' => 'shortanswer'] + $q + ['answers' => $choices,
                    'caseSensitive' => self::bool_of($node, 'usecase', false)];
            case 'numerical':
                if (count($answers) === 0) {
                    throw new \InvalidArgumentException('numerical question without answers');
                }
                $numerical = [];
                foreach ($answers as $answer) {
                    $fraction = self::fraction_of($answer);
                    $feedback = self::optional_text($answer, 'feedback');
                    $text = self::str(self::get($answer, 'text'));
                    if ($text === '*') {
                        $out = ['kind' => 'any', 'fraction' => $fraction];
                    } else {
                        $tolerance = self::str(self::get($answer, 'tolerance') ?? '0');
                        $tolerance = abs(self::number_of($tolerance === '' ? '0' : $tolerance, 'tolerance'));
                        $out = ['kind' => 'exact', 'value' => self::number_of($text, 'numerical answer'),
                            'tolerance' => $tolerance, 'fraction' => $fraction];
                    }
                    $numerical[] = $feedback === null ? $out : $out + ['feedback' => $feedback];
                }
                return ['type' => 'numerical'] + $q + ['answers' => $numerical];
            case 'match':
                $pairs = [];
                foreach (self::children($node, 'subquestion') as $sub) {
                    $pairs[] = ['left' => self::str(self::get($sub, 'text')), 'right' => self::text_of($sub, 'answer')];
                }
                foreach ($pairs as $pair) {
                    if ($pair['right'] === '') {
                        throw new \InvalidArgumentException('matching subquestion without an answer');
                    }
                }
                if (count(array_filter($pairs, fn(array $p): bool => $p['left'] !== '')) < 2) {
                    throw new \InvalidArgumentException('a matching question needs at least two pairs');
                }
                $question = ['type' => 'matching'] + $q + ['pairs' => $pairs];
                if (!self::bool_of($node, 'shuffleanswers', true)) {
                    $question['shuffleAnswers'] = false;
                }
                return $question + self::combined_of($node);
            case 'ordering':
                $items = array_map(fn($answer): string => self::str(self::get($answer, 'text')), $answers);
                if (count($items) < 2) {
                    throw new \InvalidArgumentException('an ordering question needs at least two items');
                }
                $grading = self::GRADING_IN[strtoupper(self::str($node['gradingtype'] ?? null))] ?? 'relativeNextExcludeLast';
                return ['type' => 'ordering'] + $q + ['items' => $items, 'grading' => $grading] + self::combined_of($node);
            case 'essay':
                $graderinfo = self::optional_text($node, 'graderinfo');
                return ['type' => 'essay'] + $q + ($graderinfo === null ? [] : ['graderInfo' => $graderinfo]);
            case 'description':
                return ['type' => 'description'] + $q;
        }
        throw new \InvalidArgumentException("question type \"{$type}\" is not supported");
    }
}
