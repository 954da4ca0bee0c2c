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
 * The light poll endpoint: "what is the version of this activity's live state now?".
 *
 * Answers from one signed channel token and one indexed read, without a session: no cookie is read or sent
 * (NO_MOODLE_COOKIES), so no session is started, locked or kept alive, no user is loaded, no capability is
 * computed, no page is set up. (Stopping config.php right after the configuration, as lib/javascript.php does,
 * is not enough here: Moodle's database layer needs its caches and libraries.) The answer is `{"v": N}` and
 * nothing else; the page fetches the state itself through a normal web service call when N changed.
 *
 * Errors: 400 `{"error": "malformed"}`, 403 `{"error": "expired" | "bad_signature"}` (the page asks for a new
 * token through local_magactivities_get_channel_token), 404 `{"error": "gone"}`, 503 `{"error": "unavailable"}`;
 * the answer is decided by classes/local/poll_endpoint.php (tested without Moodle in tests-pure/).
 *
 * @package    local_magactivities
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

// phpcs:disable moodle.Files.RequireLogin.Missing -- Access is given by a signed token, on purpose without a session.

use local_magactivities\channel;
use local_magactivities\local\poll_endpoint;
use local_magactivities\local\state_version;

define('NO_DEBUG_DISPLAY', true);
define('NO_MOODLE_COOKIES', true);
define('NO_UPGRADE_CHECK', true);
define('AJAX_SCRIPT', true);

require(__DIR__ . '/../../config.php');

/**
 * Sends a JSON answer and stops.
 *
 * @param int $status HTTP status
 * @param array $body
 */
function local_magactivities_poll_answer(int $status, array $body): void {
    http_response_code($status);
    header('Content-Type: application/json; charset=utf-8');
    header('Cache-Control: no-store, private');
    header('X-Content-Type-Options: nosniff');
    echo json_encode($body);
    exit;
}

// The token is read as the request carried it: optional_param() would stop on `t[]=…` with a coding exception
// (and its stack trace), where poll_endpoint answers 400 like for any other malformed token.
$token = $_GET['t'] ?? null;

try {
    $secret = get_config('local_magactivities', 'channelsecret');
} catch (Throwable $e) {
    $secret = false;
}
[$status, $body] = poll_endpoint::answer($token, $secret, time(), function (string $modname, int $instanceid) {
    global $DB;
    try {
        // The module name comes from a token this site signed: it names an existing activity table.
        if (channel::has_due_version($modname)) {
            // A version that moves by itself at a due time (a timed live question closing with no request).
            $record = $DB->get_record($modname, ['id' => $instanceid], 'version, versiondue');
            return $record ? state_version::effective((int) $record->version, (int) $record->versiondue,
                (int) floor(microtime(true) * 1000)) : false;
        }
        return $DB->get_field($modname, 'version', ['id' => $instanceid]);
    } catch (Throwable $e) {
        error_log('local_magactivities poll: ' . $e->getMessage());
        throw $e;
    }
});
local_magactivities_poll_answer($status, $body);
