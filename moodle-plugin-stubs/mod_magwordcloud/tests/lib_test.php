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


namespace mod_magwordcloud;

/**
 * Library functions: instances and their settings, supports, completion, course reset, backup and restore.
 *
 * @package    mod_magwordcloud
 * @category   test
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     ::magwordcloud_supports
 * @covers     ::magwordcloud_add_instance
 * @covers     ::magwordcloud_update_instance
 * @covers     ::magwordcloud_delete_instance
 * @covers     ::magwordcloud_reset_userdata
 * @covers     \mod_magwordcloud\completion\custom_completion
 * @covers     \backup_magwordcloud_activity_structure_step
 * @covers     \restore_magwordcloud_activity_structure_step
 */
final class lib_test extends \advanced_testcase {
    public static function setUpBeforeClass(): void {
        global $CFG;
        require_once($CFG->dirroot . '/mod/magwordcloud/lib.php');
        require_once($CFG->libdir . '/completionlib.php');
        require_once($CFG->dirroot . '/backup/util/includes/backup_includes.php');
        require_once($CFG->dirroot . '/backup/util/includes/restore_includes.php');
        parent::setUpBeforeClass();
    }

    public function test_supports(): void {
        $this->assertTrue(magwordcloud_supports(FEATURE_BACKUP_MOODLE2));
        $this->assertTrue(magwordcloud_supports(FEATURE_COMPLETION_HAS_RULES));
        $this->assertTrue(magwordcloud_supports(FEATURE_GROUPS));
        $this->assertFalse(magwordcloud_supports(FEATURE_GRADE_HAS_GRADE));
        $this->assertSame(MOD_PURPOSE_COLLABORATION, magwordcloud_supports(FEATURE_MOD_PURPOSE));
        $this->assertTrue(\local_magactivities\channel::supports('magwordcloud'));
        $this->assertNull(magwordcloud_supports('unknown_feature'));
    }

    public function test_add_instance_stores_the_settings_with_their_defaults(): void {
        global $DB;
        $this->resetAfterTest();
        $course = $this->getDataGenerator()->create_course();
        $plain = $this->getDataGenerator()->create_module('magwordcloud', ['course' => $course->id]);
        $record = $DB->get_record('magwordcloud', ['id' => $plain->id]);
        $this->assertSame(local\settings::DEFAULTS, local\settings::from_record($record));
        $this->assertSame('[]', $record->merges);
        $this->assertSame('[]', $record->hiddenwords);
        $this->assertEquals(0, $record->version);

        $custom = $this->getDataGenerator()->create_module('magwordcloud', ['course' => $course->id,
            'question' => 'Un mot ?', 'maxperperson' => 5, 'visibility' => 'never', 'identitymode' => 'named',
            'approval' => 1, 'stoplisttext' => "le\n\n la \n"]);
        $settings = local\settings::from_record($DB->get_record('magwordcloud', ['id' => $custom->id]));
        $this->assertSame('Un mot ?', $settings['question']);
        $this->assertSame(5, $settings['maxPerPerson']);
        $this->assertSame('never', $settings['visibility']);
        $this->assertSame('named', $settings['identity']);
        $this->assertTrue($settings['approval']);
        $this->assertSame(['le', 'la'], $settings['stopList']);
    }

    public function test_add_instance_refuses_settings_out_of_bounds(): void {
        $this->resetAfterTest();
        $course = $this->getDataGenerator()->create_course();
        $this->expectException(\moodle_exception::class);
        $this->getDataGenerator()->create_module('magwordcloud', ['course' => $course->id, 'maxlength' => 500]);
    }

    public function test_update_instance_keeps_the_live_state_and_bumps_the_version(): void {
        global $DB;
        $this->resetAfterTest();
        $this->setAdminUser();
        $course = $this->getDataGenerator()->create_course();
        $cloud = $this->getDataGenerator()->create_module('magwordcloud', ['course' => $course->id]);
        $DB->update_record('magwordcloud', (object) ['id' => $cloud->id, 'merges' => '[{"target":"jeu","members":["jeux"]}]']);
        $version = (int) $DB->get_field('magwordcloud', 'version', ['id' => $cloud->id]);

        $data = (object) ['instance' => $cloud->id, 'name' => 'Renommé', 'intro' => '', 'introformat' => FORMAT_HTML,
            'question' => 'Nouvelle question ?', 'maxperperson' => 7];
        $this->assertTrue(magwordcloud_update_instance($data));
        $record = $DB->get_record('magwordcloud', ['id' => $cloud->id]);
        $this->assertSame('Nouvelle question ?', $record->question);
        $this->assertEquals(7, $record->maxperperson);
        $this->assertEquals(40, $record->maxlength, 'Settings the form does not hold keep their value.');
        $this->assertSame('[{"target":"jeu","members":["jeux"]}]', $record->merges);
        $this->assertGreaterThan($version, (int) $record->version);
    }

    public function test_delete_instance_removes_entries(): void {
        global $DB;
        $this->resetAfterTest();
        $course = $this->getDataGenerator()->create_course();
        $cloud = $this->getDataGenerator()->create_module('magwordcloud', ['course' => $course->id]);
        $user = $this->getDataGenerator()->create_and_enrol($course, 'student');
        $this->getDataGenerator()->get_plugin_generator('mod_magwordcloud')->create_entry(
            ['magwordcloudid' => $cloud->id, 'userid' => $user->id, 'text' => 'mot']);
        course_delete_module($cloud->cmid);
        $this->assertFalse($DB->record_exists('magwordcloud', ['id' => $cloud->id]));
        $this->assertFalse($DB->record_exists('magwordcloud_entry', ['magwordcloudid' => $cloud->id]));
    }

    public function test_completion_after_n_entries(): void {
        $this->resetAfterTest();
        $course = $this->getDataGenerator()->create_course(['enablecompletion' => 1]);
        $cloud = $this->getDataGenerator()->create_module('magwordcloud', ['course' => $course->id,
            'completion' => COMPLETION_TRACKING_AUTOMATIC, 'completionentries' => 2]);
        $student = $this->getDataGenerator()->create_and_enrol($course, 'student');
        $cm = get_fast_modinfo($course)->get_cm($cloud->cmid);
        $completion = new \completion_info($course);
        $manager = manager::create_from_cm($cm);

        $this->setUser($student);
        $first = $manager->submit((int) $student->id, 'un', 'key-00000001');
        $this->assertEquals(COMPLETION_INCOMPLETE, $completion->get_data($cm, false, $student->id)->completionstate);
        $manager->submit((int) $student->id, 'un', 'key-00000001');
        $this->assertEquals(COMPLETION_INCOMPLETE, $completion->get_data($cm, false, $student->id)->completionstate,
            'A replayed key is not a second entry.');
        $manager->submit((int) $student->id, 'deux', 'key-00000002');
        $this->assertEquals(COMPLETION_COMPLETE, $completion->get_data($cm, false, $student->id)->completionstate);
        $manager->withdraw((int) $student->id, $first['entry']['id']);
        $this->assertEquals(COMPLETION_INCOMPLETE, $completion->get_data($cm, false, $student->id)->completionstate,
            'A withdrawn entry no longer counts.');
    }

    public function test_course_reset_deletes_entries_merges_and_hidden_words(): void {
        global $DB;
        $this->resetAfterTest();
        $course = $this->getDataGenerator()->create_course();
        $cloud = $this->getDataGenerator()->create_module('magwordcloud', ['course' => $course->id, 'question' => 'Q ?']);
        $user = $this->getDataGenerator()->create_and_enrol($course, 'student');
        $this->getDataGenerator()->get_plugin_generator('mod_magwordcloud')->create_entry(
            ['magwordcloudid' => $cloud->id, 'userid' => $user->id, 'text' => 'mot']);
        $DB->update_record('magwordcloud', (object) ['id' => $cloud->id, 'hiddenwords' => '["mot"]']);
        $version = (int) $DB->get_field('magwordcloud', 'version', ['id' => $cloud->id]);

        $status = magwordcloud_reset_userdata((object) ['courseid' => $course->id, 'reset_magwordcloud' => 1]);
        $this->assertFalse($status[0]['error']);
        $this->assertEquals(0, $DB->count_records('magwordcloud_entry', ['magwordcloudid' => $cloud->id]));
        $record = $DB->get_record('magwordcloud', ['id' => $cloud->id]);
        $this->assertSame('[]', $record->hiddenwords);
        $this->assertSame('Q ?', $record->question);
        $this->assertGreaterThan($version, (int) $record->version);
    }

    public function test_backup_and_restore_with_user_data_and_groups(): void {
        global $DB, $USER;
        $this->resetAfterTest();
        $this->setAdminUser();
        $generator = $this->getDataGenerator();
        $course = $generator->create_course(['groupmode' => SEPARATEGROUPS]);
        $cloud = $generator->create_module('magwordcloud', ['course' => $course->id, 'name' => 'Nuage',
            'question' => 'Un mot ?', 'identitymode' => 'named', 'stoplisttext' => "le\nla"]);
        $DB->update_record('magwordcloud', (object) ['id' => $cloud->id,
            'merges' => '[{"target":"jeu","members":["jeux"]}]', 'hiddenwords' => '["caché"]']);
        $user = $generator->create_and_enrol($course, 'student');
        $group = $generator->create_group(['courseid' => $course->id]);
        $generator->create_group_member(['groupid' => $group->id, 'userid' => $user->id]);
        $generator->get_plugin_generator('mod_magwordcloud')->create_entry(['magwordcloudid' => $cloud->id,
            'userid' => $user->id, 'groupid' => $group->id, 'text' => 'Écoute', 'status' => 'pending',
            'idemkey' => 'key-restore']);

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

        $restored = $DB->get_record('magwordcloud', ['course' => $newcourse->id], '*', MUST_EXIST);
        $this->assertSame('Nuage', $restored->name);
        [$settings, $merges, $hidden] = manager::config_of($restored);
        $this->assertSame('Un mot ?', $settings['question']);
        $this->assertSame('named', $settings['identity']);
        $this->assertSame(['le', 'la'], $settings['stopList']);
        $this->assertSame([['target' => 'jeu', 'members' => ['jeux']]], $merges);
        $this->assertSame(['caché'], $hidden);

        $entry = $DB->get_record('magwordcloud_entry', ['magwordcloudid' => $restored->id], '*', MUST_EXIST);
        $this->assertSame('Écoute', $entry->entrytext);
        $this->assertSame('écoute', $entry->entrykey);
        $this->assertSame('pending', $entry->status);
        $this->assertSame(hash('sha256', 'key-restore'), $entry->idemkey);
        $this->assertEquals($user->id, $entry->userid);
        $newgroup = $DB->get_record('groups', ['courseid' => $newcourse->id], '*', MUST_EXIST);
        $this->assertEquals($newgroup->id, $entry->groupid, 'The group id is mapped to the restored group.');
    }
}
