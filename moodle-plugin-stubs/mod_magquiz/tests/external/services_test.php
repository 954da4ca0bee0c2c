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

namespace mod_magquiz\external;

use core_external\external_api;
use externallib_advanced_testcase;
use mod_magquiz\manager;
use required_capability_exception;

defined('MOODLE_INTERNAL') || die();

global $CFG;
require_once($CFG->dirroot . '/webservice/tests/helpers.php');

/**
 * Web services of the quiz, through external_api::clean_returnvalue as Moodle sends them, with the permission matrix.
 * The expectations follow the reference host's tests (host/test/quiz.test.ts).
 *
 * @package    mod_magquiz
 * @category   external
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \mod_magquiz\external\get_state
 * @covers     \mod_magquiz\external\start
 * @covers     \mod_magquiz\external\act
 * @covers     \mod_magquiz\external\live_join
 * @covers     \mod_magquiz\external\live_answer
 * @covers     \mod_magquiz\external\live_control
 * @covers     \mod_magquiz\external\results
 * @covers     \mod_magquiz\external\grade_essay
 * @covers     \mod_magquiz\external\accommodations
 * @covers     \mod_magquiz\manager
 */
final class services_test extends externallib_advanced_testcase {
    /** @var \stdClass */
    private $course;
    /** @var \stdClass[] users by name */
    private $users = [];
    /** @var int idempotency keys handed out */
    private $keys = 0;

    protected function setUp(): void {
        parent::setUp();
        $this->resetAfterTest();
        $generator = $this->getDataGenerator();
        $this->course = $generator->create_course(['enablecompletion' => 1]);
        foreach (['lucas' => 'student', 'emma' => 'student', 'hugo' => 'student', 'teacher' => 'editingteacher',
                'noneditingteacher' => 'teacher'] as $name => $role) {
            $this->users[$name] = $generator->create_and_enrol($this->course, $role,
                ['firstname' => ucfirst($name), 'lastname' => 'Test' . ucfirst($name)]);
        }
        $this->users['outsider'] = $generator->create_user();
    }

    /**
     * A new quiz in the course (the generator's two questions unless told otherwise).
     *
     * @param array $settings fields of the instance record
     * @return \stdClass the instance, with its cmid
     */
    private function quiz(array $settings = []): \stdClass {
        return $this->getDataGenerator()->create_module('magquiz', ['course' => $this->course->id,
            'shuffleanswers' => 0] + $settings);
    }

    /**
     * Calls a web service as a user, as external code does, with the return structure cleaned.
     *
     * @param string $user
     * @param string $class
     * @param array $args the execute() parameters
     * @return mixed
     */
    private function call(string $user, string $class, array $args) {
        $this->setUser($this->users[$user]);
        $result = $class::execute(...$args);
        return external_api::clean_returnvalue($class::execute_returns(), $result);
    }

    /**
     * A fresh idempotency key.
     *
     * @return string
     */
    private function key(): string {
        return sprintf('key-%08d', ++$this->keys);
    }

    /**
     * An action on an attempt, as the host module sends it (the action as JSON text).
     *
     * @param string $user
     * @param \stdClass $quiz
     * @param int $attempt
     * @param array|string $action
     * @param string|null $key
     * @return array
     */
    private function act(string $user, \stdClass $quiz, int $attempt, $action, ?string $key = null): array {
        return $this->call($user, act::class, [$quiz->cmid, $attempt, json_encode($action), $key ?? $this->key()]);
    }

    /**
     * A user's state.
     *
     * @param string $user
     * @param \stdClass $quiz
     * @return array
     */
    private function state(string $user, \stdClass $quiz): array {
        return $this->call($user, get_state::class, [$quiz->cmid]);
    }

    /**
     * A user's grade in the gradebook, or null.
     *
     * @param \stdClass $quiz
     * @param string $user
     * @return float|null
     */
    private function gradebook(\stdClass $quiz, string $user): ?float {
        global $CFG;
        require_once($CFG->libdir . '/gradelib.php');
        $grades = grade_get_grades($this->course->id, 'mod', 'magquiz', $quiz->id, $this->users[$user]->id);
        $grade = $grades->items[0]->grades[$this->users[$user]->id]->grade ?? null;
        return $grade === null ? null : (float) $grade;
    }

    public function test_self_paced_graded_on_the_server_with_no_key_before_the_end(): void {
        $quiz = $this->quiz(['attempts' => 2]);
        $key = $this->key();
        $started = $this->call('lucas', start::class, [$quiz->cmid, $key]);
        $again = $this->call('lucas', start::class, [$quiz->cmid, $key]);
        $this->assertCount(1, $again['selfPaced']['attempts'], 'the same key starts one attempt');
        $this->assertSame('inProgress', $started['selfPaced']['attempt']['status']);
        $this->assertStringNotContainsString('SECRET', json_encode($started));
        $this->assertStringNotContainsString('fraction', json_encode($started));
        // Choices are named by their place on screen: Paris is second (no shuffling in this quiz).
        $this->act('lucas', $quiz, 1, ['type' => 'save', 'slot' => 0, 'response' => ['choice' => 1]]);
        $saved = $this->act('lucas', $quiz, 1, ['type' => 'save', 'slot' => 1, 'response' => ['text' => 'pix']]);
        $this->assertStringNotContainsString('SECRET', json_encode($saved));
        $finish = $this->key();
        $finished = $this->act('lucas', $quiz, 1, ['type' => 'finish'], $finish);
        $this->assertArrayNotHasKey('error', $this->act('lucas', $quiz, 1, ['type' => 'finish'], $finish),
            'a retried finish (same key) is applied once, and does not fail');
        $this->assertEquals(['marks' => 2, 'maxMarks' => 2, 'grade' => 10, 'maxGrade' => 10, 'passed' => null],
            $finished['state']['selfPaced']['attempt']['result']);
        $this->assertStringContainsString('SECRET oui', json_encode($finished['state']));
        $this->assertEqualsWithDelta(10.0, $this->gradebook($quiz, 'lucas'), 1e-5);
        $this->assertNull($this->gradebook($quiz, 'emma'));
    }

    public function test_hostile_actions_are_refused_with_a_clear_code_and_keep_the_attempt(): void {
        $quiz = $this->quiz();
        $this->call('emma', start::class, [$quiz->cmid, $this->key()]);
        foreach ([
            [['type' => 'save', 'slot' => 9, 'response' => ['choice' => 0]], 'no_such_slot'],
            [['type' => 'save', 'slot' => 0, 'response' => ['choice' => 7]], 'out_of_range'],
            [['type' => 'save', 'slot' => 1, 'response' => ['text' => str_repeat('x', 1100)]], 'too_long'],
            [['type' => 'save', 'slot' => 0, 'response' => '<script>'], 'wrong_shape'],
            [['type' => 'drop'], 'bad_action'],
        ] as [$action, $code]) {
            $this->assertSame($code, $this->act('emma', $quiz, 1, $action)['error']['code']);
        }
        $this->assertSame('inProgress', $this->state('emma', $quiz)['selfPaced']['attempt']['status']);
        // Another trainee cannot act on it: attempts are per person.
        $this->assertSame('no_such_attempt', $this->act('hugo', $quiz, 1, ['type' => 'finish'])['error']['code']);
        $this->expectException(\invalid_parameter_exception::class);
        $this->call('emma', act::class, [$quiz->cmid, 1, '{"type":', $this->key()]);
    }

    public function test_the_attempts_allowed(): void {
        $quiz = $this->quiz(['attempts' => 2]);
        foreach ([1, 2] as $number) {
            $this->call('hugo', start::class, [$quiz->cmid, $this->key()]);
            $this->act('hugo', $quiz, $number, ['type' => 'finish']);
        }
        $state = $this->state('hugo', $quiz);
        $this->assertFalse($state['selfPaced']['canStart']);
        $this->assertSame('no_attempts_left', $state['selfPaced']['reason']);
        $this->expectException(\invalid_parameter_exception::class);
        $this->call('hugo', start::class, [$quiz->cmid, $this->key()]);
    }

    /**
     * Trainer-only services, and trainee-only ones.
     *
     * @return array
     */
    public static function permission_provider(): array {
        return [
            'a trainee opening a live session' => ['lucas', live_control::class, ['open', null]],
            'a trainee reading the results' => ['lucas', results::class, []],
            'a trainer starting an attempt' => ['teacher', start::class, ['key-abcdefgh']],
            'a trainer joining the live session' => ['noneditingteacher', live_join::class, []],
            'a trainee grading an essay' => ['lucas', grade_essay::class, [1, 0, 1.0, 'Parfait.']],
        ];
    }

    /**
     * @dataProvider permission_provider
     * @param string $user
     * @param string $class
     * @param array $args
     */
    public function test_permission_matrix(string $user, string $class, array $args): void {
        $quiz = $this->quiz();
        $this->expectException(required_capability_exception::class);
        $this->call($user, $class, array_merge([$quiz->cmid], $args));
    }

    public function test_an_outsider_gets_nothing(): void {
        $quiz = $this->quiz();
        $this->expectException(\require_login_exception::class);
        $this->state('outsider', $quiz);
    }

    public function test_a_live_session_with_no_key_before_the_reveal_and_fair_points(): void {
        $quiz = $this->quiz();
        $lobby = $this->call('teacher', live_control::class, [$quiz->cmid, 'open',
            ['speedPoints' => false, 'leaderboard' => 'top5']]);
        $this->assertSame('lobby', $lobby['live']['phase']);
        $this->assertTrue($this->call('lucas', live_join::class, [$quiz->cmid])['live']['me']['joined']);
        $this->call('emma', live_join::class, [$quiz->cmid]);
        $this->call('emma', live_join::class, [$quiz->cmid]);
        $this->assertSame(2, $this->state('teacher', $quiz)['live']['joined'], 'joining twice counts once');
        $version = $this->state('lucas', $quiz)['version'];
        $this->call('teacher', live_control::class, [$quiz->cmid, 'start', null]);
        $open = $this->state('lucas', $quiz);
        $this->assertGreaterThan($version, $open['version']);
        $this->assertSame('open', $open['live']['step']['question']['phase']);
        $this->assertStringNotContainsString('SECRET', json_encode($open));
        $paris = $this->getDataGenerator()->get_plugin_generator('mod_magquiz')->live_choice($quiz, 1);
        $lyon = $this->getDataGenerator()->get_plugin_generator('mod_magquiz')->live_choice($quiz, 0);
        $key = $this->key();
        $answer = $this->call('lucas', live_answer::class, [$quiz->cmid, 0, json_encode(['choice' => $paris]), $key, 800.0]);
        $this->assertTrue($answer['accepted']);
        $this->assertStringNotContainsString('SECRET', json_encode($answer));
        $this->assertArrayNotHasKey('results', $answer['state']['live']['step']['question']);
        $this->assertTrue($this->call('lucas', live_answer::class, [$quiz->cmid, 0, json_encode(['choice' => $lyon]), $key,
            null])['accepted'], 'a retry with the same key');
        $again = $this->call('lucas', live_answer::class, [$quiz->cmid, 0, json_encode(['choice' => $lyon]), $this->key(),
            null]);
        $this->assertSame('already_answered', $again['error']['code']);
        $this->assertSame('wrong_shape', $this->call('emma', live_answer::class, [$quiz->cmid, 0, '"Paris"', $this->key(),
            null])['error']['code']);
        $this->assertSame('not_joined', $this->call('hugo', live_answer::class, [$quiz->cmid, 0, json_encode(['choice' => 1]),
            $this->key(), null])['error']['code']);
        $this->call('emma', live_answer::class, [$quiz->cmid, 0, json_encode(['choice' => $lyon]), $this->key(), null]);
        $this->assertSame(2, $this->state('teacher', $quiz)['live']['step']['question']['responses']);
        // Points say who was right: before the reveal, the question on screen counts neither in Lucas's own points
        // nor on the leaderboard.
        $before = $this->state('lucas', $quiz)['live'];
        $this->assertSame(0, $before['me']['points']);
        $this->assertSame([0, 0], array_column($before['leaderboard']['rows'], 'points'));

        $this->call('teacher', live_control::class, [$quiz->cmid, 'reveal', null]);
        $revealed = $this->state('lucas', $quiz)['live'];
        $this->assertSame(['state' => 'right', 'points' => 1000], $revealed['step']['mine']['outcome']);
        $this->assertSame(['right' => 1, 'partial' => 0, 'wrong' => 1], $revealed['step']['question']['results']['states']);
        $this->assertSame('top5', $revealed['leaderboard']['kind']);
        $this->assertSame([1000, 0], array_column($revealed['leaderboard']['rows'], 'points'));

        $results = $this->call('teacher', results::class, [$quiz->cmid]);
        $this->assertSame(2, $results['live']['questions'][0]['responses']);
        $this->assertSame([1000, 0], array_column($results['live']['scores'], 'points'));
    }

    public function test_a_timed_question_closes_by_itself_and_the_version_says_so(): void {
        global $DB;
        $quiz = $this->quiz();
        $this->call('teacher', live_control::class, [$quiz->cmid, 'open',
            ['timerSeconds' => 20, 'speedPoints' => true, 'leaderboard' => 'off']]);
        $this->call('lucas', live_join::class, [$quiz->cmid]);
        $this->call('teacher', live_control::class, [$quiz->cmid, 'start', null]);
        $record = $DB->get_record('magquiz', ['id' => $quiz->id]);
        $this->assertGreaterThan(0, (int) $record->versiondue);
        $before = manager::version_of($record);
        // The deadline passes with no request: move it into the past, as time would.
        $row = $DB->get_record('magquiz_live', ['magquizid' => $quiz->id]);
        $session = json_decode($row->state, true);
        $session['closesAt'] = manager::now() - 1000;
        $DB->set_field('magquiz_live', 'state', json_encode($session), ['id' => $row->id]);
        $DB->set_field('magquiz', 'versiondue', manager::now() - 1000, ['id' => $quiz->id]);
        $record = $DB->get_record('magquiz', ['id' => $quiz->id]);
        $this->assertSame($before + 1, manager::version_of($record), 'the poll endpoint counts the deadline');
        $state = $this->state('lucas', $quiz);
        $this->assertSame($before + 1, $state['version']);
        $this->assertSame('closed', $state['live']['step']['question']['phase']);
        $late = $this->call('lucas', live_answer::class, [$quiz->cmid, 0, json_encode(['choice' => 0]), $this->key(), null]);
        $this->assertSame('closed', $late['error']['code']);
        $this->call('teacher', live_control::class, [$quiz->cmid, 'reveal', null]);
        $this->assertSame($before + 2, $this->state('lucas', $quiz)['version'], 'the next change counts from there');
    }

    public function test_private_actions_do_not_move_the_version(): void {
        $quiz = $this->quiz();
        $version = $this->state('lucas', $quiz)['version'];
        $this->call('lucas', start::class, [$quiz->cmid, $this->key()]);
        $this->act('lucas', $quiz, 1, ['type' => 'save', 'slot' => 0, 'response' => ['choice' => 1]]);
        $this->act('lucas', $quiz, 1, ['type' => 'finish']);
        $this->assertSame($version, $this->state('emma', $quiz)['version']);
    }

    public function test_results_for_trainers(): void {
        $quiz = $this->quiz();
        $this->call('lucas', start::class, [$quiz->cmid, $this->key()]);
        $this->act('lucas', $quiz, 1, ['type' => 'finish', 'responses' => [['slot' => 0, 'response' => ['choice' => 1]]]]);
        $this->call('emma', start::class, [$quiz->cmid, $this->key()]);
        $results = $this->call('noneditingteacher', results::class, [$quiz->cmid]);
        $this->assertSame(['Emma TestEmma', 'Lucas TestLucas'], array_column($results['trainees'], 'name'));
        $this->assertNull($results['trainees'][0]['grade'], 'an attempt in progress has no grade yet');
        $this->assertEquals(5, $results['trainees'][1]['grade']);
        $this->assertEquals(1, $results['questions'][0]['facility']);
        $this->assertEquals(0, $results['questions'][1]['facility']);
        $this->assertSame(['Lyon', 'Paris'], $results['questions'][0]['choices']);
        $this->assertNull($results['live']);
        $trainer = $this->state('teacher', $quiz)['trainer'];
        $this->assertSame(['participants' => 2, 'finishedAttempts' => 1, 'needsGrading' => 0], $trainer);
        $this->assertArrayNotHasKey('trainer', $this->state('lucas', $quiz));
    }

    /**
     * A quiz of a single choice question and an essay (GIFT: `{}`), marked 1 each.
     *
     * @param array $settings
     * @return \stdClass
     */
    private function quiz_with_an_essay(array $settings = []): \stdClass {
        return $this->quiz($settings + ['questionstext' => \mod_magquiz_generator::DEFAULT_GIFT
            . "\n\n::Avis:: Votre avis sur le travail en îlots ? {}"]);
    }

    public function test_a_trainer_grades_an_essay_and_the_gradebook_follows(): void {
        global $CFG;
        $quiz = $this->quiz_with_an_essay(['gradepass' => 6, 'completion' => COMPLETION_TRACKING_AUTOMATIC,
            'completionusegrade' => 1, 'completionpassgrade' => 1]);
        $this->call('lucas', start::class, [$quiz->cmid, $this->key()]);
        $this->act('lucas', $quiz, 1, ['type' => 'finish', 'responses' => [['slot' => 0, 'response' => ['choice' => 1]],
            ['slot' => 2, 'response' => ['text' => 'Le travail en îlots, pour s’entraider.']]]]);
        $this->assertNull($this->gradebook($quiz, 'lucas'), 'no grade while the essay waits');
        $this->assertSame(1, $this->state('teacher', $quiz)['trainer']['needsGrading']);

        $results = $this->call('noneditingteacher', results::class, [$quiz->cmid]);
        $this->assertCount(1, $results['essays']);
        $essay = $results['essays'][0];
        $this->assertSame(['position' => 2, 'number' => 3, 'name' => 'Lucas TestLucas',
            'question' => 'Votre avis sur le travail en îlots ?', 'response' => 'Le travail en îlots, pour s’entraider.',
            'mark' => null], array_intersect_key($essay, array_flip(['position', 'number', 'name', 'question', 'response',
            'mark'])));

        $refused = $this->call('noneditingteacher', grade_essay::class, [$quiz->cmid, $essay['attempt'], 2, 1.5, '']);
        $this->assertSame('out_of_range', $refused['error']['code']);
        $this->assertSame('not_allowed', $this->call('noneditingteacher', grade_essay::class,
            [$quiz->cmid, $essay['attempt'], 0, 1.0, ''])['error']['code'], 'only essays are graded by a person');
        $this->assertSame('no_such_slot', $this->call('noneditingteacher', grade_essay::class,
            [$quiz->cmid, $essay['attempt'], 7, 1.0, ''])['error']['code']);
        $this->assertSame('no_such_attempt', $this->call('noneditingteacher', grade_essay::class,
            [$quiz->cmid, $essay['attempt'] + 1000, 2, 1.0, ''])['error']['code']);
        $this->assertNull($this->gradebook($quiz, 'lucas'), 'a refused grade changes nothing');

        $graded = $this->call('noneditingteacher', grade_essay::class, [$quiz->cmid, $essay['attempt'], 2, 0.5,
            ' Précis, mais à justifier. ']);
        $this->assertArrayNotHasKey('error', $graded);
        $this->assertEquals(0.5, $graded['results']['essays'][0]['mark']);
        $this->assertSame('Précis, mais à justifier.', $graded['results']['essays'][0]['comment']);
        $this->assertEqualsWithDelta(5.0, $this->gradebook($quiz, 'lucas'), 1e-5, '(1 + 0.5) of 3 marks, out of 10');
        $this->assertSame(0, $this->state('teacher', $quiz)['trainer']['needsGrading']);
        $lucas = $this->state('lucas', $quiz)['selfPaced'];
        $this->assertEqualsWithDelta(5.0, $lucas['grade'], 1e-5);
        $this->assertFalse($lucas['passed']);
        $this->assertSame('Précis, mais à justifier.', $lucas['attempt']['questions'][2]['feedback']['comment']);
        require_once($CFG->libdir . '/completionlib.php');
        $cm = get_fast_modinfo($this->course)->get_cm($quiz->cmid);
        $completion = new \completion_info($this->course);
        $this->assertEquals(COMPLETION_COMPLETE_FAIL,
            $completion->get_data($cm, false, $this->users['lucas']->id)->completionstate);

        // Graded again: full marks pass, and completion follows the gradebook.
        $this->call('teacher', grade_essay::class, [$quiz->cmid, $essay['attempt'], 2, 1.0, '']);
        $this->assertEqualsWithDelta(20 / 3, $this->gradebook($quiz, 'lucas'), 1e-4);
        $this->assertEquals(COMPLETION_COMPLETE_PASS,
            $completion->get_data($cm, false, $this->users['lucas']->id)->completionstate);
        $this->assertArrayNotHasKey('comment', $this->call('teacher', results::class, [$quiz->cmid])['essays'][0]);
    }

    public function test_grading_refuses_what_the_bridge_never_sends(): void {
        $quiz = $this->quiz_with_an_essay();
        foreach ([[1, 0, -1.0, ''], [-1, 0, 1.0, ''], [1, -2, 1.0, ''], [1, 0, 1.0, str_repeat('é', 2001)]] as $args) {
            try {
                $this->call('teacher', grade_essay::class, array_merge([$quiz->cmid], $args));
                $this->fail('took ' . json_encode(array_slice($args, 0, 3)));
            } catch (\invalid_parameter_exception $e) {
                $this->assertSame('invalidparameter', $e->errorcode);
            }
        }
    }

    public function test_an_attempt_in_progress_or_outside_the_trainer_groups_is_not_graded(): void {
        global $DB;
        $quiz = $this->quiz_with_an_essay(['groupmode' => SEPARATEGROUPS]);
        $generator = $this->getDataGenerator();
        $mine = $generator->create_group(['courseid' => $this->course->id]);
        $theirs = $generator->create_group(['courseid' => $this->course->id]);
        $generator->create_group_member(['groupid' => $mine->id, 'userid' => $this->users['noneditingteacher']->id]);
        $generator->create_group_member(['groupid' => $mine->id, 'userid' => $this->users['emma']->id]);
        $generator->create_group_member(['groupid' => $theirs->id, 'userid' => $this->users['lucas']->id]);
        foreach (['lucas', 'emma'] as $name) {
            $this->call($name, start::class, [$quiz->cmid, $this->key()]);
            $this->act($name, $quiz, 1, ['type' => 'finish', 'responses' => [['slot' => 2,
                'response' => ['text' => "L'avis de {$name}."]]]]);
        }
        $this->call('hugo', start::class, [$quiz->cmid, $this->key()]);
        $essays = $this->call('teacher', results::class, [$quiz->cmid])['essays'];
        $this->assertSame(['Emma TestEmma', 'Lucas TestLucas'], array_column($essays, 'name'),
            'an editing teacher sees every group; an attempt in progress has no essay to grade');
        $this->assertSame(['Emma TestEmma'], array_column($this->call('noneditingteacher', results::class,
            [$quiz->cmid])['essays'], 'name'));
        $lucas = $essays[1]['attempt'];
        $this->assertSame('no_such_attempt', $this->call('noneditingteacher', grade_essay::class,
            [$quiz->cmid, $lucas, 2, 1.0, ''])['error']['code'], 'outside the trainer\'s groups');
        $this->assertNull($this->gradebook($quiz, 'lucas'));
        $hugo = (int) $DB->get_field('magquiz_attempt', 'id', ['magquizid' => $quiz->id,
            'userid' => $this->users['hugo']->id]);
        $hugo = $this->call('teacher', grade_essay::class, [$quiz->cmid, $hugo, 2, 1.0, '']);
        $this->assertSame('not_allowed', $hugo['error']['code'], 'an attempt in progress');
        $this->assertArrayNotHasKey('error', $this->call('teacher', grade_essay::class, [$quiz->cmid, $lucas, 2, 1.0, '']));
        // Lucas answered only the essay: 1 mark of 3 (the two questions left blank), on a grade of 10.
        $this->assertEqualsWithDelta(10 / 3, $this->gradebook($quiz, 'lucas'), 1e-4);
    }

    /**
     * Moves a user's attempts in progress back in time, as if they had started `$seconds` earlier.
     *
     * @param \stdClass $quiz
     * @param string $user
     * @param int $seconds
     */
    private function age_attempts(\stdClass $quiz, string $user, int $seconds): void {
        global $DB;
        foreach ($DB->get_records('magquiz_attempt', ['magquizid' => $quiz->id, 'userid' => $this->users[$user]->id,
                'status' => 'inProgress']) as $row) {
            $state = json_decode($row->state, true);
            $state['startedAt'] -= $seconds * 1000;
            $state['deadline'] -= $seconds * 1000;
            $DB->update_record('magquiz_attempt', (object) ['id' => $row->id, 'state' => json_encode($state),
                'timestart' => $row->timestart - $seconds, 'timedue' => $row->timedue - $seconds]);
        }
    }

    public function test_accommodations_are_for_trainers_only(): void {
        $quiz = $this->quiz(['timelimit' => 60]);
        foreach (['lucas', 'outsider'] as $name) {
            try {
                $this->call($name, accommodations::class, [$quiz->cmid, ['user' => (string) $this->users['lucas']->id,
                    'extraTimeSeconds' => 600]]);
                $this->fail($name . ' set extra time');
            } catch (required_capability_exception | \require_login_exception $e) {
                $this->assertNotEmpty($e->getMessage());
            }
        }
        global $DB;
        $this->assertSame(0, $DB->count_records('magquiz_override'));
        foreach (['teacher', 'noneditingteacher'] as $name) {
            $people = $this->call($name, accommodations::class, [$quiz->cmid])['people'];
            $this->assertSame(['Emma TestEmma', 'Hugo TestHugo', 'Lucas TestLucas'], array_column($people, 'name'),
                'the trainees who may attempt, not the trainers');
            $this->assertSame([0, 0, 0], array_column($people, 'extraTimeSeconds'));
        }
    }

    public function test_extra_time_moves_a_running_deadline_and_applies_to_new_attempts(): void {
        global $DB;
        $quiz = $this->quiz(['timelimit' => 60, 'attempts' => 2]);
        $this->call('lucas', start::class, [$quiz->cmid, $this->key()]);
        $this->call('emma', start::class, [$quiz->cmid, $this->key()]);
        $lucas = (string) $this->users['lucas']->id;
        $version = $this->state('lucas', $quiz)['version'];
        $answer = $this->call('teacher', accommodations::class, [$quiz->cmid, ['user' => $lucas, 'extraTimeSeconds' => 120]]);
        $this->assertGreaterThan($version, $this->state('lucas', $quiz)['version'],
            'his page, counting down to the old deadline, learns the new one');
        $this->assertArrayNotHasKey('error', $answer);
        $this->assertSame(120, array_column($answer['people'], 'extraTimeSeconds', 'user')[$lucas]);
        $row = $DB->get_record('magquiz_attempt', ['magquizid' => $quiz->id, 'userid' => $lucas]);
        $state = json_decode($row->state, true);
        $this->assertEquals(180000, $state['deadline'] - $state['startedAt'], 'the limit and the extra time');
        $this->assertEqualsWithDelta($row->timestart + 180 + 60, $row->timedue, 3, 'the overdue task waits as long');

        // 150 s later: past the minute and its grace, within the extra time.
        $this->age_attempts($quiz, 'lucas', 150);
        $this->age_attempts($quiz, 'emma', 150);
        $this->assertSame('inProgress', $this->state('lucas', $quiz)['selfPaced']['attempt']['status']);
        $this->assertSame('finished', $this->state('emma', $quiz)['selfPaced']['attempts'][0]['status']);

        // A new attempt gets it too.
        $this->act('lucas', $quiz, 1, ['type' => 'finish']);
        $this->call('lucas', start::class, [$quiz->cmid, $this->key()]);
        $state = json_decode($DB->get_field('magquiz_attempt', 'state', ['magquizid' => $quiz->id, 'userid' => $lucas,
            'attempt' => 2]), true);
        $this->assertEquals(180000, $state['deadline'] - $state['startedAt']);

        // 0 removes it, and the running deadline comes back.
        $this->call('noneditingteacher', accommodations::class, [$quiz->cmid, ['user' => $lucas, 'extraTimeSeconds' => 0]]);
        $this->assertFalse($DB->record_exists('magquiz_override', ['magquizid' => $quiz->id]));
        $state = json_decode($DB->get_field('magquiz_attempt', 'state', ['magquizid' => $quiz->id, 'userid' => $lucas,
            'attempt' => 2]), true);
        $this->assertEquals(60000, $state['deadline'] - $state['startedAt']);
    }

    public function test_accommodations_refuse_who_may_not_attempt_and_respect_separate_groups(): void {
        global $DB;
        $quiz = $this->quiz(['timelimit' => 60, 'groupmode' => SEPARATEGROUPS]);
        foreach (['teacher', 'outsider'] as $name) {
            $answer = $this->call('teacher', accommodations::class, [$quiz->cmid,
                ['user' => (string) $this->users[$name]->id, 'extraTimeSeconds' => 60]]);
            $this->assertSame('not_found', $answer['error']['code'], $name);
        }
        $answer = $this->call('teacher', accommodations::class, [$quiz->cmid, ['user' => '999999',
            'extraTimeSeconds' => 60]]);
        $this->assertSame('not_found', $answer['error']['code']);
        $generator = $this->getDataGenerator();
        $mine = $generator->create_group(['courseid' => $this->course->id]);
        $generator->create_group_member(['groupid' => $mine->id, 'userid' => $this->users['noneditingteacher']->id]);
        $generator->create_group_member(['groupid' => $mine->id, 'userid' => $this->users['emma']->id]);
        $answer = $this->call('noneditingteacher', accommodations::class, [$quiz->cmid]);
        $this->assertSame(['Emma TestEmma'], array_column($answer['people'], 'name'));
        $answer = $this->call('noneditingteacher', accommodations::class, [$quiz->cmid,
            ['user' => (string) $this->users['lucas']->id, 'extraTimeSeconds' => 60]]);
        $this->assertSame('not_found', $answer['error']['code'], 'outside the trainer\'s groups');
        $this->assertSame(0, $DB->count_records('magquiz_override'));
        foreach ([['user' => 'lucas', 'extraTimeSeconds' => 60], ['user' => (string) $this->users['lucas']->id,
                'extraTimeSeconds' => -5], ['user' => (string) $this->users['lucas']->id,
                'extraTimeSeconds' => 8 * 24 * 3600]] as $set) {
            try {
                $this->call('teacher', accommodations::class, [$quiz->cmid, $set]);
                $this->fail('took ' . json_encode($set));
            } catch (\invalid_parameter_exception $e) {
                $this->assertSame('invalidparameter', $e->errorcode);
            }
        }
    }
}
