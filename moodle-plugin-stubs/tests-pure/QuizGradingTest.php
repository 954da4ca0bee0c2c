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

use mod_magquiz\local\grader;
use mod_magquiz\local\response;
use PHPUnit\Framework\TestCase;

/**
 * Quiz grading: the shared vectors (grading, responses, numbers), and what only PHP can test.
 *
 * @covers \mod_magquiz\local\grader
 * @covers \mod_magquiz\local\response
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class QuizGradingTest extends TestCase {
    /**
     * The vector file, decoded.
     *
     * @return array
     */
    private static function file(): array {
        return json_decode(file_get_contents(MAG_TEST_VECTORS . '/quiz-grading.json'), true, 512, JSON_THROW_ON_ERROR);
    }

    /**
     * A grade result with its fraction as a float, as grader::grade() returns it (JSON has `1` for 1.0).
     *
     * @param array $result
     * @return array
     */
    private static function canonical(array $result): array {
        if (is_int($result['fraction'])) {
            $result['fraction'] = (float) $result['fraction'];
        }
        return $result;
    }

    /**
     * Grading cases shared with the TypeScript implementation, named by their name.
     *
     * @return array
     */
    public static function grading_vectors(): array {
        $cases = [];
        foreach (self::file()['cases'] as $case) {
            $cases[$case['name']] = [$case['question'], $case['response'], $case['expected']];
        }
        return $cases;
    }

    /**
     * @dataProvider grading_vectors
     * @param array $question
     * @param array|null $response
     * @param array $expected
     */
    public function test_grading_vectors(array $question, ?array $response, array $expected): void {
        if ($response !== null) {
            $parsed = response::parse($question, $response);
            $this->assertTrue($parsed['ok'], $parsed['message'] ?? '');
            $response = $parsed['response'];
        }
        $this->assertSame(self::canonical($expected), grader::grade($question, $response));
    }

    /**
     * Response-checking cases shared with the TypeScript implementation.
     *
     * @return array
     */
    public static function response_vectors(): array {
        $cases = [];
        foreach (self::file()['responseCases'] as $case) {
            $cases[$case['name']] = [$case['question'], $case['input'], $case['expected']];
        }
        return $cases;
    }

    /**
     * @dataProvider response_vectors
     * @param array $question
     * @param mixed $input
     * @param array $expected
     */
    public function test_response_vectors(array $question, $input, array $expected): void {
        $parsed = response::parse($question, $input);
        if ($expected['ok']) {
            $this->assertSame(['ok' => true, 'response' => $expected['response']], $parsed);
        } else {
            $this->assertFalse($parsed['ok']);
            $this->assertSame($expected['code'], $parsed['code']);
            $this->assertNotEmpty($parsed['message']);
        }
    }

    /**
     * Number-reading cases shared with the TypeScript implementation.
     *
     * @return array
     */
    public static function number_vectors(): array {
        $cases = [];
        foreach (self::file()['numberCases'] as $case) {
            $cases[json_encode($case['text'], JSON_UNESCAPED_UNICODE)] = [$case['text'], $case['expected']];
        }
        return $cases;
    }

    /**
     * @dataProvider number_vectors
     * @param string $text
     * @param int|float|null $expected
     */
    public function test_number_vectors(string $text, $expected): void {
        $this->assertSame($expected === null ? null : (float) $expected, grader::parse_number($text));
    }

    public function test_every_vector_is_run_once(): void {
        $file = self::file();
        $this->assertCount(count($file['cases']), self::grading_vectors(), 'case names must be unique');
        $this->assertCount(count($file['responseCases']), self::response_vectors(), 'case names must be unique');
        $this->assertCount(count($file['numberCases']), self::number_vectors(), 'number texts must be unique');
        $this->assertGreaterThanOrEqual(130, count($file['cases']));
    }

    public function test_invalid_utf8_is_refused(): void {
        $question = ['type' => 'shortanswer', 'text' => 'Q', 'textFormat' => 'moodle', 'caseSensitive' => false,
            'answers' => [['text' => 'a', 'fraction' => 100]]];
        $this->assertSame('invalid_text', response::parse($question, ['text' => "mo\xFFt"])['code']);
        $this->assertSame('too_long', response::parse($question, ['text' => str_repeat("\xFF", 5000)])['code']);
    }

    public function test_an_integral_float_is_an_index_and_a_list_is_required(): void {
        $question = ['type' => 'multiple', 'text' => 'Q', 'textFormat' => 'moodle',
            'answers' => [['text' => 'a', 'fraction' => 50], ['text' => 'b', 'fraction' => 50]]];
        $this->assertSame(['ok' => true, 'response' => ['choices' => [0, 1]]],
            response::parse($question, ['choices' => [1.0, 0]]));
        $this->assertSame('wrong_shape', response::parse($question, ['choices' => ['a' => 0]])['code']);
        $this->assertSame('wrong_shape', response::parse($question, ['choices' => [true]])['code']);
        $this->assertSame('wrong_shape', response::parse($question, 'choices')['code']);
        $this->assertSame('out_of_range', response::parse($question, ['choices' => [1e300]])['code']);
    }

    public function test_a_long_ordering_is_graded_at_once(): void {
        $n = 200;
        $swapped = [];
        for ($i = 0; $i < $n; $i++) {
            $swapped[] = $i % 2 === 0 ? $i + 1 : $i - 1;
        }
        $start = microtime(true);
        $this->assertSame(0.5, grader::grade_ordering('longestOrderedSubset', $n, $swapped));
        $this->assertSame(2 / $n, grader::grade_ordering('longestContiguousSubset', $n, $swapped));
        $this->assertLessThan(0.5, microtime(true) - $start);
    }
}
