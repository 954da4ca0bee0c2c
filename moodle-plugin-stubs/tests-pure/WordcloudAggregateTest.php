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

use mod_magwordcloud\local\aggregator;
use PHPUnit\Framework\TestCase;

/**
 * The word cloud's counting: the shared vectors, and what the vectors leave out.
 *
 * @covers \mod_magwordcloud\local\aggregator
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class WordcloudAggregateTest extends TestCase {
    /**
     * The vector file, decoded.
     *
     * @return array
     */
    private static function file(): array {
        return json_decode(file_get_contents(MAG_TEST_VECTORS . '/wordcloud-aggregate.json'), true, 512,
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
            $cases[$case['name']] = [$case['entries'], $case['options'], $case['expected']];
        }
        return $cases;
    }

    /**
     * @dataProvider vectors
     * @param array $entries
     * @param array $options
     * @param array $expected
     */
    public function test_shared_vectors(array $entries, array $options, array $expected): void {
        $this->assertSame($expected, aggregator::aggregate($entries, $options));
    }

    public function test_every_vector_is_run_once(): void {
        $this->assertCount(count(self::file()['cases']), self::vectors(), 'case names must be unique');
    }

    public function test_database_rows_and_numeric_texts(): void {
        $rows = [
            (object) ['userid' => 7, 'text' => '2025'],
            (object) ['userid' => 8, 'text' => '2025'],
            (object) ['userid' => 7, 'text' => '42'],
        ];
        $this->assertSame(['words' => [
            ['text' => '2025', 'weight' => 2, 'rank' => 1],
            ['text' => '42', 'weight' => 1, 'rank' => 2],
        ], 'hiddenCount' => 0], aggregator::aggregate($rows));
    }

    public function test_invalid_utf8_entries_are_ignored(): void {
        $entries = [['user' => 'u1', 'text' => "mo\xFFt"], ['user' => 'u2', 'text' => 'mot']];
        $this->assertSame(['words' => [['text' => 'mot', 'weight' => 1, 'rank' => 1]], 'hiddenCount' => 0],
            aggregator::aggregate($entries));
    }
}
