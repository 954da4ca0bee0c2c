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
 * Bootstrap of the pure tests: defines MOODLE_INTERNAL and loads only the classes/local/ logic, no Moodle.
 *
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

define('MOODLE_INTERNAL', true);

$root = dirname(__DIR__);
foreach (glob($root . '/*_*/classes/local/*.php') as $file) {
    require_once($file);
}

/** Folder of the test vectors shared with the TypeScript side. */
define('MAG_TEST_VECTORS', dirname($root) . '/test/vectors');
