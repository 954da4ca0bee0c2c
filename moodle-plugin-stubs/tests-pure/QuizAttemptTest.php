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

use mod_magquiz\local\attempt;
use mod_magquiz\local\view;
use PHPUnit\Framework\TestCase;

/**
 * Quiz attempts and trainee views: the shared behaviour vectors, played step by step, and the seeded starts.
 *
 * @covers \mod_magquiz\local\attempt
 * @covers \mod_magquiz\local\view
 * @covers \mod_magquiz\local\random
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class QuizAttemptTest extends TestCase {
    /**
     * The vector file, decoded.
     *
     * @return array
     */
    private static function file(): array {
        return json_decode(file_get_contents(MAG_TEST_VECTORS . '/quiz-behaviours.json'), true, 512,
            JSON_THROW_ON_ERROR);
    }

    /**
     * Numbers as floats, everywhere in a value (JSON writes 1.0 as 1; both sides mean the same number).
     *
     * @param mixed $value
     * @return mixed
     */
    private static function floats($value) {
        if (is_array($value)) {
            return array_map([self::class, 'floats'], $value);
        }
        return is_int($value) ? (float) $value : $value;
    }

    /**
     * Where `actual` does not hold `expected`: objects key by key (more keys allowed), lists element by element.
     *
     * @param mixed $actual
     * @param mixed $expected
     * @param string $path
     * @return string[]
     */
    private static function holds($actual, $expected, string $path = '$'): array {
        if (is_array($expected) && array_is_list($expected) && $expected !== []) {
            if (!is_array($actual) || !array_is_list($actual) || count($actual) !== count($expected)) {
                return [$path . ': ' . json_encode($actual)];
            }
            $out = [];
            foreach ($expected as $i => $item) {
                $out = array_merge($out, self::holds($actual[$i], $item, "{$path}[{$i}]"));
            }
            return $out;
        }
        if (is_array($expected) && $expected !== []) {
            if (!is_array($actual)) {
                return [$path . ': ' . json_encode($actual)];
            }
            $out = [];
            foreach ($expected as $key => $item) {
                $out = array_merge($out, self::holds($actual[$key] ?? null, $item, "{$path}.{$key}"));
            }
            return $out;
        }
        return self::floats($actual) === self::floats($expected) ? [] :
            [$path . ': ' . json_encode($actual) . ' ≠ ' . json_encode($expected)];
    }

    /**
     * Every key in a value.
     *
     * @param mixed $value
     * @param array $keys
     * @return array
     */
    private static function keys($value, array &$keys = []): array {
        if (is_array($value)) {
            foreach ($value as $key => $item) {
                if (is_string($key)) {
                    $keys[$key] = true;
                }
                self::keys($item, $keys);
            }
        }
        return $keys;
    }

    /**
     * Behaviour cases shared with the TypeScript implementation.
     *
     * @return array
     */
    public static function behaviour_vectors(): array {
        $cases = [];
        foreach (self::file()['cases'] as $case) {
            $cases[$case['name']] = [$case];
        }
        return $cases;
    }

    /**
     * @dataProvider behaviour_vectors
     * @param array $case
     */
    public function test_behaviour_vectors(array $case): void {
        $quiz = $case['quiz'];
        $started = attempt::start($quiz, $case['start']);
        $this->assertTrue($started['ok']);
        $state = $started['state'];
        foreach ($case['orders'] ?? [] as $i => $orders) {
            if (isset($orders['order'])) {
                $state['slots'][$i]['order'] = $orders['order'];
                if ($quiz['slots'][$state['slots'][$i]['index']]['question']['type'] === 'ordering') {
                    $state['slots'][$i]['response'] = ['order' => $orders['order']];
                }
            }
            if (isset($orders['choiceOrder'])) {
                $state['slots'][$i]['choiceOrder'] = $orders['choiceOrder'];
            }
        }
        foreach ($case['steps'] as $n => $step) {
            $where = 'step ' . ($n + 1);
            $expect = $step['expect'];
            if ($step['action'] === 'closeIfOverdue') {
                $state = attempt::close_if_overdue($quiz, $state, $step['at']);
            } else {
                $result = attempt::apply_action($quiz, $state, $step['action'], $step['at']);
                $this->assertSame($expect['ok'], $result['ok'], $where . ' ' . ($result['message'] ?? ''));
                if (!$result['ok']) {
                    $this->assertSame($expect['code'], $result['code'], $where);
                    continue;
                }
                $state = $result['state'];
            }
            if (isset($expect['status'])) {
                $this->assertSame($expect['status'], $state['status'], $where);
            }
            if (isset($expect['finishedAt'])) {
                $this->assertEquals($expect['finishedAt'], $state['finishedAt'], $where);
            }
            if (isset($expect['slots'])) {
                $slots = [];
                foreach ($state['slots'] as $slot) {
                    $summary = ['status' => $slot['status'], 'tries' => $slot['tries'], 'fraction' => $slot['fraction'],
                        'state' => $slot['outcome']['state'] ?? null];
                    if (isset($slot['invalid'])) {
                        $summary['invalid'] = $slot['invalid'];
                    }
                    $slots[] = $summary;
                }
                $this->assertSame(self::floats($expect['slots']), self::floats($slots), $where);
            }
            if (isset($expect['state'])) {
                $this->assertSame([], self::holds($state, $expect['state']), $where);
            }
            if (isset($expect['grade'])) {
                $grade = attempt::attempt_grade($quiz, $state);
                unset($grade['slots'], $grade['status']);
                $this->assertSame(self::floats($expect['grade']), self::floats($grade), $where);
            }
            $trainee = view::trainee_view($quiz, $state, $step['at']);
            if (isset($expect['view'])) {
                $this->assertSame([], self::holds($trainee, $expect['view']), $where);
            }
            $keys = self::keys($trainee);
            foreach ($expect['viewLacks'] ?? [] as $key) {
                $this->assertArrayNotHasKey($key, $keys, $where);
            }
        }
    }

    /**
     * Seeded starts, recorded from the TypeScript implementation.
     *
     * @return array
     */
    public static function start_vectors(): array {
        $cases = [];
        foreach (self::file()['startCases'] as $case) {
            $cases[$case['name']] = [$case['quiz'], $case['start'], $case['expected']];
        }
        return $cases;
    }

    /**
     * @dataProvider start_vectors
     * @param array $quiz
     * @param array $start
     * @param array $expected
     */
    public function test_start_vectors(array $quiz, array $start, array $expected): void {
        $this->assertSame(['ok' => true, 'state' => self::floats($expected)],
            self::floats(attempt::start($quiz, $start)));
    }

    public function test_every_vector_is_run_once(): void {
        $this->assertCount(count(self::file()['cases']), self::behaviour_vectors(), 'case names must be unique');
        $this->assertCount(count(self::file()['startCases']), self::start_vectors(), 'case names must be unique');
    }

    public function test_a_state_stored_as_json_resumes(): void {
        $case = self::file()['cases'][3];
        $quiz = $case['quiz'];
        $state = attempt::start($quiz, $case['start'])['state'];
        $state = attempt::apply_action($quiz, $state, ['type' => 'check', 'slot' => 0, 'response' => ['choice' => 1]], 1)['state'];
        $stored = json_decode(json_encode($state), true);
        $next = fn(array $s): array => attempt::apply_action($quiz, $s, ['type' => 'tryAgain', 'slot' => 0], 2)['state'];
        $this->assertSame(self::floats($next($state)), self::floats($next($stored)));
        $this->assertSame('tryAgain', $stored['slots'][0]['status']);
    }

    /** @var string[] The only keys a view may hold before feedback (as quiz/test/view.test.ts). */
    private const ALLOWED_KEYS = ['number', 'status', 'behaviour', 'deadline', 'timeLeft', 'questions', 'slot', 'type', 'text',
        'textAfter', 'textFormat', 'maxMark', 'choices', 'stems', 'items', 'id', 'response', 'invalid', 'triesLeft', 'choice',
        'value', 'order'];

    /**
     * A quiz whose bank has a marker in every secret field.
     *
     * @param string $behaviour
     * @return array
     */
    private static function secret_quiz(string $behaviour): array {
        $common = ['textFormat' => 'html', 'id' => 'SECRET-id', 'name' => 'SECRET-name', 'category' => 'SECRET-cat',
            'tags' => ['SECRET-tag'], 'generalFeedback' => 'SECRET-general', 'penalty' => 27.1828,
            'hints' => [['text' => 'HINT-ONE'], ['text' => 'HINT-TWO']],
            'correctFeedback' => 'SECRET-c1', 'partiallyCorrectFeedback' => 'SECRET-c2', 'incorrectFeedback' => 'SECRET-c3'];
        $questions = [
            ['type' => 'single', 'text' => 'S', 'answers' => [['text' => 'a', 'fraction' => 100, 'feedback' => 'SECRET-a'],
                ['text' => 'b', 'fraction' => 27.1828, 'feedback' => 'SECRET-b'], ['text' => 'c', 'fraction' => 0]]],
            ['type' => 'multiple', 'text' => 'M', 'answers' => [['text' => 'a', 'fraction' => 50, 'feedback' => 'SECRET-a'],
                ['text' => 'b', 'fraction' => 50], ['text' => 'c', 'fraction' => -100, 'feedback' => 'SECRET-c']]],
            ['type' => 'truefalse', 'text' => 'T', 'correct' => true, 'feedbackTrue' => 'SECRET-t', 'feedbackFalse' => 'SECRET-f'],
            ['type' => 'shortanswer', 'text' => 'SA', 'caseSensitive' => false,
                'answers' => [['text' => 'SECRETWORD', 'fraction' => 100]]],
            ['type' => 'numerical', 'text' => 'N', 'answers' => [['kind' => 'exact', 'value' => 271828, 'tolerance' => 0.271828,
                'fraction' => 100, 'feedback' => 'SECRET-n']]],
            ['type' => 'matching', 'text' => 'Ma', 'pairs' => [['left' => 'l1', 'right' => 'r1'], ['left' => 'l2', 'right' => 'r2'],
                ['left' => '', 'right' => 'r3']]],
            ['type' => 'ordering', 'text' => 'O', 'items' => ['i1', 'i2', 'i3'], 'grading' => 'absolutePosition'],
            ['type' => 'essay', 'text' => 'E', 'graderInfo' => 'SECRET-grader'],
            ['type' => 'description', 'text' => 'D'],
        ];
        $slots = [];
        foreach ($questions as $question) {
            $slots[] = ['question' => $question + $common];
        }
        return ['settings' => ['behaviour' => $behaviour, 'shuffleQuestions' => true], 'slots' => $slots];
    }

    public function test_no_secret_reaches_a_trainee_before_feedback(): void {
        $responses = ['single' => ['choice' => 0], 'multiple' => ['choices' => [0, 1]], 'truefalse' => ['value' => false],
            'shortanswer' => ['text' => 'x'], 'numerical' => ['text' => '1'], 'matching' => ['choices' => [0, 1]],
            'ordering' => ['order' => [2, 1, 0]], 'essay' => ['text' => 'avis']];
        foreach (['deferred', 'immediate', 'interactive'] as $behaviour) {
            $quiz = self::secret_quiz($behaviour);
            for ($k = 0; $k < 10; $k++) {
                $state = attempt::start($quiz, ['seed' => "secret-$k", 'now' => 0])['state'];
                $json = json_encode(view::trainee_view($quiz, $state, 0));
                $this->assertDoesNotMatchRegularExpression('/SECRET|HINT|27182|fraction|correct"|graderInfo/', $json);
                foreach ($state['slots'] as $position => $slot) {
                    $type = $quiz['slots'][$slot['index']]['question']['type'];
                    if (isset($responses[$type])) {
                        $state = attempt::apply_action($quiz, $state,
                            ['type' => 'save', 'slot' => $position, 'response' => $responses[$type]], 1)['state'];
                    }
                }
                $trainee = view::trainee_view($quiz, $state, 2);
                $json = json_encode($trainee);
                $this->assertDoesNotMatchRegularExpression('/SECRET|HINT|27182|fraction|correct"|graderInfo/', $json);
                $this->assertSame([], array_diff(array_keys(self::keys($trainee)), self::ALLOWED_KEYS));
            }
        }
    }
}
