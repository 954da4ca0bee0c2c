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
 * Library functions: instances, supports, completion, course reset, backup and restore.
 *
 * @package    mod_magreactions
 * @category   test
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     ::magreactions_supports
 * @covers     ::magreactions_add_instance
 * @covers     ::magreactions_delete_instance
 * @covers     \mod_magreactions\completion\custom_completion
 */
final class lib_test extends \advanced_testcase {
    public static function setUpBeforeClass(): void {
        global $CFG;
        require_once($CFG->dirroot . '/mod/magreactions/lib.php');
        require_once($CFG->libdir . '/completionlib.php');
        require_once($CFG->dirroot . '/backup/util/includes/backup_includes.php');
        require_once($CFG->dirroot . '/backup/util/includes/restore_includes.php');
        parent::setUpBeforeClass();
    }

    public function test_supports(): void {
        $this->assertTrue(magreactions_supports(FEATURE_BACKUP_MOODLE2));
        $this->assertTrue(magreactions_supports(FEATURE_COMPLETION_HAS_RULES));
        $this->assertTrue(magreactions_supports(FEATURE_GROUPS));
        $this->assertSame(MOD_PURPOSE_COLLABORATION, magreactions_supports(FEATURE_MOD_PURPOSE));
        $this->assertTrue(\local_magactivities\channel::supports('magreactions'));
        $this->assertNull(magreactions_supports('unknown_feature'));
    }

    public function test_delete_instance_removes_reactions(): void {
        global $DB;
        $this->resetAfterTest();
        $course = $this->getDataGenerator()->create_course();
        $activity = $this->getDataGenerator()->create_module('magreactions', ['course' => $course->id]);
        $user = $this->getDataGenerator()->create_and_enrol($course, 'student');
        $this->getDataGenerator()->get_plugin_generator('mod_magreactions')->create_reaction(
            ['magreactionsid' => $activity->id, 'userid' => $user->id, 'reaction' => 'lost']);
        course_delete_module($activity->cmid);
        $this->assertFalse($DB->record_exists('magreactions', ['id' => $activity->id]));
        $this->assertFalse($DB->record_exists('magreactions_reaction', ['magreactionsid' => $activity->id]));
    }

    public function test_completion_after_n_reactions(): void {
        $this->resetAfterTest();
        $course = $this->getDataGenerator()->create_course(['enablecompletion' => 1]);
        $activity = $this->getDataGenerator()->create_module('magreactions', ['course' => $course->id,
            'completion' => COMPLETION_TRACKING_AUTOMATIC, 'completionreactions' => 2]);
        $student = $this->getDataGenerator()->create_and_enrol($course, 'student');
        $cm = get_fast_modinfo($course)->get_cm($activity->cmid);
        $completion = new \completion_info($course);
        $manager = manager::create_from_cm($cm);

        $this->setUser($student);
        $manager->react((int) $student->id, 'understood', 'key-00000001');
        $this->assertEquals(COMPLETION_INCOMPLETE, $completion->get_data($cm, false, $student->id)->completionstate);
        $manager->react((int) $student->id, 'understood', 'key-00000001');
        $this->assertEquals(COMPLETION_INCOMPLETE, $completion->get_data($cm, false, $student->id)->completionstate,
            'A replayed key is not a second reaction.');
        $manager->react((int) $student->id, 'question', 'key-00000002');
        $this->assertEquals(COMPLETION_COMPLETE, $completion->get_data($cm, false, $student->id)->completionstate);
    }

    public function test_course_reset_deletes_reactions(): void {
        global $DB;
        $this->resetAfterTest();
        $course = $this->getDataGenerator()->create_course();
        $activity = $this->getDataGenerator()->create_module('magreactions', ['course' => $course->id]);
        $user = $this->getDataGenerator()->create_and_enrol($course, 'student');
        $this->getDataGenerator()->get_plugin_generator('mod_magreactions')->create_reaction(
            ['magreactionsid' => $activity->id, 'userid' => $user->id, 'reaction' => 'lost']);
        $status = magreactions_reset_userdata((object) ['courseid' => $course->id, 'reset_magreactions' => 1]);
        $this->assertFalse($status[0]['error']);
        $this->assertEquals(0, $DB->count_records('magreactions_reaction', ['magreactionsid' => $activity->id]));
    }

    public function test_backup_and_restore_with_user_data(): void {
        global $DB, $USER;
        $this->resetAfterTest();
        $this->setAdminUser();
        $course = $this->getDataGenerator()->create_course();
        $activity = $this->getDataGenerator()->create_module('magreactions', ['course' => $course->id,
            'name' => 'Pace check']);
        $user = $this->getDataGenerator()->create_and_enrol($course, 'student');
        $this->getDataGenerator()->get_plugin_generator('mod_magreactions')->create_reaction(
            ['magreactionsid' => $activity->id, 'userid' => $user->id, 'reaction' => 'slower', 'idemkey' => 'key-restore']);

        $bc = new \backup_controller(\backup::TYPE_1COURSE, $course->id, \backup::FORMAT_MOODLE,
            \backup::INTERACTIVE_NO, \backup::MODE_IMPORT, $USER->id);
        $bc->get_plan()->get_setting('users')->set_status(\backup_setting::NOT_LOCKED);
        $bc->get_plan()->get_setting('users')->set_value(true);
        $backupid = $bc->get_backupid();
        $bc->execute_plan();
        $bc->destroy();

        $newcourse = $this->getDataGenerator()->create_course();
        $rc = new \restore_controller($backupid, $newcourse->id, \backup::INTERACTIVE_NO, \backup::MODE_IMPORT,
            $USER->id, \backup::TARGET_EXISTING_ADDING);
        $rc->get_plan()->get_setting('users')->set_status(\backup_setting::NOT_LOCKED);
        $rc->get_plan()->get_setting('users')->set_value(true);
        $this->assertTrue($rc->execute_precheck());
        $rc->execute_plan();
        $rc->destroy();

        $restored = $DB->get_record('magreactions', ['course' => $newcourse->id], '*', MUST_EXIST);
        $this->assertSame('Pace check', $restored->name);
        $reaction = $DB->get_record('magreactions_reaction', ['magreactionsid' => $restored->id], '*', MUST_EXIST);
        $this->assertSame('slower', $reaction->reaction);
        $this->assertSame('key-restore', $reaction->idemkey);
        $this->assertEquals($user->id, $reaction->userid);
    }
}
