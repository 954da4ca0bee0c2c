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

use mod_magquiz\local\gift;
use PHPUnit\Framework\TestCase;

/**
 * GIFT import: the shared vectors of test/vectors/quiz-gift-import.json (quiz/test/gift-vectors.test.ts passes them
 * on the TypeScript side), and what a trainer may paste that the vectors do not show.
 *
 * @covers \mod_magquiz\local\gift
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class QuizGiftTest extends TestCase {
    /**
     * The vector cases.
     *
     * @return array
     */
    public static function cases(): array {
        $file = json_decode(file_get_contents(MAG_TEST_VECTORS . '/quiz-gift-import.json'), true, 512, JSON_THROW_ON_ERROR);
        $cases = [];
        foreach ($file['cases'] as $case) {
            $cases[$case['name']] = [$case['gift'], $case['expected']];
        }
        return $cases;
    }

    /**
     * @dataProvider cases
     * @param string $source
     * @param array $expected
     */
    public function test_vector(string $source, array $expected): void {
        self::assertSame(json_encode(QuizLiveTest::canon($expected)), json_encode(QuizLiveTest::canon(gift::parse($source))));
    }

    public function test_line_endings_bom_and_no_break_spaces(): void {
        $result = gift::parse("\u{FEFF}::Q1:: Capitale ? {=Paris ~Lyon}\r\n\r\n\u{00A0}Deux {\u{00A0}=2\u{00A0}}\r\n");
        self::assertSame([], $result['errors']);
        self::assertSame('Q1', $result['questions'][0]['name']);
        self::assertSame('2', $result['questions'][1]['answers'][0]['text']);
        self::assertSame('Deux', $result['questions'][1]['text']);
    }

    public function test_bad_input_is_an_error_never_an_exception(): void {
        $result = gift::parse("Q {#1e400}\n\nR {=a ~b}\n\n\xff\xfe {=x ~y}\n\n{}");
        self::assertSame('not a number: "1e400"', $result['errors'][0]['message']);
        self::assertSame('R', $result['questions'][0]['text']);
        self::assertSame(['line' => 7, 'column' => 1, 'message' => 'question without text'], end($result['errors']));
        self::assertNotFalse(json_encode($result));
    }
}
