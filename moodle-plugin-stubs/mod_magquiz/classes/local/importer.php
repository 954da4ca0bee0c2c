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
 * Questions pasted or uploaded in the activity's settings → the question model: GIFT or Moodle XML, told apart by
 * the content as the `mag-quiz import` command line does (XML starts with `<`), read by the PHP ports of the
 * TypeScript parsers (gift, moodlexml), so that Moodle and the reference host read a file alike.
 *
 * Why not Moodle's own qformat_gift and qformat_xml: they save into the question bank of a course (this activity
 * keeps its questions as the JSON of the model, as the reference host does), report errors through notifications
 * without line numbers, stop at some errors, and do not know the model's ordering type without qtype_ordering; and
 * they cannot be tested outside a Moodle site. The ports pass the shared vectors and the contract test
 * (quiz/test/moodle-import.test.ts) that compares them with the TypeScript parsers.
 *
 * @package    mod_magquiz
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class importer {
    /** @var int The longest source read, in bytes (a question file of a few hundred questions is far below). */
    public const MAX_BYTES = 4 * 1024 * 1024;
    /** @var int The most questions one quiz holds (the bridge's views carry at most 1,000). */
    public const MAX_QUESTIONS = 500;
    /** @var string[] Formats. */
    public const FORMATS = ['auto', 'gift', 'xml'];

    /**
     * The text of a file: UTF-8 as is (without its BOM), else read as Windows-1252 (old GIFT files saved on Windows).
     *
     * @param string $bytes
     * @return string
     */
    public static function decode(string $bytes): string {
        if (strncmp($bytes, "\u{FEFF}", 3) === 0) {
            $bytes = substr($bytes, 3);
        }
        if (mb_check_encoding($bytes, 'UTF-8')) {
            return $bytes;
        }
        return mb_convert_encoding($bytes, 'UTF-8', 'Windows-1252');
    }

    /**
     * The format of a source: xml when it starts with `<`, else gift.
     *
     * @param string $source
     * @return string
     */
    public static function detect(string $source): string {
        return preg_match('/^(?:\x{FEFF})?\s*</u', $source) ? 'xml' : 'gift';
    }

    /**
     * Reads questions.
     *
     * @param string $source the file's bytes or the pasted text
     * @param string $format auto, gift or xml
     * @return array ['format' => gift|xml, 'questions' => array[], 'errors' => array[] (line, column, message)]
     */
    public static function read(string $source, string $format = 'auto'): array {
        if (strlen($source) > self::MAX_BYTES) {
            return ['format' => $format === 'xml' ? 'xml' : 'gift', 'questions' => [],
                'errors' => [['line' => 1, 'column' => 1, 'message' => 'too_large']]];
        }
        $text = self::decode($source);
        $format = $format === 'auto' ? self::detect($text) : $format;
        $result = $format === 'xml' ? moodlexml::parse($text) : gift::parse($text);
        $result['format'] = $format;
        if (count($result['questions']) > self::MAX_QUESTIONS) {
            $result['questions'] = array_slice($result['questions'], 0, self::MAX_QUESTIONS);
            $result['errors'][] = ['line' => 1, 'column' => 1, 'message' => 'too_many'];
        }
        return $result;
    }

    /**
     * The slots of a quiz from questions, each with the question's default mark.
     *
     * @param array[] $questions
     * @return array[]
     */
    public static function slots(array $questions): array {
        return array_map(fn(array $question): array => ['question' => $question], array_values($questions));
    }

    /** @var string[][] The parsers' messages (English, fixed) → a string key of the plugin, and its parameter. */
    private const MESSAGES = [
        '/^question name not closed with ::$/' => 'nameopen',
        '/^unexpected \}$/' => 'unexpectedclose',
        '/^answer block not closed with \}$/' => 'blockopen',
        '/^unexpected \{ inside an answer block$/' => 'nestedblock',
        '/^only one answer block per question$/' => 'twoblocks',
        '/^text after the answer block of an essay question$/' => 'textafteressay',
        '/^text after the answer block of a matching question$/' => 'textaftermatching',
        '/^question without text$/' => 'notext',
        '/^no answer gives credit$/' => 'nocredit',
        '/^matching pair without ->$/' => 'noarrow',
        '/^feedback is not allowed in a matching question$/' => 'matchingfeedback',
        '/^matching pair without a right-hand side$/' => 'noright',
        '/^a matching question needs at least two pairs$/' => 'twopairs',
        '/^answer not starting with (.+)$/' => 'answerstart',
        '/^weight out of -100\.\.100$/' => 'weight',
        '/^empty answer$/' => 'emptyanswer',
        '/^numerical question without an answer$/' => 'nonumber',
        '/^not a number: "(.*)"$/s' => 'notnumber',
        '/^range minimum above its maximum$/' => 'range',
        '/^negative tolerance$/' => 'tolerance',
        '/^not a Moodle XML file: the root element must be <quiz>$/' => 'notquiz',
        '/^question of type "(.*)" without <questiontext>$/s' => 'noquestiontext',
        '/^question type "(.*)" is not supported$/s' => 'unsupportedtype',
        '/^(multichoice|shortanswer|numerical) question without answers$/' => 'noanswers',
        '/^truefalse question without its "true" and "false" answers$/' => 'truefalse',
        '/^matching subquestion without an answer$/' => 'subquestion',
        '/^an ordering question needs at least two items$/' => 'twoitems',
        '/^(.+) is not a number: "(.*)"$/s' => 'xmlnumber',
        '/^answer fraction out of -100\.\.100: (.*)$/s' => 'fraction',
        '/^negative defaultgrade$/' => 'defaultgrade',
        '/^penalty out of 0\.\.1$/' => 'penalty',
        '/^empty question$/' => 'emptyquestion',
        '/^a DOCTYPE is not allowed in a Moodle XML file$/' => 'doctype',
        '/^too_large$/' => 'toolarge',
        '/^too_many$/' => 'toomany',
    ];

    /**
     * What an error of the parsers says, as the key of a string of the plugin (`importerror:<key>`) and its
     * parameter; null for a message of the XML reader (libxml's, in English), shown as it is.
     *
     * @param string $message
     * @return array|null [key, parameter: null, a string, or for two values an object with `what` and `value`]
     */
    public static function message_key(string $message): ?array {
        foreach (self::MESSAGES as $pattern => $key) {
            if (preg_match($pattern, $message, $m)) {
                if (count($m) > 2) {
                    return [$key, (object) ['what' => $m[1], 'value' => $m[2]]];
                }
                $a = $m[1] ?? null;
                return [$key, $key === 'answerstart' ? str_replace(' or ', ' / ', (string) $a) : $a];
            }
        }
        return null;
    }
}
