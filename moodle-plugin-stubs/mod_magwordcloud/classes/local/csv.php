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

namespace mod_magwordcloud\local;

/**
 * A CSV cell holding user text, safe to open in a spreadsheet. PHP port of wordcloud/src/csv.ts; both pass
 * test/vectors/wordcloud-csv.json.
 *
 * - Formula injection: a text starting with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'`.
 * - Quoting (RFC 4180): a cell containing `"`, `,`, `;`, a tab, CR or LF, or starting or ending with a space, is
 *   written between double quotes, with its double quotes doubled.
 *
 * For user text only: numbers the export writes itself (weights, ranks) do not go through it.
 *
 * The patterns are ASCII only and deliberately work on bytes (no `u` modifier): bytes of multibyte UTF-8
 * characters are never ASCII, so the result is the same on valid UTF-8, and text with invalid bytes is still
 * neutralised (with `u`, preg_match() would fail on it and let a formula through).
 *
 * @package    mod_magwordcloud
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class csv {
    /** @var string What a spreadsheet may take for a formula. */
    private const FORMULA_START = '/^[=+\-@\t\r]/';

    /** @var string What needs quotes; `D`: `$` is the very end, not before a final newline. */
    private const NEEDS_QUOTES = '/[",;\t\r\n]|^ | $/D';

    /**
     * The CSV cell of a user text.
     *
     * @param string $text
     * @return string
     */
    public static function cell(string $text): string {
        $safe = preg_match(self::FORMULA_START, $text) === 1 ? "'" . $text : $text;
        return preg_match(self::NEEDS_QUOTES, $safe) === 1 ? '"' . str_replace('"', '""', $safe) . '"' : $safe;
    }
}
