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

use mod_magreactions\local\counter;
use PHPUnit\Framework\TestCase;

/**
 * Reaction counting: the shared vectors, and what the vectors leave out.
 *
 * @covers \mod_magreactions\local\counter
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class ReactionCounterTest extends TestCase {
    /**
     * Cases shared with the TypeScript implementation.
     *
     * @return array
     */
    public static function vectors(): array {
        $data = json_decode(file_get_contents(MAG_TEST_VECTORS . '/reactions-counting.json'), true, 512, JSON_THROW_ON_ERROR);
        $cases = [];
        foreach ($data['cases'] as $case) {
            $cases[$case['name']] = [$case['events'], $case['expected']];
        }
        return $cases;
    }

    /**
     * @dataProvider vectors
     * @param array $events
     * @param array $expected
     */
    public function test_shared_vectors(array $events, array $expected): void {
        $this->assertSame($expected, counter::count($events));
    }

    public function test_the_vectors_are_not_empty(): void {
        $this->assertGreaterThanOrEqual(8, count(self::vectors()));
    }

    public function test_database_rows_count_like_events(): void {
        $rows = [
            (object) ['userid' => 7, 'key' => 'abcdefgh', 'reaction' => 'lost'],
            (object) ['userid' => 7, 'key' => 'abcdefgh', 'reaction' => 'lost'],
            (object) ['userid' => 8, 'key' => 'abcdefgh', 'reaction' => 'lost'],
        ];
        $this->assertSame(['understood' => 0, 'question' => 0, 'lost' => 2, 'slower' => 0], counter::count($rows));
    }

    public function test_unknown_reactions_and_bad_keys_are_ignored(): void {
        $events = [
            ['user' => 'u1', 'key' => 'abcdefgh', 'reaction' => 'bored'],
            ['user' => 'u1', 'key' => 'short', 'reaction' => 'lost'],
            ['user' => 'u1', 'key' => 'has space 1', 'reaction' => 'lost'],
            ['user' => 'u1', 'key' => 'clé-accentuée', 'reaction' => 'lost'],
            ['user' => null, 'key' => 'abcdefgh', 'reaction' => 'lost'],
            ['user' => 'u1', 'key' => 'abcdefgh', 'reaction' => 'Lost'],
        ];
        $this->assertSame(counter::empty_counts(), counter::count($events));
    }

    public function test_a_rejected_event_does_not_reserve_its_key(): void {
        $events = [
            ['user' => 'u1', 'key' => 'abcdefgh', 'reaction' => 'bored'],
            ['user' => 'u1', 'key' => 'abcdefgh', 'reaction' => 'slower'],
        ];
        $this->assertSame(1, counter::count($events)['slower']);
    }

    public function test_user_and_key_cannot_collide_across_the_separator(): void {
        $events = [
            ['user' => 'u1|', 'key' => 'abcdefgh', 'reaction' => 'question'],
            ['user' => 'u1', 'key' => 'abcdefgh', 'reaction' => 'question'],
        ];
        $this->assertSame(2, counter::count($events)['question']);
    }

    public function test_keys(): void {
        $this->assertTrue(counter::is_key('abcd-1234'));
        $this->assertTrue(counter::is_key(str_repeat('a', 64)));
        $this->assertFalse(counter::is_key(str_repeat('a', 65)));
        $this->assertFalse(counter::is_key('abc_defgh'));
        $this->assertFalse(counter::is_key(12345678));
        $this->assertFalse(counter::is_key("abcdefgh\n"));
    }

    public function test_reactions_in_display_order(): void {
        $this->assertSame(['understood', 'question', 'lost', 'slower'], counter::REACTIONS);
        $this->assertSame(array_fill_keys(counter::REACTIONS, 0), counter::empty_counts());
    }
}
