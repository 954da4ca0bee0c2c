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

namespace local_magactivities;

use local_magactivities\local\channel_token;
use local_magactivities\local\poll_schedule;

/**
 * Live channels of Magistère activities: the site secret, channel tokens and the polling schedule.
 *
 * An activity module takes part by answering true to `<modname>_supports(channel::FEATURE)` and by keeping an
 * integer field `version` on its instance table, bumped on every change of its live state. The light endpoint
 * poll.php reads that field, and nothing else, for the holder of a valid token (and `versiondue` too for a module
 * answering true to FEATURE_DUE).
 *
 * @package    local_magactivities
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class channel {
    /** @var string Feature name an activity module answers true to in its `_supports` function. */
    public const FEATURE = 'local_magactivities_live';
    /**
     * @var string Feature of a module whose live state also changes by itself at a known time: its instance table
     * has an integer field `versiondue` (ms since the epoch, 0: none), from which poll.php counts the version one
     * higher (local\state_version::effective()).
     */
    public const FEATURE_DUE = 'local_magactivities_live_due';
    /** @var int Default token lifetime, in seconds. */
    public const DEFAULT_TTL = 7200;
    /** @var int Shortest token lifetime an admin may set, in seconds. */
    public const MIN_TTL = 300;
    /** @var int Longest token lifetime an admin may set, in seconds. */
    public const MAX_TTL = 86400;

    /**
     * The site secret that signs channel tokens; created on first use.
     *
     * @return string
     */
    public static function get_secret(): string {
        $secret = (string) get_config('local_magactivities', 'channelsecret');
        if (strlen($secret) < channel_token::MIN_SECRET_LENGTH) {
            $secret = channel_token::generate_secret();
            set_config('channelsecret', $secret, 'local_magactivities');
        }
        return $secret;
    }

    /**
     * Token lifetime from the admin setting, clamped.
     *
     * @return int seconds
     */
    public static function ttl(): int {
        $ttl = get_config('local_magactivities', 'tokenttl');
        $ttl = is_numeric($ttl) ? (int) $ttl : self::DEFAULT_TTL;
        return max(self::MIN_TTL, min(self::MAX_TTL, $ttl));
    }

    /**
     * Whether an activity module speaks the live channel.
     *
     * @param string $modname
     * @return bool
     */
    public static function supports(string $modname): bool {
        return (bool) plugin_supports('mod', $modname, self::FEATURE, false);
    }

    /**
     * Whether an activity module's version also moves by itself at a due time (FEATURE_DUE).
     *
     * @param string $modname
     * @return bool
     */
    public static function has_due_version(string $modname): bool {
        return (bool) plugin_supports('mod', $modname, self::FEATURE_DUE, false);
    }

    /**
     * Issues a token for a user and an activity instance. The caller has checked the user may view the activity.
     *
     * @param string $modname
     * @param int $instanceid
     * @param int $userid
     * @param int|null $now unix time, for tests
     * @return array{token: string, expires: int}
     */
    public static function issue(string $modname, int $instanceid, int $userid, ?int $now = null): array {
        $expires = ($now ?? time()) + self::ttl();
        return [
            'token' => channel_token::sign(self::get_secret(), $modname, $instanceid, $userid, $expires),
            'expires' => $expires,
        ];
    }

    /**
     * The polling schedule from the admin settings.
     *
     * @return poll_schedule
     */
    public static function schedule(): poll_schedule {
        return new poll_schedule(
            get_config('local_magactivities', 'pollmin'),
            get_config('local_magactivities', 'pollmax')
        );
    }

    /**
     * The light endpoint's address.
     *
     * @return \moodle_url
     */
    public static function poll_url(): \moodle_url {
        return new \moodle_url('/local/magactivities/poll.php');
    }
}
