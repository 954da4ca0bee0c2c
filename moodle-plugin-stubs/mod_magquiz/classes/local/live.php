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

namespace mod_magquiz\local;

/**
 * A live, trainer-paced session as pure rules over plain data. PHP port of quiz/src/live.ts, whose header states the
 * rules; both pass test/vectors/quiz-live.json.
 *
 * The session goes lobby → question 1 (open → closed → revealed) → question 2 … → ended. An open question with a
 * timer closes by itself at its deadline: its phase is computed from the clock whenever it is read
 * ({@see self::phase_at()}), so nothing has to run at the deadline. Times are in milliseconds since the epoch.
 *
 * A session is `['phase' => 'lobby'|'question'|'ended', 'step' => int, 'stepPhase' => 'open'|'closed'|'revealed',
 * 'openedAt' => ?int, 'closesAt' => ?int, 'settings' => ['timerSeconds' => ?int, 'speedPoints' => bool,
 * 'leaderboard' => 'off'|'top5'|'progress'|'teams']]`, the same JSON as the TypeScript side's.
 *
 * @package    mod_magquiz
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class live {
    /** @var string[] What a leaderboard may show. */
    public const LEADERBOARDS = ['off', 'top5', 'progress', 'teams'];
    /** @var string[] The trainer's moves once a session is open. */
    public const CONTROL_ACTIONS = ['start', 'close', 'reveal', 'next', 'end'];
    /** @var string[] Teams, filled one after another in the order people join. */
    public const TEAM_NAMES = ['A', 'B', 'C', 'D'];
    /** @var int Shortest and longest question timer, in seconds (LiveSettings). */
    public const TIMER_MIN = 5;
    /** @var int */
    public const TIMER_MAX = 600;
    /** @var int Without a timer, speed counts over this window (ms). */
    private const SPEED_WINDOW_MS = 30000;
    /** @var array The default settings: no timer, no speed points, no leaderboard. */
    public const DEFAULT_SETTINGS = ['speedPoints' => false, 'leaderboard' => 'off'];

    /**
     * Checks settings as LiveSettings does: `timerSeconds` (optional integer, 5 to 600), `speedPoints` (bool),
     * `leaderboard` (one of LEADERBOARDS). Unknown keys are dropped.
     *
     * @param mixed $input
     * @return array|null the settings, or null when they do not pass
     */
    public static function parse_settings($input): ?array {
        if (!is_array($input) || !array_key_exists('speedPoints', $input) || !is_bool($input['speedPoints'])
                || !isset($input['leaderboard']) || !in_array($input['leaderboard'], self::LEADERBOARDS, true)) {
            return null;
        }
        $settings = [];
        if (array_key_exists('timerSeconds', $input)) {
            $timer = $input['timerSeconds'];
            if (is_float($timer) && is_finite($timer) && floor($timer) === $timer) {
                $timer = (int) $timer;
            }
            if (!is_int($timer) || $timer < self::TIMER_MIN || $timer > self::TIMER_MAX) {
                return null;
            }
            $settings['timerSeconds'] = $timer;
        }
        $settings['speedPoints'] = $input['speedPoints'];
        $settings['leaderboard'] = $input['leaderboard'];
        return $settings;
    }

    /**
     * A new session, in its lobby.
     *
     * @param array $settings checked by parse_settings()
     * @return array
     */
    public static function new_session(array $settings): array {
        return ['phase' => 'lobby', 'step' => -1, 'stepPhase' => 'open', 'openedAt' => null, 'closesAt' => null,
            'settings' => $settings];
    }

    /**
     * Reads a stored session back; null when it is not one.
     *
     * @param mixed $input decoded JSON
     * @return array|null
     */
    public static function parse_session($input): ?array {
        if (!is_array($input)) {
            return null;
        }
        $settings = self::parse_settings($input['settings'] ?? null);
        $time = fn($value): bool => $value === null || ((is_int($value) || is_float($value)) && is_finite((float) $value));
        if ($settings === null || !in_array($input['phase'] ?? null, ['lobby', 'question', 'ended'], true)
                || !is_int($input['step'] ?? null) || !in_array($input['stepPhase'] ?? null, ['open', 'closed', 'revealed'], true)
                || !array_key_exists('openedAt', $input) || !$time($input['openedAt'])
                || !array_key_exists('closesAt', $input) || !$time($input['closesAt'])) {
            return null;
        }
        return ['phase' => $input['phase'], 'step' => $input['step'], 'stepPhase' => $input['stepPhase'],
            'openedAt' => $input['openedAt'], 'closesAt' => $input['closesAt'], 'settings' => $settings];
    }

    /**
     * The phase of the current question at `now`: an open question past its deadline is closed.
     *
     * @param array $session
     * @param int|float $now
     * @return string open, closed or revealed
     */
    public static function phase_at(array $session, $now): string {
        if ($session['stepPhase'] === 'open' && $session['closesAt'] !== null && $now >= $session['closesAt']) {
            return 'closed';
        }
        return $session['stepPhase'];
    }

    /**
     * Opens question `step`.
     *
     * @param array $session
     * @param int $step
     * @param int|float $now
     * @return array
     */
    private static function open(array $session, int $step, $now): array {
        $timer = $session['settings']['timerSeconds'] ?? null;
        $session['phase'] = 'question';
        $session['step'] = $step;
        $session['stepPhase'] = 'open';
        $session['openedAt'] = $now;
        $session['closesAt'] = $timer ? $now + $timer * 1000 : null;
        return $session;
    }

    /**
     * The trainer's move at `now`: start, close, reveal (closes too), next (the following question, or the end after
     * the last), end. A move that makes no sense now is refused (`not_now`), so that a double click moves once.
     *
     * @param array $session
     * @param string $action one of CONTROL_ACTIONS
     * @param int|float $now
     * @param int $questions how many questions the session plays
     * @return array ['ok' => true, 'session' => array] or ['ok' => false, 'code' => 'not_now']
     */
    public static function control(array $session, string $action, $now, int $questions): array {
        $phase = self::phase_at($session, $now);
        $refuse = ['ok' => false, 'code' => 'not_now'];
        switch ($action) {
            case 'start':
                if ($session['phase'] !== 'lobby' || $questions === 0) {
                    return $refuse;
                }
                return ['ok' => true, 'session' => self::open($session, 0, $now)];
            case 'close':
                if ($session['phase'] !== 'question' || $phase !== 'open') {
                    return $refuse;
                }
                return ['ok' => true, 'session' => array_replace($session, ['stepPhase' => 'closed', 'closesAt' => null])];
            case 'reveal':
                if ($session['phase'] !== 'question' || $phase === 'revealed') {
                    return $refuse;
                }
                return ['ok' => true, 'session' => array_replace($session, ['stepPhase' => 'revealed', 'closesAt' => null])];
            case 'next':
                if ($session['phase'] !== 'question' || $phase === 'open') {
                    return $refuse;
                }
                if ($session['step'] + 1 >= $questions) {
                    return ['ok' => true, 'session' => array_replace($session, ['phase' => 'ended'])];
                }
                return ['ok' => true, 'session' => self::open($session, $session['step'] + 1, $now)];
            case 'end':
                if ($session['phase'] === 'ended') {
                    return $refuse;
                }
                return ['ok' => true, 'session' => array_replace($session, ['phase' => 'ended', 'closesAt' => null])];
        }
        return $refuse;
    }

    /**
     * Whether an answer to `step` arriving at `now` is taken.
     *
     * @param array $session
     * @param int $step
     * @param int|float $now
     * @return bool
     */
    public static function accepts_answer(array $session, int $step, $now): bool {
        return $session['phase'] === 'question' && $session['step'] === $step && self::phase_at($session, $now) === 'open';
    }

    /**
     * The time a trainee took, as fairly as can be known: from when the server sent them the open question to when
     * their answer arrived, or what their device measured if that is shorter; never negative.
     *
     * @param int|float $servedat
     * @param int|float $receivedat
     * @param int|float|null $clientelapsedms
     * @return int|float
     */
    public static function fair_elapsed($servedat, $receivedat, $clientelapsedms = null) {
        $seen = max(0, $receivedat - $servedat);
        if ($clientelapsedms === null || !is_finite((float) $clientelapsedms)) {
            return $seen;
        }
        return max(0, min($seen, $clientelapsedms));
    }

    /**
     * JavaScript's Math.round for the values met here (ties towards +∞).
     *
     * @param float $value
     * @return int
     */
    private static function js_round(float $value): int {
        return (int) floor($value + 0.5);
    }

    /**
     * Points for an answer of `fraction` (0..1, negative counts 0): 1,000 × fraction; with speed points, from 50 % of
     * that for an answer at the end of the window (the timer, or 30 s) to 100 % for an instant one.
     *
     * @param float|int $fraction
     * @param float|int $elapsedms
     * @param array $settings
     * @return int
     */
    public static function points($fraction, $elapsedms, array $settings): int {
        $base = 1000 * max(0, min(1, $fraction));
        if (empty($settings['speedPoints']) || $base == 0) {
            return self::js_round($base);
        }
        $window = (isset($settings['timerSeconds']) ? $settings['timerSeconds'] * 1000 : self::SPEED_WINDOW_MS);
        $share = min(1, max(0, $elapsedms) / $window);
        return self::js_round($base * (1 - $share / 2));
    }

    /**
     * The team of the person who joined `joinindex`-th (from 0): teams of even size whatever the room.
     *
     * @param int $joinindex
     * @return string
     */
    public static function team_of(int $joinindex): string {
        return self::TEAM_NAMES[$joinindex % count(self::TEAM_NAMES)];
    }

    /**
     * Competition ranking (1, 2, 2, 4) by points; ties keep the given order.
     *
     * @param array[] $rows each with `points`
     * @return array[] the rows, best first, each with `rank`
     */
    private static function ranked(array $rows): array {
        $sorted = array_values($rows);
        usort($sorted, fn(array $a, array $b): int => $b['points'] <=> $a['points']);
        $first = [];
        foreach ($sorted as $i => $row) {
            $key = (string) $row['points'];
            if (!isset($first[$key])) {
                $first[$key] = $i + 1;
            }
        }
        return array_map(fn(array $row): array => $row + ['rank' => $first[(string) $row['points']]], $sorted);
    }

    /**
     * What a user may see of the scores: nothing (null), the five best by name, their own rank only, or the teams
     * (average points per member). Trainers see the same as the room.
     *
     * @param string $kind one of LEADERBOARDS
     * @param array[] $scores each `['userId' => string, 'name' => string, 'points' => int, 'team' => string]`, in
     *     the order people joined
     * @param string|null $me the user's id
     * @return array|null
     */
    public static function leaderboard(string $kind, array $scores, ?string $me): ?array {
        switch ($kind) {
            case 'top5':
                $rows = [];
                foreach (array_slice(self::ranked($scores), 0, 5) as $row) {
                    $rows[] = ['rank' => $row['rank'], 'name' => $row['name'], 'points' => $row['points']];
                }
                return ['kind' => 'top5', 'rows' => $rows];
            case 'progress':
                foreach (self::ranked($scores) as $row) {
                    if ($row['userId'] === $me) {
                        return ['kind' => 'progress',
                            'me' => ['points' => $row['points'], 'rank' => $row['rank'], 'of' => count($scores)]];
                    }
                }
                return ['kind' => 'progress', 'me' => null];
            case 'teams':
                $teams = [];
                $myteam = null;
                foreach ($scores as $score) {
                    $teams[$score['team']] ??= ['total' => 0, 'members' => 0];
                    $teams[$score['team']]['total'] += $score['points'];
                    $teams[$score['team']]['members']++;
                    if ($myteam === null && $score['userId'] === $me) {
                        $myteam = $score['team'];
                    }
                }
                $rows = [];
                foreach ($teams as $team => $sum) {
                    $rows[] = ['team' => (string) $team, 'members' => $sum['members'],
                        'points' => self::js_round($sum['total'] / $sum['members'])];
                }
                $board = [];
                foreach (self::ranked($rows) as $row) {
                    $board[] = ['rank' => $row['rank'], 'team' => $row['team'], 'points' => $row['points'],
                        'members' => $row['members']];
                }
                return ['kind' => 'teams', 'rows' => $board, 'myTeam' => $myteam];
        }
        return null;
    }
}
