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

use mod_magquiz\local\live;
use mod_magquiz\local\view;
use PHPUnit\Framework\TestCase;

/**
 * Live sessions: the shared vectors of test/vectors/quiz-live.json (the session's moves and phases, points, fair
 * timing, teams, leaderboards, settings, and the live views), passed as the TypeScript side passes them
 * (quiz/test/live-vectors.test.ts).
 *
 * @covers \mod_magquiz\local\live
 * @covers \mod_magquiz\local\view
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class QuizLiveTest extends TestCase {
    /** @var array|null the vector file, decoded once */
    private static ?array $vectors = null;

    /**
     * The vector file, decoded.
     *
     * @return array
     */
    private static function file(): array {
        return self::$vectors ??= json_decode(file_get_contents(MAG_TEST_VECTORS . '/quiz-live.json'), true, 512,
            JSON_THROW_ON_ERROR);
    }

    /**
     * A value in a canonical form: numbers as floats, keys of objects sorted (the JSON of both sides means the same
     * value whatever the order of keys or the way a number is written).
     *
     * @param mixed $value
     * @return mixed
     */
    public static function canon($value) {
        if (is_array($value)) {
            $out = array_map([self::class, 'canon'], $value);
            if (!array_is_list($out)) {
                ksort($out);
            }
            return $out;
        }
        return is_int($value) ? (float) $value : $value;
    }

    /**
     * Asserts that two values are the same JSON value.
     *
     * @param mixed $expected
     * @param mixed $actual
     * @param string $message
     */
    private static function same($expected, $actual, string $message = ''): void {
        self::assertSame(json_encode(self::canon($expected)), json_encode(self::canon($actual)), $message);
    }

    public function test_sessions(): void {
        foreach (self::file()['sessionCases'] as $case) {
            $session = live::new_session($case['settings']);
            foreach ($case['steps'] as $i => $step) {
                $where = "{$case['name']}, step {$i} ({$step['action']})";
                $result = live::control($session, $step['action'], $step['at'], $case['questions']);
                self::assertSame($step['expected']['ok'], $result['ok'], $where);
                if ($result['ok']) {
                    self::same($step['expected']['session'], $result['session'], $where);
                    $session = $result['session'];
                } else {
                    self::assertSame($step['expected']['code'], $result['code'], $where);
                }
                foreach ($step['expected']['probes'] as $probe) {
                    self::assertSame($probe['phase'], live::phase_at($session, $probe['at']), "{$where} at {$probe['at']}");
                    $accepts = array_map(fn(int $s): bool => live::accepts_answer($session, $s, $probe['at']), [-1, 0, 1, 2]);
                    self::assertSame($probe['accepts'], $accepts, "{$where} at {$probe['at']}");
                }
            }
            // A stored session reads back as itself.
            self::same($session, live::parse_session(json_decode(json_encode($session), true)), $case['name']);
        }
    }

    public function test_points_fair_timing_and_teams(): void {
        $file = self::file();
        foreach ($file['pointsCases'] as $case) {
            self::assertSame($case['expected'], live::points($case['fraction'], $case['elapsedMs'], $case['settings']),
                json_encode($case));
        }
        foreach ($file['fairElapsedCases'] as $case) {
            self::assertEquals($case['expected'],
                live::fair_elapsed($case['servedAt'], $case['receivedAt'], $case['clientElapsedMs'] ?? null), json_encode($case));
        }
        foreach ($file['teamCases'] as $case) {
            self::assertSame($case['expected'], live::team_of($case['joinIndex']));
        }
    }

    public function test_leaderboards_and_settings(): void {
        $file = self::file();
        foreach ($file['leaderboardCases'] as $case) {
            self::same($case['expected'], live::leaderboard($case['kind'], $case['scores'], $case['me']),
                "{$case['kind']} for " . json_encode($case['me']));
        }
        foreach ($file['settingsCases'] as $case) {
            self::same($case['expected'], live::parse_settings($case['input']), json_encode($case['input']));
        }
        self::assertNull(live::parse_settings(['timerSeconds' => null, 'speedPoints' => false, 'leaderboard' => 'off']));
        self::assertNull(live::parse_session(['phase' => 'lobby']));
    }

    public function test_views(): void {
        foreach (self::file()['viewCases'] as $case) {
            if (isset($case['seed'])) {
                $order = view::live_order($case['question'], $case['seed']);
                self::same($case['expected']['order'], $order, $case['name']);
                self::same($case['expected']['view'],
                    view::live_question_view($case['question'], $order, $case['phase'], $case['responses']), $case['name']);
            } else {
                self::same($case['expected']['results'],
                    view::live_results($case['question'], $case['order'], $case['responses']), $case['name']);
            }
        }
    }

    public function test_numbers_as_javascript_writes_them(): void {
        $cases = ['3' => 3.0, '3.14' => 3.14, '0.1' => 0.1, '1e-7' => 1e-7, '0.000001' => 0.000001, '1e+21' => 1e21,
            '123456789012345680000' => 1.2345678901234568e20, '-2.5' => -2.5, '0' => -0.0, '0.30000000000000004' => 0.1 + 0.2,
            '12' => 12, '1.5e-10' => 1.5e-10];
        foreach ($cases as $expected => $value) {
            self::assertSame((string) $expected, view::js_number($value));
        }
    }
}
