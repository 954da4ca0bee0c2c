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
 * Serves the activity bundles (ES modules and their chunks) from the bundles/ folder.
 *
 * Address: /local/magactivities/bundle.php/<revision>/<file>. Relative imports between bundle files resolve
 * under the same revision (Moodle's JavaScript revision, changed by every upgrade and every cache purge), so one
 * revision is one immutable set of files that browsers cache for good.
 * A revision of -1 (JavaScript caching off) disables caching. A precompressed `<file>.gz`, written by the
 * packaging step, is sent to browsers that accept gzip.
 *
 * @package    local_magactivities
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

// phpcs:disable moodle.Files.RequireLogin.Missing -- Public static assets, like lib/javascript.php.

define('NO_DEBUG_DISPLAY', true);
define('NO_MOODLE_COOKIES', true);
define('ABORT_AFTER_CONFIG', true);

require(__DIR__ . '/../../config.php');

$types = [
    'js' => 'text/javascript; charset=utf-8',
    'mjs' => 'text/javascript; charset=utf-8',
    'css' => 'text/css; charset=utf-8',
    'json' => 'application/json; charset=utf-8',
    'map' => 'application/json; charset=utf-8',
    'svg' => 'image/svg+xml',
    'woff2' => 'font/woff2',
    'wasm' => 'application/wasm',
];

$argument = ltrim((string) min_get_slash_argument(), '/');
$parts = explode('/', $argument, 2);
$segment = '[A-Za-z0-9_-][A-Za-z0-9._-]{0,120}';
if (count($parts) !== 2 || !preg_match('/^-?[0-9]{1,12}$/D', $parts[0])
        || !preg_match('#^' . $segment . '(/' . $segment . '){0,3}$#D', $parts[1])) {
    http_response_code(404);
    die('Not found');
}
[$revision, $file] = $parts;
$extension = strtolower(pathinfo($file, PATHINFO_EXTENSION));
$root = realpath(__DIR__ . '/bundles');
$path = realpath(__DIR__ . '/bundles/' . $file);
if (!isset($types[$extension]) || $root === false || $path === false || !is_file($path)
        || strpos($path, $root . DIRECTORY_SEPARATOR) !== 0) {
    http_response_code(404);
    die('Not found');
}

$send = $path;
$gzip = is_file($path . '.gz') && strpos($_SERVER['HTTP_ACCEPT_ENCODING'] ?? '', 'gzip') !== false;
if ($gzip) {
    $send = $path . '.gz';
}
$etag = '"' . sha1($file . filemtime($send) . filesize($send)) . ($gzip ? '-gz' : '') . '"';

header('Content-Type: ' . $types[$extension]);
header('X-Content-Type-Options: nosniff');
header('Vary: Accept-Encoding');
header('ETag: ' . $etag);
if ((int) $revision > 0) {
    header('Cache-Control: public, max-age=31536000, immutable');
    header('Expires: ' . gmdate('D, d M Y H:i:s', time() + 31536000) . ' GMT');
} else {
    header('Cache-Control: no-cache');
}
if (($_SERVER['HTTP_IF_NONE_MATCH'] ?? '') === $etag) {
    http_response_code(304);
    exit;
}
if ($gzip) {
    header('Content-Encoding: gzip');
}
header('Content-Length: ' . filesize($send));
readfile($send);
