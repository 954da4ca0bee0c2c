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

use mod_magquiz\local\accommodations;
use PHPUnit\Framework\TestCase;

require_once(__DIR__ . '/support/core_external.php');
require_once(__DIR__ . '/support/quiz_scenarios.php');

/**
 * Accommodations (quiz.accommodations): the payload's `set` checked, the people listed, extra time on new attempts and
 * on the attempt in progress, whose deadline moves (never past the closing time), played on the in-memory instance in
 * the order mod_magquiz\manager runs them.
 *
 * @covers \mod_magquiz\local\accommodations
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class QuizAccommodationsTest extends TestCase {
    /**
     * A 1-minute quiz of the scenarios' bank.
     *
     * @param array $settings
     * @return quiz_memory
     */
    private static function memory(array $settings = []): quiz_memory {
        return new quiz_memory(quiz_scenarios::quiz($settings + ['behaviour' => 'deferred', 'attemptsAllowed' => 3,
            'timeLimitSeconds' => 60]), quiz_scenarios::NAMES, [quiz_scenarios::TRAINER]);
    }

    public function test_set_is_checked(): void {
        $this->assertSame(['userid' => 12, 'extra' => 120], accommodations::parse_set(['user' => '12', 'extraTimeSeconds' => 120]));
        $this->assertSame(['userid' => 12, 'extra' => 0], accommodations::parse_set(['user' => '12', 'extraTimeSeconds' => 0]));
        $this->assertSame(604800, accommodations::parse_set(['user' => '7', 'extraTimeSeconds' => 604800])['extra']);
        foreach ([
            ['user' => '12'],
            ['extraTimeSeconds' => 60],
            ['user' => '', 'extraTimeSeconds' => 60],
            ['user' => '0', 'extraTimeSeconds' => 60],
            ['user' => '012', 'extraTimeSeconds' => 60],
            ['user' => '12 ', 'extraTimeSeconds' => 60],
            ['user' => 'admin', 'extraTimeSeconds' => 60],
            ['user' => 12, 'extraTimeSeconds' => 60],
            ['user' => '12', 'extraTimeSeconds' => -1],
            ['user' => '12', 'extraTimeSeconds' => 604801],
            ['user' => '12', 'extraTimeSeconds' => 1.5],
            ['user' => '12', 'extraTimeSeconds' => '60'],
        ] as $set) {
            try {
                accommodations::parse_set($set);
                $this->fail('took ' . json_encode($set));
            } catch (\invalid_parameter_exception $e) {
                $this->assertSame('invalidparameter', $e->errorcode);
            }
        }
    }

    public function test_people_by_name_with_their_extra_time(): void {
        // By lower-cased name then id, as the results list trainees (no collation: "é" after "e").
        $this->assertSame([
            ['user' => '3', 'name' => 'Emma Petit', 'extraTimeSeconds' => 90],
            ['user' => '11', 'name' => 'Emma Petit', 'extraTimeSeconds' => 0],
            ['user' => '12', 'name' => 'émilie Durand', 'extraTimeSeconds' => 0],
        ], accommodations::people([11 => 'Emma Petit', 3 => 'Emma Petit', 12 => 'émilie Durand'], [3 => 90, 99 => 60]));
        $this->assertSame([], accommodations::people([], [3 => 90]));
    }

    public function test_a_deadline_moves_with_the_extra_time_and_never_past_the_closing_time(): void {
        $state = ['status' => 'inProgress', 'startedAt' => 1000000, 'deadline' => 1060000];
        $this->assertSame(1180000, accommodations::with_extra_time(['timeLimitSeconds' => 60], $state, 120)['deadline']);
        $this->assertSame(1060000, accommodations::with_extra_time(['timeLimitSeconds' => 60], $state, 0)['deadline']);
        $this->assertSame(1100000, accommodations::with_extra_time(['timeLimitSeconds' => 60, 'closesAt' => 1100000],
            $state, 120)['deadline']);
        // No time limit (a closing date alone), or a finished attempt: unchanged.
        $closing = ['status' => 'inProgress', 'startedAt' => 1000000, 'deadline' => 1100000];
        $this->assertSame($closing, accommodations::with_extra_time(['closesAt' => 1100000], $closing, 120));
        $finished = ['status' => 'finished', 'startedAt' => 1000000, 'deadline' => 1060000];
        $this->assertSame($finished, accommodations::with_extra_time(['timeLimitSeconds' => 60], $finished, 120));
    }

    public function test_extra_time_keeps_an_attempt_open_past_the_time_limit(): void {
        $m = self::memory();
        $m->start(12, 'start-12-one');
        $version = $m->version();
        $m->accommodations(['user' => '12', 'extraTimeSeconds' => 120]);
        $this->assertGreaterThan($version, $m->version(), 'her page learns the new deadline');
        $version = $m->version();
        $m->accommodations(['user' => '11', 'extraTimeSeconds' => 120]);
        $this->assertSame($version, $m->version(), 'no attempt in progress moved: nobody needs to know');
        $m->now += 90000;
        $attempt = $m->state(12)['selfPaced']['attempt'];
        $this->assertSame('inProgress', $attempt['status'], 'past the minute, within the extra time');
        $this->assertSame(90000, $attempt['timeLeft']);
        // Without the extra time, another trainee's attempt is closed on read after the minute and its grace.
        $m->start(13, 'start-13-one');
        $m->now += 60000 + 61000;
        $this->assertSame('finished', $m->state(13)['selfPaced']['attempts'][0]['status']);
        $this->assertSame('inProgress', $m->state(12)['selfPaced']['attempt']['status'] ?? 'finished');
    }

    public function test_new_attempts_get_the_extra_time_and_removing_it_brings_the_deadline_back(): void {
        $m = self::memory();
        $m->accommodations(['user' => '11', 'extraTimeSeconds' => 30]);
        $m->start(11, 'start-11-one');
        $first = $m->attempts[0]['state'];
        $this->assertSame($first['startedAt'] + 90000, $first['deadline']);
        $answer = $m->accommodations(['user' => '11', 'extraTimeSeconds' => 0]);
        $this->assertSame(0, array_column($answer['people'], 'extraTimeSeconds', 'user')['11']);
        $this->assertSame($first['startedAt'] + 60000, $m->attempts[0]['state']['deadline']);
        $this->assertSame([], $m->extra);
    }

    public function test_an_unknown_user_or_a_trainer_changes_nothing(): void {
        $m = self::memory();
        foreach (['99', (string) quiz_scenarios::TRAINER] as $user) {
            $answer = $m->accommodations(['user' => $user, 'extraTimeSeconds' => 60]);
            $this->assertSame('not_found', $answer['error']['code']);
            $this->assertSame([], $m->extra);
            $this->assertNotContains($user, array_column($answer['people'], 'user'));
        }
    }
}
