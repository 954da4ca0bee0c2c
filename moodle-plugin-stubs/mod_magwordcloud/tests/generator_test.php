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


namespace mod_magwordcloud;

/**
 * Data generator.
 *
 * @package    mod_magwordcloud
 * @category   test
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \mod_magwordcloud_generator
 */
final class generator_test extends \advanced_testcase {
    public function test_create_instance_and_entry(): void {
        global $DB;
        $this->resetAfterTest();
        $course = $this->getDataGenerator()->create_course();
        $cloud = $this->getDataGenerator()->create_module('magwordcloud', ['course' => $course->id]);
        $this->assertTrue($DB->record_exists('magwordcloud', ['id' => $cloud->id, 'version' => 0]));
        $user = $this->getDataGenerator()->create_user();
        $entry = $this->getDataGenerator()->get_plugin_generator('mod_magwordcloud')->create_entry(
            ['magwordcloudid' => $cloud->id, 'userid' => $user->id, 'text' => ' L’École ']);
        $this->assertSame('L’École', $entry->entrytext);
        $this->assertSame("l'école", $entry->entrykey);
        $this->assertEquals(1, $DB->get_field('magwordcloud', 'version', ['id' => $cloud->id]));
    }
}
