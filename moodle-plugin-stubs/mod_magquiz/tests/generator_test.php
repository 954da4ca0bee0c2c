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

namespace mod_magquiz;

/**
 * Data generator.
 *
 * @package    mod_magquiz
 * @category   test
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \mod_magquiz_generator
 */
final class generator_test extends \advanced_testcase {
    public function test_create_instance_with_the_default_questions_or_given_ones(): void {
        global $DB;
        $this->resetAfterTest();
        $course = $this->getDataGenerator()->create_course();
        $quiz = $this->getDataGenerator()->create_module('magquiz', ['course' => $course->id]);
        $record = $DB->get_record('magquiz', ['id' => $quiz->id], '*', MUST_EXIST);
        $this->assertEquals(0, $record->version);
        $this->assertSame('gift', $record->questionformat);
        $this->assertSame(['single', 'shortanswer'],
            array_map(fn($slot) => $slot['question']['type'], json_decode($record->questions, true)));
        $json = json_encode([['question' => ['type' => 'essay', 'text' => 'Votre avis ?', 'textFormat' => 'plain']]]);
        $other = $this->getDataGenerator()->create_module('magquiz', ['course' => $course->id, 'questionsjson' => $json]);
        $this->assertSame('essay', json_decode($DB->get_field('magquiz', 'questions', ['id' => $other->id]),
            true)[0]['question']['type']);
    }
}
