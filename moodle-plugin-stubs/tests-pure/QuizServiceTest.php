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

use mod_magquiz\local\attempt;
use mod_magquiz\local\importer;
use mod_magquiz\local\model;
use mod_magquiz\local\quiz_state;
use mod_magquiz\local\settings;
use PHPUnit\Framework\TestCase;

require_once(__DIR__ . '/support/core_external.php');
require_once(__DIR__ . '/support/quiz_scenarios.php');

/**
 * The quiz's service rules, played on an in-memory instance in the order mod_magquiz\manager runs them (the reference
 * host's host/test/quiz.test.ts, on the PHP side): idempotent starts and actions, the attempts limit, grades written
 * from the server's grading, versions that move with what everybody sees and with a timer's deadline, live answers
 * taken once and timed fairly, and stored data read back with care.
 *
 * @covers \mod_magquiz\local\quiz_state
 * @covers \mod_magquiz\local\attempt
 * @covers \mod_magquiz\local\settings
 * @covers \mod_magquiz\local\model
 * @covers \mod_magquiz\local\importer
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class QuizServiceTest extends TestCase {
    /**
     * A quiz of the scenarios' bank.
     *
     * @param array $settings
     * @return quiz_memory
     */
    private static function memory(array $settings = ['behaviour' => 'deferred']): quiz_memory {
        return new quiz_memory(quiz_scenarios::quiz($settings), quiz_scenarios::NAMES, [quiz_scenarios::TRAINER]);
    }

    public function test_a_start_is_idempotent_and_the_attempts_limit_holds(): void {
        $m = self::memory(['behaviour' => 'deferred', 'attemptsAllowed' => 1]);
        $m->start(11, 'key-00000001');
        $again = $m->start(11, 'key-00000001');
        $this->assertCount(1, $again['selfPaced']['attempts']);
        $this->assertSame(['canStart' => false, 'reason' => 'attempt_in_progress'],
            array_intersect_key($again['selfPaced'], ['canStart' => 0, 'reason' => 0]));
        $m->act(11, 1, ['type' => 'finish'], 'key-00000002');
        $this->assertSame('no_attempts_left', $m->state(11)['selfPaced']['reason']);
        $this->expectException(\invalid_parameter_exception::class);
        $m->start(11, 'key-00000003');
    }

    public function test_trainers_do_not_attempt(): void {
        $state = self::memory()->state(quiz_scenarios::TRAINER);
        $this->assertFalse($state['selfPaced']['canStart']);
        $this->assertSame('not_allowed', $state['selfPaced']['reason']);
        $this->assertSame(['participants' => 0, 'finishedAttempts' => 0, 'needsGrading' => 0], $state['trainer']);
        $this->assertArrayNotHasKey('trainer', self::memory()->state(11));
    }

    public function test_an_action_is_applied_once_per_key_and_hostile_ones_change_nothing(): void {
        $m = self::memory(['behaviour' => 'immediate', 'shuffleAnswers' => false]);
        $m->start(12, 'key-00000001');
        $checked = $m->act(12, 1, ['type' => 'check', 'slot' => 0, 'response' => ['choice' => 0]], 'key-00000002');
        $this->assertSame('wrong', $checked['state']['selfPaced']['attempt']['questions'][0]['feedback']['state']);
        // The same key again: nothing happens, no error (a retried request).
        $retried = $m->act(12, 1, ['type' => 'check', 'slot' => 0, 'response' => ['choice' => 1]], 'key-00000002');
        $this->assertArrayNotHasKey('error', $retried);
        $this->assertSame(['choice' => 0], $retried['state']['selfPaced']['attempt']['questions'][0]['response']);
        $before = json_encode($m->attempts);
        foreach ([
            [['type' => 'drop'], 'bad_action'],
            [['type' => 'save', 'slot' => 0, 'response' => ['choice' => 1]], 'read_only'],
            [['type' => 'save', 'slot' => 3, 'response' => ['text' => str_repeat('x', 1001)]], 'too_long'],
            [['type' => 'save', 'slot' => 1, 'response' => ['choices' => [9]]], 'out_of_range'],
            [['type' => 'save', 'slot' => 1, 'response' => ['choices' => [0, 0]]], 'duplicate_choice'],
            [['type' => 'save', 'slot' => 4, 'response' => ['text' => 3.14]], 'wrong_shape'],
            [['type' => 'check', 'slot' => 8], 'not_allowed'],
            ['finish', 'bad_action'],
        ] as $i => [$action, $code]) {
            $this->assertSame($code, $m->act(12, 1, $action, "hostile-{$i}-000")['error']['code'], json_encode($action));
        }
        $this->assertSame($before, json_encode($m->attempts));
        // Another trainee cannot act on it: attempts are per person.
        $this->assertSame('no_such_attempt', $m->act(13, 1, ['type' => 'finish'], 'key-00000009')['error']['code']);
    }

    public function test_grades_come_from_the_server_and_follow_the_grading_method(): void {
        $m = self::memory(['behaviour' => 'deferred', 'shuffleAnswers' => false, 'gradingMethod' => 'highest',
            'passGrade' => 5.0]);
        $m->quiz['slots'] = array_slice($m->quiz['slots'], 0, 3);
        $m->start(11, 'key-00000001');
        $m->act(11, 1, ['type' => 'finish', 'responses' => [['slot' => 0, 'response' => ['choice' => 1]],
            ['slot' => 2, 'response' => ['value' => false]]]], 'key-00000002');
        $this->assertEqualsWithDelta(6.66667, $m->gradebook[11], 1e-9);
        $m->start(11, 'key-00000003');
        $m->act(11, 2, ['type' => 'finish'], 'key-00000004');
        $this->assertEqualsWithDelta(6.66667, $m->gradebook[11], 1e-9, 'the highest attempt counts');
        $state = $m->state(11)['selfPaced'];
        $this->assertTrue($state['passed']);
        $this->assertSame([6.66667, 0.0], array_column($state['attempts'], 'grade'));
    }

    public function test_private_saves_do_not_move_the_version_the_live_session_does(): void {
        $m = self::memory();
        $m->start(11, 'key-00000001');
        $m->act(11, 1, ['type' => 'save', 'slot' => 0, 'response' => ['choice' => 1]], 'key-00000002');
        $m->act(11, 1, ['type' => 'finish'], 'key-00000003');
        $this->assertSame(0, $m->version());
        $m->control(quiz_scenarios::TRAINER, 'open', ['timerSeconds' => 10, 'speedPoints' => false, 'leaderboard' => 'off']);
        $m->join(12);
        $m->join(12);
        $this->assertSame(2, $m->version(), 'joining twice counts once');
        $m->control(quiz_scenarios::TRAINER, 'start');
        $this->assertSame(3, $m->version());
        $this->assertSame($m->now + 10000, $m->versiondue);
        // The deadline passes with no request: the version read is one higher, the question closed.
        $m->now += 10000;
        $this->assertSame(4, $m->version());
        $this->assertSame('closed', $m->state(12)['live']['step']['question']['phase']);
        $this->assertSame('closed', $m->answer(12, 0, ['choice' => 0], null, 'key-00000004')['error']['code']);
        // The next change counts from there.
        $m->control(quiz_scenarios::TRAINER, 'reveal');
        $this->assertSame(5, $m->version());
        $this->assertSame(0, $m->versiondue);
        // A move that makes no sense now (a double click) changes nothing.
        $m->control(quiz_scenarios::TRAINER, 'reveal');
        $this->assertSame(5, $m->version());
    }

    public function test_live_answers_are_taken_once_and_timed_from_when_the_question_was_sent(): void {
        $m = self::memory();
        $m->control(quiz_scenarios::TRAINER, 'open', ['timerSeconds' => 20, 'speedPoints' => true, 'leaderboard' => 'progress']);
        $this->assertSame('closed', $m->answer(11, 0, ['choice' => 1], null, 'key-00000001')['error']['code'],
            'in the lobby, no question is open');
        $m->join(11);
        $m->join(12);
        $m->control(quiz_scenarios::TRAINER, 'start');
        $this->assertSame('not_joined', $m->answer(13, 0, ['choice' => 1], null, 'key-00000002')['error']['code']);
        $this->assertSame('closed', $m->answer(12, 1, ['choices' => [0]], null, 'key-00000003')['error']['code']);
        $right = quiz_state::live_order($m->live['seed'], 0, $m->quiz['slots'][0]['question'])['order'];
        $paris = array_search(1, $right, true);
        // Lucas's phone got the question 5 s late (a slow connection): his time counts from then (any answer the
        // server sends him with the open question counts as sending it).
        $m->now += 5000;
        $m->state(11);
        $m->now += 2000;
        $this->assertTrue($m->answer(11, 0, ['choice' => $paris], 2500.0, 'key-00000004')['accepted']);
        $this->assertSame(1000 - (int) round(1000 * 2000 / 20000 / 2), end($m->answers)['points'],
            'measured by the server from when it sent the question (2 s), shorter than what the device said');
        $this->assertTrue($m->answer(11, 0, ['choice' => $paris], null, 'key-00000004')['accepted'], 'a retry');
        $this->assertSame('already_answered', $m->answer(11, 0, ['choice' => 0], null, 'key-00000005')['error']['code']);
        $this->assertSame('wrong_shape', $m->answer(12, 0, ['text' => 'Paris'], null, 'key-00000006')['error']['code']);
        $this->assertCount(1, $m->answers);
        $m->control(quiz_scenarios::TRAINER, 'reveal');
        $state = $m->state(11)['live'];
        $this->assertSame(['state' => 'right', 'points' => 950], $state['step']['mine']['outcome']);
        $this->assertSame(['kind' => 'progress', 'me' => ['points' => 950, 'rank' => 1, 'of' => 2]], $state['leaderboard']);
    }

    public function test_a_trainer_grades_an_essay_and_the_gradebook_follows(): void {
        // The reference host's "open answers" test (host/test/quiz.test.ts), on the PHP side.
        $m = new quiz_memory(['settings' => ['behaviour' => 'deferred', 'maxGrade' => 10.0, 'passGrade' => 5.0],
            'slots' => [['question' => ['type' => 'essay', 'text' => 'Votre avis ?', 'textFormat' => 'plain',
            'defaultMark' => 2]]]], quiz_scenarios::NAMES, [quiz_scenarios::TRAINER]);
        $m->start(11, 'key-00000001');
        $m->act(11, 1, ['type' => 'save', 'slot' => 0, 'response' => ['text' => 'Le travail en îlots.']], 'key-00000002');
        $this->assertSame('not_allowed', $m->grade_essay(1, 0, 1.0)['error']['code'], 'an attempt in progress');
        $m->act(11, 1, ['type' => 'finish'], 'key-00000003');
        $this->assertNull($m->state(11)['selfPaced']['grade']);
        $this->assertNull($m->gradebook[11], 'no grade while the essay waits');
        $this->assertSame(1, $m->state(quiz_scenarios::TRAINER)['trainer']['needsGrading']);
        $this->assertSame([['attempt' => 1, 'position' => 0, 'number' => 1, 'name' => 'Lucas Bernard',
            'question' => 'Votre avis ?', 'response' => 'Le travail en îlots.', 'maxMark' => 2.0, 'mark' => null]],
            $m->results()['essays']);

        $this->assertSame(['code' => 'out_of_range', 'message' => 'The mark is at most 2.'],
            $m->grade_essay(1, 0, 3.0)['error']);
        $this->assertSame('no_such_slot', $m->grade_essay(1, 1, 1.0)['error']['code']);
        $this->assertSame('no_such_attempt', $m->grade_essay(2, 0, 1.0)['error']['code']);
        $this->assertNull($m->gradebook[11], 'a refused grade changes nothing');

        $graded = $m->grade_essay(1, 0, 1.5, " Précis et justifié.\n");
        $this->assertArrayNotHasKey('error', $graded);
        $this->assertSame(['mark' => 1.5, 'comment' => 'Précis et justifié.'],
            array_intersect_key($graded['results']['essays'][0], ['mark' => 0, 'comment' => 0]));
        $this->assertEqualsWithDelta(7.5, $m->gradebook[11], 1e-9);
        $after = $m->state(11)['selfPaced'];
        $this->assertEqualsWithDelta(7.5, $after['grade'], 1e-9);
        $this->assertTrue($after['passed']);
        $this->assertSame('Précis et justifié.', $after['attempt']['questions'][0]['feedback']['comment']);
        $this->assertSame(0, $m->state(quiz_scenarios::TRAINER)['trainer']['needsGrading']);
        $this->assertEquals(0.75, $graded['results']['questions'][0]['facility']);

        // Graded again: the new mark replaces the old one, and an empty comment removes it.
        $again = $m->grade_essay(1, 0, 0.0, '   ');
        $this->assertSame(0.0, $again['results']['essays'][0]['mark']);
        $this->assertArrayNotHasKey('comment', $again['results']['essays'][0]);
        $this->assertEqualsWithDelta(0.0, $m->gradebook[11], 1e-9);
        $this->assertFalse($m->state(11)['selfPaced']['passed']);
    }

    public function test_essays_sent_to_the_trainer_fit_the_bridge_lengths(): void {
        // The bridge counts UTF-16 code units, as JavaScript does: an emoji is two.
        $this->assertSame('éééé', quiz_state::utf16_cut('ééééé', 4));
        $this->assertSame('😀😀', quiz_state::utf16_cut('😀😀😀', 4));
        $this->assertSame('a😀', quiz_state::utf16_cut('a😀😀', 4), 'an emoji cut in two is left out');
        $this->assertSame('court', quiz_state::utf16_cut('court', 5));
        $this->assertSame(20000, mb_strlen(quiz_state::utf16_cut(str_repeat('é', 20001), 20000)));
        $quiz = ['settings' => ['behaviour' => 'deferred'], 'slots' => [['question' => ['type' => 'essay',
            'text' => '<p>Votre <b>avis</b> ?</p>', 'textFormat' => 'html']]]];
        $state = ['status' => 'finished', 'slots' => [['index' => 0, 'response' => ['text' => str_repeat('😀', 12000)],
            'manual' => ['fraction' => 1.0, 'comment' => str_repeat('x', 2500)]]]];
        $essay = quiz_state::essays($quiz, $state, 7, 'Lucas Bernard')[0];
        $this->assertSame('Votre avis ?', $essay['question']);
        $this->assertSame(20000, strlen(mb_convert_encoding($essay['response'], 'UTF-16LE', 'UTF-8')) / 2);
        $this->assertSame(2000, strlen($essay['comment']));
        $this->assertSame(1.0, $essay['mark']);
        $state['slots'][0]['response'] = null;
        unset($state['slots'][0]['manual']);
        $this->assertSame(['response' => '', 'mark' => null],
            array_intersect_key(quiz_state::essays($quiz, $state, 7, 'Lucas Bernard')[0], ['response' => 0, 'mark' => 0]));
    }

    public function test_a_stored_state_that_does_not_fit_the_quiz_is_left_out(): void {
        $m = self::memory();
        $m->start(11, 'key-00000001');
        $state = json_decode(json_encode($m->attempts[0]['state']), true);
        $this->assertNotNull(attempt::parse_state($m->quiz, $state));
        $bad = [
            'a question the quiz lacks' => fn(array $s): array => array_replace_recursive($s, ['slots' => [0 => ['index' => 99]]]),
            'an order that is not a permutation' => fn(array $s): array => array_replace_recursive($s,
                ['slots' => [0 => ['order' => [0, 0, 1]]]]),
            'a response that does not fit' => fn(array $s): array => array_replace_recursive($s,
                ['slots' => [0 => ['response' => ['choice' => 7]]]]),
            'an unknown status' => fn(array $s): array => ['status' => 'paused'] + $s,
            'a version to come' => fn(array $s): array => ['version' => 2] + $s,
            'not a list of slots' => fn(array $s): array => ['slots' => ['a' => 1]] + $s,
        ];
        foreach ($bad as $what => $change) {
            $this->assertNull(attempt::parse_state($m->quiz, $change($state)), $what);
        }
        $m->attempts[0]['state']['slots'][0]['order'] = [5, 6, 7];
        $this->assertNull($m->state(11)['selfPaced']['attempt'], 'an unreadable attempt is left out, not an error');
    }

    public function test_the_quiz_of_a_record(): void {
        $record = (object) ['id' => 1, 'course' => 2, 'behaviour' => 'interactive', 'shufflequestions' => 1,
            'shuffleanswers' => 0, 'timelimit' => 900, 'timeclose' => 1800000000, 'attempts' => 3, 'grademethod' => 'last',
            'grade' => '20.00000', 'reviewduring' => 1 | 4, 'reviewafter' => 31, 'livetimer' => 30, 'livespeedpoints' => 1,
            'liveleaderboard' => 'teams', 'questions' => model::slots_to_json(quiz_scenarios::bank())];
        $quiz = settings::quiz($record, 12.5);
        $this->assertSame(['behaviour' => 'interactive', 'shuffleQuestions' => true, 'shuffleAnswers' => false,
            'timeLimitSeconds' => 900, 'closesAt' => 1800000000000, 'attemptsAllowed' => 3, 'maxGrade' => 20.0,
            'passGrade' => 12.5, 'gradingMethod' => 'last', 'reviewDuring' => ['correctness' => true, 'marks' => false,
            'specificFeedback' => true, 'generalFeedback' => false, 'rightAnswer' => false],
            'reviewAfter' => settings::review_from_bits(31)], $quiz['settings']);
        $this->assertCount(9, $quiz['slots']);
        $this->assertSame(['timerSeconds' => 30, 'speedPoints' => true, 'leaderboard' => 'teams'],
            settings::live_defaults($record));
        $this->assertSame(['speedPoints' => false, 'leaderboard' => 'off'],
            settings::live_defaults((object) ['livetimer' => 3, 'liveleaderboard' => 'x']), 'bad defaults fall back');
        $this->assertArrayNotHasKey('passGrade', settings::quiz($record, 0.0)['settings']);
        $record->questions = '[{"question":{"type":"single","text":"x","textFormat":"moodle","answers":"none"}}]';
        $this->assertSame([], settings::quiz($record)['slots'], 'a damaged record gives a quiz without questions');
        $this->assertSame(5, settings::review_bits(['reviewduringcorrectness' => 1, 'reviewduringspecificfeedback' => '1',
            'reviewduringmarks' => 0], 'reviewduring'));
    }

    public function test_every_question_of_the_parsers_fits_the_model(): void {
        $file = json_decode(file_get_contents(MAG_TEST_VECTORS . '/quiz-gift-import.json'), true);
        foreach ($file['cases'] as $case) {
            foreach ($case['expected']['questions'] as $question) {
                $this->assertNull(model::problem($question), $case['name']);
            }
        }
        foreach (quiz_scenarios::bank() as $slot) {
            $this->assertNull(model::problem($slot['question']));
        }
        $this->assertNotNull(model::problem(['type' => 'ordering', 'text' => 'x', 'textFormat' => 'moodle',
            'items' => ['one'], 'grading' => 'allOrNothing']));
        $this->assertNotNull(model::problem(['type' => 'numerical', 'text' => 'x', 'textFormat' => 'moodle',
            'answers' => [['kind' => 'exact', 'value' => 1, 'tolerance' => -1, 'fraction' => 100]]]));
    }

    public function test_every_error_of_the_parsers_has_its_string(): void {
        $file = json_decode(file_get_contents(MAG_TEST_VECTORS . '/quiz-gift-import.json'), true);
        $messages = [];
        foreach ($file['cases'] as $case) {
            foreach ($case['expected']['errors'] as $error) {
                $messages[] = $error['message'];
            }
        }
        $xml = '<quiz><question type="cloze"><questiontext><text>x</text></questiontext></question>'
            . '<question type="multichoice"><questiontext><text>x</text></questiontext></question>'
            . '<question type="essay"><questiontext><text>x</text></questiontext><penalty>x</penalty></question>'
            . '<question type="truefalse"><questiontext><text>x</text></questiontext></question>'
            . '<question type="essay"><questiontext><text>x</text></questiontext><penalty>2</penalty></question></quiz>';
        foreach (importer::read($xml)['errors'] as $error) {
            $messages[] = $error['message'];
        }
        $messages[] = importer::read(str_repeat(' ', importer::MAX_BYTES + 1))['errors'][0]['message'];
        $this->assertGreaterThan(20, count(array_unique($messages)));
        $en = [];
        include(dirname(__DIR__) . '/mod_magquiz/lang/en/magquiz.php');
        $en = $string;
        foreach (array_unique($messages) as $message) {
            $key = importer::message_key($message);
            $this->assertNotNull($key, $message);
            $this->assertArrayHasKey('importerror:' . $key[0], $en, $message);
        }
        $this->assertEquals(['xmlnumber', (object) ['what' => 'penalty', 'value' => 'x']],
            [importer::message_key('penalty is not a number: "x"')[0], importer::message_key('penalty is not a number: "x"')[1]]);
        $this->assertNull(importer::message_key("Opening and ending tag mismatch: text line 1 and questiontext"));
    }

    public function test_files_in_legacy_encodings_and_both_formats(): void {
        $latin1 = mb_convert_encoding("Qu'est-ce qu'une évaluation ? {=formative ~sommative}", 'Windows-1252', 'UTF-8');
        $read = importer::read($latin1);
        $this->assertSame('gift', $read['format']);
        $this->assertSame("Qu'est-ce qu'une évaluation ?", $read['questions'][0]['text']);
        $this->assertSame('xml', importer::read("\u{FEFF}  <?xml version=\"1.0\"?><quiz></quiz>")['format']);
        $this->assertSame([], importer::read("\u{FEFF}<?xml version=\"1.0\"?>\n<quiz></quiz>")['errors']);
        $many = implode("\n\n", array_fill(0, importer::MAX_QUESTIONS + 3, 'Q {=a ~b}'));
        $read = importer::read($many);
        $this->assertCount(importer::MAX_QUESTIONS, $read['questions']);
        $this->assertSame('too_many', end($read['errors'])['message']);
        $this->assertSame([['question' => ['type' => 'essay']]], importer::slots([['type' => 'essay']]));
    }
}
