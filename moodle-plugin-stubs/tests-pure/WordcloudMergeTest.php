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

use mod_magwordcloud\local\merger;
use mod_magwordcloud\local\moderation;
use PHPUnit\Framework\TestCase;

/**
 * Merge keys and merge suggestions of the word cloud: the shared vectors, and the moderation lists.
 *
 * @covers \mod_magwordcloud\local\merger
 * @covers \mod_magwordcloud\local\moderation
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class WordcloudMergeTest extends TestCase {
    /**
     * The vector file, decoded.
     *
     * @return array
     */
    private static function file(): array {
        return json_decode(file_get_contents(MAG_TEST_VECTORS . '/wordcloud-merge.json'), true, 512, JSON_THROW_ON_ERROR);
    }

    /**
     * mergeKey cases shared with the TypeScript implementation.
     *
     * @return array
     */
    public static function merge_key_vectors(): array {
        $cases = [];
        foreach (self::file()['mergeKeyCases'] as $case) {
            $cases[$case['name']] = [$case['text'], $case['accents'], $case['expected']];
        }
        return $cases;
    }

    /**
     * suggestMerges cases shared with the TypeScript implementation.
     *
     * @return array
     */
    public static function suggestion_vectors(): array {
        $cases = [];
        foreach (self::file()['cases'] as $case) {
            $cases[$case['name']] = [$case['words'], $case['expected']];
        }
        return $cases;
    }

    /**
     * @dataProvider merge_key_vectors
     * @param string $text
     * @param bool $accents
     * @param string $expected
     */
    public function test_merge_key(string $text, bool $accents, string $expected): void {
        $this->assertSame($expected, merger::merge_key($text, $accents));
    }

    /**
     * @dataProvider suggestion_vectors
     * @param array $words
     * @param array $expected
     */
    public function test_suggest_merges(array $words, array $expected): void {
        $this->assertSame($expected, merger::suggest_merges($words));
    }

    public function test_every_vector_is_run_once(): void {
        $this->assertCount(count(self::file()['mergeKeyCases']), self::merge_key_vectors(), 'names must be unique');
        $this->assertCount(count(self::file()['cases']), self::suggestion_vectors(), 'names must be unique');
    }

    public function test_fold_accents(): void {
        $this->assertSame('Ecole coeur OEuvre aeTHER AE', merger::fold_accents('École cœur Œuvre æTHER Æ'));
        $this->assertSame('ecole', merger::fold_accents("e\u{0301}cole"));
    }

    public function test_the_offensive_list_is_the_typescript_one(): void {
        $source = file_get_contents(dirname(MAG_TEST_VECTORS, 2) . '/wordcloud/src/moderation.ts');
        if ($source === false) {
            $this->markTestSkipped('wordcloud/src/moderation.ts not found');
        }
        $this->assertSame(1, preg_match('/OFFENSIVE_WORDS[^=]*=\s*\[(.*?)\];/s', $source, $match));
        preg_match_all("/'([^']+)'/u", $match[1], $words);
        $this->assertSame($words[1], moderation::OFFENSIVE_WORDS);
    }

    public function test_offensive_words_and_words_containing_one(): void {
        $this->assertTrue(moderation::is_offensive('espèce de connard'));
        $this->assertTrue(moderation::is_offensive('Connard·e·s'));
        $this->assertTrue(moderation::is_offensive('gros-con'));
        $this->assertFalse(moderation::is_offensive('concours'));
        $this->assertFalse(moderation::is_offensive('c0nnard'));
        $this->assertTrue(moderation::is_offensive('Chats', ['chat']));
    }

    public function test_stop_list(): void {
        $this->assertTrue(moderation::is_stop_listed('Outils', ['outil']));
        $this->assertTrue(moderation::is_stop_listed('l’outil', ['outil']));
        $this->assertFalse(moderation::is_stop_listed('outil numérique', ['outil']));
        $this->assertFalse(moderation::is_stop_listed('les', ['le']));
        $this->assertFalse(moderation::is_stop_listed('', []));
    }

    public function test_numeric_words_stay_strings(): void {
        $this->assertSame([['target' => '123', 'members' => ['123s'], 'reason' => ['plural']]],
            merger::suggest_merges(['123', '123s']));
    }
}
