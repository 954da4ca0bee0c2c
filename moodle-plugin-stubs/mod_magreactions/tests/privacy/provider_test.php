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
namespace mod_magreactions\privacy;

use core_privacy\local\request\approved_contextlist;
use core_privacy\local\request\approved_userlist;
use core_privacy\local\request\userlist;
use core_privacy\local\request\writer;
use core_privacy\tests\provider_testcase;

/**
 * Privacy provider of the reactions activity.
 *
 * @package    mod_magreactions
 * @category   test
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \mod_magreactions\privacy\provider
 */
final class provider_test extends provider_testcase {
    /** @var \stdClass */
    private $activity;
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
        $this->activity = $generator->create_module('magreactions', ['course' => $course->id]);
        $this->context = \context_module::instance($this->activity->cmid);
        $this->alice = $generator->create_and_enrol($course, 'student');
        $this->bob = $generator->create_and_enrol($course, 'student');
        $modgenerator = $generator->get_plugin_generator('mod_magreactions');
        $modgenerator->create_reaction(['magreactionsid' => $this->activity->id, 'userid' => $this->alice->id,
            'reaction' => 'lost']);
        $modgenerator->create_reaction(['magreactionsid' => $this->activity->id, 'userid' => $this->alice->id,
            'reaction' => 'understood']);
        $modgenerator->create_reaction(['magreactionsid' => $this->activity->id, 'userid' => $this->bob->id,
            'reaction' => 'question']);
    }

    public function test_metadata(): void {
        $collection = provider::get_metadata(new \core_privacy\local\metadata\collection('mod_magreactions'));
        $this->assertCount(1, $collection->get_collection());
    }

    public function test_get_contexts_for_userid(): void {
        $this->assertEquals([$this->context->id], provider::get_contexts_for_userid($this->alice->id)->get_contextids());
        $nobody = $this->getDataGenerator()->create_user();
        $this->assertEmpty(provider::get_contexts_for_userid($nobody->id)->get_contextids());
    }

    public function test_get_users_in_context(): void {
        $userlist = new userlist($this->context, 'mod_magreactions');
        provider::get_users_in_context($userlist);
        $this->assertEqualsCanonicalizing([$this->alice->id, $this->bob->id], $userlist->get_userids());
    }

    public function test_export_user_data(): void {
        $this->export_context_data_for_user($this->alice->id, $this->context, 'mod_magreactions');
        $writer = writer::with_context($this->context);
        $this->assertTrue($writer->has_any_data());
        $data = $writer->get_data([]);
        $this->assertCount(2, $data->reactions);
        $this->assertSame(get_string('reaction:lost', 'mod_magreactions'), $data->reactions[0]->reaction);
    }

    public function test_delete_data_for_user_keeps_others_and_bumps_the_version(): void {
        global $DB;
        $before = $DB->get_field('magreactions', 'version', ['id' => $this->activity->id]);
        provider::delete_data_for_user(new approved_contextlist($this->alice, 'mod_magreactions', [$this->context->id]));
        $this->assertEquals(0, $DB->count_records('magreactions_reaction', ['userid' => $this->alice->id]));
        $this->assertEquals(1, $DB->count_records('magreactions_reaction', ['userid' => $this->bob->id]));
        $this->assertGreaterThan($before, $DB->get_field('magreactions', 'version', ['id' => $this->activity->id]));
    }

    public function test_delete_data_for_users(): void {
        global $DB;
        provider::delete_data_for_users(new approved_userlist($this->context, 'mod_magreactions', [$this->bob->id]));
        $this->assertEquals(2, $DB->count_records('magreactions_reaction', ['magreactionsid' => $this->activity->id]));
        $this->assertEquals(0, $DB->count_records('magreactions_reaction', ['userid' => $this->bob->id]));
    }

    public function test_delete_data_for_all_users_in_context(): void {
        global $DB;
        provider::delete_data_for_all_users_in_context($this->context);
        $this->assertEquals(0, $DB->count_records('magreactions_reaction', ['magreactionsid' => $this->activity->id]));
    }
}
