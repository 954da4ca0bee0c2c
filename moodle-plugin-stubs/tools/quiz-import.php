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
 * Reads question files with mod_magquiz's PHP parsers (local\gift, local\moodlexml), for the contract test
 * quiz/test/moodle-import.test.ts, which compares the questions with what the TypeScript parsers read.
 *
 * Usage: echo '[{"format": "xml", "source": "…"}]' | php moodle-plugin-stubs/tools/quiz-import.php
 * (JSON on stdout: one {questions, errors} per input; needs php-intl, php-mbstring and php-xml)
 *
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

define('MOODLE_INTERNAL', true);

foreach (glob(dirname(__DIR__) . '/mod_magquiz/classes/local/*.php') as $file) {
    require_once($file);
}

$inputs = json_decode(stream_get_contents(STDIN), true, 512, JSON_THROW_ON_ERROR);
$out = [];
foreach ($inputs as $input) {
    $result = \mod_magquiz\local\importer::read($input['source'], $input['format']);
    unset($result['format']);
    $out[] = $result;
}
echo json_encode($out, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION | JSON_THROW_ON_ERROR), "\n";
