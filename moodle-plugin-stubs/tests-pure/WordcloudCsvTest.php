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

use mod_magwordcloud\local\csv;
use PHPUnit\Framework\TestCase;

/**
 * CSV cells of word-cloud exports: the shared vectors, and invalid UTF-8.
 *
 * @covers \mod_magwordcloud\local\csv
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class WordcloudCsvTest extends TestCase {
    /**
     * Cases shared with the TypeScript implementation, named by their name.
     *
     * @return array
     */
    public static function vectors(): array {
        $data = json_decode(file_get_contents(MAG_TEST_VECTORS . '/wordcloud-csv.json'), true, 512, JSON_THROW_ON_ERROR);
        $cases = [];
        foreach ($data['cases'] as $case) {
            $cases[$case['name']] = [$case['input'], $case['expected']];
        }
        return $cases;
    }

    /**
     * @dataProvider vectors
     * @param string $input
     * @param string $expected
     */
    public function test_shared_vectors(string $input, string $expected): void {
        $this->assertSame($expected, csv::cell($input));
    }

    public function test_every_vector_is_run_once(): void {
        $data = json_decode(file_get_contents(MAG_TEST_VECTORS . '/wordcloud-csv.json'), true, 512, JSON_THROW_ON_ERROR);
        $this->assertCount(count($data['cases']), self::vectors(), 'case names must be unique');
    }

    public function test_a_trailing_space_before_a_final_newline_is_quoted_once(): void {
        $this->assertSame("\"mot \n\"", csv::cell("mot \n"));
        $this->assertSame('"mot "', csv::cell('mot '));
    }

    public function test_invalid_utf8_is_still_neutralised(): void {
        $this->assertSame("'=cmd\xFF", csv::cell("=cmd\xFF"));
        $this->assertSame("\"'=a,\xFF\"", csv::cell("=a,\xFF"));
    }
}
