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
 * Writes the quiz's scenarios as Moodle's web services would send them: each answer built by the plugin's pure classes
 * (tests-pure/support/quiz_scenarios.php), then cleaned by its web service's real `execute_returns()` structure with
 * the core_external stand-in (tests-pure/support/core_external.php), as lib/ajax/service.php cleans it before
 * json_encode. quiz/test/moodle-contract.test.ts checks every one with the bridge's valibot schemas.
 *
 * Usage: php moodle-plugin-stubs/tools/quiz-states.php   (JSON on stdout; needs php-intl and php-mbstring)
 *
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

define('MOODLE_INTERNAL', true);

$stubs = dirname(__DIR__);
require_once($stubs . '/tests-pure/support/core_external.php');
foreach (array_merge(glob($stubs . '/local_magactivities/classes/local/*.php'), glob($stubs . '/mod_magquiz/classes/local/*.php'),
        glob($stubs . '/mod_magquiz/classes/external/*.php')) as $file) {
    require_once($file);
}
require_once($stubs . '/tests-pure/support/quiz_scenarios.php');

$out = [];
foreach (quiz_scenarios::all() as $scenario) {
    $class = 'mod_magquiz\\external\\' . $scenario['function'];
    $scenario['value'] = \core_external\external_api::clean_returnvalue($class::execute_returns(), $scenario['value']);
    $out[] = $scenario;
}
// As lib/ajax/service.php: json_encode of the cleaned arrays (an empty structure is `[]`).
echo json_encode(['secret' => quiz_scenarios::SECRET, 'names' => array_values(quiz_scenarios::NAMES), 'scenarios' => $out],
    JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR), "\n";
