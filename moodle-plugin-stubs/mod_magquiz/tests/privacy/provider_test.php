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

namespace mod_magquiz\privacy;

use core_privacy\local\request\approved_contextlist;
use core_privacy\local\request\approved_userlist;
use core_privacy\local\request\userlist;
use core_privacy\local\request\writer;
use core_privacy\tests\provider_testcase;
use mod_magquiz\manager;

/**
 * Privacy provider of the quiz: attempts, live participation and answers; grades deleted with them.
 *
 * @package    mod_magquiz
 * @category   test
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \mod_magquiz\privacy\provider
 */
final class provider_test extends provider_testcase {
    /** @var \stdClass */
    private $course;
    /** @var \stdClass */
    private $quiz;
    /** @var \context_module */
    private $context;
    /** @var \stdClass */
    private $alice;
    /** @var \stdClass */
    private $bob;

    protected function setUp(): void {
        global $CFG;
        require_once($CFG->libdir . '/gradelib.php');
        parent::setUp();
        $this->resetAfterTest();
        $generator = $this->getDataGenerator();
        $this->course = $generator->create_course();
        $this->quiz = $generator->create_module('magquiz', ['course' => $this->course->id, 'shuffleanswers' => 0]);
        $this->context = \context_module::instance($this->quiz->cmid);
        $this->alice = $generator->create_and_enrol($this->course, 'student');
        $this->bob = $generator->create_and_enrol($this->course, 'student');
        $teacher = $generator->create_and_enrol($this->course, 'editingteacher');
        $cm = get_fast_modinfo($this->course)->get_cm($this->quiz->cmid);
        $manager = manager::create_from_cm($cm);
        foreach ([$this->alice, $this->bob] as $i => $user) {
            $this->setUser($user);
            $manager->start((int) $user->id, "start-key-{$i}");
            $manager->act((int) $user->id, 1, ['type' => 'finish', 'responses' => [
                ['slot' => 1, 'response' => ['text' => $i === 0 ? 'Pix d\'Alice' : 'Pix de Bob']]]], "finish-key-{$i}");
        }
        $this->setUser($teacher);
        // Alice has extra time (an accommodation).
        $manager->accommodations((int) $teacher->id, ['userid' => (int) $this->alice->id, 'extra' => 300]);
        $manager->live_control((int) $teacher->id, 'open');
        $this->setUser($this->alice);
        $manager->live_join((int) $this->alice->id);
        $this->setUser($teacher);
        $manager->live_control((int) $teacher->id, 'start');
        $this->setUser($this->alice);
        $manager->get_state((int) $this->alice->id);
        $manager->live_answer((int) $this->alice->id, 0, ['choice' => 0], null, 'live-key-1');
        $this->setUser(null);
    }

    public function test_metadata(): void {
        $collection = provider::get_metadata(new \core_privacy\local\metadata\collection('mod_magquiz'));
        $names = array_map(fn($item) => $item->get_name(), $collection->get_collection());
        $this->assertEqualsCanonicalizing(['magquiz_attempt', 'magquiz_live_part', 'magquiz_live_served',
            'magquiz_live_answer', 'magquiz_override', 'core_grades'], $names);
    }

    public function test_get_contexts_for_userid(): void {
        $this->assertEquals([$this->context->id], provider::get_contexts_for_userid($this->alice->id)->get_contextids());
        $nobody = $this->getDataGenerator()->create_user();
        $this->assertEmpty(provider::get_contexts_for_userid($nobody->id)->get_contextids());
    }

    public function test_get_users_in_context(): void {
        $userlist = new userlist($this->context, 'mod_magquiz');
        provider::get_users_in_context($userlist);
        $this->assertEqualsCanonicalizing([$this->alice->id, $this->bob->id], $userlist->get_userids());
    }

    public function test_export_user_data(): void {
        $this->export_context_data_for_user($this->alice->id, $this->context, 'mod_magquiz');
        $writer = writer::with_context($this->context);
        $this->assertTrue($writer->has_any_data());
        $data = $writer->get_data([]);
        $this->assertCount(1, $data->attempts);
        $this->assertSame(get_string('status:finished', 'mod_magquiz'), $data->attempts[0]->status);
        $this->assertSame('Pix d\'Alice', $data->attempts[0]->answers[1]->response);
        $this->assertCount(1, $data->liveanswers);
        $this->assertCount(1, $data->livesessions);
        $this->assertSame(300, $data->extratimeseconds);
        $this->assertStringNotContainsString('Bob', json_encode($data), 'only Alice\'s data');
    }

    public function test_delete_data_for_user_keeps_others_and_deletes_the_grade(): void {
        global $DB;
        $before = $DB->get_field('magquiz', 'version', ['id' => $this->quiz->id]);
        provider::delete_data_for_user(new approved_contextlist($this->alice, 'mod_magquiz', [$this->context->id]));
        foreach (['magquiz_attempt', 'magquiz_live_part', 'magquiz_live_served', 'magquiz_live_answer', 'magquiz_override']
                as $table) {
            $this->assertEquals(0, $DB->count_records($table, ['userid' => $this->alice->id]), $table);
        }
        $this->assertEquals(1, $DB->count_records('magquiz_attempt', ['userid' => $this->bob->id]));
        $grades = grade_get_grades($this->course->id, 'mod', 'magquiz', $this->quiz->id, [$this->alice->id, $this->bob->id]);
        $this->assertNull($grades->items[0]->grades[$this->alice->id]->grade);
        $this->assertNotNull($grades->items[0]->grades[$this->bob->id]->grade);
        $this->assertGreaterThan($before, $DB->get_field('magquiz', 'version', ['id' => $this->quiz->id]));
    }

    public function test_delete_data_for_users(): void {
        global $DB;
        provider::delete_data_for_users(new approved_userlist($this->context, 'mod_magquiz', [$this->bob->id]));
        $this->assertEquals(0, $DB->count_records('magquiz_attempt', ['userid' => $this->bob->id]));
        $this->assertEquals(1, $DB->count_records('magquiz_attempt', ['userid' => $this->alice->id]));
        $this->assertEquals(1, $DB->count_records('magquiz_live_answer', ['userid' => $this->alice->id]));
    }

    public function test_delete_data_for_all_users_in_context(): void {
        global $DB;
        provider::delete_data_for_all_users_in_context($this->context);
        foreach (['magquiz_attempt', 'magquiz_action', 'magquiz_live_part', 'magquiz_live_answer', 'magquiz_override']
                as $table) {
            $this->assertEquals(0, $DB->count_records($table), $table);
        }
        $this->assertTrue($DB->record_exists('magquiz', ['id' => $this->quiz->id]), 'the activity stays');
    }
}
