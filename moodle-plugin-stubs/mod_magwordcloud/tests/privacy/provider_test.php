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


namespace mod_magwordcloud\privacy;

use core_privacy\local\request\approved_contextlist;
use core_privacy\local\request\approved_userlist;
use core_privacy\local\request\userlist;
use core_privacy\local\request\writer;
use core_privacy\tests\provider_testcase;

/**
 * Privacy provider of the word cloud.
 *
 * @package    mod_magwordcloud
 * @category   test
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \mod_magwordcloud\privacy\provider
 */
final class provider_test extends provider_testcase {
    /** @var \stdClass */
    private $cloud;
    /** @var \context_module */
    private $context;
    /** @var \stdClass */
    private $alice;
    /** @var \stdClass */
    private $bob;

    protected function setUp(): void {
        parent::setUp();
        $this->resetAfterTest();
        $generator = $this->getDataGenerator();
        $course = $generator->create_course();
        $this->cloud = $generator->create_module('magwordcloud', ['course' => $course->id]);
        $this->context = \context_module::instance($this->cloud->cmid);
        $this->alice = $generator->create_and_enrol($course, 'student');
        $this->bob = $generator->create_and_enrol($course, 'student');
        $modgenerator = $generator->get_plugin_generator('mod_magwordcloud');
        $modgenerator->create_entry(['magwordcloudid' => $this->cloud->id, 'userid' => $this->alice->id,
            'text' => 'curiosité', 'timecreated' => 1000]);
        $modgenerator->create_entry(['magwordcloudid' => $this->cloud->id, 'userid' => $this->alice->id,
            'text' => 'patience', 'status' => 'withdrawn', 'timecreated' => 2000]);
        $modgenerator->create_entry(['magwordcloudid' => $this->cloud->id, 'userid' => $this->bob->id,
            'text' => 'écoute']);
    }

    public function test_metadata(): void {
        $collection = provider::get_metadata(new \core_privacy\local\metadata\collection('mod_magwordcloud'));
        $items = $collection->get_collection();
        $this->assertCount(1, $items);
        $this->assertSame('magwordcloud_entry', $items[0]->get_name());
        $this->assertArrayHasKey('entrytext', $items[0]->get_privacy_fields());
    }

    public function test_get_contexts_for_userid(): void {
        $this->assertEquals([$this->context->id], provider::get_contexts_for_userid($this->alice->id)->get_contextids());
        $nobody = $this->getDataGenerator()->create_user();
        $this->assertEmpty(provider::get_contexts_for_userid($nobody->id)->get_contextids());
    }

    public function test_get_users_in_context(): void {
        $userlist = new userlist($this->context, 'mod_magwordcloud');
        provider::get_users_in_context($userlist);
        $this->assertEqualsCanonicalizing([$this->alice->id, $this->bob->id], $userlist->get_userids());
    }

    public function test_export_user_data(): void {
        $this->export_context_data_for_user($this->alice->id, $this->context, 'mod_magwordcloud');
        $writer = writer::with_context($this->context);
        $this->assertTrue($writer->has_any_data());
        $data = $writer->get_data([]);
        $this->assertSame(['curiosité', 'patience'], array_column(array_map(fn($e) => (array) $e, $data->entries), 'text'));
        $this->assertSame(get_string('status:withdrawn', 'mod_magwordcloud'), $data->entries[1]->status);
        $this->assertStringNotContainsString('écoute', json_encode($data), 'Only Alice\'s entries.');
    }

    public function test_delete_data_for_user_keeps_others_and_bumps_the_version(): void {
        global $DB;
        $before = $DB->get_field('magwordcloud', 'version', ['id' => $this->cloud->id]);
        provider::delete_data_for_user(new approved_contextlist($this->alice, 'mod_magwordcloud', [$this->context->id]));
        $this->assertEquals(0, $DB->count_records('magwordcloud_entry', ['userid' => $this->alice->id]));
        $this->assertEquals(1, $DB->count_records('magwordcloud_entry', ['userid' => $this->bob->id]));
        $this->assertGreaterThan($before, $DB->get_field('magwordcloud', 'version', ['id' => $this->cloud->id]));
    }

    public function test_delete_data_for_users(): void {
        global $DB;
        provider::delete_data_for_users(new approved_userlist($this->context, 'mod_magwordcloud', [$this->bob->id]));
        $this->assertEquals(2, $DB->count_records('magwordcloud_entry', ['magwordcloudid' => $this->cloud->id]));
        $this->assertEquals(0, $DB->count_records('magwordcloud_entry', ['userid' => $this->bob->id]));
    }

    public function test_delete_data_for_all_users_in_context(): void {
        global $DB;
        provider::delete_data_for_all_users_in_context($this->context);
        $this->assertEquals(0, $DB->count_records('magwordcloud_entry', ['magwordcloudid' => $this->cloud->id]));
    }
}
