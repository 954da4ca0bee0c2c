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
 * The hybrid programme's steps, pure: the rules of module-activity/src/programme/model.ts in PHP (the shapes of
 * `Steps`, `timing`, `wallClock`) and the player's reach (module/progress.ts `reachOf`).
 *
 * Dates are calendar dates (`YYYY-MM-DD`) and times wall-clock times (`HH:MM`) in the training's time zone (French
 * trainings: Europe/Paris); a session is what the trainees' calendars say, not an instant.
 *
 * @package    mod_magmodule
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class programme {
    /** @var string[] Step kinds. */
    public const KINDS = ['inperson', 'synchronous', 'module'];
    /** @var int At most this many steps. */
    public const MAX_STEPS = 100;
    /** @var int Lengths in characters. */
    public const MAX_TITLE = 200;
    /** @var int */
    public const MAX_PLACE = 200;
    /** @var int */
    public const MAX_NOTES = 2000;
    /** @var int */
    public const MAX_LINK = 2000;
    /** @var int A step lasts from 5 minutes to 12 hours; a module's expected work up to 40 hours. */
    public const MIN_MINUTES = 5;
    /** @var int */
    public const MAX_SESSION_MINUTES = 720;
    /** @var int */
    public const MAX_MODULE_MINUTES = 2400;
    /** @var string The training's time zone. */
    public const TIME_ZONE = 'Europe/Paris';

    /**
     * Whether a text is a real calendar date (`2026-02-30` is refused).
     *
     * @param mixed $text
     * @return bool
     */
    public static function is_date($text): bool {
        if (!is_string($text) || !preg_match('/^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/D', $text, $m)) {
            return false;
        }
        return checkdate((int) $m[2], (int) $m[3], (int) $m[1]);
    }

    /**
     * Whether a text is a web link a trainee may follow: http(s), no spaces or control characters.
     *
     * @param mixed $text
     * @return bool
     */
    public static function is_web_link($text): bool {
        if (!is_string($text) || mb_strlen($text) > self::MAX_LINK || !preg_match('/^[^\s\x00-\x1f\x7f]+$/uD', $text)) {
            return false;
        }
        $parts = parse_url($text);
        return is_array($parts) && isset($parts['scheme'], $parts['host'])
            && in_array(strtolower($parts['scheme']), ['http', 'https'], true) && $parts['host'] !== '';
    }

    /**
     * Checks a list of steps (decoded JSON) and returns it with only the known fields, in the element's shape.
     *
     * @param mixed $steps
     * @return array[]
     * @throws invalid_input with the step and field at fault
     */
    public static function check_steps($steps): array {
        if (!is_array($steps) || !array_is_list($steps)) {
            throw new invalid_input('steps: a list');
        }
        if (count($steps) > self::MAX_STEPS) {
            throw new invalid_input('steps: at most ' . self::MAX_STEPS);
        }
        $checked = [];
        $ids = [];
        foreach ($steps as $i => $step) {
            $one = self::check_step($step, "steps[$i]");
            if (isset($ids[$one['id']])) {
                throw new invalid_input("steps[$i].id: step ids must be unique");
            }
            $ids[$one['id']] = true;
            $checked[] = $one;
        }
        return $checked;
    }

    /**
     * Checks one step.
     *
     * @param mixed $step
     * @param string $at where it is, for messages
     * @return array
     */
    public static function check_step($step, string $at = 'step'): array {
        if (!is_array($step) || array_is_list($step) && $step !== []) {
            throw new invalid_input("$at: an object");
        }
        $kind = $step['kind'] ?? null;
        if (!in_array($kind, self::KINDS, true)) {
            throw new invalid_input("$at.kind: one of " . implode(', ', self::KINDS));
        }
        $out = ['kind' => $kind];
        $out['id'] = self::field($step, 'id', $at, fn($v) => is_string($v) && preg_match('/^[A-Za-z0-9_-]{1,64}$/D', $v),
            'an id of letters, digits, _ and -');
        $out['title'] = self::field($step, 'title', $at,
            fn($v) => is_string($v) && preg_match('/\S/u', $v) && mb_strlen($v) <= self::MAX_TITLE,
            'a title of at most ' . self::MAX_TITLE . ' characters');
        if ($kind === 'module') {
            $out['catalog'] = self::check_catalog_ref($step['catalog'] ?? null, "$at.catalog");
            foreach (['opens', 'closes'] as $name) {
                if (array_key_exists($name, $step) && $step[$name] !== null) {
                    $out[$name] = self::field($step, $name, $at, [self::class, 'is_date'], 'a date YYYY-MM-DD');
                }
            }
            if (isset($out['opens'], $out['closes']) && $out['opens'] > $out['closes']) {
                throw new invalid_input("$at.closes: closes before it opens");
            }
            $out['durationMinutes'] = self::minutes($step, $at, self::MAX_MODULE_MINUTES);
        } else {
            $out['date'] = self::field($step, 'date', $at, [self::class, 'is_date'], 'a date YYYY-MM-DD');
            $out['start'] = self::field($step, 'start', $at,
                fn($v) => is_string($v) && preg_match('/^([01]\d|2[0-3]):[0-5]\d$/D', $v), 'a time HH:MM');
            $out['durationMinutes'] = self::minutes($step, $at, self::MAX_SESSION_MINUTES);
            if ($kind === 'inperson') {
                $out['place'] = self::field($step, 'place', $at,
                    fn($v) => is_string($v) && mb_strlen($v) <= self::MAX_PLACE, 'a place of at most 200 characters');
            } else if (array_key_exists('link', $step) && $step['link'] !== null) {
                $out['link'] = self::field($step, 'link', $at, [self::class, 'is_web_link'], 'a web address (https://…)');
            }
        }
        if (array_key_exists('notes', $step) && $step['notes'] !== null) {
            $out['notes'] = self::field($step, 'notes', $at,
                fn($v) => is_string($v) && mb_strlen($v) <= self::MAX_NOTES, 'notes of at most 2,000 characters');
        }
        return $out;
    }

    /**
     * Checks a catalog reference: `{base?, entryId, version}`.
     *
     * @param mixed $ref
     * @param string $at
     * @return array
     */
    public static function check_catalog_ref($ref, string $at = 'catalog'): array {
        if (!is_array($ref)) {
            throw new invalid_input("$at: an object");
        }
        $out = [];
        if (array_key_exists('base', $ref) && $ref['base'] !== null) {
            $out['base'] = self::field($ref, 'base', $at, [self::class, 'is_web_link'], 'a web address');
        }
        $out['entryId'] = self::field($ref, 'entryId', $at,
            fn($v) => is_string($v) && preg_match('/^[a-z0-9][a-z0-9-]{0,99}$/D', $v), 'a catalog entry id');
        $out['version'] = self::field($ref, 'version', $at,
            fn($v) => is_string($v) && preg_match('/^\d+\.\d+\.\d+$/D', $v), 'a version such as 1.2.0');
        return $out;
    }

    /**
     * One required field, checked.
     *
     * @param array $object
     * @param string $name
     * @param string $at
     * @param callable $ok
     * @param string $what what is expected, for the message
     * @return mixed
     */
    private static function field(array $object, string $name, string $at, callable $ok, string $what) {
        if (!array_key_exists($name, $object) || !$ok($object[$name])) {
            throw new invalid_input("$at.$name: $what");
        }
        return $object[$name];
    }

    /**
     * The step's duration in minutes, checked.
     *
     * @param array $step
     * @param string $at
     * @param int $max
     * @return int
     */
    private static function minutes(array $step, string $at, int $max): int {
        $value = $step['durationMinutes'] ?? null;
        if (is_float($value) && floor($value) === $value) {
            $value = (int) $value;
        }
        if (!is_int($value) || $value < self::MIN_MINUTES || $value > $max) {
            throw new invalid_input("$at.durationMinutes: whole minutes from " . self::MIN_MINUTES . " to $max");
        }
        return $value;
    }

    /**
     * The module steps of a list of steps.
     *
     * @param array[] $steps
     * @return array[]
     */
    public static function module_steps(array $steps): array {
        return array_values(array_filter($steps, fn($step) => $step['kind'] === 'module'));
    }

    /**
     * The wall-clock time of an instant in the training's time zone, as `YYYY-MM-DDTHH:MM`.
     *
     * @param int $timestamp
     * @param string $timezone
     * @return string
     */
    public static function wall_clock(int $timestamp, string $timezone = self::TIME_ZONE): string {
        $date = new \DateTimeImmutable('@' . $timestamp);
        return $date->setTimezone(new \DateTimeZone($timezone))->format('Y-m-d\TH:i');
    }

    /**
     * The instant a wall-clock date and time of the training's time zone stands for.
     *
     * @param string $date YYYY-MM-DD
     * @param string $time HH:MM
     * @param string $timezone
     * @return int a Unix timestamp
     */
    public static function instant(string $date, string $time, string $timezone = self::TIME_ZONE): int {
        $value = \DateTimeImmutable::createFromFormat('!Y-m-d H:i', "$date $time", new \DateTimeZone($timezone));
        if ($value === false) {
            throw new invalid_input("Not a date and time: $date $time");
        }
        return $value->getTimestamp();
    }

    /**
     * A date `days` later (or earlier).
     *
     * @param string $date
     * @param int $days
     * @return string
     */
    public static function add_days(string $date, int $days): string {
        $value = new \DateTimeImmutable($date . 'T00:00:00', new \DateTimeZone('UTC'));
        return $value->modify(($days >= 0 ? '+' : '') . $days . ' days')->format('Y-m-d');
    }

    /**
     * Where a step stands at `now` (wall-clock `YYYY-MM-DDTHH:MM`): past, current, upcoming or undated.
     *
     * @param array $step
     * @param string $now
     * @return string
     */
    public static function timing(array $step, string $now): string {
        $day = substr($now, 0, 10);
        if ($step['kind'] === 'module') {
            if (empty($step['opens']) && empty($step['closes'])) {
                return 'undated';
            }
            if (!empty($step['opens']) && $day < $step['opens']) {
                return 'upcoming';
            }
            if (!empty($step['closes']) && $day > $step['closes']) {
                return 'past';
            }
            return 'current';
        }
        $start = $step['date'] . 'T' . $step['start'];
        [$hours, $minutes] = array_map('intval', explode(':', $step['start']));
        $total = $hours * 60 + $minutes + (int) $step['durationMinutes'];
        $days = intdiv($total, 1440);
        $end = self::add_days($step['date'], $days) . 'T' . sprintf('%02d:%02d', intdiv($total % 1440, 60), $total % 60);
        if ($now < $start) {
            return 'upcoming';
        }
        return $now >= $end ? 'past' : 'current';
    }

    /**
     * Whether a module step is open at `now`: `open`, `upcoming` or `closed` (progress.ts `reachOf`).
     *
     * @param array $step a module step
     * @param string $now wall-clock `YYYY-MM-DDTHH:MM`
     * @return string
     */
    public static function reach(array $step, string $now): string {
        $timing = self::timing($step, $now);
        if ($timing === 'upcoming') {
            return 'upcoming';
        }
        return $timing === 'past' ? 'closed' : 'open';
    }
}
