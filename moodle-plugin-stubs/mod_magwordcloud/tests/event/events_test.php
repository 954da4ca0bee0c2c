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


namespace mod_magwordcloud\event;

use mod_magwordcloud\manager;

/**
 * Events of the word cloud.
 *
 * @package    mod_magwordcloud
 * @category   test
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \mod_magwordcloud\event\entry_submitted
 * @covers     \mod_magwordcloud\event\entry_withdrawn
 * @covers     \mod_magwordcloud\event\entry_approved
 * @covers     \mod_magwordcloud\event\entry_rejected
 * @covers     \mod_magwordcloud\event\cloud_reset
 * @covers     \mod_magwordcloud\event\cloud_updated
 * @covers     \mod_magwordcloud\event\course_module_viewed
 * @covers     \mod_magwordcloud\manager
 */
final class events_test extends \advanced_testcase {
    public function test_answers_and_moderation_trigger_events(): void {
        $this->resetAfterTest();
        $course = $this->getDataGenerator()->create_course();
        $cloud = $this->getDataGenerator()->create_module('magwordcloud', ['course' => $course->id, 'approval' => 1,
            'maxperperson' => 5]);
        $student = $this->getDataGenerator()->create_and_enrol($course, 'student');
        $teacher = $this->getDataGenerator()->create_and_enrol($course, 'editingteacher');
        $cm = get_fast_modinfo($course)->get_cm($cloud->cmid);
        $manager = manager::create_from_cm($cm);

        $sink = $this->redirectEvents();
        $this->setUser($student);
        $one = $manager->submit((int) $student->id, 'un', 'key-00000001')['entry'];
        $manager->submit((int) $student->id, 'un', 'key-00000001');
        $two = $manager->submit((int) $student->id, 'deux', 'key-00000002')['entry'];
        $three = $manager->submit((int) $student->id, 'trois', 'key-00000003')['entry'];
        $manager->withdraw((int) $student->id, $three['id']);
        $this->setUser($teacher);
        $manager->decide((int) $teacher->id, $one['id'], true);
        $manager->decide((int) $teacher->id, $two['id'], false);
        $manager->decide((int) $teacher->id, $two['id'], true);
        $manager->set_hidden((int) $teacher->id, 'un', true);
        $manager->set_hidden((int) $teacher->id, 'un', true);
        $manager->merge((int) $teacher->id, 'deux', ['deuxième']);
        $manager->set_open((int) $teacher->id, false);
        $manager->reset((int) $teacher->id);
        $events = array_values(array_filter($sink->get_events(),
            fn($event) => strpos(get_class($event), 'mod_magwordcloud\\event\\') === 0));
        $sink->close();

        $this->assertSame([
            entry_submitted::class, entry_submitted::class, entry_submitted::class, entry_withdrawn::class,
            entry_approved::class, entry_rejected::class, cloud_updated::class, cloud_updated::class,
            cloud_updated::class, cloud_reset::class,
        ], array_map('get_class', $events), 'A replayed key, a decided entry and a word already hidden log nothing.');
        $this->assertSame(['hide', 'merge', 'close'], array_map(fn($event) => $event->other['action'],
            array_values(array_filter($events, fn($event) => $event instanceof cloud_updated))));
        $this->assertEquals($student->id, $events[4]->relateduserid);
        $this->assertEquals($teacher->id, $events[4]->userid);
        $this->assertEquals(\context_module::instance($cm->id), $events[0]->get_context());
        // The activity is anonymous (the default): events about entries are anonymous events, so that trainers do
        // not read in the course logs who wrote which entry; the trainer's own actions are not.
        $this->assertSame([1, 1, 1, 1, 1, 1, 0, 0, 0, 0], array_map(fn($event) => $event->anonymous, $events));
        foreach ($events as $event) {
            $this->assertNotEmpty($event::get_name());
            $this->assertNotEmpty($event->get_description());
            $this->assertStringNotContainsString('deux', $event->get_description(), 'Entries are not logged.');
        }
    }

    public function test_entry_events_are_not_anonymous_in_a_named_activity(): void {
        $this->resetAfterTest();
        $course = $this->getDataGenerator()->create_course();
        $cloud = $this->getDataGenerator()->create_module('magwordcloud', ['course' => $course->id, 'approval' => 1,
            'identitymode' => 'named']);
        $student = $this->getDataGenerator()->create_and_enrol($course, 'student');
        $teacher = $this->getDataGenerator()->create_and_enrol($course, 'editingteacher');
        $manager = manager::create_from_cm(get_fast_modinfo($course)->get_cm($cloud->cmid));

        $sink = $this->redirectEvents();
        $this->setUser($student);
        $one = $manager->submit((int) $student->id, 'un', 'key-00000001')['entry'];
        $this->setUser($teacher);
        $manager->decide((int) $teacher->id, $one['id'], true);
        $this->setUser($student);
        $manager->withdraw((int) $student->id, $one['id']);
        $events = array_values(array_filter($sink->get_events(),
            fn($event) => strpos(get_class($event), 'mod_magwordcloud\\event\\entry_') === 0));
        $sink->close();

        $this->assertSame([entry_submitted::class, entry_approved::class, entry_withdrawn::class],
            array_map('get_class', $events));
        $this->assertSame([0, 0, 0], array_map(fn($event) => $event->anonymous, $events));
    }

    public function test_view_triggers_course_module_viewed(): void {
        global $CFG;
        require_once($CFG->dirroot . '/mod/magwordcloud/lib.php');
        $this->resetAfterTest();
        $course = $this->getDataGenerator()->create_course();
        $cloud = $this->getDataGenerator()->create_module('magwordcloud', ['course' => $course->id]);
        $cm = get_coursemodule_from_id('magwordcloud', $cloud->cmid);
        $context = \context_module::instance($cm->id);

        $sink = $this->redirectEvents();
        magwordcloud_view($cloud, $course, $cm, $context);
        $events = $sink->get_events();
        $sink->close();

        $this->assertInstanceOf(course_module_viewed::class, $events[0]);
        $this->assertEquals($cloud->id, $events[0]->objectid);
    }
}
