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
 * Signed, expiring channel tokens for the light poll endpoint.
 *
 * A token says "user U may ask for the version counter of activity instance I of module M until time T".
 * It is signed with HMAC-SHA256 and a site secret, so that poll.php can trust it without booting a session.
 * Pure logic: no database, no Moodle API; the secret and the clock are given by the caller.
 *
 * Shape: `v1.<modname>.<instanceid>.<userid>.<expires>.<signature>`, signature in base64url without padding.
 *
 * @package    local_magactivities
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class channel_token {
    /** @var string Format version, the first part of every token. */
    public const VERSION = 'v1';

    /** @var int Tokens longer than this are refused before any work. */
    public const MAX_LENGTH = 200;

    /** @var int Secrets shorter than this (in bytes) are refused. */
    public const MIN_SECRET_LENGTH = 32;

    /** @var string Verification result: the token is good. */
    public const OK = 'ok';
    /** @var string Verification result: the token cannot be parsed. */
    public const MALFORMED = 'malformed';
    /** @var string Verification result: the signature does not match. */
    public const BAD_SIGNATURE = 'bad_signature';
    /** @var string Verification result: the token is past its expiry time. */
    public const EXPIRED = 'expired';

    /** @var string Module names allowed in a token: a Moodle plugin name. */
    private const MODNAME_PATTERN = '/^[a-z][a-z0-9_]{0,39}$/D';

    /**
     * Signs a token.
     *
     * @param string $secret the site secret
     * @param string $modname the activity module name, such as `magreactions`
     * @param int $instanceid the activity instance id
     * @param int $userid the user the token is issued to
     * @param int $expires unix time after which the token is refused
     * @return string the token
     */
    public static function sign(string $secret, string $modname, int $instanceid, int $userid, int $expires): string {
        self::check_secret($secret);
        if (!preg_match(self::MODNAME_PATTERN, $modname)) {
            throw new \InvalidArgumentException('Invalid module name');
        }
        if ($instanceid <= 0 || $userid < 0 || $expires <= 0) {
            throw new \InvalidArgumentException('Invalid token claims');
        }
        $body = implode('.', [self::VERSION, $modname, $instanceid, $userid, $expires]);
        return $body . '.' . self::signature($secret, $body);
    }

    /**
     * Verifies a token.
     *
     * @param string $secret the site secret
     * @param string $token the token to check
     * @param int $now the current unix time
     * @return array{status: string, modname?: string, instanceid?: int, userid?: int, expires?: int}
     *         `status` is one of OK, MALFORMED, BAD_SIGNATURE, EXPIRED; the claims are given when the signature is good
     */
    public static function verify(string $secret, string $token, int $now): array {
        self::check_secret($secret);
        if (strlen($token) > self::MAX_LENGTH) {
            return ['status' => self::MALFORMED];
        }
        $parts = explode('.', $token);
        if (count($parts) !== 6 || $parts[0] !== self::VERSION || !preg_match(self::MODNAME_PATTERN, $parts[1])) {
            return ['status' => self::MALFORMED];
        }
        foreach ([2, 3, 4] as $i) {
            if (!preg_match('/^(0|[1-9][0-9]{0,18})$/D', $parts[$i])) {
                return ['status' => self::MALFORMED];
            }
        }
        $claims = [
            'modname' => $parts[1],
            'instanceid' => (int) $parts[2],
            'userid' => (int) $parts[3],
            'expires' => (int) $parts[4],
        ];
        if ($claims['instanceid'] <= 0) {
            return ['status' => self::MALFORMED];
        }
        $body = implode('.', array_slice($parts, 0, 5));
        if (!hash_equals(self::signature($secret, $body), $parts[5])) {
            return ['status' => self::BAD_SIGNATURE];
        }
        $claims['status'] = $now >= $claims['expires'] ? self::EXPIRED : self::OK;
        return $claims;
    }

    /**
     * A new random secret, as hexadecimal text.
     *
     * @return string 64 hexadecimal characters
     */
    public static function generate_secret(): string {
        return bin2hex(random_bytes(32));
    }

    /**
     * The base64url HMAC-SHA256 of a token body.
     *
     * @param string $secret
     * @param string $body
     * @return string
     */
    private static function signature(string $secret, string $body): string {
        return rtrim(strtr(base64_encode(hash_hmac('sha256', $body, $secret, true)), '+/', '-_'), '=');
    }

    /**
     * Refuses empty or short secrets: a token signed with one would be forgeable.
     *
     * @param string $secret
     */
    private static function check_secret(string $secret): void {
        if (strlen($secret) < self::MIN_SECRET_LENGTH) {
            throw new \InvalidArgumentException('The channel secret is missing or too short');
        }
    }
}
