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

namespace mod_magwordcloud\local;

/**
 * Normalization of a word-cloud entry: what is displayed (`text`) and what makes two entries the same entry
 * (`key`). PHP port of wordcloud/src/normalize.ts; both pass test/vectors/wordcloud-normalize.json.
 *
 * The steps, in this order:
 * 1. Input that is not well-formed UTF-8 (invalid bytes, overlong forms, encoded surrogates) is `invalid`.
 * 2. Raw input longer than {@see self::raw_limit()} code points is `too_long` before any other work.
 * 3. {@see self::clean_text()}: white space becomes a space; control characters, zero-width characters, the
 *    soft hyphen and bidi controls are removed (a zero-width joiner between two emoji is kept); NFC; inner
 *    spaces collapsed, ends trimmed. Markup is not stripped.
 * 4. Nothing left: `empty`. More than `maxlength` grapheme clusters: `too_long`.
 * 5. The key: {@see self::entry_key()} of the text.
 *
 * Needs the intl extension (Normalizer, grapheme_strlen, Transliterator) and mbstring.
 *
 * @package    mod_magwordcloud
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class normalizer {
    /** @var string White space that becomes one plain space (U+FEFF is removed as a zero-width character instead). */
    private const WHITESPACE = '/[\t\n\x{0B}\f\r \x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}]+/u';

    /**
     * @var string Removed: C0 and C1 controls, U+00AD, U+061C, U+200B, U+200C, U+200E, U+200F, U+202A-U+202E, U+2060,
     * U+2066-U+2069, U+FEFF, and U+200D unless an Extended_Pictographic character (maybe followed by U+FE0F or a skin
     * tone modifier) is before it and an Extended_Pictographic character after it.
     */
    private const INVISIBLE = '/[\x{00}-\x{1F}\x{7F}-\x{9F}\x{AD}\x{61C}\x{200B}\x{200C}\x{200E}\x{200F}\x{202A}-\x{202E}'
        . '\x{2060}\x{2066}-\x{2069}\x{FEFF}]'
        . '|(?<!\p{Extended_Pictographic})(?<!\p{Extended_Pictographic}\x{FE0F})'
        . '(?<!\p{Extended_Pictographic}[\x{1F3FB}-\x{1F3FF}])\x{200D}'
        . '|\x{200D}(?!\p{Extended_Pictographic})/u';

    /** @var string Typographic apostrophes that keys write as `'`: U+2019, U+2018, U+02BC, U+2032. */
    public const APOSTROPHES = '/[\x{2019}\x{2018}\x{02BC}\x{2032}]/u';

    /** @var \Transliterator|null ICU's lowercasing (full mappings, final sigma), created once. */
    private static $lower = null;

    /**
     * The raw input's hard limit in code points: four times `maxlength`, and never less than 256.
     *
     * @param int $maxlength
     * @return int
     */
    public static function raw_limit(int $maxlength): int {
        return max(256, 4 * $maxlength);
    }

    /**
     * Whether a string is well-formed UTF-8 (no invalid bytes, overlong forms or surrogates).
     *
     * @param mixed $text
     * @return bool
     */
    public static function is_valid_utf8($text): bool {
        return is_string($text) && preg_match('//u', $text) === 1;
    }

    /**
     * Whether well-formed UTF-8 `$text` has more than `$limit` code points, without counting them all when its
     * byte length decides (a code point is 1 to 4 bytes).
     *
     * @param string $text
     * @param int $limit
     * @return bool
     */
    private static function longer_than(string $text, int $limit): bool {
        $bytes = strlen($text);
        if ($bytes <= $limit) {
            return false;
        }
        if ($bytes > 4 * $limit) {
            return true;
        }
        return mb_strlen($text, 'UTF-8') > $limit;
    }

    /**
     * The number of grapheme clusters (user-perceived characters) of well-formed UTF-8 text.
     *
     * @param string $text
     * @return int
     */
    public static function grapheme_count(string $text): int {
        $count = grapheme_strlen($text);
        if (!is_int($count)) {
            throw new \RuntimeException('grapheme_strlen failed');
        }
        return $count;
    }

    /**
     * Step 3 of {@see self::normalize_entry()}, without limits: the displayed form of any well-formed UTF-8 text.
     *
     * @param string $raw
     * @return string
     */
    public static function clean_text(string $raw): string {
        $text = preg_replace(self::WHITESPACE, ' ', $raw);
        $text = preg_replace(self::INVISIBLE, '', (string) $text);
        $text = \Normalizer::normalize((string) $text, \Normalizer::FORM_C);
        if (!is_string($text)) {
            return '';
        }
        $text = preg_replace('/ {2,}/', ' ', $text);
        return trim((string) $text, ' ');
    }

    /**
     * Lowercases for French: Unicode full lowercase mappings, with the final sigma (like `toLocaleLowerCase('fr')`).
     *
     * @param string $text
     * @return string
     */
    public static function lowercase(string $text): string {
        if (self::$lower === null) {
            self::$lower = \Transliterator::create('Lower') ?? false;
        }
        if (self::$lower !== false) {
            $lower = self::$lower->transliterate($text);
            if (is_string($lower)) {
                return $lower;
            }
        }
        return mb_strtolower($text, 'UTF-8');
    }

    /**
     * The exact-duplicate identity of a cleaned text: lowercased for French, typographic apostrophes as `'`, NFC.
     *
     * @param string $text
     * @return string
     */
    public static function entry_key(string $text): string {
        $key = preg_replace(self::APOSTROPHES, "'", self::lowercase($text));
        $key = \Normalizer::normalize((string) $key, \Normalizer::FORM_C);
        return is_string($key) ? $key : '';
    }

    /**
     * Normalizes an entry.
     *
     * @param mixed $raw the text as received
     * @param int $maxlength the most grapheme clusters an entry may have once cleaned
     * @return array ['ok' => true, 'text' => string, 'key' => string] or ['ok' => false, 'error' => 'empty'|'too_long'|'invalid']
     */
    public static function normalize_entry($raw, int $maxlength): array {
        if (!self::is_valid_utf8($raw)) {
            return ['ok' => false, 'error' => 'invalid'];
        }
        if (self::longer_than($raw, self::raw_limit($maxlength))) {
            return ['ok' => false, 'error' => 'too_long'];
        }
        $text = self::clean_text($raw);
        if ($text === '') {
            return ['ok' => false, 'error' => 'empty'];
        }
        if (self::grapheme_count($text) > $maxlength) {
            return ['ok' => false, 'error' => 'too_long'];
        }
        return ['ok' => true, 'text' => $text, 'key' => self::entry_key($text)];
    }
}
