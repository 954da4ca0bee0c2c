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
namespace mod_magreactions\event;

use mod_magreactions\manager;

/**
 * Events of the reactions activity.
 *
 * @package    mod_magreactions
 * @category   test
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \mod_magreactions\event\reaction_submitted
 * @covers     \mod_magreactions\event\reactions_reset
 * @covers     \mod_magreactions\event\course_module_viewed
 * @covers     \mod_magreactions\manager::react
 */
final class events_test extends \advanced_testcase {
    public function test_react_and_reset_trigger_events(): void {
        $this->resetAfterTest();
        $course = $this->getDataGenerator()->create_course();
        $activity = $this->getDataGenerator()->create_module('magreactions', ['course' => $course->id]);
        $student = $this->getDataGenerator()->create_and_enrol($course, 'student');
        $cm = get_fast_modinfo($course)->get_cm($activity->cmid);
        $manager = manager::create_from_cm($cm);

        $sink = $this->redirectEvents();
        $this->setUser($student);
        $manager->react((int) $student->id, 'slower', 'key-00000001');
        $manager->react((int) $student->id, 'slower', 'key-00000001');
        $manager->reset((int) $student->id);
        $events = $sink->get_events();
        $sink->close();

        $names = array_map(fn($event) => get_class($event), $events);
        $this->assertSame([reaction_submitted::class, reactions_reset::class], array_values(array_filter($names,
            fn($name) => in_array($name, [reaction_submitted::class, reactions_reset::class]))));
        $this->assertSame('slower', $events[0]->other['reaction']);
        $this->assertEquals(\context_module::instance($cm->id), $events[0]->get_context());
        $this->assertNotEmpty(reaction_submitted::get_name());
        $this->assertNotEmpty(reactions_reset::get_name());
        $this->assertNotEmpty($events[0]->get_description());
        // Reactions are anonymous to trainers: the course logs hide anonymous events from them.
        $this->assertSame(1, $events[0]->anonymous);
        $this->assertSame(0, $events[1]->anonymous);
    }

    public function test_a_trainer_cannot_read_in_the_logs_who_sent_a_reaction(): void {
        global $CFG;
        require_once($CFG->dirroot . '/report/log/classes/table_log.php');
        $this->resetAfterTest();
        $this->preventResetByRollback();
        set_config('enabled_stores', 'logstore_standard', 'tool_log');
        set_config('buffersize', 0, 'logstore_standard');
        get_log_manager(true);

        $course = $this->getDataGenerator()->create_course();
        $activity = $this->getDataGenerator()->create_module('magreactions', ['course' => $course->id]);
        $student = $this->getDataGenerator()->create_and_enrol($course, 'student');
        $teacher = $this->getDataGenerator()->create_and_enrol($course, 'editingteacher');
        $manager = $this->getDataGenerator()->create_and_enrol($course, 'manager');
        $cm = get_fast_modinfo($course)->get_cm($activity->cmid);
        $this->setUser($student);
        manager::create_from_cm($cm)->react((int) $student->id, 'lost', 'key-00000002');

        $seen = function (\stdClass $viewer) use ($course, $cm): array {
            $this->setUser($viewer);
            $filter = (object) [
                'courseid' => $course->id,
                'modid' => $cm->id,
                'logreader' => get_log_manager()->get_readers()['logstore_standard'],
                'userid' => 0,
                'groupid' => 0,
                'date' => 0,
                'modaction' => '',
                'edulevel' => -1,
                'action' => '',
                'origin' => '',
                'orderby' => 'timecreated DESC',
            ];
            $table = new \report_log_table_log('report_log', $filter);
            $table->define_baseurl(new \moodle_url('/report/log/index.php'));
            $table->query_db(100, false);
            return array_values(array_filter(array_map(fn($e) => get_class($e), iterator_to_array($table->rawdata, false)),
                fn($name) => $name === reaction_submitted::class));
        };
        $this->assertSame([], $seen($teacher));
        $this->assertSame([reaction_submitted::class], $seen($manager));
    }

    public function test_view_triggers_course_module_viewed(): void {
        global $CFG;
        require_once($CFG->dirroot . '/mod/magreactions/lib.php');
        $this->resetAfterTest();
        $course = $this->getDataGenerator()->create_course();
        $activity = $this->getDataGenerator()->create_module('magreactions', ['course' => $course->id]);
        $cm = get_coursemodule_from_id('magreactions', $activity->cmid);
        $context = \context_module::instance($cm->id);

        $sink = $this->redirectEvents();
        magreactions_view($activity, $course, $cm, $context);
        $events = $sink->get_events();
        $sink->close();

        $this->assertInstanceOf(course_module_viewed::class, $events[0]);
        $this->assertEquals($activity->id, $events[0]->objectid);
    }
}
