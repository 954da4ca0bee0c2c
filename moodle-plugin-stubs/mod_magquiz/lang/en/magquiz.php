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


/**
 * Strings of mod_magquiz (English).
 *
 * @package    mod_magquiz
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$string['attemptsallowed'] = 'Attempts allowed';
$string['behaviour'] = 'Question behaviour';
$string['behaviour:deferred'] = 'Deferred feedback';
$string['behaviour:immediate'] = 'Immediate feedback';
$string['behaviour:interactive'] = 'Interactive with several tries';
$string['behaviour_help'] = 'Deferred feedback: the trainee answers every question, then finishes and sees the feedback. Immediate feedback: each question can be checked once, and its feedback comes at once. Interactive with several tries: a wrong answer shows its feedback and a hint, and the trainee tries again (one try per hint, plus one), losing the question\'s penalty at each wrong try.';
$string['currentquestions'] = 'Current questions';
$string['eventattemptstarted'] = 'Quiz attempt started';
$string['eventattemptsubmitted'] = 'Quiz attempt finished and graded';
$string['eventcoursemoduleviewed'] = 'Quiz viewed';
$string['eventessaygraded'] = 'Open answer graded';
$string['eventliveanswersubmitted'] = 'Live quiz question answered';
$string['eventlivesessionupdated'] = 'Live quiz session moved on';
$string['false'] = 'False';
$string['format:auto'] = 'Recognised from the content';
$string['format:gift'] = 'GIFT';
$string['format:xml'] = 'Moodle XML';
$string['grademethod'] = 'Grading method';
$string['grademethod:average'] = 'Average grade';
$string['grademethod:first'] = 'First attempt';
$string['grademethod:highest'] = 'Highest grade';
$string['grademethod:last'] = 'Last attempt';
$string['grademethod_help'] = 'With several attempts, the grade that goes to the gradebook: the highest, the average, the first or the last finished attempt\'s.';
$string['importerror:answerstart'] = 'answer not starting with {$a}';
$string['importerror:blockopen'] = 'answer block not closed with }';
$string['importerror:defaultgrade'] = 'negative defaultgrade';
$string['importerror:doctype'] = 'a DOCTYPE is not allowed in a Moodle XML file';
$string['importerror:emptyanswer'] = 'empty answer';
$string['importerror:emptyquestion'] = 'empty question';
$string['importerror:fraction'] = 'answer fraction out of -100..100: {$a}';
$string['importerror:matchingfeedback'] = 'feedback is not allowed in a matching question';
$string['importerror:nameopen'] = 'question name not closed with ::';
$string['importerror:nestedblock'] = 'unexpected { inside an answer block';
$string['importerror:noanswers'] = '{$a} question without answers';
$string['importerror:noarrow'] = 'matching pair without ->';
$string['importerror:nocredit'] = 'no answer gives credit';
$string['importerror:nonumber'] = 'numerical question without an answer';
$string['importerror:noquestiontext'] = 'question of type "{$a}" without <questiontext>';
$string['importerror:noright'] = 'matching pair without a right-hand side';
$string['importerror:notext'] = 'question without text';
$string['importerror:notnumber'] = 'not a number: "{$a}"';
$string['importerror:notquiz'] = 'not a Moodle XML file: the root element must be <quiz>';
$string['importerror:penalty'] = 'penalty out of 0..1';
$string['importerror:range'] = 'range minimum above its maximum';
$string['importerror:subquestion'] = 'matching subquestion without an answer';
$string['importerror:textafteressay'] = 'text after the answer block of an essay question';
$string['importerror:textaftermatching'] = 'text after the answer block of a matching question';
$string['importerror:tolerance'] = 'negative tolerance';
$string['importerror:toolarge'] = 'the file is too large (4 MB at most)';
$string['importerror:toomany'] = 'too many questions: only the first 500 are kept';
$string['importerror:truefalse'] = 'truefalse question without its "true" and "false" answers';
$string['importerror:twoblocks'] = 'only one answer block per question';
$string['importerror:twoitems'] = 'an ordering question needs at least two items';
$string['importerror:twopairs'] = 'a matching question needs at least two pairs';
$string['importerror:unexpectedclose'] = 'unexpected }';
$string['importerror:unsupportedtype'] = 'question type "{$a}" is not supported';
$string['importerror:weight'] = 'weight out of -100..100';
$string['importerror:xmlnumber'] = '{$a->what} is not a number: "{$a->value}"';
$string['importerrorat'] = 'Line {$a->line}, column {$a->column}: {$a->message}';
$string['importerrors'] = '{$a->errors} error(s), {$a->valid} valid question(s). Fix the errors, or tick "Import the valid questions and leave out those with errors".';
$string['importerrorsmore'] = '… and {$a} more error(s).';
$string['invalidquestions'] = 'These questions do not fit the question model.';
$string['leaderboard:off'] = 'None';
$string['leaderboard:progress'] = 'Each trainee sees only their own score and rank';
$string['leaderboard:teams'] = 'Teams';
$string['leaderboard:top5'] = 'The five best, by name';
$string['live'] = 'Live sessions';
$string['liveleaderboard'] = 'Leaderboard';
$string['livespeedpoints'] = 'Speed earns points';
$string['livespeedpoints_help'] = 'Off by default: a right answer is worth 1,000 points whatever the speed. On: from 500 to 1,000 points depending on the time taken, measured from when the server sent the question to the trainee, so that a slow connection does not count against them.';
$string['livetimer'] = 'Time per question';
$string['livetimer:none'] = 'None: the trainer closes each question';
$string['livetimer_help'] = 'How long a live question stays open; it then closes by itself. Without a timer, the trainer closes it. The trainer can change this when opening a session.';
$string['locktimeout'] = 'Too many changes arrived at once: try again.';
$string['magquiz:accommodate'] = 'Give trainees extra time on a quiz\'s time limit';
$string['magquiz:addinstance'] = 'Add a quiz (Magistère)';
$string['magquiz:attempt'] = 'Attempt a quiz and take part in its live sessions';
$string['magquiz:control'] = 'Run the live sessions of a quiz';
$string['magquiz:grade'] = 'Grade the open answers of a quiz';
$string['magquiz:view'] = 'View a quiz';
$string['magquiz:viewresults'] = 'See every trainee\'s results in a quiz';
$string['modulename'] = 'Quiz (Magistère)';
$string['modulename_help'] = 'A quiz for hybrid training: trainees answer at their own pace (graded by the server into the gradebook, with Moodle\'s feedback behaviours), and the trainer runs it live in the room, question by question, with results revealed on the projected screen. Questions are imported from GIFT or Moodle XML.';
$string['modulenameplural'] = 'Quizzes (Magistère)';
$string['noinstances'] = 'There are no quizzes in this course.';
$string['noscales'] = 'A quiz is graded in points: choose the type "Point".';
$string['pluginadministration'] = 'Quiz administration';
$string['pluginname'] = 'Quiz (Magistère)';
$string['privacy:metadata:core_grades'] = 'The quiz\'s grades go to the gradebook.';
$string['privacy:metadata:magquiz_attempt'] = 'A self-paced attempt at a quiz.';
$string['privacy:metadata:magquiz_attempt:attempt'] = 'The attempt\'s number.';
$string['privacy:metadata:magquiz_attempt:grade'] = 'The attempt\'s grade.';
$string['privacy:metadata:magquiz_attempt:state'] = 'The attempt\'s questions, responses, tries and outcomes.';
$string['privacy:metadata:magquiz_attempt:status'] = 'Whether the attempt is in progress or finished.';
$string['privacy:metadata:magquiz_attempt:timefinish'] = 'When the attempt was finished.';
$string['privacy:metadata:magquiz_attempt:timestart'] = 'When the attempt started.';
$string['privacy:metadata:magquiz_attempt:userid'] = 'Who attempted the quiz.';
$string['privacy:metadata:magquiz_live_answer'] = 'An answer to a question of a live session.';
$string['privacy:metadata:magquiz_live_answer:elapsedms'] = 'How long the participant took.';
$string['privacy:metadata:magquiz_live_answer:points'] = 'The points it earned.';
$string['privacy:metadata:magquiz_live_answer:response'] = 'The response.';
$string['privacy:metadata:magquiz_live_answer:state'] = 'Whether it was right.';
$string['privacy:metadata:magquiz_live_answer:timereceived'] = 'When it arrived.';
$string['privacy:metadata:magquiz_live_answer:userid'] = 'Who answered.';
$string['privacy:metadata:magquiz_override'] = 'A trainee\'s extra time on the quiz\'s time limit (an accommodation).';
$string['privacy:metadata:magquiz_override:extratime'] = 'The extra time, in seconds.';
$string['privacy:metadata:magquiz_override:timemodified'] = 'When it was last set.';
$string['privacy:metadata:magquiz_override:userid'] = 'The trainee.';
$string['privacy:metadata:magquiz_live_part'] = 'Taking part in a live session of a quiz.';
$string['privacy:metadata:magquiz_live_part:team'] = 'Their team.';
$string['privacy:metadata:magquiz_live_part:timejoined'] = 'When they joined.';
$string['privacy:metadata:magquiz_live_part:userid'] = 'Who joined the session.';
$string['privacy:metadata:magquiz_live_served'] = 'When each live question was first sent to a participant, to time their answer fairly.';
$string['privacy:metadata:magquiz_live_served:timeserved'] = 'When the question was sent.';
$string['privacy:metadata:magquiz_live_served:userid'] = 'The participant.';
$string['questions'] = 'Questions';
$string['questionscount'] = '{$a} question(s)';
$string['questionsfile'] = 'Or a file (.gift, .txt, .xml)';
$string['questionsformat'] = 'Format';
$string['questionslocked'] = 'Trainees have already answered this quiz: its questions can no longer be replaced. Reset the quiz\'s attempts (course reset) first, or create a new quiz.';
$string['questionsrequired'] = 'Paste or upload at least one question (GIFT or Moodle XML).';
$string['questionsskiperrors'] = 'Import the valid questions and leave out those with errors';
$string['questionsskiperrors_help'] = 'Without this option, a file with errors is not imported: the errors are shown with their line and column, to be fixed. With it, the valid questions are imported and the others left out.';
$string['questionstext'] = 'Questions (GIFT or Moodle XML)';
$string['questionstext_help'] = 'Paste the questions in GIFT (as Moodle exports it: `::name::`, `$CATEGORY:`, `{=right ~wrong}`, `{#3.14:0.01}`, `{=a -> b}`, `####` general feedback…) or in Moodle XML (a `<quiz>` file exported from a question bank). Single and multiple choice, true/false, short answer, numerical, matching, ordering, essay and description questions are read. The file below, when given, replaces this text. Once trainees have answered, the questions can no longer be replaced.';
$string['resetattempts'] = 'Delete all attempts, live sessions and extra time (accommodations)';
$string['review:correctness'] = 'Whether the answer is right';
$string['review:generalfeedback'] = 'General feedback';
$string['review:marks'] = 'Marks';
$string['review:rightanswer'] = 'Right answer';
$string['review:specificfeedback'] = 'Specific feedback';
$string['reviewafter'] = 'Once the attempt is finished';
$string['reviewduring'] = 'During the attempt';
$string['reviewoptions'] = 'Review options';
$string['reviewoptions_help'] = 'What a trainee sees of a graded question: while the attempt runs (once a question is checked, with immediate or interactive feedback), and once the attempt is finished.';
$string['selfpaced'] = 'Self-paced attempts';
$string['shuffleanswers'] = 'Shuffle the choices within questions';
$string['shufflequestions'] = 'Shuffle the questions in each attempt';
$string['status:finished'] = 'Finished';
$string['status:inProgress'] = 'In progress';
$string['taskcloseoverdue'] = 'Finish quiz attempts whose time ran out';
$string['timeclose'] = 'Close the quiz';
$string['timeclose_help'] = 'After this date no attempt can start, and attempts in progress end at it.';
$string['timelimit'] = 'Time limit';
$string['timelimit_help'] = 'When enabled, an attempt must be finished within this time; what is on screen is sent when the time is up.';
$string['true'] = 'True';
$string['type:description'] = 'description';
$string['type:essay'] = 'essay';
$string['type:matching'] = 'matching';
$string['type:multiple'] = 'multiple choice';
$string['type:numerical'] = 'numerical';
$string['type:ordering'] = 'ordering';
$string['type:shortanswer'] = 'short answer';
$string['type:single'] = 'single choice';
$string['type:truefalse'] = 'true/false';
