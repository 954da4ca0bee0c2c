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
 * The quiz's scenarios, as the reference host's tests play them (host/test/quiz.test.ts): self-paced attempts in each
 * behaviour, hostile actions, a live session from the lobby to the end through every question type, leaderboards,
 * a timed question closing by itself, and the trainer's results. Each answer is what mod_magquiz's web service would
 * return, built by the plugin's pure classes on an in-memory instance (quiz_memory.php). Every secret of the bank
 * carries the marker SECRET, so that a trainee's answer can be searched for it.
 *
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

require_once(__DIR__ . '/quiz_memory.php');

/**
 * The scenarios.
 */
final class quiz_scenarios {
    /** @var string The marker planted in every secret field of the bank. */
    public const SECRET = 'SECRET';
    /** @var array<int, string> Users: a trainer and four trainees. */
    public const NAMES = [1 => 'Claire Martin', 11 => 'Lucas Bernard', 12 => 'Emma Petit', 13 => 'Hugo Dubois',
        14 => 'Léa Moreau'];
    /** @var int The trainer. */
    public const TRAINER = 1;

    /**
     * A bank with every question type, each secret marked.
     *
     * @return array[]
     */
    public static function bank(): array {
        $s = self::SECRET;
        $q = fn(array $question): array => ['question' => $question + ['textFormat' => 'html',
            'generalFeedback' => "{$s} general"]];
        return [
            $q(['type' => 'single', 'text' => '<p>Capitale de la France ?</p>', 'hints' => [['text' => 'Sur la Seine.']],
                'answers' => [['text' => 'Lyon', 'fraction' => 0, 'feedback' => "{$s} non"],
                    ['text' => 'Paris', 'fraction' => 100, 'feedback' => "{$s} oui"],
                    ['text' => 'Lille', 'fraction' => 0]], 'correctFeedback' => "{$s} bravo"]),
            $q(['type' => 'multiple', 'text' => 'Nombres pairs ?', 'answers' => [
                ['text' => '2', 'fraction' => 50, 'feedback' => "{$s} a"], ['text' => '3', 'fraction' => -100],
                ['text' => '4', 'fraction' => 50], ['text' => '5', 'fraction' => 0]],
                'hints' => [['text' => 'Divisibles par deux.', 'showNumCorrect' => true, 'clearWrong' => true]]]),
            $q(['type' => 'truefalse', 'text' => 'Le soleil est froid.', 'correct' => false,
                'feedbackTrue' => "{$s} t", 'feedbackFalse' => "{$s} f"]),
            $q(['type' => 'shortanswer', 'text' => 'Le service qui certifie les compétences numériques ?',
                'caseSensitive' => false, 'answers' => [['text' => 'Pix', 'fraction' => 100, 'feedback' => "{$s} oui"],
                ['text' => 'pix*', 'fraction' => 50]]]),
            $q(['type' => 'numerical', 'text' => 'Pi à 0,01 près ?', 'answers' => [
                ['kind' => 'exact', 'value' => 3.14, 'tolerance' => 0.01, 'fraction' => 100, 'feedback' => "{$s} pi"],
                ['kind' => 'range', 'min' => 3, 'max' => 4, 'fraction' => 50], ['kind' => 'any', 'fraction' => 0]]]),
            $q(['type' => 'matching', 'text' => 'Associez', 'pairs' => [['left' => 'chat', 'right' => 'miaou'],
                ['left' => 'chien', 'right' => 'ouaf'], ['left' => '', 'right' => 'meuh']],
                'incorrectFeedback' => "{$s} non"]),
            $q(['type' => 'ordering', 'text' => 'Dans l’ordre', 'items' => ['un', 'deux', 'trois', 'quatre'],
                'grading' => 'absolutePosition']),
            $q(['type' => 'description', 'text' => 'Une pause.']),
            $q(['type' => 'essay', 'text' => 'Votre avis ?', 'graderInfo' => "{$s} grader"]),
        ];
    }

    /**
     * A quiz of the bank.
     *
     * @param array $settings
     * @return array
     */
    public static function quiz(array $settings): array {
        return ['settings' => $settings + ['shuffleAnswers' => true, 'maxGrade' => 10.0, 'gradingMethod' => 'highest'],
            'slots' => self::bank()];
    }

    /**
     * Every scenario: name, function, role, value (as the web service returns it), secrets (whether the value may
     * hold the marker), and what the TypeScript side recomputes (check).
     *
     * @return array[]
     */
    public static function all(): array {
        $out = [];
        $add = function (string $name, string $function, int $user, array $value, bool $secrets, array $check = [])
                use (&$out): void {
            $out[] = ['name' => $name, 'function' => $function,
                'role' => $user === self::TRAINER ? 'trainer' : 'trainee', 'value' => $value, 'secrets' => $secrets,
                'check' => (object) $check];
        };
        // The user's last attempt, as the state shows it.
        $attempt = function (quiz_memory $m, int $user): array {
            $mine = array_values(array_filter($m->attempts, fn(array $row): bool => $row['user'] === $user));
            return ['attempt' => ['quiz' => $m->quiz, 'state' => end($mine)['state'], 'now' => $m->now]];
        };

        // Deferred feedback: nothing before the end.
        $m = new quiz_memory(self::quiz(['behaviour' => 'deferred', 'attemptsAllowed' => 2, 'passGrade' => 5.0,
            'timeLimitSeconds' => 600]), self::NAMES, [self::TRAINER]);
        $add('deferred: before any attempt', 'get_state', 11, $m->state(11), false);
        $add('deferred: started', 'start', 11, $m->start(11, 'start-11-1'), false, $attempt($m, 11));
        $m->now += 1000;
        $add('deferred: a response saved', 'act', 11,
            $m->act(11, 1, ['type' => 'save', 'slot' => 0, 'response' => ['choice' => 1]], 'act-11-1'), false,
            $attempt($m, 11));
        $add('deferred: a hostile response refused', 'act', 11,
            $m->act(11, 1, ['type' => 'save', 'slot' => 0, 'response' => '<script>'], 'act-11-2'), false);
        $add('deferred: no such question', 'act', 11,
            $m->act(11, 1, ['type' => 'save', 'slot' => 99, 'response' => ['choice' => 0]], 'act-11-3'), false);
        $add('deferred: no such attempt', 'act', 11, $m->act(11, 5, ['type' => 'finish'], 'act-11-4'), false);
        foreach ([1 => ['choices' => [0, 2]], 2 => ['value' => false], 3 => ['text' => ' pix '], 4 => ['text' => '3,14'],
                5 => ['choices' => [0, 1]], 6 => ['order' => [0, 1, 2, 3]], 8 => ['text' => 'Mon avis.']] as $slot => $r) {
            $m->act(11, 1, ['type' => 'save', 'slot' => $slot, 'response' => $r], "act-11-s{$slot}");
        }
        $m->now += 60000;
        $add('deferred: finished, reviewed (an essay waits)', 'act', 11,
            $m->act(11, 1, ['type' => 'finish'], 'act-11-finish'), true, $attempt($m, 11));
        $add('deferred: the same finish again, applied once', 'act', 11,
            $m->act(11, 1, ['type' => 'finish'], 'act-11-finish'), true);
        $m->start(12, 'start-12-1');
        $m->act(12, 1, ['type' => 'save', 'slot' => 0, 'response' => ['choice' => 0]], 'act-12-1');
        $m->act(12, 1, ['type' => 'finish'], 'act-12-2');
        $m->start(12, 'start-12-2');
        $add('deferred: a second attempt in progress, the first reviewed in the list', 'get_state', 12, $m->state(12),
            false, $attempt($m, 12));
        $m->now += 3600000;
        $add('deferred: the time ran out, closed on read', 'get_state', 12, $m->state(12), true, $attempt($m, 12));
        $add('deferred: the trainer\'s state', 'get_state', self::TRAINER, $m->state(self::TRAINER), true);
        $add('deferred: the trainer\'s results (essays waiting)', 'results', self::TRAINER, $m->results(), true);

        // Essays graded by hand: the attempt named by its id (Lucas's first attempt is 1), the question by its place.
        $grade = function (quiz_memory $m, int $id, int $position, float $mark, ?string $comment) use (&$out): array {
            $before = $m->attempts[$id - 1]['state'];
            $answer = $m->grade_essay($id, $position, $mark, $comment);
            $max = mod_magquiz\local\attempt::max_mark_of($m->quiz, $before['slots'][$position]['index']);
            return [$answer, ['grade' => ['quiz' => $m->quiz, 'attempt' => $id, 'before' => $before, 'position' => $position,
                'fraction' => $mark / $max, 'comment' => $comment, 'after' => $m->attempts[$id - 1]['state']]]];
        };
        [$answer, $check] = $grade($m, 1, 8, 0.5, '  Précis et justifié. ');
        $add('essays: graded with a comment', 'grade_essay', self::TRAINER, $answer, true, $check);
        $add('essays: the trainee\'s review with the mark and the comment', 'get_state', 11, $m->state(11), true,
            $attempt($m, 11));
        [$answer, $check] = $grade($m, 2, 8, 0.0, null);
        $add('essays: an empty answer graded 0, no comment', 'grade_essay', self::TRAINER, $answer, true, $check);
        $add('essays: a mark above the question\'s refused', 'grade_essay', self::TRAINER, $m->grade_essay(1, 8, 1.5),
            true);
        $add('essays: a question that is not an essay refused', 'grade_essay', self::TRAINER,
            $m->grade_essay(1, 0, 1.0), true);
        $add('essays: an attempt in progress refused', 'grade_essay', self::TRAINER, $m->grade_essay(3, 8, 1.0), true);
        $add('essays: no such attempt', 'grade_essay', self::TRAINER, $m->grade_essay(99, 8, 1.0), true);
        $add('essays: no such question', 'grade_essay', self::TRAINER, $m->grade_essay(1, 42, 1.0), true);

        // Accommodations: a 1-minute quiz, Emma's extra time set while her attempt runs, then for her next attempts.
        $m = new quiz_memory(self::quiz(['behaviour' => 'deferred', 'attemptsAllowed' => 2, 'timeLimitSeconds' => 60]),
            self::NAMES, [self::TRAINER]);
        $add('accommodations: who may attempt, nobody with extra time', 'accommodations', self::TRAINER,
            $m->accommodations(), false);
        $m->start(12, 'start-12-accommodated');
        $add('accommodations: two minutes more for Emma', 'accommodations', self::TRAINER,
            $m->accommodations(['user' => '12', 'extraTimeSeconds' => 120]), false);
        $m->now += 90000;
        $add('accommodations: Emma\'s attempt still open after 90 s', 'get_state', 12, $m->state(12), true,
            $attempt($m, 12) + ['extra' => ['timeLimitSeconds' => 60, 'extraTimeSeconds' => 120]]);
        $add('accommodations: an unknown trainee', 'accommodations', self::TRAINER,
            $m->accommodations(['user' => '99', 'extraTimeSeconds' => 60]), false);
        $add('accommodations: a trainer is not listed', 'accommodations', self::TRAINER,
            $m->accommodations(['user' => (string) self::TRAINER, 'extraTimeSeconds' => 60]), false);
        $add('accommodations: Emma\'s extra time removed', 'accommodations', self::TRAINER,
            $m->accommodations(['user' => '12', 'extraTimeSeconds' => 0]), false);

        // Interactive: a wrong try shows its feedback and the hint, never the key.
        $m = new quiz_memory(self::quiz(['behaviour' => 'interactive', 'shuffleAnswers' => false,
            'reviewAfter' => ['correctness' => true, 'marks' => false, 'specificFeedback' => false,
                'generalFeedback' => false, 'rightAnswer' => false]]), self::NAMES, [self::TRAINER]);
        $m->start(13, 'start-13-1');
        $add('interactive: a wrong try, a hint, no key', 'act', 13,
            $m->act(13, 1, ['type' => 'check', 'slot' => 1, 'response' => ['choices' => [0, 1]]], 'act-13-1'), true,
            $attempt($m, 13));
        $add('interactive: try again', 'act', 13, $m->act(13, 1, ['type' => 'tryAgain', 'slot' => 1], 'act-13-2'), true,
            $attempt($m, 13));
        $add('interactive: right at the second try', 'act', 13,
            $m->act(13, 1, ['type' => 'check', 'slot' => 0, 'response' => ['choice' => 1]], 'act-13-3'), true,
            $attempt($m, 13));
        $add('interactive: finished, without marks in the review', 'act', 13,
            $m->act(13, 1, ['type' => 'finish', 'responses' => [['slot' => 2, 'response' => ['value' => true]]]],
                'act-13-4'), true, $attempt($m, 13));

        // Every review option off: a finished attempt's questions have an empty feedback (sent as [] by Moodle).
        $off = ['correctness' => false, 'marks' => false, 'specificFeedback' => false, 'generalFeedback' => false,
            'rightAnswer' => false];
        $m = new quiz_memory(self::quiz(['behaviour' => 'deferred', 'reviewAfter' => $off]), self::NAMES,
            [self::TRAINER]);
        $m->start(14, 'start-14-1');
        $add('deferred: finished, every review option off', 'act', 14,
            $m->act(14, 1, ['type' => 'finish', 'responses' => [['slot' => 0, 'response' => ['choice' => 1]]]],
                'act-14-1'), false, $attempt($m, 14));

        // Live: a timed session with speed points and the five best, through every question type.
        $m = new quiz_memory(self::quiz(['behaviour' => 'deferred']), self::NAMES, [self::TRAINER]);
        $add('live: opened, in its lobby (trainer)', 'live_control', self::TRAINER,
            $m->control(self::TRAINER, 'open', ['timerSeconds' => 20, 'speedPoints' => true, 'leaderboard' => 'top5']), true);
        $add('live: the lobby, not joined', 'get_state', 11, $m->state(11), false);
        foreach ([11, 12, 13, 14] as $user) {
            $joined = $m->join($user);
        }
        $add('live: joined', 'live_join', 14, $joined, false);
        $m->control(self::TRAINER, 'start');
        $responses = [
            0 => [11 => ['choice' => 0], 12 => ['choice' => 1], 13 => ['choice' => 2]],
            1 => [11 => ['choices' => [0, 1]], 12 => ['choices' => [2]], 13 => ['choices' => []]],
            2 => [11 => ['value' => false], 12 => ['value' => true]],
            3 => [11 => ['text' => 'Pix'], 12 => ['text' => 'pixel'], 13 => ['text' => 'autre']],
            4 => [11 => ['text' => '3.14'], 12 => ['text' => '3,5'], 13 => ['text' => 'trois']],
            5 => [11 => ['choices' => [0, 1]], 12 => ['choices' => [2, null]]],
            6 => [11 => ['order' => [0, 1, 2, 3]], 12 => ['order' => [3, 2, 1, 0]]],
            7 => [11 => ['text' => 'Un avis']],
        ];
        $live = function (quiz_memory $m, int $step, string $phase): array {
            $index = mod_magquiz\local\quiz_state::live_slots($m->quiz)[$step];
            $answers = array_values(array_filter($m->answers, fn(array $a): bool => $a['session'] === $m->live['id']
                && $a['step'] === $step));
            return ['live' => ['question' => $m->quiz['slots'][$index]['question'],
                'seed' => $m->live['seed'] . "\u{0000}" . $step, 'phase' => $phase,
                'responses' => array_column($answers, 'response')]];
        };
        foreach ($responses as $step => $byuser) {
            $m->now += 1000;
            $add("live: question {$step} open, not answered yet", 'get_state', 11, $m->state(11), false,
                $live($m, $step, 'open'));
            foreach ($byuser as $user => $response) {
                $m->state($user);
                $m->now += 2000 * ($user - 10);
                $answered = $m->answer($user, $step, $response, 1500.0, "answer-{$step}-{$user}");
                if ($step === 0 && $user === 11) {
                    $add('live: an answer taken, no key in return', 'live_answer', 11, $answered, false,
                        $live($m, $step, 'open'));
                    $add('live: the same answer again (same key)', 'live_answer', 11,
                        $m->answer(11, 0, ['choice' => 2], null, 'answer-0-11'), false);
                    $add('live: a second answer refused', 'live_answer', 11,
                        $m->answer(11, 0, ['choice' => 2], null, 'answer-0-11-again'), false);
                    $add('live: a hostile answer refused', 'live_answer', 14,
                        $m->answer(14, 0, ['choices' => 'x'], null, 'answer-0-14'), false);
                    $add('live: the trainer\'s projection while open', 'get_state', self::TRAINER,
                        $m->state(self::TRAINER), true, $live($m, $step, 'open'));
                }
            }
            if ($step === 0) {
                // The timer closes the question by itself: no request, the version moves on at the deadline.
                $before = $m->version();
                $m->now = $m->live['session']['closesAt'];
                $add('live: closed by its timer', 'get_state', 14, $m->state(14), false, $live($m, $step, 'closed')
                    + ['versionAbove' => $before]);
                $add('live: too late', 'live_answer', 14, $m->answer(14, 0, ['choice' => 1], null, 'answer-0-14-late'),
                    false);
            }
            $m->control(self::TRAINER, 'reveal');
            $add("live: question {$step} revealed", 'get_state', 12, $m->state(12), true, $live($m, $step, 'revealed'));
            $m->control(self::TRAINER, 'next');
        }
        $add('live: ended, the leaderboard (trainer)', 'get_state', self::TRAINER, $m->state(self::TRAINER), true);
        $add('live: ended (trainee)', 'get_state', 13, $m->state(13), true);
        $add('live: the trainer\'s results with the session', 'results', self::TRAINER, $m->results(), true);

        // The other leaderboards.
        foreach (['progress', 'teams'] as $board) {
            $m->control(self::TRAINER, 'open', ['speedPoints' => false, 'leaderboard' => $board]);
            foreach ([11, 12, 13] as $user) {
                $m->join($user);
            }
            $m->control(self::TRAINER, 'start');
            $m->answer(11, 0, ['choice' => 1], null, "board-{$board}-11");
            $m->answer(12, 0, ['choice' => 2], null, "board-{$board}-12");
            $m->control(self::TRAINER, 'reveal');
            $add("live: the {$board} leaderboard (trainee)", 'get_state', 12, $m->state(12), true,
                $live($m, 0, 'revealed'));
            $add("live: the {$board} leaderboard, not joined", 'get_state', 14, $m->state(14), true);
            $add("live: the {$board} leaderboard (trainer)", 'live_control', self::TRAINER,
                $m->control(self::TRAINER, 'end'), true);
        }
        return $out;
    }
}
