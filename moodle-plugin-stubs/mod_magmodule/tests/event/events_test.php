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

namespace mod_magmodule\event;

use mod_magmodule\manager;

/**
 * Events: views, the programme changed (saved, module added, updated), attempts recorded.
 *
 * @package    mod_magmodule
 * @category   test
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \mod_magmodule\event\course_module_viewed
 * @covers     \mod_magmodule\event\programme_updated
 * @covers     \mod_magmodule\event\attempt_recorded
 */
final class events_test extends \advanced_testcase {
    public function test_the_events_of_a_programme(): void {
        global $CFG;
        require_once($CFG->dirroot . '/mod/magmodule/lib.php');
        $this->resetAfterTest();
        $generator = $this->getDataGenerator();
        $generator->get_plugin_generator('mod_magmodule')->use_fixture_catalog();
        manager::$now = 1772528400;
        $course = $generator->create_course();
        $programme = $generator->create_module('magmodule', ['course' => $course->id]);
        $student = $generator->create_and_enrol($course, 'student');
        $teacher = $generator->create_and_enrol($course, 'editingteacher');
        $cm = get_fast_modinfo($course)->get_cm($programme->cmid);
        $context = \context_module::instance($cm->id);
        $manager = manager::create_from_cm($cm);

        $sink = $this->redirectEvents();
        $this->setUser($student);
        magmodule_view($manager->get_instance(), $course, $cm, $context);
        $this->setUser($teacher);
        $added = $manager->add(\module_catalog_fixture::BASE, 'evaluer', '1.1.0', (int) $teacher->id);
        $manager = manager::create_from_cm($cm);
        $this->setUser($student);
        $manager->xapi($added['stepId'], 'exercice', 'session-aaaaaaa', 'key-aaaaaaaa', 'answered', true,
            ['score' => ['raw' => 1, 'max' => 1]], (int) $student->id);
        $events = array_values(array_filter($sink->get_events(), fn($e) => str_starts_with(get_class($e), 'mod_magmodule')));
        $sink->close();
        manager::$now = null;
        \mod_magmodule\catalogs::set_fetcher_for_tests(null);

        $this->assertSame([course_module_viewed::class, programme_updated::class, attempt_recorded::class],
            array_map('get_class', $events));
        $this->assertSame('added', $events[1]->other['action']);
        $this->assertEquals($student->id, $events[2]->relateduserid);
        $this->assertSame('exercice', $events[2]->other['itemid']);
        foreach ($events as $event) {
            $this->assertEquals($context->id, $event->contextid);
            $this->assertEventContextNotUsed($event);
        }
    }
}
