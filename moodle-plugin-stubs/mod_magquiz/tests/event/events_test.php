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

namespace mod_magquiz\event;

use mod_magquiz\manager;

/**
 * Events: views, attempts started and finished, live moves and answers (no response in the logs).
 *
 * @package    mod_magquiz
 * @category   test
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \mod_magquiz\event\course_module_viewed
 * @covers     \mod_magquiz\event\course_module_instance_list_viewed
 * @covers     \mod_magquiz\event\attempt_started
 * @covers     \mod_magquiz\event\attempt_submitted
 * @covers     \mod_magquiz\event\live_session_updated
 * @covers     \mod_magquiz\event\live_answer_submitted
 * @covers     \mod_magquiz\event\essay_graded
 */
final class events_test extends \advanced_testcase {
    public function test_the_events_of_a_quiz(): void {
        global $CFG, $DB;
        require_once($CFG->dirroot . '/mod/magquiz/lib.php');
        require_once($CFG->dirroot . '/mod/magquiz/tests/generator/lib.php');
        $this->resetAfterTest();
        $generator = $this->getDataGenerator();
        $course = $generator->create_course();
        $quiz = $generator->create_module('magquiz', ['course' => $course->id,
            'questionstext' => \mod_magquiz_generator::DEFAULT_GIFT . "\n\n::Avis:: Votre avis ? {}"]);
        $student = $generator->create_and_enrol($course, 'student');
        $teacher = $generator->create_and_enrol($course, 'editingteacher');
        $cm = get_fast_modinfo($course)->get_cm($quiz->cmid);
        $context = \context_module::instance($cm->id);
        $manager = manager::create_from_cm($cm);

        $sink = $this->redirectEvents();
        $this->setUser($student);
        magquiz_view($manager->get_instance(), $course, $cm, $context);
        $manager->start((int) $student->id, 'key-start-1');
        $manager->start((int) $student->id, 'key-start-1');
        $manager->act((int) $student->id, 1, ['type' => 'finish'], 'key-finish-1');
        $this->setUser($teacher);
        $manager->live_control((int) $teacher->id, 'open');
        $manager->live_control((int) $teacher->id, 'next');
        $this->setUser($student);
        $manager->live_join((int) $student->id);
        $this->setUser($teacher);
        $manager->live_control((int) $teacher->id, 'start');
        $this->setUser($student);
        $manager->live_answer((int) $student->id, 0, ['choice' => 0], null, 'key-live-1');
        $manager->live_answer((int) $student->id, 0, ['choice' => 1], null, 'key-live-2');
        $this->setUser($teacher);
        $attemptid = (int) $DB->get_field('magquiz_attempt', 'id', ['magquizid' => $quiz->id, 'userid' => $student->id]);
        $manager->grade_essay((int) $teacher->id, $attemptid, 2, 1.0, 'Paris, bien vu.');
        $manager->grade_essay((int) $teacher->id, $attemptid, 2, 5.0, 'Paris, trop.');
        $events = $sink->get_events();
        $sink->close();

        $classes = array_map(fn($event) => get_class($event), $events);
        $this->assertSame([
            course_module_viewed::class,
            attempt_started::class,
            attempt_submitted::class,
            live_session_updated::class,
            live_session_updated::class,
            live_answer_submitted::class,
            essay_graded::class,
        ], array_values(array_filter($classes, fn($class) => str_starts_with($class, 'mod_magquiz\\'))),
            'a repeated start, a move that makes no sense (next in the lobby), a second answer and a refused grade log '
            . 'nothing');
        foreach ($events as $event) {
            if (str_starts_with(get_class($event), 'mod_magquiz\\')) {
                $this->assertEquals($context, $event->get_context());
                $this->assertNotEmpty($event->get_description());
                $this->assertStringNotContainsString('Paris', json_encode($event->get_data()));
            }
        }
    }
}
