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

use mod_magwordcloud\local\normalizer;
use PHPUnit\Framework\TestCase;

/**
 * Normalization of word-cloud entries: the shared vectors, and what only PHP can test (invalid UTF-8).
 *
 * @covers \mod_magwordcloud\local\normalizer
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class WordcloudNormalizeTest extends TestCase {
    /**
     * The vector file, decoded.
     *
     * @return array
     */
    private static function file(): array {
        return json_decode(file_get_contents(MAG_TEST_VECTORS . '/wordcloud-normalize.json'), true, 512,
            JSON_THROW_ON_ERROR);
    }

    /**
     * Cases shared with the TypeScript implementation, named by their name.
     *
     * @return array
     */
    public static function vectors(): array {
        $cases = [];
        foreach (self::file()['cases'] as $case) {
            if (array_key_exists('input', $case)) {
                $input = $case['input'];
            } else {
                $input = '';
                foreach ($case['inputParts'] as $part) {
                    $input .= str_repeat($part['text'], $part['times']);
                }
            }
            $cases[$case['name']] = [$input, $case['maxLength'], $case['expected']];
        }
        return $cases;
    }

    /**
     * @dataProvider vectors
     * @param string $input
     * @param int $maxlength
     * @param array $expected
     */
    public function test_shared_vectors(string $input, int $maxlength, array $expected): void {
        $this->assertSame($expected, normalizer::normalize_entry($input, $maxlength));
    }

    public function test_every_vector_is_run_once(): void {
        $this->assertCount(count(self::file()['cases']), self::vectors(), 'case names must be unique');
        $this->assertGreaterThanOrEqual(60, count(self::vectors()));
    }

    /**
     * Byte sequences that are not well-formed UTF-8.
     *
     * @return array
     */
    public static function invalid_utf8(): array {
        return [
            'a lone continuation byte' => ["mo\x80t"],
            'a truncated two-byte sequence' => ["mot\xC3"],
            'a truncated three-byte sequence' => ["\xE2\x82mot"],
            'an overlong slash' => ["\xC0\xAF"],
            'an overlong NUL' => ["mo\xC0\x80t"],
            'an encoded high surrogate (CESU-8 / WTF-8)' => ["\xED\xA0\xBD"],
            'an encoded low surrogate' => ["mot\xED\xB2\x8D"],
            'a code point above U+10FFFF' => ["\xF4\x90\x80\x80"],
            'bytes FE and FF' => ["\xFE\xFF"],
            'Latin-1 text' => ["\xE9cole"],
            'invalid bytes hidden in 10,000 spaces' => [str_repeat(' ', 10000) . "\xFF"],
        ];
    }

    /**
     * @dataProvider invalid_utf8
     * @param string $input
     */
    public function test_invalid_utf8_is_invalid(string $input): void {
        $this->assertSame(['ok' => false, 'error' => 'invalid'], normalizer::normalize_entry($input, 40));
    }

    public function test_non_strings_are_invalid(): void {
        $this->assertSame(['ok' => false, 'error' => 'invalid'], normalizer::normalize_entry(null, 40));
        $this->assertSame(['ok' => false, 'error' => 'invalid'], normalizer::normalize_entry(['mot'], 40));
    }

    public function test_raw_limit(): void {
        $this->assertSame(256, normalizer::raw_limit(40));
        $this->assertSame(400, normalizer::raw_limit(100));
    }

    public function test_a_final_newline_is_trimmed_like_any_white_space(): void {
        $this->assertSame(['ok' => true, 'text' => 'mot', 'key' => 'mot'], normalizer::normalize_entry("mot\n", 40));
    }

    public function test_the_key_lowercases_a_final_sigma_like_javascript(): void {
        $this->assertSame('οδος', normalizer::entry_key('ΟΔΟΣ'));
    }
}
