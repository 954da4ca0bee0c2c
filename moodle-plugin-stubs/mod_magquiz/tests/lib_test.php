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

use mod_magquiz\external\act;
use mod_magquiz\external\start;

/**
 * Library functions: supports, instances and their questions, grades from the server to the gradebook, completion
 * "receive a passing grade", course reset, backup and restore with attempts and live answers, the overdue task.
 *
 * @package    mod_magquiz
 * @category   test
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     ::magquiz_supports
 * @covers     ::magquiz_add_instance
 * @covers     ::magquiz_update_instance
 * @covers     ::magquiz_delete_instance
 * @covers     ::magquiz_update_grades
 * @covers     ::magquiz_reset_userdata
 * @covers     \backup_magquiz_activity_structure_step
 * @covers     \restore_magquiz_activity_structure_step
 * @covers     \mod_magquiz\task\close_overdue_attempts
 */
final class lib_test extends \advanced_testcase {
    public static function setUpBeforeClass(): void {
        global $CFG;
        require_once($CFG->dirroot . '/mod/magquiz/lib.php');
        require_once($CFG->libdir . '/completionlib.php');
        require_once($CFG->libdir . '/gradelib.php');
        require_once($CFG->dirroot . '/backup/util/includes/backup_includes.php');
        require_once($CFG->dirroot . '/backup/util/includes/restore_includes.php');
        parent::setUpBeforeClass();
    }

    /**
     * Starts and finishes an attempt as a user, through the web services, answering the first question.
     *
     * @param \stdClass $quiz
     * @param \stdClass $user
     * @param int $choice the choice on screen for the first question
     * @param int $number the attempt's number
     */
    private function attempt(\stdClass $quiz, \stdClass $user, int $choice, int $number = 1): void {
        $this->setUser($user);
        start::execute($quiz->cmid, 'start-' . $user->id . '-' . $number);
        act::execute($quiz->cmid, $number, json_encode(['type' => 'finish',
            'responses' => [['slot' => 0, 'response' => ['choice' => $choice]]]]), 'finish-' . $user->id . '-' . $number);
    }

    /**
     * A user's grade in the gradebook.
     *
     * @param \stdClass $course
     * @param \stdClass $quiz
     * @param \stdClass $user
     * @return float|null
     */
    private static function gradebook(\stdClass $course, \stdClass $quiz, \stdClass $user): ?float {
        $grades = grade_get_grades($course->id, 'mod', 'magquiz', $quiz->id, $user->id);
        $grade = $grades->items[0]->grades[$user->id]->grade ?? null;
        return $grade === null ? null : (float) $grade;
    }

    public function test_supports(): void {
        $this->assertTrue(magquiz_supports(FEATURE_BACKUP_MOODLE2));
        $this->assertTrue(magquiz_supports(FEATURE_GRADE_HAS_GRADE));
        $this->assertTrue(magquiz_supports(FEATURE_GROUPS));
        $this->assertFalse(magquiz_supports(FEATURE_COMPLETION_HAS_RULES));
        $this->assertSame(MOD_PURPOSE_ASSESSMENT, magquiz_supports(FEATURE_MOD_PURPOSE));
        $this->assertTrue(\local_magactivities\channel::supports('magquiz'));
        $this->assertTrue(\local_magactivities\channel::has_due_version('magquiz'));
        $this->assertFalse(\local_magactivities\channel::has_due_version('magwordcloud'));
        $this->assertNull(magquiz_supports('unknown_feature'));
    }

    public function test_questions_are_imported_and_kept_until_somebody_answers(): void {
        global $DB;
        $this->resetAfterTest();
        $this->setAdminUser();
        $course = $this->getDataGenerator()->create_course();
        $xml = '<quiz><question type="truefalse"><name><text>Vrai</text></name><questiontext format="html"><text>'
            . 'Le ciel est bleu.</text></questiontext><answer fraction="100"><text>true</text></answer>'
            . '<answer fraction="0"><text>false</text></answer></question></quiz>';
        $quiz = $this->getDataGenerator()->create_module('magquiz', ['course' => $course->id, 'questionstext' => $xml]);
        $record = $DB->get_record('magquiz', ['id' => $quiz->id]);
        $this->assertSame('xml', $record->questionformat);
        $this->assertSame('truefalse', json_decode($record->questions, true)[0]['question']['type']);
        $this->assertSame($xml, $record->questionsource);

        $base = ['instance' => $quiz->id, 'name' => 'Quiz', 'intro' => '', 'introformat' => FORMAT_HTML, 'grade' => 10];
        // Errors without "import the valid ones": nothing changes.
        magquiz_update_instance((object) ($base + ['questionstext' => "Q {=a ~b}\n\nR {#x}"]));
        $this->assertSame($record->questions, $DB->get_field('magquiz', 'questions', ['id' => $quiz->id]));
        // With it, the valid questions replace the old ones.
        magquiz_update_instance((object) ($base + ['questionstext' => "Q {=a ~b}\n\nR {#x}", 'questionsskiperrors' => 1]));
        $questions = json_decode($DB->get_field('magquiz', 'questions', ['id' => $quiz->id]), true);
        $this->assertSame(['single'], array_column(array_column($questions, 'question'), 'type'));

        $student = $this->getDataGenerator()->create_and_enrol($course, 'student');
        $this->attempt($quiz, $student, 0);
        $this->setAdminUser();
        // The same questions again (the form sends its text back): fine.
        magquiz_update_instance((object) ($base + ['questionstext' => "Q {=a ~b}"]));
        $this->expectException(\moodle_exception::class);
        magquiz_update_instance((object) ($base + ['questionstext' => 'Autre {=x ~y}']));
    }

    public function test_grades_go_to_the_gradebook_by_the_grading_method(): void {
        global $DB;
        $this->resetAfterTest();
        $course = $this->getDataGenerator()->create_course();
        $quiz = $this->getDataGenerator()->create_module('magquiz', ['course' => $course->id, 'grade' => 20,
            'grademethod' => 'last', 'shuffleanswers' => 0]);
        $student = $this->getDataGenerator()->create_and_enrol($course, 'student');
        $this->attempt($quiz, $student, 1);
        $this->assertEqualsWithDelta(10.0, self::gradebook($course, $quiz, $student), 1e-5, 'one question right of two');
        $this->attempt($quiz, $student, 0, 2);
        $this->assertEqualsWithDelta(0.0, self::gradebook($course, $quiz, $student), 1e-5, 'the last attempt counts');
        // The trainer changes the method: grades are computed again.
        $this->setAdminUser();
        magquiz_update_instance((object) ['instance' => $quiz->id, 'name' => 'Quiz', 'grade' => 20,
            'grademethod' => 'highest']);
        $this->assertEqualsWithDelta(10.0, self::gradebook($course, $quiz, $student), 1e-5);
        $item = \grade_item::fetch(['itemtype' => 'mod', 'itemmodule' => 'magquiz', 'iteminstance' => $quiz->id]);
        $this->assertEquals(20, $item->grademax);
        $this->assertEquals(2, $DB->count_records('magquiz_attempt', ['magquizid' => $quiz->id, 'status' => 'finished']));
    }

    public function test_completion_requires_a_passing_grade(): void {
        $this->resetAfterTest();
        $course = $this->getDataGenerator()->create_course(['enablecompletion' => 1]);
        $quiz = $this->getDataGenerator()->create_module('magquiz', ['course' => $course->id, 'grade' => 10,
            'gradepass' => 6, 'shuffleanswers' => 0, 'completion' => COMPLETION_TRACKING_AUTOMATIC,
            'completionusegrade' => 1, 'completionpassgrade' => 1]);
        $student = $this->getDataGenerator()->create_and_enrol($course, 'student');
        $cm = get_fast_modinfo($course)->get_cm($quiz->cmid);
        $completion = new \completion_info($course);
        $this->attempt($quiz, $student, 1);
        $this->assertEquals(COMPLETION_COMPLETE_FAIL, $completion->get_data($cm, false, $student->id)->completionstate,
            '5 of 10 does not pass 6');
        $this->setUser($student);
        start::execute($quiz->cmid, 'start-again');
        act::execute($quiz->cmid, 2, json_encode(['type' => 'finish', 'responses' => [
            ['slot' => 0, 'response' => ['choice' => 1]], ['slot' => 1, 'response' => ['text' => 'Pix']]]]), 'finish-again');
        $this->assertEquals(COMPLETION_COMPLETE_PASS, $completion->get_data($cm, false, $student->id)->completionstate);
        $state = manager::create_from_cm($cm)->get_state((int) $student->id);
        $this->assertEquals(6, $state['intro']['passGrade'], 'the pass grade comes from the grade item');
        $this->assertTrue($state['selfPaced']['passed']);
    }

    public function test_an_overdue_attempt_is_finished_and_graded_by_the_task(): void {
        global $DB;
        $this->resetAfterTest();
        $course = $this->getDataGenerator()->create_course();
        $quiz = $this->getDataGenerator()->create_module('magquiz', ['course' => $course->id, 'timelimit' => 60,
            'shuffleanswers' => 0]);
        $student = $this->getDataGenerator()->create_and_enrol($course, 'student');
        $this->setUser($student);
        start::execute($quiz->cmid, 'start-overdue');
        act::execute($quiz->cmid, 1, json_encode(['type' => 'save', 'slot' => 0, 'response' => ['choice' => 1]]), 'save-overdue-1');
        // The deadline and the grace period pass.
        $row = $DB->get_record('magquiz_attempt', ['magquizid' => $quiz->id]);
        $state = json_decode($row->state, true);
        $state['startedAt'] -= 3600000;
        $state['deadline'] -= 3600000;
        $DB->update_record('magquiz_attempt', (object) ['id' => $row->id, 'state' => json_encode($state),
            'timedue' => time() - 10]);
        $this->setAdminUser();
        ob_start();
        (new task\close_overdue_attempts())->execute();
        ob_end_clean();
        $row = $DB->get_record('magquiz_attempt', ['id' => $row->id]);
        $this->assertSame('finished', $row->status);
        $this->assertEqualsWithDelta(5.0, (float) $row->grade, 1e-5, 'what was saved in time counts');
        $this->assertEqualsWithDelta(5.0, self::gradebook($course, $quiz, $student), 1e-5);
    }

    public function test_course_reset_deletes_attempts_sessions_and_grades(): void {
        global $DB;
        $this->resetAfterTest();
        $course = $this->getDataGenerator()->create_course();
        $quiz = $this->getDataGenerator()->create_module('magquiz', ['course' => $course->id, 'shuffleanswers' => 0]);
        $student = $this->getDataGenerator()->create_and_enrol($course, 'student');
        $this->attempt($quiz, $student, 1);
        $teacher = $this->getDataGenerator()->create_and_enrol($course, 'editingteacher');
        $cm = get_fast_modinfo($course)->get_cm($quiz->cmid);
        $this->setUser($teacher);
        manager::create_from_cm($cm)->live_control((int) $teacher->id, 'open');
        manager::create_from_cm($cm)->accommodations((int) $teacher->id, ['userid' => (int) $student->id, 'extra' => 60]);
        $this->assertEquals(1, $DB->count_records('magquiz_override', ['magquizid' => $quiz->id]));
        $version = (int) $DB->get_field('magquiz', 'version', ['id' => $quiz->id]);

        $status = magquiz_reset_userdata((object) ['courseid' => $course->id, 'reset_magquiz' => 1]);
        $this->assertFalse($status[0]['error']);
        foreach (['magquiz_attempt', 'magquiz_live', 'magquiz_live_part', 'magquiz_live_answer', 'magquiz_override']
                as $table) {
            $this->assertEquals(0, $DB->count_records($table, ['magquizid' => $quiz->id]), $table);
        }
        $this->assertNull(self::gradebook($course, $quiz, $student));
        $this->assertGreaterThan($version, (int) $DB->get_field('magquiz', 'version', ['id' => $quiz->id]));
        $this->assertNotEmpty($DB->get_field('magquiz', 'questions', ['id' => $quiz->id]), 'the questions stay');
    }

    public function test_delete_instance_removes_everything(): void {
        global $DB;
        $this->resetAfterTest();
        $course = $this->getDataGenerator()->create_course();
        $quiz = $this->getDataGenerator()->create_module('magquiz', ['course' => $course->id]);
        $student = $this->getDataGenerator()->create_and_enrol($course, 'student');
        $this->attempt($quiz, $student, 1);
        course_delete_module($quiz->cmid);
        $this->assertFalse($DB->record_exists('magquiz', ['id' => $quiz->id]));
        $this->assertFalse($DB->record_exists('magquiz_attempt', ['magquizid' => $quiz->id]));
        $this->assertFalse($DB->record_exists('magquiz_action', []));
    }

    public function test_backup_and_restore_with_attempts_and_live_answers(): void {
        global $DB, $USER;
        $this->resetAfterTest();
        $this->setAdminUser();
        $generator = $this->getDataGenerator();
        $course = $generator->create_course();
        $quiz = $generator->create_module('magquiz', ['course' => $course->id, 'name' => 'Quiz du jour',
            'behaviour' => 'interactive', 'attempts' => 3, 'liveleaderboard' => 'teams', 'shuffleanswers' => 0]);
        $student = $generator->create_and_enrol($course, 'student');
        $teacher = $generator->create_and_enrol($course, 'editingteacher');
        $this->attempt($quiz, $student, 1);
        $cm = get_fast_modinfo($course)->get_cm($quiz->cmid);
        $manager = manager::create_from_cm($cm);
        $this->setUser($teacher);
        $manager->live_control((int) $teacher->id, 'open');
        $this->setUser($student);
        $manager->live_join((int) $student->id);
        $this->setUser($teacher);
        $manager->live_control((int) $teacher->id, 'start');
        $this->setUser($student);
        $paris = $this->getDataGenerator()->get_plugin_generator('mod_magquiz')->live_choice($quiz, 1);
        $manager->live_answer((int) $student->id, 0, ['choice' => $paris], null, 'live-answer-1');
        $this->setUser($teacher);
        $manager->accommodations((int) $teacher->id, ['userid' => (int) $student->id, 'extra' => 300]);

        $this->setAdminUser();
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

        $original = $DB->get_record('magquiz', ['id' => $quiz->id]);
        $restored = $DB->get_record('magquiz', ['course' => $newcourse->id], '*', MUST_EXIST);
        $this->assertSame('Quiz du jour', $restored->name);
        foreach (['questions', 'questionsource', 'behaviour', 'attempts', 'liveleaderboard'] as $field) {
            $this->assertEquals($original->$field, $restored->$field, $field);
        }
        $attempt = $DB->get_record('magquiz_attempt', ['magquizid' => $restored->id], '*', MUST_EXIST);
        $this->assertEquals($student->id, $attempt->userid);
        $this->assertSame('finished', $attempt->status);
        $this->assertSame($DB->get_field('magquiz_attempt', 'state', ['magquizid' => $quiz->id]), $attempt->state);
        $this->assertEquals(300, $DB->get_field('magquiz_override', 'extratime', ['magquizid' => $restored->id,
            'userid' => $student->id], MUST_EXIST), 'the extra time comes with the users');
        $this->assertEquals(1, $DB->count_records('magquiz_live', ['magquizid' => $restored->id]));
        $this->assertEquals(1, $DB->count_records('magquiz_live_part', ['magquizid' => $restored->id,
            'userid' => $student->id]));
        $answer = $DB->get_record('magquiz_live_answer', ['magquizid' => $restored->id], '*', MUST_EXIST);
        $this->assertSame('right', $answer->state);
        $newcm = get_fast_modinfo($newcourse)->get_cm(
            $DB->get_field('course_modules', 'id', ['course' => $newcourse->id, 'instance' => $restored->id]));
        $state = manager::create_from_cm($newcm)->get_state((int) $student->id);
        $this->assertSame('finished', $state['selfPaced']['attempts'][0]['status'], 'the restored attempt reads back');
        $this->assertTrue($state['live']['me']['joined']);
    }
}
