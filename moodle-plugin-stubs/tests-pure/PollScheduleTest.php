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

use local_magactivities\local\poll_schedule;
use local_magactivities\local\state_version;
use PHPUnit\Framework\TestCase;

/**
 * Polling back-off numbers and version comparison.
 *
 * @covers \local_magactivities\local\poll_schedule
 * @covers \local_magactivities\local\state_version
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class PollScheduleTest extends TestCase {
    public function test_defaults(): void {
        $schedule = new poll_schedule();
        $this->assertSame(['min' => 2000, 'max' => 30000, 'factor' => 1.5], $schedule->export());
    }

    public function test_idle_polls_back_off_up_to_the_maximum_and_never_stop(): void {
        $schedule = new poll_schedule(2000, 30000);
        $this->assertSame([2000, 3000, 4500, 6750, 10125, 15188, 22782, 30000, 30000, 30000],
            $schedule->idle_delays(10));
    }

    public function test_a_change_goes_back_to_the_minimum(): void {
        $schedule = new poll_schedule(1000, 8000);
        $this->assertSame(1000, $schedule->next(8000, true));
        $this->assertSame(1500, $schedule->next(1000, false));
        $this->assertSame(8000, $schedule->next(8000, false));
    }

    public function test_a_delay_below_the_minimum_is_raised(): void {
        $schedule = new poll_schedule(1000, 8000);
        $this->assertSame(1000, $schedule->next(10, false));
    }

    /**
     * Admin settings are clamped so that a typo cannot flood the server or stop live updates.
     *
     * @dataProvider settings
     * @param mixed $min
     * @param mixed $max
     * @param int $expectedmin
     * @param int $expectedmax
     */
    public function test_settings_are_clamped($min, $max, int $expectedmin, int $expectedmax): void {
        $schedule = new poll_schedule($min, $max);
        $this->assertSame($expectedmin, $schedule->min);
        $this->assertSame($expectedmax, $schedule->max);
    }

    public static function settings(): array {
        return [
            'as set' => [1000, 20000, 1000, 20000],
            'text from the settings page' => ['1500', '9000', 1500, 9000],
            'too fast' => [10, 20000, poll_schedule::FLOOR_MS, 20000],
            'max below min' => [5000, 1000, 5000, 5000],
            'too slow' => [1000, 10000000, 1000, poll_schedule::CEILING_MS],
            'not numbers' => ['', null, poll_schedule::DEFAULT_MIN_MS, poll_schedule::DEFAULT_MAX_MS],
            'negative' => [-5, -5, poll_schedule::FLOOR_MS, poll_schedule::FLOOR_MS],
        ];
    }

    public function test_version_changes(): void {
        $this->assertTrue(state_version::changed(null, 0));
        $this->assertFalse(state_version::changed(3, 3));
        $this->assertTrue(state_version::changed(3, 4));
        // A smaller version (restored or recreated activity) is a change too.
        $this->assertTrue(state_version::changed(9, 2));
    }

    public function test_a_client_keeps_the_newest_state(): void {
        $this->assertTrue(state_version::is_newer(null, 0));
        $this->assertTrue(state_version::is_newer(3, 4));
        $this->assertFalse(state_version::is_newer(4, 4));
        $this->assertFalse(state_version::is_newer(5, 4));
    }

    public function test_a_version_due_moves_on_by_itself_at_its_time(): void {
        $this->assertSame(7, state_version::effective(7, 0, PHP_INT_MAX));
        $this->assertSame(7, state_version::effective(7, 30000, 29999));
        $this->assertSame(8, state_version::effective(7, 30000, 30000));
        $this->assertSame(8, state_version::effective(7, 30000, 90000));
    }

    public function test_the_poll_answer_is_the_version_alone(): void {
        $this->assertSame('{"v":42}', json_encode(state_version::poll_answer(42)));
    }
}
