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
 * What the light poll endpoint (poll.php) answers to one request: an HTTP status and a JSON body.
 *
 * Pure logic: the token is taken as the request carried it (a string, but also an array for `t[]=…`, or nothing),
 * the secret, the clock and the version lookup are given by the caller. Whatever comes in, the answer is one of
 * the documented ones, never an exception:
 *
 * - 200 `{"v": N}`;
 * - 400 `{"error": "malformed"}`: no token, not a string, or not shaped like a token;
 * - 403 `{"error": "expired" | "bad_signature"}`: the page asks for a new token;
 * - 404 `{"error": "gone"}`: the activity instance no longer exists;
 * - 503 `{"error": "unavailable"}`: no usable site secret, or the version could not be read.
 *
 * @package    local_magactivities
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class poll_endpoint {
    /** @var string Error of an answer 503. */
    public const UNAVAILABLE = 'unavailable';
    /** @var string Error of an answer 404. */
    public const GONE = 'gone';

    /**
     * The answer to one poll.
     *
     * @param mixed $token the `t` parameter as received: null when absent
     * @param mixed $secret the site secret as stored (false or '' when missing)
     * @param int $now the current unix time
     * @param callable $version function (string $modname, int $instanceid): int|false, the current version of an
     *        instance, false when it does not exist; it may throw when the database cannot answer
     * @return array{0: int, 1: array} the HTTP status and the body
     */
    public static function answer($token, $secret, int $now, callable $version): array {
        if (!is_string($token) || trim($token) === '') {
            return [400, ['error' => channel_token::MALFORMED]];
        }
        if (!is_string($secret) || strlen($secret) < channel_token::MIN_SECRET_LENGTH) {
            return [503, ['error' => self::UNAVAILABLE]];
        }
        $claims = channel_token::verify($secret, trim($token), $now);
        if ($claims['status'] === channel_token::MALFORMED) {
            return [400, ['error' => channel_token::MALFORMED]];
        }
        if ($claims['status'] !== channel_token::OK) {
            return [403, ['error' => $claims['status']]];
        }
        try {
            $current = $version($claims['modname'], $claims['instanceid']);
        } catch (\Throwable $e) {
            return [503, ['error' => self::UNAVAILABLE]];
        }
        if ($current === false || $current === null) {
            return [404, ['error' => self::GONE]];
        }
        return [200, state_version::poll_answer((int) $current)];
    }
}
