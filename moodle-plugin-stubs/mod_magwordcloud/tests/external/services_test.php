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


namespace mod_magwordcloud\external;

use core_external\external_api;
use externallib_advanced_testcase;
use required_capability_exception;

defined('MOODLE_INTERNAL') || die();

global $CFG;
require_once($CFG->dirroot . '/webservice/tests/helpers.php');

/**
 * Web services of the word cloud, through external_api::clean_returnvalue as Moodle sends them, with the permission
 * matrix. The expectations follow the reference host's tests (host/test/wordcloud.test.ts).
 *
 * @package    mod_magwordcloud
 * @category   external
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \mod_magwordcloud\external\get_state
 * @covers     \mod_magwordcloud\external\submit
 * @covers     \mod_magwordcloud\external\withdraw
 * @covers     \mod_magwordcloud\external\configure
 * @covers     \mod_magwordcloud\external\open
 * @covers     \mod_magwordcloud\external\close
 * @covers     \mod_magwordcloud\external\reset
 * @covers     \mod_magwordcloud\external\hide
 * @covers     \mod_magwordcloud\external\unhide
 * @covers     \mod_magwordcloud\external\merge
 * @covers     \mod_magwordcloud\external\unmerge
 * @covers     \mod_magwordcloud\external\approve
 * @covers     \mod_magwordcloud\external\reject
 * @covers     \mod_magwordcloud\external\export
 * @covers     \mod_magwordcloud\manager
 */
final class services_test extends externallib_advanced_testcase {
    /** @var \stdClass */
    private $course;
    /** @var \stdClass[] users by role */
    private $users = [];
    /** @var int idempotency keys handed out */
    private $keys = 0;

    protected function setUp(): void {
        parent::setUp();
        $this->resetAfterTest();
        $generator = $this->getDataGenerator();
        $this->course = $generator->create_course();
        foreach (['lucas' => 'student', 'emma' => 'student', 'hugo' => 'student', 'teacher' => 'editingteacher',
                'noneditingteacher' => 'teacher'] as $name => $role) {
            $this->users[$name] = $generator->create_and_enrol($this->course, $role,
                ['firstname' => ucfirst($name), 'lastname' => 'Test' . ucfirst($name)]);
        }
        $this->users['outsider'] = $generator->create_user();
    }

    /**
     * A new word cloud in the course.
     *
     * @param array $settings fields of the instance record
     * @return \stdClass the instance, with its cmid
     */
    private function cloud(array $settings = []): \stdClass {
        return $this->getDataGenerator()->create_module('magwordcloud', ['course' => $this->course->id] + $settings);
    }

    /**
     * Calls a web service as a user, as external code does, with the return structure cleaned.
     *
     * @param string $user
     * @param string $class
     * @param array $args positional or named (the execute() parameters)
     * @return mixed
     */
    private function call(string $user, string $class, array $args) {
        $this->setUser($this->users[$user]);
        $result = $class::execute(...$args);
        return external_api::clean_returnvalue($class::execute_returns(), $result);
    }

    /**
     * Submits an answer with a fresh key.
     *
     * @param string $user
     * @param \stdClass $cloud
     * @param string $text
     * @return array
     */
    private function submit(string $user, \stdClass $cloud, string $text): array {
        return $this->call($user, submit::class, [$cloud->cmid, $text, sprintf('key-%08d', ++$this->keys)]);
    }

    /**
     * A user's state.
     *
     * @param string $user
     * @param \stdClass $cloud
     * @return array
     */
    private function state(string $user, \stdClass $cloud): array {
        return $this->call($user, get_state::class, [$cloud->cmid]);
    }

    /**
     * The cloud's words as [text, weight] pairs.
     *
     * @param array $state
     * @return array|null
     */
    private static function words(array $state): ?array {
        return $state['cloud'] === null ? null
            : array_map(fn(array $word) => [$word['text'], $word['weight']], $state['cloud']['words']);
    }

    /**
     * Stored entries of a cloud: text and status, oldest first.
     *
     * @param \stdClass $cloud
     * @return array
     */
    private static function stored(\stdClass $cloud): array {
        global $DB;
        return array_values(array_map(fn($row) => [$row->entrytext, $row->status],
            $DB->get_records('magwordcloud_entry', ['magwordcloudid' => $cloud->id], 'id ASC')));
    }

    public function test_a_new_cloud_as_a_trainee_sees_it(): void {
        $cloud = $this->cloud();
        $state = $this->state('lucas', $cloud);
        $this->assertSame([
            'version' => 0,
            'open' => true,
            'question' => '',
            'limits' => ['minPerPerson' => 1, 'maxPerPerson' => 3, 'maxLength' => 40],
            'visibility' => 'always',
            'display' => ['rotate' => false],
            'mine' => [],
            'participants' => 0,
            'cloud' => ['words' => [], 'hiddenCount' => 0],
        ], $state);
    }

    public function test_accepts_refuses_duplicates_enforces_the_limit_and_withdraws(): void {
        $cloud = $this->cloud(['maxperperson' => 2]);
        $first = $this->submit('lucas', $cloud, '  Jeu  sérieux ');
        $this->assertTrue($first['accepted']);
        $this->assertSame(['text' => 'Jeu sérieux', 'status' => 'visible'],
            ['text' => $first['entry']['text'], 'status' => $first['entry']['status']]);
        $this->assertSame(['accepted' => false, 'error' => 'duplicate'], $this->submit('lucas', $cloud, 'jeu SÉRIEUX'));
        $this->assertTrue($this->submit('emma', $cloud, 'jeu sérieux')['accepted']);
        $this->assertTrue($this->submit('lucas', $cloud, 'Classe inversée')['accepted']);
        $this->assertSame(['accepted' => false, 'error' => 'limit_reached'], $this->submit('lucas', $cloud, 'Tableau'));

        $mine = $this->state('lucas', $cloud);
        $this->assertSame(['Jeu sérieux', 'Classe inversée'], array_column($mine['mine'], 'text'));
        $this->assertSame([['Jeu sérieux', 2], ['Classe inversée', 1]], self::words($mine));
        $this->assertSame(2, $mine['participants']);

        $own = $mine['mine'][1]['id'];
        $this->assertSame(['withdrawn' => false, 'error' => 'not_found'], $this->call('emma', withdraw::class, [$cloud->cmid, $own]));
        $this->assertSame(['withdrawn' => true], $this->call('lucas', withdraw::class, [$cloud->cmid, $own]));
        $this->assertSame(['withdrawn' => false, 'error' => 'not_found'], $this->call('lucas', withdraw::class, [$cloud->cmid, $own]));
        $this->assertTrue($this->submit('lucas', $cloud, 'Tableau')['accepted']);
        $this->assertSame([['Jeu sérieux', 2], ['Tableau', 1]], self::words($this->state('lucas', $cloud)));
    }

    public function test_refuses_submissions_and_withdrawals_while_closed(): void {
        $cloud = $this->cloud();
        $entry = $this->submit('lucas', $cloud, 'avant')['entry'];
        $this->assertFalse($this->call('teacher', close::class, [$cloud->cmid])['open']);
        $this->assertSame(['accepted' => false, 'error' => 'closed'], $this->submit('emma', $cloud, 'après'));
        $this->assertSame(['withdrawn' => false, 'error' => 'closed'],
            $this->call('lucas', withdraw::class, [$cloud->cmid, $entry['id']]));
        $this->assertFalse($this->state('emma', $cloud)['open']);
        $this->call('teacher', open::class, [$cloud->cmid]);
        $this->assertTrue($this->submit('emma', $cloud, 'après')['accepted']);
        $this->assertSame([['avant', 'accepted'], ['après', 'accepted']], self::stored($cloud));
    }

    public function test_a_retried_submission_is_stored_once(): void {
        global $DB;
        $cloud = $this->cloud();
        $first = $this->call('lucas', submit::class, [$cloud->cmid, 'numérique', 'key-retry-0001']);
        $version = $DB->get_field('magwordcloud', 'version', ['id' => $cloud->id]);
        $this->assertSame($first, $this->call('lucas', submit::class, [$cloud->cmid, 'numérique', 'key-retry-0001']));
        $this->assertSame($first, $this->call('lucas', submit::class, [$cloud->cmid, 'autre', 'key-retry-0001']));
        $this->assertEquals($version, $DB->get_field('magwordcloud', 'version', ['id' => $cloud->id]),
            'A retry must not bump the version.');
        $this->assertCount(1, self::stored($cloud));
        // Keys are stored as their SHA-256 and are case-sensitive.
        $this->assertTrue($DB->record_exists('magwordcloud_entry', ['idemkey' => hash('sha256', 'key-retry-0001')]));
        $this->assertTrue($this->call('lucas', submit::class, [$cloud->cmid, 'autre', 'KEY-RETRY-0001'])['accepted']);
        // The same key from another trainee is another answer; a withdrawn entry's key stays spent.
        $this->assertTrue($this->call('emma', submit::class, [$cloud->cmid, 'numérique', 'key-retry-0001'])['accepted']);
        $this->call('lucas', withdraw::class, [$cloud->cmid, $first['entry']['id']]);
        $this->assertSame(['accepted' => false], $this->call('lucas', submit::class, [$cloud->cmid, 'numérique', 'key-retry-0001']));
    }

    public function test_hostile_input_is_kept_as_text_or_refused(): void {
        $cloud = $this->cloud(['maxlength' => 40, 'maxperperson' => 10]);
        $this->assertSame('<img src=x onerror=alert(1)>',
            $this->submit('lucas', $cloud, '<img src=x onerror=alert(1)>')['entry']['text']);
        $this->assertSame(['accepted' => false, 'error' => 'too_long'], $this->submit('lucas', $cloud, str_repeat('a', 10000)));
        $this->assertSame(['accepted' => false, 'error' => 'too_long'], $this->submit('lucas', $cloud, str_repeat('b', 41)));
        $this->assertSame(['accepted' => false, 'error' => 'empty'], $this->submit('lucas', $cloud, " \u{200B}\u{7} "));
        $this->assertSame('bonjour !', $this->submit('lucas', $cloud, "bon\u{8}jour\u{200B}\u{202E} !")['entry']['text']);
        $this->assertSame([['<img src=x onerror=alert(1)>', 'accepted'], ['bonjour !', 'accepted']], self::stored($cloud));
    }

    public function test_refuses_a_payload_beyond_the_schema(): void {
        $cloud = $this->cloud();
        foreach ([['ok', 'short'], ['ok', str_repeat('k', 65)], ['ok', 'key.with.dots'], [str_repeat('x', 20001), 'key-00000000']]
                as [$text, $key]) {
            try {
                $this->call('lucas', submit::class, [$cloud->cmid, $text, $key]);
                $this->fail("Accepted {$key}");
            } catch (\invalid_parameter_exception $e) {
                $this->assertSame('invalidparameter', $e->errorcode);
            }
        }
        $this->assertSame([], self::stored($cloud));
    }

    /**
     * Every trainer-only function, with arguments.
     *
     * @param \stdClass $cloud
     * @param int $entryid
     * @return array class => args
     */
    private static function trainer_calls(\stdClass $cloud, int $entryid): array {
        return [
            configure::class => ['cmid' => $cloud->cmid, 'visibility' => 'never'],
            open::class => [$cloud->cmid],
            close::class => [$cloud->cmid],
            reset::class => [$cloud->cmid],
            hide::class => [$cloud->cmid, 'attente'],
            unhide::class => [$cloud->cmid, 'attente'],
            merge::class => [$cloud->cmid, 'attente', ['attentes']],
            unmerge::class => [$cloud->cmid, 'attente'],
            approve::class => [$cloud->cmid, $entryid],
            reject::class => [$cloud->cmid, $entryid],
            export::class => [$cloud->cmid],
        ];
    }

    public function test_a_trainee_calling_every_trainer_only_service_is_refused_and_nothing_changes(): void {
        global $DB;
        $cloud = $this->cloud(['approval' => 1]);
        $entryid = $this->submit('lucas', $cloud, 'attente')['entry']['id'];
        $before = $this->state('teacher', $cloud);
        $record = $DB->get_record('magwordcloud', ['id' => $cloud->id]);
        $rows = self::stored($cloud);
        foreach (self::trainer_calls($cloud, $entryid) as $class => $args) {
            try {
                $this->call('emma', $class, $args);
                $this->fail("A trainee called {$class}");
            } catch (required_capability_exception $e) {
                $this->assertSame('nopermissions', $e->errorcode);
                $this->assertStringContainsString(get_string('magwordcloud:moderate', 'mod_magwordcloud'), $e->getMessage());
            }
        }
        $this->assertSame($before, $this->state('teacher', $cloud));
        $this->assertEquals($record, $DB->get_record('magwordcloud', ['id' => $cloud->id]));
        $this->assertSame($rows, self::stored($cloud));
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
        $cloud = $this->cloud(['approval' => 1]);
        $entryid = $this->submit('lucas', $cloud, 'attente')['entry']['id'];
        $calls = self::trainer_calls($cloud, $entryid) + [
            get_state::class => [$cloud->cmid],
            submit::class => [$cloud->cmid, 'réponse', 'key-matrix-01'],
            withdraw::class => [$cloud->cmid, $entryid],
        ];
        if (!$allowed) {
            $this->expectException(\moodle_exception::class);
        }
        $this->call($user, $function, $calls[$function]);
        $this->assertTrue($allowed);
    }

    /**
     * The matrix.
     *
     * @return array
     */
    public static function permission_matrix(): array {
        $cases = [
            'a trainee reads the state' => ['emma', get_state::class, true],
            'a trainee submits' => ['emma', submit::class, true],
            'a trainee withdraws (their own entries only: not found otherwise)' => ['emma', withdraw::class, true],
            'a trainer reads the state' => ['teacher', get_state::class, true],
            'a trainer submits too (as in the reference host)' => ['teacher', submit::class, true],
            'an outsider withdraws nothing' => ['outsider', withdraw::class, false],
            'an outsider reads nothing' => ['outsider', get_state::class, false],
            'an outsider submits nothing' => ['outsider', submit::class, false],
        ];
        foreach ([configure::class, open::class, close::class, reset::class, hide::class, unhide::class, merge::class,
                unmerge::class, approve::class, reject::class, export::class] as $class) {
            $name = substr($class, strrpos($class, '\\') + 1);
            $cases["a trainee calling {$name}"] = ['emma', $class, false];
            $cases["a trainer calling {$name}"] = ['teacher', $class, true];
            $cases["a non-editing trainer calling {$name}"] = ['noneditingteacher', $class, true];
            $cases["an outsider calling {$name}"] = ['outsider', $class, false];
        }
        return $cases;
    }

    public function test_anonymous_no_name_in_any_answer(): void {
        $cloud = $this->cloud(['identitymode' => 'anonymous', 'approval' => 1]);
        $lucas = $this->submit('lucas', $cloud, 'collaboration');
        $emma = $this->submit('emma', $cloud, 'autonomie');
        $answers = [json_encode($lucas), json_encode($emma)];
        $trainer = $this->call('teacher', approve::class, [$cloud->cmid, $lucas['entry']['id']]);
        $this->assertSame([['id' => $emma['entry']['id'], 'text' => 'autonomie']], $trainer['moderation']['pending']);
        $this->assertSame([['text' => 'collaboration']], $trainer['moderation']['entries']);
        $answers[] = json_encode($trainer);
        $answers[] = json_encode($this->state('hugo', $cloud));
        $answers[] = json_encode($this->call('teacher', export::class, [$cloud->cmid]));
        foreach ($answers as $answer) {
            foreach (['lucas', 'emma', 'hugo'] as $user) {
                $this->assertStringNotContainsString('Test' . ucfirst($user), $answer);
            }
            $this->assertStringNotContainsString('author', $answer);
        }
    }

    public function test_named_the_trainer_sees_authors_a_trainee_never_does(): void {
        $cloud = $this->cloud(['identitymode' => 'named', 'approval' => 1]);
        $this->submit('lucas', $cloud, 'collaboration');
        $this->submit('emma', $cloud, 'autonomie');
        $lucasentry = $this->state('lucas', $cloud)['mine'][0]['id'];
        $trainer = $this->call('teacher', approve::class, [$cloud->cmid, $lucasentry]);
        $this->assertSame([fullname($this->users['emma'])], array_column($trainer['moderation']['pending'], 'author'));
        $this->assertSame([['text' => 'collaboration', 'author' => fullname($this->users['lucas'])]],
            $trainer['moderation']['entries']);
        $this->assertSame([['text' => 'collaboration', 'author' => fullname($this->users['lucas'])]],
            $this->call('teacher', export::class, [$cloud->cmid])['entries']);
        foreach (['lucas', 'emma', 'hugo'] as $user) {
            $answer = json_encode($this->state($user, $cloud));
            foreach (['lucas', 'emma', 'hugo'] as $other) {
                $this->assertStringNotContainsString('Test' . ucfirst($other), $answer);
            }
            $this->assertStringNotContainsString('moderation', $answer);
            $this->assertStringNotContainsString('settings', $answer);
        }
    }

    public function test_visibility_never_and_after_answer(): void {
        $never = $this->cloud(['visibility' => 'never']);
        $this->submit('lucas', $never, 'motivation');
        $trainee = $this->state('lucas', $never);
        $this->assertArrayHasKey('cloud', $trainee);
        $this->assertNull($trainee['cloud'], 'cloud is null (NULL_ALLOWED), never left out');
        $this->assertSame([['motivation', 1]], self::words($this->state('teacher', $never)));

        $after = $this->cloud(['visibility' => 'after_answer', 'minperperson' => 2]);
        $this->submit('emma', $after, 'curiosité');
        $this->assertNull($this->state('lucas', $after)['cloud']);
        $this->submit('lucas', $after, 'écoute');
        $this->assertNull($this->state('lucas', $after)['cloud']);
        $this->submit('lucas', $after, 'patience');
        $this->assertSame([['curiosité', 1], ['écoute', 1], ['patience', 1]], self::words($this->state('lucas', $after)));
        $this->assertNull($this->state('hugo', $after)['cloud']);
    }

    public function test_moderation_merge_hide_approve_reject(): void {
        global $DB;
        $cloud = $this->cloud(['maxperperson' => 5]);
        $this->submit('lucas', $cloud, 'jeu');
        $this->submit('lucas', $cloud, 'jeux');
        $this->submit('emma', $cloud, 'jeux');
        $this->submit('hugo', $cloud, 'outil');
        $before = $this->state('teacher', $cloud);
        $this->assertSame([['jeux', 2], ['jeu', 1], ['outil', 1]], self::words($before));
        $this->assertSame([['target' => 'jeux', 'members' => ['jeu'], 'reason' => ['plural']]],
            $before['moderation']['suggestions']);

        $merged = $this->call('teacher', merge::class, [$cloud->cmid, 'jeu', ['jeux']]);
        $this->assertSame([['jeu', 2], ['outil', 1]], self::words($merged));
        $this->assertSame([['target' => 'jeu', 'members' => ['jeux']]], $merged['moderation']['merges']);
        $this->assertSame(self::words($merged), self::words($this->state('hugo', $cloud)));
        $this->assertSame($merged['version'], $this->call('teacher', merge::class, [$cloud->cmid, 'JEU', ['jeux']])['version'],
            'A merge that adds nothing bumps nothing.');
        $unmerged = $this->call('teacher', unmerge::class, [$cloud->cmid, 'jeu']);
        $this->assertSame(self::words($before), self::words($unmerged));
        $this->assertGreaterThan($merged['version'], $unmerged['version']);

        $hidden = $this->call('teacher', hide::class, [$cloud->cmid, 'OUTIL']);
        $this->assertSame(['OUTIL'], $hidden['moderation']['hidden']);
        $this->assertSame(1, $hidden['cloud']['hiddenCount']);
        $this->assertSame('hidden', $this->state('hugo', $cloud)['mine'][0]['status']);
        $this->assertSame('["OUTIL"]', $DB->get_field('magwordcloud', 'hiddenwords', ['id' => $cloud->id]));
        $shown = $this->call('teacher', unhide::class, [$cloud->cmid, 'outil']);
        $this->assertSame([], $shown['moderation']['hidden']);
        $this->assertSame('visible', $this->state('hugo', $cloud)['mine'][0]['status']);
        $this->assertSame('[]', $DB->get_field('magwordcloud', 'hiddenwords', ['id' => $cloud->id]));

        $this->call('teacher', configure::class, ['cmid' => $cloud->cmid, 'approval' => true]);
        $pending = $this->submit('hugo', $cloud, 'entraide')['entry'];
        $this->assertSame('pending', $pending['status']);
        $this->assertSame(['entraide'], array_column($this->state('teacher', $cloud)['moderation']['pending'], 'text'));
        $this->assertSame('visible', $this->submit('teacher', $cloud, 'exemple')['entry']['status'],
            'A trainer\'s own entries never wait for approval.');
        $rejected = $this->call('teacher', reject::class, [$cloud->cmid, $pending['id']]);
        $this->assertSame([], $rejected['moderation']['pending']);
        $this->assertSame('hidden', $this->state('hugo', $cloud)['mine'][1]['status']);
        $this->assertSame($rejected['version'], $this->call('teacher', approve::class, [$cloud->cmid, $pending['id']])['version'],
            'Only pending entries can be decided.');
    }

    public function test_configure_checks_settings_and_reset_clears_entries_merges_and_hidden_words(): void {
        $cloud = $this->cloud();
        foreach ([['minperperson' => 5, 'maxperperson' => 2], ['maxlength' => 101], ['visibility' => 'later'],
                ['stoplist' => array_fill(0, 201, 'mot')], ['question' => str_repeat('q', 501)]] as $changes) {
            try {
                $this->call('teacher', configure::class, ['cmid' => $cloud->cmid] + $changes);
                $this->fail('Accepted ' . json_encode(array_keys($changes)));
            } catch (\invalid_parameter_exception $e) {
                $this->assertSame('invalidparameter', $e->errorcode);
            }
        }
        $configured = $this->call('teacher', configure::class, ['cmid' => $cloud->cmid, 'question' => 'Un mot ?',
            'maxperperson' => 4, 'stoplist' => ['le', 'la']]);
        $this->assertSame('Un mot ?', $configured['question']);
        $this->assertSame(4, $configured['limits']['maxPerPerson']);
        $this->assertSame(['le', 'la'], $configured['settings']['stopList']);
        $rotated = $this->call('teacher', configure::class, ['cmid' => $cloud->cmid, 'rotate' => true]);
        $this->assertSame(4, $rotated['settings']['maxPerPerson'], 'Settings left out stay as they are.');
        $this->assertSame(['le', 'la'], $rotated['settings']['stopList']);
        $this->assertSame('Un mot ?', $rotated['settings']['question']);
        $this->assertTrue($this->state('lucas', $cloud)['display']['rotate']);

        $this->submit('lucas', $cloud, 'jeu');
        $this->call('teacher', hide::class, [$cloud->cmid, 'autre']);
        $this->call('teacher', merge::class, [$cloud->cmid, 'jeu', ['jeux']]);
        $cleared = $this->call('teacher', reset::class, [$cloud->cmid]);
        $this->assertSame(['words' => [], 'hiddenCount' => 0], $cleared['cloud']);
        $this->assertSame([[], [], []], [$cleared['moderation']['hidden'], $cleared['moderation']['merges'],
            $cleared['moderation']['pending']]);
        $this->assertSame('Un mot ?', $cleared['question']);
        $this->assertSame([], self::stored($cloud));
    }

    public function test_exports_every_word_with_authors_only_in_named_mode(): void {
        $anonymous = $this->cloud(['identitymode' => 'anonymous']);
        $this->submit('lucas', $anonymous, 'partage');
        $this->submit('emma', $anonymous, 'Partage');
        $this->submit('hugo', $anonymous, '=cmd|calc');
        $this->assertSame(['words' => [['text' => 'partage', 'weight' => 2, 'rank' => 1],
            ['text' => '=cmd|calc', 'weight' => 1, 'rank' => 2]], 'truncated' => false],
            $this->call('teacher', export::class, [$anonymous->cmid]));
    }

    public function test_separate_groups_trainees_see_their_groups_a_trainer_the_chosen_group(): void {
        $generator = $this->getDataGenerator();
        $course = $generator->create_course(['groupmode' => SEPARATEGROUPS, 'groupmodeforce' => 1]);
        $cloud = $generator->create_module('magwordcloud', ['course' => $course->id]);
        $a = $generator->create_and_enrol($course, 'student');
        $b = $generator->create_and_enrol($course, 'student');
        $teacher = $generator->create_and_enrol($course, 'editingteacher');
        $groupa = $generator->create_group(['courseid' => $course->id]);
        $groupb = $generator->create_group(['courseid' => $course->id]);
        $generator->create_group_member(['groupid' => $groupa->id, 'userid' => $a->id]);
        $generator->create_group_member(['groupid' => $groupb->id, 'userid' => $b->id]);
        $this->users += ['a' => $a, 'b' => $b, 'groupteacher' => $teacher];

        $this->submit('a', $cloud, 'alpha');
        $this->submit('b', $cloud, 'bêta');
        $this->assertSame([['alpha', 1]], self::words($this->state('a', $cloud)));
        $this->assertSame([['bêta', 1]], self::words($this->state('b', $cloud)));
        $this->assertSame(1, $this->state('b', $cloud)['participants']);

        // A trainer sees every group until they choose one in the activity's group selector.
        $this->assertSame([['alpha', 1], ['bêta', 1]], self::words($this->state('groupteacher', $cloud)));
        // Moodle keeps the choice in the session: the web services are called in the same session as the choice
        // (call() logs in again, which starts a new session, as setUser() does).
        $this->setUser($teacher);
        $_POST['group'] = $groupb->id;
        try {
            groups_get_activity_group(get_fast_modinfo($course)->get_cm($cloud->cmid), true);
        } finally {
            unset($_POST['group']);
        }
        $this->assertSame([['bêta', 1]], self::words(external_api::clean_returnvalue(get_state::execute_returns(),
            get_state::execute($cloud->cmid))));
        $this->assertSame([['text' => 'bêta', 'weight' => 1, 'rank' => 1]], external_api::clean_returnvalue(
            export::execute_returns(), export::execute($cloud->cmid))['words']);
        $this->assertSame([['alpha', 1], ['bêta', 1]], self::words($this->state('groupteacher', $cloud)),
            'A new session starts again from every group.');
    }
}
