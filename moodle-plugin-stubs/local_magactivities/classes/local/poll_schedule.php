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

namespace local_magactivities\local;

/**
 * The polling back-off schedule, in milliseconds.
 *
 * The browser polls at `min` while things change, multiplies the delay by `factor` after each poll that saw
 * nothing new, and never waits longer than `max`: polling slows down when idle but never stops while the page
 * is visible. The host module (amd/src/host.js) applies the same rule with the numbers this class gives it.
 *
 * @package    local_magactivities
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class poll_schedule {
    /** @var int No admin setting may make the browser poll faster than this. */
    public const FLOOR_MS = 500;
    /** @var int No admin setting may make the browser wait longer than this between two polls. */
    public const CEILING_MS = 300000;
    /** @var int Default shortest delay. */
    public const DEFAULT_MIN_MS = 2000;
    /** @var int Default longest delay. */
    public const DEFAULT_MAX_MS = 30000;
    /** @var float Growth of the delay after an idle poll. */
    public const FACTOR = 1.5;

    /** @var int shortest delay, in ms */
    public readonly int $min;
    /** @var int longest delay, in ms */
    public readonly int $max;

    /**
     * Builds a schedule from admin settings, clamped to sane bounds (a typo must not flood the server).
     *
     * @param mixed $min configured shortest delay, in ms (text from the settings page is accepted)
     * @param mixed $max configured longest delay, in ms
     */
    public function __construct($min = self::DEFAULT_MIN_MS, $max = self::DEFAULT_MAX_MS) {
        $min = is_numeric($min) ? (int) $min : self::DEFAULT_MIN_MS;
        $max = is_numeric($max) ? (int) $max : self::DEFAULT_MAX_MS;
        $this->min = max(self::FLOOR_MS, min(self::CEILING_MS, $min));
        $this->max = max($this->min, min(self::CEILING_MS, $max));
    }

    /**
     * The delay before the next poll.
     *
     * @param int $current the delay used before the poll that just ended, in ms
     * @param bool $changed whether that poll saw a new version
     * @return int the next delay, in ms
     */
    public function next(int $current, bool $changed): int {
        if ($changed || $current < $this->min) {
            return $this->min;
        }
        return min($this->max, (int) ceil($current * self::FACTOR));
    }

    /**
     * The delays of `$count` idle polls in a row, starting from a change: useful to explain and test the schedule.
     *
     * @param int $count
     * @return int[]
     */
    public function idle_delays(int $count): array {
        $delays = [];
        $delay = $this->min;
        for ($i = 0; $i < $count; $i++) {
            $delays[] = $delay;
            $delay = $this->next($delay, false);
        }
        return $delays;
    }

    /**
     * What the browser needs, as given to the host module.
     *
     * @return array{min: int, max: int, factor: float}
     */
    public function export(): array {
        return ['min' => $this->min, 'max' => $this->max, 'factor' => self::FACTOR];
    }
}
