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

use core_external\external_description;
use core_external\external_multiple_structure;
use core_external\external_single_structure;
use core_external\external_value;

/**
 * The parameter and return structures of the quiz's web services: the shapes of the bridge's schemas
 * (quiz/src/protocol.ts and trainer-protocol.ts), so that what Moodle sends passes them exactly
 * (quiz/test/moodle-contract.test.ts checks it).
 *
 * The bridge's unions (a response, a right answer, a leaderboard) are one structure each whose keys are all optional:
 * the state builders send only the keys of the one shape they hold. Keys the schemas mark optional are VALUE_OPTIONAL
 * and left out rather than sent as null; keys the schemas mark nullable are NULL_ALLOWED. Texts are PARAM_RAW: the
 * element sanitises rich text itself and must get it as stored. Names of states and kinds are PARAM_ALPHANUMEXT.
 *
 * A trainee's response travels as JSON text (`action` of quiz.act, `response` of quiz.live.answer): its shape is the
 * server's to check (local\response), with the bridge's error codes, as the reference host does; local_magactivities'
 * host module encodes it.
 *
 * @package    mod_magquiz
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class structures {
    /** @var int The longest JSON text a response or an action may be, in bytes (the bridge caps messages at 64 KiB). */
    public const MAX_JSON = 262144;

    /**
     * The course module id parameter every function takes.
     *
     * @return external_value
     */
    public static function cmid(): external_value {
        return new external_value(PARAM_INT, 'Course module id of the quiz');
    }

    /**
     * An idempotency key parameter.
     *
     * @return external_value
     */
    public static function key(): external_value {
        return new external_value(PARAM_ALPHANUMEXT, 'Idempotency key: 8 to 64 letters, digits or dashes');
    }

    /**
     * Decodes a JSON parameter, or refuses it.
     *
     * @param string $json
     * @param string $name
     * @return mixed
     */
    public static function decode(string $json, string $name) {
        if (strlen($json) > self::MAX_JSON) {
            throw new \invalid_parameter_exception("{$name}: too long");
        }
        try {
            return json_decode($json, true, 32, JSON_THROW_ON_ERROR);
        } catch (\JsonException $e) {
            throw new \invalid_parameter_exception("{$name}: not JSON");
        }
    }

    /**
     * A number.
     *
     * @param string $desc
     * @param int $required
     * @param bool $allownull
     * @return external_value
     */
    private static function num(string $desc, int $required = VALUE_REQUIRED, bool $allownull = NULL_NOT_ALLOWED): external_value {
        return new external_value(PARAM_FLOAT, $desc, $required, null, $allownull);
    }

    /**
     * A count or an index.
     *
     * @param string $desc
     * @param int $required
     * @param bool $allownull
     * @return external_value
     */
    private static function count(string $desc,
            int $required = VALUE_REQUIRED, bool $allownull = NULL_NOT_ALLOWED): external_value {
        return new external_value(PARAM_INT, $desc, $required, null, $allownull);
    }

    /**
     * A text.
     *
     * @param string $desc
     * @param int $required
     * @param bool $allownull
     * @return external_value
     */
    private static function text(string $desc, int $required = VALUE_REQUIRED, bool $allownull = NULL_NOT_ALLOWED): external_value {
        return new external_value(PARAM_RAW, $desc, $required, null, $allownull);
    }

    /**
     * A name from a fixed list.
     *
     * @param string $desc
     * @param int $required
     * @param bool $allownull
     * @return external_value
     */
    private static function name(string $desc, int $required = VALUE_REQUIRED, bool $allownull = NULL_NOT_ALLOWED): external_value {
        return new external_value(PARAM_ALPHANUMEXT, $desc, $required, null, $allownull);
    }

    /**
     * A boolean.
     *
     * @param string $desc
     * @param int $required
     * @param bool $allownull
     * @return external_value
     */
    private static function boolean(string $desc,
            int $required = VALUE_REQUIRED, bool $allownull = NULL_NOT_ALLOWED): external_value {
        return new external_value(PARAM_BOOL, $desc, $required, null, $allownull);
    }

    /**
     * A list.
     *
     * @param external_description $content
     * @param string $desc
     * @param int $required
     * @return external_multiple_structure
     */
    private static function list_of(external_description $content,
            string $desc, int $required = VALUE_REQUIRED): external_multiple_structure {
        return new external_multiple_structure($content, $desc, $required);
    }

    /**
     * Items shown on screen (choices, stems, ordering items), each named by its position.
     *
     * @param string $desc
     * @return external_multiple_structure
     */
    private static function items(string $desc): external_multiple_structure {
        return self::list_of(new external_single_structure([
            'id' => self::count('Its position on screen: what responses name'),
            'text' => self::text('Its text, in the question\'s format'),
        ]), $desc, VALUE_OPTIONAL);
    }

    /**
     * A response in the terms of the screen (ShownResponse): one of its keys.
     *
     * @param int $required
     * @param bool $allownull
     * @return external_single_structure
     */
    private static function response(int $required = VALUE_REQUIRED,
            bool $allownull = NULL_NOT_ALLOWED): external_single_structure {
        return new external_single_structure([
            'choice' => self::count('Single choice: the choice', VALUE_OPTIONAL),
            'choices' => self::list_of(self::count('A choice; matching: null for a stem without one', VALUE_REQUIRED,
                NULL_ALLOWED), 'Multiple choice: the choices; matching: the choice of each stem', VALUE_OPTIONAL),
            'value' => self::boolean('True or false', VALUE_OPTIONAL),
            'text' => self::text('A typed answer', VALUE_OPTIONAL),
            'order' => self::list_of(self::count('An item'), 'Ordering: the items in order', VALUE_OPTIONAL),
        ], 'A response, in the terms of the screen', $required, null, $allownull);
    }

    /**
     * The right answer, in the terms of the screen (RightAnswer): the keys of one shape.
     *
     * @return external_single_structure
     */
    private static function right_answer(): external_single_structure {
        return new external_single_structure([
            'choices' => self::list_of(self::count('A choice'), 'The right choices', VALUE_OPTIONAL),
            'value' => self::boolean('True or false', VALUE_OPTIONAL),
            'text' => self::text('A right text', VALUE_OPTIONAL),
            'number' => self::num('A right number', VALUE_OPTIONAL),
            'tolerance' => self::num('Its tolerance', VALUE_OPTIONAL),
            'min' => self::num('A right range: its minimum', VALUE_OPTIONAL),
            'max' => self::num('A right range: its maximum', VALUE_OPTIONAL),
            'matches' => self::list_of(self::count('A choice'), 'Matching: the right choice of each stem', VALUE_OPTIONAL),
            'order' => self::list_of(self::count('An item'), 'Ordering: the items in the right order', VALUE_OPTIONAL),
        ], 'The right answer', VALUE_OPTIONAL);
    }

    /**
     * What is said about a graded question (Feedback), as far as the review options allow.
     *
     * @return external_single_structure
     */
    private static function feedback(): external_single_structure {
        return new external_single_structure([
            'state' => self::name('right, partial, wrong, unanswered, needsGrading or noMark', VALUE_OPTIONAL),
            'mark' => self::num('The mark', VALUE_OPTIONAL),
            'parts' => self::list_of(new external_single_structure([
                'id' => self::count('A chosen part, by its position'),
                'state' => self::name('right, partial or wrong'),
            ]), 'The chosen parts and whether each is right', VALUE_OPTIONAL),
            'specific' => self::list_of(self::text('A feedback'), 'The chosen answers\' and the combined feedback', VALUE_OPTIONAL),
            'general' => self::text('The general feedback', VALUE_OPTIONAL),
            'rightAnswer' => self::right_answer(),
            'comment' => self::text('A trainer\'s comment', VALUE_OPTIONAL),
        ], 'Feedback', VALUE_OPTIONAL);
    }

    /**
     * The keys every question view has (QuestionBase).
     *
     * @return external_description[]
     */
    private static function question_base(): array {
        return [
            'type' => self::name('The question type'),
            'text' => self::text('The question text (before the blank of a missing-word question)'),
            'textAfter' => self::text('After the blank', VALUE_OPTIONAL),
            'textFormat' => self::name('moodle, html, markdown or plain'),
            'choices' => self::items('Choices, in the order shown'),
            'stems' => self::items('Matching: the stems, in the order shown'),
            'items' => self::items('Ordering: the items'),
        ];
    }

    /**
     * A question of an attempt (QuestionView).
     *
     * @return external_single_structure
     */
    private static function question_view(): external_single_structure {
        return new external_single_structure(self::question_base() + [
            'slot' => self::count('Its position in the attempt: what actions name'),
            'number' => self::count('Its number as shown; null for a description', VALUE_REQUIRED, NULL_ALLOWED),
            'maxMark' => self::num('Its mark'),
            'response' => self::response(VALUE_REQUIRED, NULL_ALLOWED),
            'status' => self::name('todo, tryAgain or done'),
            'invalid' => self::name('Why the last check did not count', VALUE_OPTIONAL),
            'triesLeft' => self::count('Interactive: tries left', VALUE_OPTIONAL),
            'hint' => self::text('Interactive, after a wrong try: the hint', VALUE_OPTIONAL),
            'numCorrect' => new external_single_structure([
                'right' => self::count('Right parts'),
                'total' => self::count('All parts'),
            ], 'Interactive, when the hint says so', VALUE_OPTIONAL),
            'feedback' => self::feedback(),
        ]);
    }

    /**
     * An attempt as its trainee sees it (AttemptView).
     *
     * @return external_single_structure
     */
    private static function attempt_view(): external_single_structure {
        return new external_single_structure([
            'number' => self::count('The attempt\'s number'),
            'status' => self::name('inProgress or finished'),
            'behaviour' => self::name('deferred, immediate or interactive'),
            'deadline' => self::num('Deadline, ms since the epoch', VALUE_REQUIRED, NULL_ALLOWED),
            'timeLeft' => self::num('Milliseconds left', VALUE_REQUIRED, NULL_ALLOWED),
            'questions' => self::list_of(self::question_view(), 'The questions'),
            'result' => new external_single_structure([
                'marks' => self::num('Marks', VALUE_REQUIRED, NULL_ALLOWED),
                'maxMarks' => self::num('Maximum marks'),
                'grade' => self::num('Grade', VALUE_REQUIRED, NULL_ALLOWED),
                'maxGrade' => self::num('Maximum grade'),
                'passed' => self::boolean('Whether it passes', VALUE_REQUIRED, NULL_ALLOWED),
            ], 'Once finished, when the review options show marks', VALUE_OPTIONAL),
        ], 'The attempt in progress or the last one', VALUE_REQUIRED, null, NULL_ALLOWED);
    }

    /**
     * The results of a live question (LiveResults).
     *
     * @param int $required
     * @param bool $allownull
     * @return external_single_structure
     */
    private static function live_results(int $required = VALUE_OPTIONAL,
            bool $allownull = NULL_NOT_ALLOWED): external_single_structure {
        return new external_single_structure([
            'states' => new external_single_structure([
                'right' => self::count('Right responses'),
                'partial' => self::count('Partly right responses'),
                'wrong' => self::count('Wrong responses'),
            ]),
            'choices' => self::list_of(new external_single_structure([
                'id' => self::count('The choice'),
                'count' => self::count('How many chose it'),
                'right' => self::boolean('Whether it is right'),
            ]), 'Per choice', VALUE_OPTIONAL),
            'truefalse' => new external_single_structure([
                'true' => self::count('How many said true'),
                'false' => self::count('How many said false'),
                'correct' => self::boolean('The right answer'),
            ], 'True or false', VALUE_OPTIONAL),
            'answers' => self::list_of(new external_single_structure([
                'label' => self::text('The accepted answer'),
                'count' => self::count('How many responses it matched'),
                'state' => self::name('right, partial or wrong'),
            ]), 'Per accepted answer', VALUE_OPTIONAL),
            'other' => self::count('Responses that matched no answer', VALUE_OPTIONAL),
            'stems' => self::list_of(new external_single_structure([
                'id' => self::count('The stem'),
                'counts' => self::list_of(self::count('How many chose it'), 'Per choice'),
                'right' => self::count('The right choice'),
            ]), 'Matching: per stem', VALUE_OPTIONAL),
            'rightAnswer' => self::right_answer(),
            'generalFeedback' => self::text('The general feedback', VALUE_OPTIONAL),
        ], 'Results per answer', $required, null, $allownull);
    }

    /**
     * The live session as the caller sees it (LiveState).
     *
     * @return external_single_structure
     */
    private static function live_state(): external_single_structure {
        $question = new external_single_structure(self::question_base() + [
            'phase' => self::name('open, closed or revealed'),
            'responses' => self::count('How many answered'),
            'results' => self::live_results(),
        ]);
        $leaderboard = new external_single_structure([
            'kind' => self::name('top5, progress or teams'),
            'rows' => self::list_of(new external_single_structure([
                'rank' => self::count('Rank'),
                'name' => self::text('top5: a name', VALUE_OPTIONAL),
                'team' => self::text('teams: a team', VALUE_OPTIONAL),
                'points' => self::count('Points'),
                'members' => self::count('teams: its members', VALUE_OPTIONAL),
            ]), 'top5 and teams: the rows', VALUE_OPTIONAL),
            'me' => new external_single_structure([
                'points' => self::count('The caller\'s points'),
                'rank' => self::count('Their rank'),
                'of' => self::count('Out of'),
            ], 'progress: the caller\'s place, null before they score', VALUE_OPTIONAL, null, NULL_ALLOWED),
            'myTeam' => self::text('teams: the caller\'s team', VALUE_OPTIONAL, NULL_ALLOWED),
        ], 'The leaderboard the trainer chose', VALUE_OPTIONAL);
        return new external_single_structure([
            'session' => self::text('The session\'s id'),
            'phase' => self::name('lobby, question or ended'),
            'joined' => self::count('How many joined'),
            'me' => new external_single_structure([
                'joined' => self::boolean('Whether the caller joined'),
                'points' => self::count('Their points'),
                'team' => self::text('Their team', VALUE_OPTIONAL),
            ]),
            'step' => new external_single_structure([
                'index' => self::count('The question, from 0'),
                'total' => self::count('Questions in the session'),
                'question' => $question,
                'timeLeftMs' => self::num('Milliseconds before it closes by itself', VALUE_REQUIRED, NULL_ALLOWED),
                'mine' => new external_single_structure([
                    'answered' => self::boolean('Whether the caller answered'),
                    'response' => self::response(VALUE_OPTIONAL),
                    'outcome' => new external_single_structure([
                        'state' => self::name('right, partial, wrong…'),
                        'points' => self::count('Points'),
                    ], 'Once revealed', VALUE_OPTIONAL),
                ]),
            ], 'The question shown', VALUE_OPTIONAL),
            'leaderboard' => $leaderboard,
            'joinUrl' => self::text('The address to join from a phone', VALUE_OPTIONAL),
            'settings' => new external_single_structure([
                'timerSeconds' => self::count('Seconds a question stays open', VALUE_OPTIONAL),
                'speedPoints' => self::boolean('Whether speed earns points'),
                'leaderboard' => self::name('off, top5, progress or teams'),
            ]),
        ], 'The live session; null without one', VALUE_REQUIRED, null, NULL_ALLOWED);
    }

    /**
     * What a user may see of the quiz (QuizState).
     *
     * @param int $required
     * @return external_single_structure
     */
    public static function state(int $required = VALUE_REQUIRED): external_single_structure {
        return new external_single_structure([
            'version' => self::count('Version of what everybody sees'),
            'title' => self::text('The activity\'s name'),
            'intro' => new external_single_structure([
                'questions' => self::count('Questions'),
                'behaviour' => self::name('deferred, immediate or interactive'),
                'timeLimitSeconds' => self::count('Time limit', VALUE_OPTIONAL),
                'attemptsAllowed' => self::count('Attempts allowed', VALUE_OPTIONAL),
                'maxGrade' => self::num('Maximum grade'),
                'passGrade' => self::num('Grade to pass', VALUE_OPTIONAL),
                'gradingMethod' => self::name('highest, average, first or last'),
                'closesAt' => self::num('When the quiz closes, ms since the epoch', VALUE_OPTIONAL),
            ]),
            'selfPaced' => new external_single_structure([
                'attempt' => self::attempt_view(),
                'attempts' => self::list_of(new external_single_structure([
                    'number' => self::count('Number'),
                    'status' => self::name('inProgress or finished'),
                    'grade' => self::num('Grade', VALUE_REQUIRED, NULL_ALLOWED),
                    'maxGrade' => self::num('Maximum grade'),
                    'passed' => self::boolean('Whether it passes', VALUE_REQUIRED, NULL_ALLOWED),
                    'finishedAt' => self::num('When it was finished, ms since the epoch', VALUE_REQUIRED, NULL_ALLOWED),
                ]), 'The caller\'s attempts'),
                'canStart' => self::boolean('Whether a new attempt may start'),
                'reason' => self::name('Why not', VALUE_OPTIONAL),
                'grade' => self::num('The grade that goes to the gradebook', VALUE_REQUIRED, NULL_ALLOWED),
                'passed' => self::boolean('Whether it passes', VALUE_REQUIRED, NULL_ALLOWED),
            ]),
            'live' => self::live_state(),
            'trainer' => new external_single_structure([
                'participants' => self::count('People with an attempt'),
                'finishedAttempts' => self::count('Finished attempts'),
                'needsGrading' => self::count('Finished attempts with essays waiting'),
            ], 'Trainers only', VALUE_OPTIONAL),
        ], 'What the caller may see of the quiz', $required);
    }

    /**
     * A refusal: code and message.
     *
     * @return external_single_structure
     */
    private static function error(): external_single_structure {
        return new external_single_structure([
            'code' => self::name('Why: a code of quiz/src/strings.ts or of the service'),
            'message' => self::text('In English, for logs'),
        ], 'Why it was refused', VALUE_OPTIONAL);
    }

    /**
     * The answer to quiz.act.
     *
     * @return external_single_structure
     */
    public static function act_result(): external_single_structure {
        return new external_single_structure(['error' => self::error(), 'state' => self::state()]);
    }

    /**
     * The answer to quiz.live.answer.
     *
     * @return external_single_structure
     */
    public static function answer_result(): external_single_structure {
        return new external_single_structure([
            'accepted' => self::boolean('Whether the answer is taken (also for a retry of a taken one)'),
            'error' => self::error(),
            'state' => self::state(),
        ]);
    }

    /**
     * The answer to quiz.grade.
     *
     * @return external_single_structure
     */
    public static function grade_result(): external_single_structure {
        return new external_single_structure(['error' => self::error(), 'results' => self::results()]);
    }

    /**
     * The parameter `set` of quiz.accommodations: a trainee's extra time to store (absent: only the list).
     *
     * @return external_single_structure
     */
    public static function accommodation_set(): external_single_structure {
        return new external_single_structure([
            'user' => new external_value(PARAM_ALPHANUMEXT, 'The trainee, as the people list names them (a user id)'),
            'extraTimeSeconds' => new external_value(PARAM_INT, 'Extra time on the time limit, seconds from 0 (0 removes it)'),
        ], 'A trainee\'s extra time to store first (absent: only the list)', VALUE_OPTIONAL);
    }

    /**
     * The answer to quiz.accommodations: who may attempt the quiz, each with their extra time.
     *
     * @return external_single_structure
     */
    public static function accommodations_result(): external_single_structure {
        return new external_single_structure([
            'error' => self::error(),
            'people' => self::list_of(new external_single_structure([
                'user' => self::text('The trainee (a user id)'),
                'name' => self::text('Their full name'),
                'extraTimeSeconds' => self::count('Their extra time on the time limit, seconds; 0 for none'),
            ]), 'Who may attempt the quiz, by name'),
        ]);
    }

    /**
     * The trainer's results (Results).
     *
     * @return external_single_structure
     */
    public static function results(): external_single_structure {
        return new external_single_structure([
            'questions' => self::list_of(new external_single_structure([
                'number' => self::count('Its number in the quiz'),
                'type' => self::name('Its type'),
                'text' => self::text('Its text as plain text, shortened'),
                'maxMark' => self::num('Its mark'),
                'attempts' => self::count('Finished attempts that had it'),
                'facility' => self::num('Facility index, 0 to 1', VALUE_REQUIRED, NULL_ALLOWED),
                'distribution' => self::live_results(VALUE_REQUIRED, NULL_ALLOWED),
                'choices' => self::list_of(self::text('A choice as plain text'), 'The choices, in the bank\'s order',
                    VALUE_OPTIONAL),
            ]), 'Per question'),
            'trainees' => self::list_of(new external_single_structure([
                'name' => self::text('Full name'),
                'attempts' => self::count('Attempts'),
                'grade' => self::num('Grade', VALUE_REQUIRED, NULL_ALLOWED),
                'passed' => self::boolean('Whether it passes', VALUE_REQUIRED, NULL_ALLOWED),
                'answers' => self::list_of(new external_single_structure([
                    'number' => self::count('The question\'s number'),
                    'state' => self::name('right, partial, wrong…', VALUE_REQUIRED, NULL_ALLOWED),
                    'mark' => self::num('Mark', VALUE_REQUIRED, NULL_ALLOWED),
                    'response' => self::text('The response as text'),
                ]), 'The last finished attempt\'s answers'),
            ]), 'Per trainee'),
            'maxGrade' => self::num('Maximum grade'),
            'essays' => self::list_of(new external_single_structure([
                'attempt' => self::count('The attempt, as quiz.grade names it'),
                'position' => self::count('The question\'s place in the attempt'),
                'number' => self::count('The question\'s number in the quiz'),
                'name' => self::text('The trainee\'s full name'),
                'question' => self::text('The question as plain text, shortened'),
                'response' => self::text('The trainee\'s answer'),
                'maxMark' => self::num('The question\'s mark'),
                'mark' => self::num('The mark given; null while it waits', VALUE_REQUIRED, NULL_ALLOWED),
                'comment' => self::text('The comment given', VALUE_OPTIONAL),
            ]), 'The open answers of finished attempts, graded or waiting'),
            'live' => new external_single_structure([
                'session' => self::text('The session\'s id'),
                'questions' => self::list_of(new external_single_structure([
                    'number' => self::count('The question\'s number'),
                    'text' => self::text('Its text'),
                    'responses' => self::count('Answers'),
                    'results' => self::live_results(VALUE_REQUIRED),
                ]), 'The questions answered'),
                'scores' => self::list_of(new external_single_structure([
                    'name' => self::text('Full name'),
                    'points' => self::count('Points'),
                    'team' => self::text('Team'),
                ]), 'Scores, best first'),
            ], 'The live session\'s results', VALUE_REQUIRED, null, NULL_ALLOWED),
        ]);
    }
}
