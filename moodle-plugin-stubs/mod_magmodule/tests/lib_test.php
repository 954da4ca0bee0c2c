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
 * lib.php: calendar events of the sessions (created, moved, deleted with the steps), grades, completion from the
 * module steps, course reset, delete.
 *
 * @package    mod_magmodule
 * @category   test
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     ::magmodule_refresh_steps_events
 * @covers     ::magmodule_update_grades
 * @covers     ::magmodule_reset_userdata
 * @covers     ::magmodule_delete_instance
 * @covers     \backup_magmodule_activity_structure_step
 * @covers     \restore_magmodule_activity_structure_step
 * @covers     \mod_magmodule\completion\custom_completion
 */
final class lib_test extends \advanced_testcase {
    protected function setUp(): void {
        global $CFG;
        require_once($CFG->dirroot . '/mod/magmodule/lib.php');
        require_once($CFG->libdir . '/completionlib.php');
        parent::setUp();
        $this->resetAfterTest();
        $this->getDataGenerator()->get_plugin_generator('mod_magmodule')->use_fixture_catalog();
        manager::$now = 1772528400;
    }

    protected function tearDown(): void {
        manager::$now = null;
        catalogs::set_fetcher_for_tests(null);
        parent::tearDown();
    }

    public function test_sessions_follow_the_steps_in_the_calendar(): void {
        global $DB;
        $course = $this->getDataGenerator()->create_course();
        $teacher = $this->getDataGenerator()->create_and_enrol($course, 'editingteacher');
        $sync = ['kind' => 'synchronous', 'id' => 's2', 'title' => 'Classe virtuelle', 'date' => '2026-06-02',
            'start' => '17:00', 'durationMinutes' => 60, 'link' => 'https://visio.example.fr/r/1'];
        $programme = $this->getDataGenerator()->create_module('magmodule', ['course' => $course->id,
            'steps' => [\mod_magmodule_generator::session_step('s1'), $sync, \mod_magmodule_generator::module_step('m1')]]);
        $events = $DB->get_records('event', ['modulename' => 'magmodule', 'instance' => $programme->id], 'timestart');
        $this->assertCount(2, $events, 'sessions only, not modules');
        $first = reset($events);
        $this->assertSame('s1', $first->uuid);
        $this->assertEquals(gmmktime(8, 0, 0, 3, 2, 2026), $first->timestart, '09:00 in Paris');
        $this->assertEquals(180 * 60, $first->timeduration);

        // Moved, deleted.
        $this->setUser($teacher);
        $manager = manager::create_from_cm(get_fast_modinfo($course)->get_cm($programme->cmid));
        $version = $manager->programme_state((int) $teacher->id)['version'];
        $manager->programme_save($version, [\mod_magmodule_generator::session_step('s1', '2026-03-09', '14:00')],
            (int) $teacher->id);
        $events = $DB->get_records('event', ['modulename' => 'magmodule', 'instance' => $programme->id]);
        $this->assertCount(1, $events);
        $moved = reset($events);
        $this->assertEquals($first->id, $moved->id, 'the same event, moved');
        $this->assertEquals(gmmktime(13, 0, 0, 3, 9, 2026), $moved->timestart);

        course_delete_module($programme->cmid);
        $this->assertSame(0, $DB->count_records('event', ['modulename' => 'magmodule', 'instance' => $programme->id]));
    }

    public function test_grades_and_completion_come_from_the_module_steps(): void {
        global $CFG;
        require_once($CFG->libdir . '/gradelib.php');
        $course = $this->getDataGenerator()->create_course(['enablecompletion' => 1]);
        $student = $this->getDataGenerator()->create_and_enrol($course, 'student');
        $programme = $this->getDataGenerator()->create_module('magmodule', ['course' => $course->id, 'grade' => 10,
            'completion' => COMPLETION_TRACKING_AUTOMATIC, 'completionmodules' => 1,
            'steps' => [\mod_magmodule_generator::module_step('m1')]]);
        $cm = get_fast_modinfo($course)->get_cm($programme->cmid);
        $manager = manager::create_from_cm($cm);
        $completion = new \completion_info($course);
        $this->setUser($student);
        $this->assertEquals(COMPLETION_INCOMPLETE, $completion->get_data($cm, false, $student->id)->completionstate);

        $manager->progress('m1', 'intro', 20, true, (int) $student->id);
        $manager->xapi('m1', 'exercice', 'session-aaaaaaa', 'key-aaaaaaaa', 'completed', true,
            ['score' => ['raw' => 1, 'max' => 2], 'completion' => true], (int) $student->id);
        $grades = grade_get_grades($course->id, 'mod', 'magmodule', $programme->id, $student->id);
        $this->assertEquals(5.0, (float) reset($grades->items[0]->grades)->grade);
        $this->assertEquals(COMPLETION_COMPLETE, $completion->get_data($cm, false, $student->id)->completionstate);
    }

    public function test_reset_deletes_progress_and_keeps_steps(): void {
        global $DB;
        $course = $this->getDataGenerator()->create_course();
        $student = $this->getDataGenerator()->create_and_enrol($course, 'student');
        $programme = $this->getDataGenerator()->create_module('magmodule', ['course' => $course->id,
            'steps' => [\mod_magmodule_generator::module_step('m1'), \mod_magmodule_generator::session_step('s1')]]);
        $manager = manager::create_from_cm(get_fast_modinfo($course)->get_cm($programme->cmid));
        $this->setUser($student);
        $manager->progress('m1', 'intro', 20, true, (int) $student->id);
        $status = magmodule_reset_userdata((object) ['courseid' => $course->id, 'reset_magmodule' => 1,
            'timeshift' => 7 * DAYSECS]);
        $this->assertCount(2, $status);
        $this->assertSame(0, $DB->count_records('magmodule_item'));
        $steps = json_decode($DB->get_field('magmodule', 'steps', ['id' => $programme->id]), true);
        $this->assertSame('2026-03-09', $steps[1]['date'], 'sessions move with the course dates');
    }

    public function test_backup_and_restore_with_user_data(): void {
        global $CFG, $DB, $USER;
        require_once($CFG->dirroot . '/backup/util/includes/backup_includes.php');
        require_once($CFG->dirroot . '/backup/util/includes/restore_includes.php');
        $this->setAdminUser();
        $generator = $this->getDataGenerator();
        $course = $generator->create_course();
        $programme = $generator->create_module('magmodule', ['course' => $course->id, 'name' => 'Parcours', 'grade' => 10,
            'steps' => [\mod_magmodule_generator::session_step('s1'), \mod_magmodule_generator::module_step('m1')]]);
        $student = $generator->create_and_enrol($course, 'student');
        $manager = manager::create_from_cm(get_fast_modinfo($course)->get_cm($programme->cmid));
        $manager->progress('m1', 'intro', 20, true, (int) $student->id);
        $manager->xapi('m1', 'exercice', 'session-aaaaaaa', 'key-aaaaaaaa', 'answered', true,
            ['score' => ['raw' => 1, 'max' => 2]], (int) $student->id);
        $manager->h5p_save('m1', 'exercice', '{"a":1}', (int) $student->id);

        $bc = new \backup_controller(\backup::TYPE_1COURSE, $course->id, \backup::FORMAT_MOODLE,
            \backup::INTERACTIVE_NO, \backup::MODE_IMPORT, $USER->id);
        $bc->get_plan()->get_setting('users')->set_status(\backup_setting::NOT_LOCKED);
        $bc->get_plan()->get_setting('users')->set_value(true);
        $backupid = $bc->get_backupid();
        $bc->execute_plan();
        $bc->destroy();

        $newcourse = $generator->create_course();
        $rc = new \restore_controller($backupid, $newcourse->id, \backup::INTERACTIVE_NO, \backup::MODE_IMPORT,
            $USER->id, \backup::TARGET_EXISTING_ADDING);
        $rc->get_plan()->get_setting('users')->set_status(\backup_setting::NOT_LOCKED);
        $rc->get_plan()->get_setting('users')->set_value(true);
        $this->assertTrue($rc->execute_precheck());
        $rc->execute_plan();
        $rc->destroy();

        $restored = $DB->get_record('magmodule', ['course' => $newcourse->id], '*', MUST_EXIST);
        $this->assertSame('Parcours', $restored->name);
        $steps = manager::steps_of($restored);
        $this->assertSame(['s1', 'm1'], array_column($steps, 'id'));
        $this->assertSame(['base' => \module_catalog_fixture::BASE, 'entryId' => 'evaluer', 'version' => '1.1.0'],
            $steps[1]['catalog'], 'the catalog reference and the version in use');
        $where = ['magmoduleid' => $restored->id, 'userid' => $student->id];
        $this->assertSame(1, $DB->count_records('magmodule_item', $where + ['itemid' => 'intro', 'completed' => 1]));
        $attempt = $DB->get_record('magmodule_attempt', $where, '*', MUST_EXIST);
        $this->assertEquals([1, 2, 0.5], [(float) $attempt->rawscore, (float) $attempt->maxscore, (float) $attempt->scaled]);
        $this->assertSame('{"a":1}', $DB->get_field('magmodule_h5pstate', 'state', $where));
        $this->assertEquals(50, $DB->get_field('magmodule_summary', 'score', $where + ['stepid' => 'm1']));
        $this->assertSame(1, $DB->count_records('event', ['modulename' => 'magmodule', 'instance' => $restored->id,
            'uuid' => 's1']), 'the session in the new course\'s calendar, once');
    }
}
