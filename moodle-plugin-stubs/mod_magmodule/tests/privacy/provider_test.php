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

namespace mod_magmodule\privacy;

use core_privacy\local\request\approved_contextlist;
use core_privacy\local\request\approved_userlist;
use core_privacy\local\request\userlist;
use core_privacy\local\request\writer;
use core_privacy\tests\provider_testcase;
use mod_magmodule\manager;

/**
 * Privacy provider of the hybrid programme: item progress, attempts, step figures, H5P states, statement keys.
 *
 * @package    mod_magmodule
 * @category   test
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \mod_magmodule\privacy\provider
 */
final class provider_test extends provider_testcase {
    /** @var \stdClass */
    private $programme;
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
        $generator->get_plugin_generator('mod_magmodule')->use_fixture_catalog();
        manager::$now = 1772528400;
        $this->programme = $generator->create_module('magmodule', ['course' => $course->id,
            'steps' => [\mod_magmodule_generator::module_step('m1')]]);
        $this->context = \context_module::instance($this->programme->cmid);
        $this->alice = $generator->create_and_enrol($course, 'student');
        $this->bob = $generator->create_and_enrol($course, 'student');
        $manager = manager::create_from_cm(get_fast_modinfo($course)->get_cm($this->programme->cmid));
        foreach ([$this->alice, $this->bob] as $i => $user) {
            $this->setUser($user);
            $manager->progress('m1', 'intro', 30, true, (int) $user->id);
            $manager->xapi('m1', 'exercice', 'session-' . $i . 'aaaaaaa', 'key-' . $i . 'aaaaaaa', 'answered', true,
                ['score' => ['raw' => 1, 'max' => 2]], (int) $user->id);
            $manager->h5p_save('m1', 'exercice', '{"user":' . $i . '}', (int) $user->id);
        }
    }

    public function tearDown(): void {
        manager::$now = null;
        \mod_magmodule\catalogs::set_fetcher_for_tests(null);
        parent::tearDown();
    }

    public function test_metadata(): void {
        $collection = provider::get_metadata(new \core_privacy\local\metadata\collection('mod_magmodule'));
        $names = array_map(fn($item) => $item->get_name(), $collection->get_collection());
        foreach (manager::USER_TABLES as $table) {
            $this->assertContains($table, $names);
        }
        $this->assertContains('catalogs', $names);
    }

    public function test_contexts_and_users(): void {
        $this->assertEquals([$this->context->id], provider::get_contexts_for_userid((int) $this->alice->id)->get_contextids());
        $userlist = new userlist($this->context, 'mod_magmodule');
        provider::get_users_in_context($userlist);
        $this->assertEqualsCanonicalizing([$this->alice->id, $this->bob->id], $userlist->get_userids());
    }

    public function test_export(): void {
        $this->export_context_data_for_user((int) $this->alice->id, $this->context, 'mod_magmodule');
        $data = writer::with_context($this->context)->get_data([]);
        $this->assertEquals(50, $data->steps['m1']['figures']->score);
        $this->assertSame('{"user":0}', $data->steps['m1']['h5pstates'][0]->state);
        $this->assertSame('intro', $data->steps['m1']['items'][0]->item);
        $this->assertSame(1, $data->steps['m1']['attempts'][0]->attempt);
    }

    public function test_delete_for_one_user_and_for_the_context(): void {
        global $DB;
        provider::delete_data_for_user(new approved_contextlist($this->alice, 'mod_magmodule', [$this->context->id]));
        foreach (manager::USER_TABLES as $table) {
            $this->assertSame(0, $DB->count_records($table, ['userid' => $this->alice->id]), $table);
            $this->assertGreaterThan(0, $DB->count_records($table, ['userid' => $this->bob->id]), $table);
        }
        provider::delete_data_for_users(new approved_userlist($this->context, 'mod_magmodule', [$this->bob->id]));
        $this->assertSame(0, $DB->count_records('magmodule_item'));
    }

    public function test_delete_for_the_context(): void {
        global $DB;
        provider::delete_data_for_all_users_in_context($this->context);
        foreach (manager::USER_TABLES as $table) {
            $this->assertSame(0, $DB->count_records($table, ['magmoduleid' => $this->programme->id]), $table);
        }
    }
}
