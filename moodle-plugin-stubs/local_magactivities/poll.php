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
 * token through local_magactivities_get_channel_token), 404 `{"error": "gone"}`, 503 `{"error": "unavailable"}`.
 *
 * @package    local_magactivities
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

// phpcs:disable moodle.Files.RequireLogin.Missing -- Access is given by a signed token, on purpose without a session.

use local_magactivities\channel;
use local_magactivities\local\channel_token;
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

$token = optional_param('t', '', PARAM_RAW_TRIMMED);
if (!is_string($token) || $token === '') {
    local_magactivities_poll_answer(400, ['error' => channel_token::MALFORMED]);
}

try {
    $secret = get_config('local_magactivities', 'channelsecret');
    if (!is_string($secret) || strlen($secret) < channel_token::MIN_SECRET_LENGTH) {
        local_magactivities_poll_answer(503, ['error' => 'unavailable']);
    }
    $claims = channel_token::verify($secret, $token, time());
    if ($claims['status'] === channel_token::MALFORMED) {
        local_magactivities_poll_answer(400, ['error' => $claims['status']]);
    } else if ($claims['status'] !== channel_token::OK) {
        local_magactivities_poll_answer(403, ['error' => $claims['status']]);
    }
    // The module name comes from a token this site signed: it names an existing activity table.
    $version = false;
    if (channel::has_due_version($claims['modname'])) {
        $record = $DB->get_record($claims['modname'], ['id' => $claims['instanceid']], 'version, versiondue');
        if ($record) {
            $version = state_version::effective((int) $record->version, (int) $record->versiondue,
                (int) floor(microtime(true) * 1000));
        }
    } else {
        $version = $DB->get_field($claims['modname'], 'version', ['id' => $claims['instanceid']]);
    }
} catch (Throwable $e) {
    error_log('local_magactivities poll: ' . $e->getMessage());
    local_magactivities_poll_answer(503, ['error' => 'unavailable']);
}

if ($version === false) {
    local_magactivities_poll_answer(404, ['error' => 'gone']);
}
local_magactivities_poll_answer(200, state_version::poll_answer((int) $version));
