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

use core_external\external_api;
use PHPUnit\Framework\TestCase;

require_once(__DIR__ . '/support/core_external.php');
foreach (glob(dirname(__DIR__) . '/mod_magquiz/classes/external/*.php') as $file) {
    require_once($file);
}
require_once(__DIR__ . '/support/quiz_scenarios.php');

/**
 * The quiz's web service structures, through a stand-in of Moodle 4.5's external_api (support/core_external.php):
 * what the pure classes build passes each function's `execute_returns()` (nothing dropped, added or nulled), and each
 * function's `execute_parameters()` takes the bridge's payloads as the host module forwards them (host_logic.js
 * `toArgs()`: `{...payload, cmid}`, with `action` and `response` as JSON text).
 *
 * @covers \mod_magquiz\external\structures
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class QuizServicesShapeTest extends TestCase {
    /**
     * The scenarios, by name.
     *
     * @return array
     */
    public static function scenarios(): array {
        $cases = [];
        foreach (quiz_scenarios::all() as $scenario) {
            $cases[$scenario['name']] = [$scenario['function'], $scenario['value']];
        }
        return $cases;
    }

    /**
     * @dataProvider scenarios
     * @param string $function
     * @param array $value
     */
    public function test_answers_pass_their_return_structure(string $function, array $value): void {
        $class = 'mod_magquiz\\external\\' . $function;
        $cleaned = external_api::clean_returnvalue($class::execute_returns(), $value);
        // Numbers may change type (an integral float to an int and back); nothing else may change.
        $this->assertSame(json_encode(QuizLiveTest::canon($value)), json_encode(QuizLiveTest::canon($cleaned)));
    }

    public function test_a_missing_required_key_or_a_wrong_type_is_refused(): void {
        $state = quiz_scenarios::all()[0]['value'];
        unset($state['live']);
        try {
            external_api::clean_returnvalue(\mod_magquiz\external\get_state::execute_returns(), $state);
            $this->fail('a missing live key must be refused');
        } catch (\invalid_response_exception $e) {
            $this->assertStringContainsString('live', $e->getMessage());
        }
        $state['live'] = null;
        $state['version'] = 'three';
        $this->expectException(\invalid_response_exception::class);
        external_api::clean_returnvalue(\mod_magquiz\external\get_state::execute_returns(), $state);
    }

    /**
     * Payloads of the bridge's subjects, as the host module forwards them.
     *
     * @return array
     */
    public static function payloads(): array {
        return [
            'quiz.state' => ['get_state', []],
            'quiz.start' => ['start', ['key' => 'abcd-1234-efgh']],
            'quiz.act (save)' => ['act', ['attempt' => 1, 'action' => '{"type":"save","slot":0,"response":{"choice":1}}',
                'key' => 'abcd-1234-efgh']],
            'quiz.act (a hostile response, checked later)' => ['act', ['attempt' => 1,
                'action' => '{"type":"save","slot":0,"response":"<script>"}', 'key' => 'abcd-1234-efgh']],
            'quiz.live.join' => ['live_join', []],
            'quiz.live.answer' => ['live_answer', ['step' => 0, 'response' => '{"choices":[null,2]}', 'key' => 'k-12345678',
                'elapsedMs' => 1520.5]],
            'quiz.live.answer (no elapsedMs)' => ['live_answer', ['step' => 3, 'response' => '{"text":"Pix"}',
                'key' => 'k-12345678']],
            'quiz.live.control (open)' => ['live_control', ['action' => 'open',
                'settings' => ['timerSeconds' => 20, 'speedPoints' => true, 'leaderboard' => 'top5']]],
            'quiz.live.control (open, no timer)' => ['live_control', ['action' => 'open',
                'settings' => ['speedPoints' => false, 'leaderboard' => 'off']]],
            'quiz.live.control (next)' => ['live_control', ['action' => 'next']],
            'quiz.results' => ['results', []],
            'quiz.grade' => ['grade_essay', ['attempt' => 12, 'position' => 3, 'mark' => 1.5,
                'comment' => 'Précis, <b>et</b> justifié.']],
            'quiz.grade (a whole mark, no comment)' => ['grade_essay', ['attempt' => 0, 'position' => 0, 'mark' => 2]],
            'quiz.accommodations (the list)' => ['accommodations', []],
            'quiz.accommodations (set)' => ['accommodations', ['set' => ['user' => '12', 'extraTimeSeconds' => 120]]],
        ];
    }

    /**
     * @dataProvider payloads
     * @param string $function
     * @param array $payload
     */
    public function test_parameters_take_the_bridge_payloads(string $function, array $payload): void {
        $class = 'mod_magquiz\\external\\' . $function;
        $params = external_api::validate_parameters($class::execute_parameters(), $payload + ['cmid' => 42]);
        $this->assertSame(42, $params['cmid']);
        foreach ($payload as $name => $value) {
            $this->assertEquals($value, $params[$name], $name);
        }
        // Positional arguments, as Moodle calls execute() with array_values() of the validated parameters.
        $reflection = new \ReflectionMethod($class, 'execute');
        $this->assertGreaterThanOrEqual(count($params), $reflection->getNumberOfParameters());
        $this->assertLessThanOrEqual(count($params), $reflection->getNumberOfRequiredParameters());
    }

    public function test_parameters_refuse_what_the_bridge_never_sends(): void {
        foreach ([
            ['act', ['attempt' => 'one', 'action' => '{}', 'key' => 'abcd-1234']],
            ['act', ['attempt' => 1, 'action' => ['type' => 'finish'], 'key' => 'abcd-1234']],
            ['live_answer', ['step' => 0, 'response' => '{}', 'key' => 'not a key!']],
            ['live_control', ['action' => 'open', 'settings' => ['speedPoints' => true]]],
            ['start', ['key' => 'abcd-1234', 'extra' => 1]],
            ['grade_essay', ['attempt' => 1, 'position' => 0, 'mark' => 'ten']],
            ['grade_essay', ['attempt' => 1, 'mark' => 1.0]],
            ['grade_essay', ['attempt' => 1, 'position' => 0, 'mark' => 1.0, 'comment' => ['text' => 'x']]],
            ['accommodations', ['set' => ['user' => '12']]],
            ['accommodations', ['set' => ['user' => '12', 'extraTimeSeconds' => 'long']]],
            ['accommodations', ['set' => '12:120']],
        ] as [$function, $payload]) {
            $class = 'mod_magquiz\\external\\' . $function;
            try {
                external_api::validate_parameters($class::execute_parameters(), $payload + ['cmid' => 42]);
                $this->fail($function . ' took ' . json_encode($payload));
            } catch (\invalid_parameter_exception $e) {
                $this->assertSame('invalidparameter', $e->errorcode);
            }
        }
    }

    public function test_json_parameters_are_decoded_or_refused(): void {
        $this->assertSame(['type' => 'finish'], \mod_magquiz\external\structures::decode('{"type":"finish"}', 'action'));
        $this->assertSame('<script>', \mod_magquiz\external\structures::decode('"<script>"', 'response'));
        foreach (['{', str_repeat('[', 40) . str_repeat(']', 40), '"' . str_repeat('x', 300000) . '"'] as $bad) {
            try {
                \mod_magquiz\external\structures::decode($bad, 'response');
                $this->fail('decoded ' . substr($bad, 0, 20));
            } catch (\invalid_parameter_exception $e) {
                $this->assertStringContainsString('response', $e->debuginfo);
            }
        }
    }
}
