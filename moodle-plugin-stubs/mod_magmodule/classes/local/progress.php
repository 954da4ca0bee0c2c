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

namespace mod_magmodule\local;

/**
 * The module player's trusted rules, pure: module-activity/src/module/progress.ts in PHP.
 *
 * - xAPI to attempts in the shape of `mod_h5pactivity` (raw score, max score, scaled, duration, completion, success):
 *   only statements about the content itself with the verbs `answered` or `completed` count; a statement joins the
 *   latest attempt of the same player session when that attempt has not seen its verb yet, else opens a new one.
 * - A step's progress: the share of its playable items (pages, videos, H5P) completed, on the version in use only.
 * - A step's score: the mean of the best scaled score of each H5P item (0 for an item not attempted), none when no
 *   H5P item was attempted; a programme's: the mean of its steps' scores.
 *
 * Attempts are arrays: attempt, session, rawscore, maxscore, scaled, duration, completion, success (null or value),
 * verbs (list of verbs). Statement results as the bridge sends them: score {raw, min?, max, scaled?}, completion?,
 * success?, duration? (ISO 8601).
 *
 * @package    mod_magmodule
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class progress {
    /** @var string[] Item kinds the player plays and counts in progress. */
    public const PLAYABLE_KINDS = ['page', 'video', 'h5p'];
    /** @var string[] The xAPI verbs that count. */
    public const VERBS = ['answered', 'completed'];
    /** @var int The most an H5P content may claim as a maximum score. */
    public const MAX_SCORE = 10000;
    /** @var int The longest duration kept (24 h). */
    public const MAX_DURATION_SECONDS = 86400;
    /** @var int Seconds a single progress report may add. */
    public const MAX_REPORTED_SECONDS = 300;
    /** @var int Seconds a time report may exceed the wall-clock time since the item's previous one. */
    public const TIME_SLACK_SECONDS = 5;

    /**
     * Whether the player plays and counts an item kind.
     *
     * @param string $kind
     * @return bool
     */
    public static function is_playable(string $kind): bool {
        return in_array($kind, self::PLAYABLE_KINDS, true);
    }

    /**
     * An ISO 8601 duration as H5P writes it (`PT12.34S`, `PT1M5S`, `P1DT2H`) in seconds, capped at 24 h; null when
     * the text is not a duration.
     *
     * @param string $text
     * @return float|null
     */
    public static function parse_duration(string $text): ?float {
        $number = '(\d+(?:\.\d+)?)';
        if (!preg_match("/^P(?:{$number}D)?(?:T(?:{$number}H)?(?:{$number}M)?(?:{$number}S)?)?$/D", $text, $m)
                || $text === 'P' || str_ends_with($text, 'T')) {
            return null;
        }
        $part = fn(int $i) => isset($m[$i]) && $m[$i] !== '' ? (float) $m[$i] : 0.0;
        $total = $part(1) * 86400 + $part(2) * 3600 + $part(3) * 60 + $part(4);
        return min((float) self::MAX_DURATION_SECONDS, round($total * 100) / 100);
    }

    /**
     * Checks a statement result (decoded JSON) as StatementResult does; returns it with the known fields only.
     *
     * @param mixed $result
     * @return array
     * @throws invalid_input
     */
    public static function check_result($result): array {
        if (!is_array($result) || (array_is_list($result) && $result !== [])) {
            throw new invalid_input('result: an object');
        }
        $finite = fn($v) => (is_int($v) || is_float($v)) && is_finite((float) $v);
        $out = [];
        if (array_key_exists('score', $result)) {
            $score = $result['score'];
            if (!is_array($score) || !isset($score['raw'], $score['max']) || !$finite($score['raw'])
                    || !$finite($score['max'])) {
                throw new invalid_input('result.score: {raw, max} numbers');
            }
            $max = (float) $score['max'];
            if ($max < 0 || $max > self::MAX_SCORE) {
                throw new invalid_input('result.score.max: from 0 to ' . self::MAX_SCORE);
            }
            $checked = ['raw' => $score['raw'] + 0, 'max' => $score['max'] + 0];
            $min = 0;
            if (array_key_exists('min', $score)) {
                if (!$finite($score['min']) || $score['min'] < -self::MAX_SCORE || $score['min'] > 0) {
                    throw new invalid_input('result.score.min: from -' . self::MAX_SCORE . ' to 0');
                }
                $min = $checked['min'] = $score['min'] + 0;
            }
            if (array_key_exists('scaled', $score)) {
                if (!$finite($score['scaled']) || $score['scaled'] < -1 || $score['scaled'] > 1) {
                    throw new invalid_input('result.score.scaled: from -1 to 1');
                }
                $checked['scaled'] = $score['scaled'] + 0;
            }
            if ($checked['raw'] < $min || $checked['raw'] > $checked['max']) {
                throw new invalid_input('result.score: a raw score between min and max');
            }
            $out['score'] = $checked;
        }
        foreach (['completion', 'success'] as $flag) {
            if (array_key_exists($flag, $result)) {
                if (!is_bool($result[$flag])) {
                    throw new invalid_input("result.$flag: true or false");
                }
                $out[$flag] = $result[$flag];
            }
        }
        if (array_key_exists('duration', $result)) {
            $duration = $result['duration'];
            if (!is_string($duration) || strlen($duration) > 40 || self::parse_duration($duration) === null) {
                throw new invalid_input('result.duration: an ISO 8601 duration such as PT12S');
            }
            $out['duration'] = $duration;
        }
        return $out;
    }

    /**
     * What a counted statement does to a trainee's attempts at one item.
     *
     * @param array|null $latest their newest attempt
     * @param string $verb answered or completed
     * @param array $result a checked result
     * @param string $session the player session
     * @return array ['kind' => insert|update, 'attempt' => attempt]
     */
    public static function apply_statement(?array $latest, string $verb, array $result, string $session): array {
        $score = $result['score'] ?? null;
        $scaled = null;
        if ($score !== null) {
            if (array_key_exists('scaled', $score)) {
                $scaled = $score['scaled'];
            } else if ($score['max'] > 0) {
                $scaled = max(-1, min(1, $score['raw'] / $score['max']));
            }
        }
        $fields = [
            'rawscore' => $score['raw'] ?? null,
            'maxscore' => $score['max'] ?? null,
            'scaled' => $scaled,
            'duration' => isset($result['duration']) ? self::parse_duration($result['duration']) : null,
            'completion' => $result['completion'] ?? ($verb === 'completed' ? true : null),
            'success' => $result['success'] ?? null,
        ];
        if ($latest !== null && $latest['session'] === $session && !in_array($verb, $latest['verbs'], true)) {
            $next = $latest;
            foreach (['rawscore', 'maxscore', 'scaled', 'duration', 'success'] as $name) {
                if ($fields[$name] !== null) {
                    $next[$name] = $fields[$name];
                }
            }
            $next['completion'] = ($latest['completion'] === true || $fields['completion'] === true) ? true
                : ($fields['completion'] ?? $latest['completion']);
            $next['verbs'] = array_merge($latest['verbs'], [$verb]);
            return ['kind' => 'update', 'attempt' => $next];
        }
        return ['kind' => 'insert', 'attempt' => ['attempt' => ($latest['attempt'] ?? 0) + 1, 'session' => $session]
            + $fields + ['verbs' => [$verb]]];
    }

    /**
     * Whether a counted statement completes its item.
     *
     * @param string $verb
     * @param array $result
     * @return bool
     */
    public static function completes_item(string $verb, array $result): bool {
        return $verb === 'completed' || ($result['completion'] ?? null) === true;
    }

    /**
     * Rounds to one decimal, as the TypeScript side (Math.round: halves up).
     *
     * @param float $value
     * @return float
     */
    private static function one_decimal(float $value): float {
        return floor($value * 10 + 0.5) / 10;
    }

    /**
     * A trainee's figures for a module step, counted on the items of the version in use only.
     *
     * @param array[] $items [['id' => …, 'kind' => …], …]
     * @param array $records by item id: ['completed' => bool, 'seconds' => int, 'bestscaled' => ?float]
     * @return array ['percent' => float, 'completed' => bool, 'seconds' => int, 'score' => ?float]
     */
    public static function step_figures(array $items, array $records): array {
        $playable = array_filter($items, fn($item) => self::is_playable($item['kind']));
        $done = count(array_filter($playable, fn($item) => !empty($records[$item['id']]['completed'])));
        $seconds = 0;
        foreach ($items as $item) {
            $seconds += (int) ($records[$item['id']]['seconds'] ?? 0);
        }
        $scored = array_filter($items, fn($item) => $item['kind'] === 'h5p');
        $attempted = array_filter($scored, fn($item) => ($records[$item['id']]['bestscaled'] ?? null) !== null);
        $score = null;
        if (count($attempted) > 0) {
            $sum = 0.0;
            foreach ($scored as $item) {
                $sum += max(0.0, (float) ($records[$item['id']]['bestscaled'] ?? 0));
            }
            $score = self::one_decimal(100 * $sum / count($scored));
        }
        return [
            'percent' => count($playable) === 0 ? 0.0 : self::one_decimal(100 * $done / count($playable)),
            'completed' => count($playable) > 0 && $done === count($playable),
            'seconds' => $seconds,
            'score' => $score,
        ];
    }

    /**
     * A trainee's figures for the whole programme: mean progress and score of its module steps, total time.
     *
     * @param array[] $steps figures of each module step
     * @return array
     */
    public static function programme_figures(array $steps): array {
        $scores = array_values(array_filter(array_map(fn($step) => $step['score'], $steps), fn($s) => $s !== null));
        $percent = 0.0;
        $seconds = 0;
        $completed = count($steps) > 0;
        foreach ($steps as $step) {
            $percent += $step['percent'];
            $seconds += $step['seconds'];
            $completed = $completed && $step['completed'];
        }
        return [
            'percent' => count($steps) === 0 ? 0.0 : self::one_decimal($percent / count($steps)),
            'completed' => $completed,
            'seconds' => $seconds,
            'score' => count($scores) === 0 ? null : self::one_decimal(array_sum($scores) / count($scores)),
        ];
    }

    /**
     * Seconds a progress report may count: no more than the time since the item's previous report (and a little
     * slack), so that a client reporting faster than time goes does not pile up hours.
     *
     * @param int $seconds reported
     * @param int|null $last time of the previous report (Unix seconds), null for the first
     * @param int $now
     * @return int
     */
    public static function counted_seconds(int $seconds, ?int $last, int $now): int {
        if ($last === null) {
            return $seconds;
        }
        return min($seconds, max(0, $now - $last) + self::TIME_SLACK_SECONDS);
    }
}
