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

namespace mod_magreactions\external;

use core_external\external_api;
use externallib_advanced_testcase;
use required_capability_exception;

defined('MOODLE_INTERNAL') || die();

global $CFG;
require_once($CFG->dirroot . '/webservice/tests/helpers.php');

/**
 * Web services of the reactions activity, with the permission matrix.
 *
 * @package    mod_magreactions
 * @category   external
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \mod_magreactions\external\get_state
 * @covers     \mod_magreactions\external\react
 * @covers     \mod_magreactions\external\reset
 * @covers     \mod_magreactions\manager
 */
final class services_test extends externallib_advanced_testcase {
    /** @var \stdClass */
    private $course;
    /** @var \stdClass */
    private $activity;
    /** @var \stdClass[] users by role */
    private $users = [];

    protected function setUp(): void {
        parent::setUp();
        $this->resetAfterTest();
        $this->course = $this->getDataGenerator()->create_course();
        $this->activity = $this->getDataGenerator()->create_module('magreactions', ['course' => $this->course->id]);
        foreach (['student', 'student2' => 'student', 'teacher' => 'editingteacher', 'noneditingteacher' => 'teacher']
                as $name => $role) {
            $name = is_int($name) ? $role : $name;
            $this->users[$name] = $this->getDataGenerator()->create_and_enrol($this->course, $role);
        }
        $this->users['outsider'] = $this->getDataGenerator()->create_user();
    }

    /**
     * Calls a web service as external code does, with the return structure cleaned.
     *
     * @param string $class
     * @param array $args
     * @return mixed
     */
    private function call(string $class, array $args) {
        $result = $class::execute(...$args);
        return external_api::clean_returnvalue($class::execute_returns(), $result);
    }

    public function test_a_new_activity_has_zero_counts(): void {
        $this->setUser($this->users['student']);
        $state = $this->call(get_state::class, [$this->activity->cmid]);
        $this->assertSame(['understood' => 0, 'question' => 0, 'lost' => 0, 'slower' => 0], $state['counts']);
        $this->assertSame(0, $state['version']);
    }

    public function test_react_counts_and_bumps_the_version(): void {
        $this->setUser($this->users['student']);
        $result = $this->call(react::class, [$this->activity->cmid, 'question', 'key-00000001']);
        $this->assertTrue($result['accepted']);
        $this->assertSame(1, $result['state']['counts']['question']);
        $this->assertSame(1, $result['state']['version']);
    }

    public function test_react_is_idempotent_per_user_and_key(): void {
        $this->setUser($this->users['student']);
        $this->call(react::class, [$this->activity->cmid, 'lost', 'key-00000001']);
        $again = $this->call(react::class, [$this->activity->cmid, 'understood', 'key-00000001']);
        $this->assertFalse($again['accepted']);
        $this->assertSame(1, $again['state']['counts']['lost']);
        $this->assertSame(0, $again['state']['counts']['understood']);
        $this->assertSame(1, $again['state']['version'], 'A replay must not bump the version.');

        // The same key from another trainee is another reaction.
        $this->setUser($this->users['student2']);
        $other = $this->call(react::class, [$this->activity->cmid, 'lost', 'key-00000001']);
        $this->assertTrue($other['accepted']);
        $this->assertSame(2, $other['state']['counts']['lost']);
    }

    public function test_react_refuses_bad_input(): void {
        $this->setUser($this->users['student']);
        foreach ([['bored', 'key-00000001'], ['lost', 'short'], ['lost', str_repeat('a', 65)]] as [$reaction, $key]) {
            try {
                react::execute($this->activity->cmid, $reaction, $key);
                $this->fail("Accepted $reaction / $key");
            } catch (\invalid_parameter_exception $e) {
                $this->assertInstanceOf(\invalid_parameter_exception::class, $e);
            }
        }
    }

    public function test_reset_starts_a_new_round(): void {
        $this->setUser($this->users['student']);
        $this->call(react::class, [$this->activity->cmid, 'slower', 'key-00000001']);
        $this->setUser($this->users['teacher']);
        $state = $this->call(reset::class, [$this->activity->cmid]);
        $this->assertSame(0, $state['counts']['slower']);
        $this->assertSame(2, $state['version']);

        // A key replayed after the reset is still the same reaction: not counted again.
        $this->setUser($this->users['student']);
        $replay = $this->call(react::class, [$this->activity->cmid, 'slower', 'key-00000001']);
        $this->assertFalse($replay['accepted']);
        $this->assertSame(0, $replay['state']['counts']['slower']);
    }

    /**
     * Permission matrix: who may call what.
     *
     * @dataProvider permission_matrix
     * @param string $user
     * @param string $function
     * @param bool $allowed
     */
    public function test_permission_matrix(string $user, string $function, bool $allowed): void {
        $this->setUser($this->users[$user]);
        $args = [$this->activity->cmid];
        if ($function === react::class) {
            $args = [$this->activity->cmid, 'understood', 'key-' . $user . '-1'];
        }
        if (!$allowed) {
            $this->expectException(\moodle_exception::class);
        }
        $this->call($function, $args);
        $this->assertTrue($allowed);
    }

    /**
     * The matrix.
     *
     * @return array
     */
    public static function permission_matrix(): array {
        return [
            'a trainee reads the state' => ['student', get_state::class, true],
            'a trainee reacts' => ['student', react::class, true],
            'a trainee calling reset' => ['student', reset::class, false],
            'a trainer reads the state' => ['teacher', get_state::class, true],
            'a trainer resets' => ['teacher', reset::class, true],
            'a trainer does not react' => ['teacher', react::class, false],
            'a non-editing trainer resets' => ['noneditingteacher', reset::class, true],
            'an outsider reads the state' => ['outsider', get_state::class, false],
            'an outsider reacts' => ['outsider', react::class, false],
            'an outsider resets' => ['outsider', reset::class, false],
        ];
    }

    public function test_a_trainee_calling_reset_changes_nothing(): void {
        global $DB;
        $this->setUser($this->users['student']);
        try {
            reset::execute($this->activity->cmid);
            $this->fail('A trainee reset the counts');
        } catch (required_capability_exception $e) {
            $this->assertSame('nopermissions', $e->errorcode);
            $this->assertStringContainsString(get_string('magreactions:reset', 'mod_magreactions'), $e->getMessage());
        }
        $this->assertEquals(0, $DB->get_field('magreactions', 'roundno', ['id' => $this->activity->id]));
    }

    public function test_separate_groups_see_their_own_counts(): void {
        global $DB;
        $course = $this->getDataGenerator()->create_course(['groupmode' => SEPARATEGROUPS, 'groupmodeforce' => 1]);
        $activity = $this->getDataGenerator()->create_module('magreactions', ['course' => $course->id]);
        $a = $this->getDataGenerator()->create_and_enrol($course, 'student');
        $b = $this->getDataGenerator()->create_and_enrol($course, 'student');
        $teacher = $this->getDataGenerator()->create_and_enrol($course, 'editingteacher');
        $groupa = $this->getDataGenerator()->create_group(['courseid' => $course->id]);
        $groupb = $this->getDataGenerator()->create_group(['courseid' => $course->id]);
        $this->getDataGenerator()->create_group_member(['groupid' => $groupa->id, 'userid' => $a->id]);
        $this->getDataGenerator()->create_group_member(['groupid' => $groupb->id, 'userid' => $b->id]);

        $this->setUser($a);
        $this->call(react::class, [$activity->cmid, 'lost', 'key-a-0001']);
        $this->setUser($b);
        $state = $this->call(react::class, [$activity->cmid, 'lost', 'key-b-0001'])['state'];
        $this->assertSame(1, $state['counts']['lost'], 'A trainee sees only their groups.');

        $this->setUser($teacher);
        $this->assertSame(2, $this->call(get_state::class, [$activity->cmid])['counts']['lost']);
        $this->assertEquals(2, $DB->count_records('magreactions_reaction', ['magreactionsid' => $activity->id]));
    }

    public function test_the_shared_vectors_through_the_web_service(): void {
        global $CFG;
        $file = $CFG->dirroot . '/mod/magreactions/tests/fixtures/reactions-counting.json';
        if (!file_exists($file)) {
            $this->markTestSkipped('The shared vectors are copied into tests/fixtures/ by the packaging step.');
        }
        $data = json_decode(file_get_contents($file), true);
        foreach ($data['cases'] as $case) {
            $activity = $this->getDataGenerator()->create_module('magreactions', ['course' => $this->course->id]);
            $users = [];
            foreach ($case['events'] as $event) {
                if (!isset($users[$event['user']])) {
                    $users[$event['user']] = $this->getDataGenerator()->create_and_enrol($this->course, 'student');
                }
                $this->setUser($users[$event['user']]);
                $this->call(react::class, [$activity->cmid, $event['reaction'], $event['key']]);
            }
            $this->setUser($this->users['teacher']);
            $this->assertSame($case['expected'], $this->call(get_state::class, [$activity->cmid])['counts'], $case['name']);
        }
    }
}
