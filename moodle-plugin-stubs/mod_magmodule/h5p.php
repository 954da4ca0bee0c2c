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
 * The sandboxed H5P player page: one H5P item of a catalog plays here, inside `<iframe sandbox="allow-scripts">` of
 * <mag-module>'s player, through h5p-standalone and the frame glue `mag-h5p-frame.js` (module/h5p-frame.ts).
 *
 * Catalog content must never run on Moodle's origin with its session. This page is served without the session
 * (NO_MOODLE_COOKIES: it reads no user data and sets no cookie) and with `Content-Security-Policy: sandbox
 * allow-scripts`: whoever opens it, framed or directly, its document has an opaque origin, so that its scripts cannot
 * read Moodle's cookies, storage or pages, and their requests to Moodle are cross-site ones, as from any other site.
 * Scripts, styles, images and media may come only from this Moodle (the frame glue and h5p-standalone) and from the
 * allowed catalogs; only Moodle's own pages may frame it. An administrator who prefers a separate origin sets
 * `mod_magmodule/h5pplayer` to a copy of this page there (the reference host's `/h5p/player` is one).
 *
 * @package    mod_magmodule
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

// phpcs:ignore moodle.Files.RequireLogin.Missing -- a public page without the session, on purpose (see above).
define('NO_MOODLE_COOKIES', true);

require(__DIR__ . '/../../config.php');

$lang = optional_param('lang', '', PARAM_ALPHA) === 'en' ? 'en' : 'fr';
$origin = static function (string $url): string {
    $parts = parse_url($url);
    return $parts['scheme'] . '://' . $parts['host'] . (isset($parts['port']) ? ':' . $parts['port'] : '');
};
$moodle = $origin($CFG->wwwroot);
$origins = [$moodle];
foreach (\mod_magmodule\catalogs::allowlist() as $base) {
    $origins[] = $origin($base);
}
$sources = implode(' ', array_unique($origins));
$frame = \local_magactivities\activity_page::bundle_url('mag-h5p-frame.js')->out(false);
$standalone = (new moodle_url('/mod/magmodule/h5p/standalone/'))->out(false);

header('Content-Type: text/html; charset=utf-8');
header('Cache-Control: no-cache');
header('X-Content-Type-Options: nosniff');
header('Referrer-Policy: no-referrer');
header('Content-Security-Policy: ' . implode('; ', [
    'sandbox allow-scripts',
    "default-src 'none'",
    "script-src $sources",
    "style-src $sources 'unsafe-inline'",
    "img-src $sources data: blob:",
    "media-src $sources blob:",
    "font-src $sources data:",
    "connect-src $sources",
    "frame-ancestors $moodle",
    "form-action 'none'",
    "base-uri 'none'",
    "object-src 'none'",
]));

$title = $lang === 'en' ? 'H5P content' : 'Contenu H5P';
echo '<!doctype html>' . "\n";
echo '<html lang="' . $lang . '"><head><meta charset="utf-8">'
    . '<meta name="viewport" content="width=device-width, initial-scale=1">'
    . '<title>' . s($title) . '</title>'
    . '<meta name="mag-h5p-parent-origins" content="' . s($moodle) . '">'
    . '<meta name="mag-h5p-player" content="' . s($standalone) . '">'
    . '<script src="' . s($frame) . '" defer></script>'
    . '</head><body style="margin: 0"><div id="h5p"></div></body></html>' . "\n";
