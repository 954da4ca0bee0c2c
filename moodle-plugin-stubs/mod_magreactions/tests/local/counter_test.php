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
namespace mod_magreactions\local;

/**
 * Reaction counting inside Moodle (the same cases also run without Moodle in tests-pure/).
 *
 * @package    mod_magreactions
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \mod_magreactions\local\counter
 */
final class counter_test extends \basic_testcase {
    public function test_shared_vectors(): void {
        $data = json_decode(file_get_contents(__DIR__ . '/../fixtures/reactions-counting.json'), true);
        $this->assertNotEmpty($data['cases']);
        foreach ($data['cases'] as $case) {
            $this->assertSame($case['expected'], counter::count($case['events']), $case['name']);
        }
    }

    public function test_retries_count_once(): void {
        $events = array_fill(0, 5, ['user' => 3, 'key' => 'abcdefgh', 'reaction' => 'lost']);
        $this->assertSame(1, counter::count($events)['lost']);
    }
}
