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

namespace mod_magmodule\external;

use core_external\external_api;
use externallib_advanced_testcase;
use mod_magmodule\manager;
use required_capability_exception;

defined('MOODLE_INTERNAL') || die();

global $CFG;
require_once($CFG->dirroot . '/webservice/tests/helpers.php');

/**
 * Web services of the hybrid programme, through external_api::clean_returnvalue as Moodle sends them, with the
 * permission matrix (trainee, editing teacher, non-editing teacher, outsider) and the player's trust rules. The
 * expectations follow the reference host's tests (host/test/module.test.ts, programme.test.ts).
 *
 * @package    mod_magmodule
 * @category   external
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \mod_magmodule\external\programme_state
 * @covers     \mod_magmodule\external\programme_save
 * @covers     \mod_magmodule\external\programme_catalog
 * @covers     \mod_magmodule\external\module_state
 * @covers     \mod_magmodule\external\module_catalog_search
 * @covers     \mod_magmodule\external\module_catalog_preview
 * @covers     \mod_magmodule\external\module_add
 * @covers     \mod_magmodule\external\module_update
 * @covers     \mod_magmodule\external\module_report
 * @covers     \mod_magmodule\external\module_play
 * @covers     \mod_magmodule\external\module_item
 * @covers     \mod_magmodule\external\module_progress
 * @covers     \mod_magmodule\external\module_xapi
 * @covers     \mod_magmodule\external\module_h5p_save
 * @covers     \mod_magmodule\external\module_h5p_load
 * @covers     \mod_magmodule\manager
 */
final class services_test extends externallib_advanced_testcase {
    /** @var \stdClass */
    private $course;
    /** @var \stdClass[] users by name */
    private $users = [];
    /** @var \module_catalog_fixture */
    private $catalog;

    protected function setUp(): void {
        parent::setUp();
        $this->resetAfterTest();
        $generator = $this->getDataGenerator();
        $this->course = $generator->create_course();
        foreach (['lucas' => 'student', 'emma' => 'student', 'teacher' => 'editingteacher',
                'noneditingteacher' => 'teacher'] as $name => $role) {
            $this->users[$name] = $generator->create_and_enrol($this->course, $role,
                ['firstname' => ucfirst($name), 'lastname' => 'Test']);
        }
        $this->users['outsider'] = $generator->create_user();
        $this->catalog = $generator->get_plugin_generator('mod_magmodule')->use_fixture_catalog();
        // Tuesday 3 March 2026, 10:00 in Paris.
        manager::$now = 1772528400;
    }

    protected function tearDown(): void {
        manager::$now = null;
        \mod_magmodule\catalogs::set_fetcher_for_tests(null);
        parent::tearDown();
    }

    /**
     * A programme in the course.
     *
     * @param array $steps
     * @param array $more fields of the instance
     * @return \stdClass with cmid
     */
    private function programme(array $steps = [], array $more = []): \stdClass {
        return $this->getDataGenerator()->create_module('magmodule',
            ['course' => $this->course->id, 'steps' => $steps] + $more);
    }

    /**
     * Calls a web service as a user, cleaned as Moodle sends it, and decodes its JSON answer.
     *
     * @param string $user
     * @param string $class
     * @param array $args the execute() parameters
     * @return array
     */
    private function call(string $user, string $class, array $args): array {
        $this->setUser($this->users[$user]);
        $result = external_api::clean_returnvalue($class::execute_returns(), $class::execute(...$args));
        return json_decode($result['json'], true, 64, JSON_THROW_ON_ERROR);
    }

    public function test_programme_state_and_optimistic_save(): void {
        $programme = $this->programme([\mod_magmodule_generator::session_step('s1')]);
        $state = $this->call('lucas', programme_state::class, [$programme->cmid]);
        $this->assertSame('s1', $state['steps'][0]['id']);
        $version = $state['version'];

        $steps = [\mod_magmodule_generator::session_step('s1', '2026-03-09'), \mod_magmodule_generator::session_step('s2')];
        $saved = $this->call('teacher', programme_save::class, [$programme->cmid, $version, json_encode($steps)]);
        $this->assertTrue($saved['saved']);
        $this->assertSame(['s1', 's2'], array_column($saved['state']['steps'], 'id'));
        // A second trainer working from the old version does not overwrite silently.
        $stale = $this->call('teacher', programme_save::class, [$programme->cmid, $version, json_encode([])]);
        $this->assertFalse($stale['saved']);
        $this->assertCount(2, $stale['state']['steps']);
    }

    public function test_bad_steps_are_a_clear_error_and_nothing_changes(): void {
        $programme = $this->programme([\mod_magmodule_generator::session_step('s1')]);
        $version = $this->call('teacher', programme_state::class, [$programme->cmid])['version'];
        $bad = [\mod_magmodule_generator::session_step('s1')];
        $bad[0]['link'] = 'javascript:alert(1)';
        $bad[0]['kind'] = 'synchronous';
        try {
            $this->call('teacher', programme_save::class, [$programme->cmid, $version, json_encode($bad)]);
            $this->fail('expected an invalid_parameter_exception');
        } catch (\invalid_parameter_exception $e) {
            $this->assertStringContainsString('steps[0].link', $e->debuginfo);
        }
        $this->assertSame('inperson', $this->call('teacher', programme_state::class, [$programme->cmid])['steps'][0]['kind']);
    }

    /**
     * Trainer-only services, with arguments.
     *
     * @return array
     */
    public static function trainer_services(): array {
        return [
            'programme.save' => [programme_save::class, [0, '[]']],
            'programme.catalog' => [programme_catalog::class, []],
            'module.catalog_search' => [module_catalog_search::class, []],
            'module.catalog_preview' => [module_catalog_preview::class, ['https://catalogue.example.fr/c/', 'evaluer']],
            'module.add' => [module_add::class, ['https://catalogue.example.fr/c/', 'evaluer', '1.1.0']],
            'module.update' => [module_update::class, ['m1', '1.1.0']],
            'module.report' => [module_report::class, []],
        ];
    }

    /**
     * @dataProvider trainer_services
     * @param string $class
     * @param array $args
     */
    public function test_a_trainee_calling_a_trainer_service_is_refused(string $class, array $args): void {
        $programme = $this->programme([\mod_magmodule_generator::module_step('m1', 'evaluer', '1.0.0')]);
        $this->expectException(required_capability_exception::class);
        $this->call('lucas', $class, array_merge([$programme->cmid], $args));
    }

    public function test_a_non_editing_teacher_reads_the_report_but_does_not_plan(): void {
        $programme = $this->programme();
        $report = $this->call('noneditingteacher', module_report::class, [$programme->cmid]);
        $this->assertSame(2, $report['total'], 'the two students, not the teachers');
        $this->expectException(required_capability_exception::class);
        $this->call('noneditingteacher', programme_save::class, [$programme->cmid, 0, '[]']);
    }

    public function test_an_outsider_is_refused(): void {
        $programme = $this->programme();
        $this->expectException(\require_login_exception::class);
        $this->call('outsider', programme_state::class, [$programme->cmid]);
    }

    public function test_search_preview_and_one_click_add_then_update(): void {
        $programme = $this->programme();
        $found = $this->call('teacher', module_catalog_search::class, [$programme->cmid, 'EVAL', null, null, null]);
        $this->assertSame(['evaluer'], array_column($found['hits'], 'id'));
        $this->assertSame('Catalogue test', $found['catalogs'][0]['title']);
        $preview = $this->call('teacher', module_catalog_preview::class,
            [$programme->cmid, \module_catalog_fixture::BASE, 'evaluer']);
        $this->assertTrue($preview['ok']);
        $this->assertSame(['intro', 'exercice'], array_column($preview['preview']['items'], 'id'));

        $added = $this->call('teacher', module_add::class, [$programme->cmid, \module_catalog_fixture::BASE, 'evaluer', '1.0.0']);
        $this->assertTrue($added['ok']);
        $step = $added['state']['steps'][0];
        $this->assertSame('2026-03-03', $step['opens'], 'opens today');
        $this->assertSame('1.1.0', $step['update']['version'], 'a newer version is offered to trainers');
        $hits = $this->call('teacher', module_catalog_search::class, [$programme->cmid, null, null, null, null])['hits'];
        $this->assertSame(['oral' => false, 'evaluer' => true], array_column($hits, 'inProgramme', 'id'));

        // A trainee's progress on an item that is kept survives the update.
        $this->call('lucas', module_progress::class, [$programme->cmid, $added['stepId'], 'intro', 30, true]);
        $updated = $this->call('teacher', module_update::class, [$programme->cmid, $added['stepId'], '1.1.0']);
        $this->assertTrue($updated['ok']);
        $this->assertArrayNotHasKey('update', $updated['state']['steps'][0]);
        $mine = $this->call('lucas', module_state::class, [$programme->cmid])['steps'][0]['progress'];
        $this->assertEquals(50, $mine['percent'], 'intro done, the new H5P item not yet');
        $this->assertSame(30, $mine['seconds']);

        $unknown = $this->call('teacher', module_add::class, [$programme->cmid, \module_catalog_fixture::BASE, 'evaluer', '9.9.9']);
        $this->assertSame(['ok' => false, 'problem' => ['code' => 'unknown_version', 'url' => \module_catalog_fixture::BASE]],
            $unknown);
        $notallowed = $this->call('teacher', module_add::class, [$programme->cmid, 'https://ailleurs.example/c/', 'evaluer', '1.0.0']);
        $this->assertSame('not_allowed', $notallowed['problem']['code']);
    }

    public function test_xapi_statements_become_attempts_grades_and_the_report(): void {
        global $CFG, $DB;
        require_once($CFG->libdir . '/gradelib.php');
        $programme = $this->programme([\mod_magmodule_generator::module_step('m1')], ['grade' => 20]);
        $outline = $this->call('lucas', module_play::class, [$programme->cmid, 'm1']);
        $this->assertFalse($outline['outline']['preview']);
        $this->assertStringContainsString('/mod/magmodule/h5p.php', $outline['outline']['h5pPlayer']);
        $result = json_encode(['score' => ['min' => 0, 'raw' => 3, 'max' => 4], 'completion' => true, 'success' => false,
            'duration' => 'PT12S']);
        $args = [$programme->cmid, 'm1', 'exercice', 'session-aaaa', 'key-00000001', 'answered', true, $result];
        $written = $this->call('lucas', module_xapi::class, $args);
        $this->assertTrue($written['recorded']);
        $this->assertEquals(['raw' => 3, 'max' => 4, 'scaled' => 0.75], $written['item']['best']);
        // The same key again counts once.
        $again = $this->call('lucas', module_xapi::class, $args);
        $this->assertFalse($again['recorded']);
        $attempt = $DB->get_record('magmodule_attempt', ['userid' => $this->users['lucas']->id], '*', MUST_EXIST);
        $this->assertEquals([3, 4, 0.75, 12, 1, 0], [(float) $attempt->rawscore, (float) $attempt->maxscore,
            (float) $attempt->scaled, (float) $attempt->duration, (int) $attempt->completion, (int) $attempt->success]);

        $grades = grade_get_grades($this->course->id, 'mod', 'magmodule', $programme->id, $this->users['lucas']->id);
        $this->assertEquals(15.0, (float) reset($grades->items[0]->grades)->grade, '75 % of 20');

        $report = $this->call('teacher', module_report::class, [$programme->cmid]);
        $this->assertTrue($report['steps'][0]['scored']);
        $row = array_values(array_filter($report['rows'], fn($r) => $r['userId'] === (string) $this->users['lucas']->id))[0];
        $this->assertEquals(75, $row['steps']['m1']['score']);
        $this->assertEquals(75, $row['programme']['score']);
    }

    public function test_trainers_play_in_preview_and_nothing_is_stored(): void {
        global $DB;
        $programme = $this->programme([\mod_magmodule_generator::module_step('m1')]);
        $this->assertTrue($this->call('teacher', module_play::class, [$programme->cmid, 'm1'])['outline']['preview']);
        $written = $this->call('teacher', module_progress::class, [$programme->cmid, 'm1', 'intro', 30, true]);
        $this->assertFalse($written['recorded']);
        $this->assertFalse($this->call('teacher', module_h5p_save::class, [$programme->cmid, 'm1', 'exercice', '{}'])['saved']);
        $this->assertSame(0, $DB->count_records('magmodule_item'));
    }

    public function test_only_open_steps_and_items_of_the_version_in_use_are_written(): void {
        global $DB;
        $programme = $this->programme([
            \mod_magmodule_generator::module_step('later', 'evaluer', '1.1.0', ['opens' => '2026-03-10']),
            \mod_magmodule_generator::module_step('over', 'evaluer', '1.1.0', ['closes' => '2026-03-01']),
            \mod_magmodule_generator::module_step('old', 'evaluer', '1.0.0'),
        ]);
        foreach ([['later', 'intro'], ['over', 'intro'], ['old', 'exercice']] as [$step, $item]) {
            try {
                $this->call('lucas', module_progress::class, [$programme->cmid, $step, $item, 10, false]);
                $this->fail("$step/$item was written");
            } catch (\moodle_exception $e) {
                $this->assertSame('nopermissions', $e->errorcode, "$step/$item");
            }
        }
        // A closed step still reads.
        $this->assertSame('closed', $this->call('lucas', module_play::class, [$programme->cmid, 'over'])['outline']['reach']);
        $this->assertSame(0, $DB->count_records('magmodule_item'));
    }

    public function test_an_h5p_item_is_not_completed_by_the_player(): void {
        $programme = $this->programme([\mod_magmodule_generator::module_step('m1')]);
        $this->expectException(\invalid_parameter_exception::class);
        $this->call('lucas', module_progress::class, [$programme->cmid, 'm1', 'exercice', 10, true]);
    }

    public function test_a_page_gets_no_xapi_statement(): void {
        $programme = $this->programme([\mod_magmodule_generator::module_step('m1')]);
        $this->expectException(\invalid_parameter_exception::class);
        $this->call('lucas', module_xapi::class, [$programme->cmid, 'm1', 'intro', 'session-aaaa', 'key-00000002',
            'completed', true, '{}']);
    }

    public function test_forged_results_are_refused(): void {
        $programme = $this->programme([\mod_magmodule_generator::module_step('m1')]);
        $this->expectException(\invalid_parameter_exception::class);
        $this->call('lucas', module_xapi::class, [$programme->cmid, 'm1', 'exercice', 'session-aaaa', 'key-00000003',
            'answered', true, json_encode(['score' => ['raw' => 5, 'max' => 4]])]);
    }

    public function test_time_reports_are_capped_by_the_clock(): void {
        $programme = $this->programme([\mod_magmodule_generator::module_step('m1')]);
        $this->call('lucas', module_progress::class, [$programme->cmid, 'm1', 'intro', 60, false]);
        // Two seconds later, 300 more seconds are claimed: 2 + 5 of slack are counted.
        manager::$now += 2;
        $written = $this->call('lucas', module_progress::class, [$programme->cmid, 'm1', 'intro', 300, false]);
        $this->assertSame(67, $written['item']['seconds']);
        $this->expectException(\invalid_parameter_exception::class);
        $this->call('lucas', module_progress::class, [$programme->cmid, 'm1', 'intro', 301, false]);
    }

    public function test_h5p_states_saved_resumed_and_forgotten(): void {
        $programme = $this->programme([\mod_magmodule_generator::module_step('m1')]);
        $this->assertTrue($this->call('lucas', module_h5p_save::class, [$programme->cmid, 'm1', 'exercice', '{"a":1}'])['saved']);
        $this->assertSame('{"a":1}', $this->call('lucas', module_h5p_load::class, [$programme->cmid, 'm1', 'exercice'])['state']);
        $this->assertNull($this->call('emma', module_h5p_load::class, [$programme->cmid, 'm1', 'exercice'])['state']);
        $this->call('lucas', module_h5p_save::class, [$programme->cmid, 'm1', 'exercice', null]);
        $this->assertNull($this->call('lucas', module_h5p_load::class, [$programme->cmid, 'm1', 'exercice'])['state']);
        $this->expectException(\invalid_parameter_exception::class);
        $this->call('lucas', module_h5p_save::class, [$programme->cmid, 'm1', 'exercice', str_repeat('x', 48001)]);
    }

    public function test_items_come_in_parts_with_absolute_addresses(): void {
        $programme = $this->programme([\mod_magmodule_generator::module_step('m1')]);
        $part = $this->call('lucas', module_item::class, [$programme->cmid, 'm1', 'exercice', 0]);
        $item = json_decode($part['text'], true);
        $this->assertSame(\module_catalog_fixture::BASE . 'modules/evaluer/1.1.0/h5p/exercice', $item['h5pJsonPath']);
        $this->expectException(\invalid_parameter_exception::class);
        $this->call('lucas', module_item::class, [$programme->cmid, 'm1', 'exercice', 1]);
    }

    public function test_a_catalog_that_cannot_be_read_is_a_problem_not_a_crash(): void {
        $programme = $this->programme([\mod_magmodule_generator::module_step('m1')]);
        $this->catalog->files[\module_catalog_fixture::BASE . 'index.json'] = 503;
        \cache::make('mod_magmodule', 'catalogs')->purge();
        \mod_magmodule\catalogs::set_fetcher_for_tests($this->catalog->fetcher());
        $play = $this->call('lucas', module_play::class, [$programme->cmid, 'm1']);
        $this->assertSame(['ok' => false, 'problem' => ['code' => 'http', 'url' => \module_catalog_fixture::BASE . 'index.json']],
            $play);
        $state = $this->call('teacher', module_state::class, [$programme->cmid]);
        $this->assertSame('http', $state['steps'][0]['problem']['code']);
    }
}
