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
 * Version counters of live activity state: "what changed since version N".
 *
 * Each activity instance keeps an integer `version` that every write bumps. A client that knows version N asks
 * the light endpoint for the current one; any difference means "fetch the state again". A smaller number also
 * counts as a change: it happens when an activity is restored from a backup or recreated.
 *
 * @package    local_magactivities
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class state_version {
    /**
     * Whether a client that knows `$known` must fetch the state again.
     *
     * @param int|null $known the version the client has, null when it has none
     * @param int $current the version on the server
     * @return bool
     */
    public static function changed(?int $known, int $current): bool {
        return $known === null || $known !== $current;
    }

    /**
     * Whether a state received from the server should replace the one a client shows: a client ignores states
     * older than the one it has (two answers may arrive out of order).
     *
     * @param int|null $shown the version the client shows, null when it shows nothing
     * @param int $received the version of the state just received
     * @return bool
     */
    public static function is_newer(?int $shown, int $received): bool {
        return $shown === null || $received > $shown;
    }

    /**
     * The version of an activity whose live state also changes by itself at a known time (a timed quiz question
     * closes): from `$due` on (ms since the epoch; 0: never), the version is one higher than the stored one, with no
     * write at that time. Writers then bump from this effective version (see mod_magquiz\manager::bump_version()).
     *
     * @param int $version the stored version
     * @param int $due when it moves on by itself, ms since the epoch; 0 for never
     * @param int $now ms since the epoch
     * @return int
     */
    public static function effective(int $version, int $due, int $now): int {
        return $due > 0 && $now >= $due ? $version + 1 : $version;
    }

    /**
     * The body of a poll answer: the version alone, nothing to compute.
     *
     * @param int $current
     * @return array{v: int}
     */
    public static function poll_answer(int $current): array {
        return ['v' => $current];
    }
}
