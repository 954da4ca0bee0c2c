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
namespace mod_magreactions;

/**
 * Data generator.
 *
 * @package    mod_magreactions
 * @category   test
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \mod_magreactions_generator
 */
final class generator_test extends \advanced_testcase {
    public function test_create_instance_and_reaction(): void {
        global $DB;
        $this->resetAfterTest();
        $course = $this->getDataGenerator()->create_course();
        $activity = $this->getDataGenerator()->create_module('magreactions', ['course' => $course->id]);
        $this->assertTrue($DB->record_exists('magreactions', ['id' => $activity->id, 'version' => 0, 'roundno' => 0]));
        $user = $this->getDataGenerator()->create_user();
        $this->getDataGenerator()->get_plugin_generator('mod_magreactions')->create_reaction(
            ['magreactionsid' => $activity->id, 'userid' => $user->id, 'reaction' => 'question']);
        $this->assertEquals(1, $DB->get_field('magreactions', 'version', ['id' => $activity->id]));
    }
}
