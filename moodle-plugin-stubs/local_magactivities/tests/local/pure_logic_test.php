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
namespace local_magactivities\local;

/**
 * Pure logic inside Moodle (the fuller cases run without Moodle in moodle-plugin-stubs/tests-pure/).
 *
 * @package    local_magactivities
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \local_magactivities\local\channel_token
 * @covers     \local_magactivities\local\poll_schedule
 * @covers     \local_magactivities\local\state_version
 */
final class pure_logic_test extends \basic_testcase {
    public function test_token_round_trip(): void {
        $secret = channel_token::generate_secret();
        $token = channel_token::sign($secret, 'magreactions', 5, 6, 100);
        $this->assertSame(channel_token::OK, channel_token::verify($secret, $token, 99)['status']);
        $this->assertSame(channel_token::EXPIRED, channel_token::verify($secret, $token, 100)['status']);
    }

    public function test_schedule_never_stops(): void {
        $delays = (new poll_schedule(1000, 4000))->idle_delays(6);
        $this->assertSame([1000, 1500, 2250, 3375, 4000, 4000], $delays);
    }

    public function test_versions(): void {
        $this->assertTrue(state_version::changed(1, 2));
        $this->assertFalse(state_version::changed(2, 2));
    }
}
