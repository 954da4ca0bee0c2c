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

namespace mod_magmodule;

/**
 * The data generator.
 *
 * @package    mod_magmodule
 * @category   test
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \mod_magmodule_generator
 */
final class generator_test extends \advanced_testcase {
    public function test_create_instance_with_steps(): void {
        global $DB;
        $this->resetAfterTest();
        $course = $this->getDataGenerator()->create_course();
        $generator = $this->getDataGenerator()->get_plugin_generator('mod_magmodule');
        $instance = $generator->create_instance(['course' => $course->id,
            'steps' => [\mod_magmodule_generator::session_step('s1'), \mod_magmodule_generator::module_step('m1')]]);
        $record = $DB->get_record('magmodule', ['id' => $instance->id], '*', MUST_EXIST);
        $this->assertCount(2, json_decode($record->steps, true));
        $this->assertEquals(1, $DB->count_records('event', ['modulename' => 'magmodule', 'instance' => $instance->id]));
    }

    public function test_bad_steps_are_refused(): void {
        $this->resetAfterTest();
        $course = $this->getDataGenerator()->create_course();
        $this->expectException(\moodle_exception::class);
        $this->getDataGenerator()->create_module('magmodule', ['course' => $course->id,
            'steps' => [['kind' => 'inperson', 'id' => 's1', 'title' => 'x', 'date' => '2026-02-30']]]);
    }
}
