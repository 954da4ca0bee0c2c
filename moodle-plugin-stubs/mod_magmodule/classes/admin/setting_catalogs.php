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

namespace mod_magmodule\admin;

use mod_magmodule\local\catalog_client;

/**
 * The allowed catalogs: one base URL per line (the folder of a catalog's index.json), https only (http for
 * localhost), no credentials, query or fragment. A line that is not such a base is refused with its number.
 *
 * @package    mod_magmodule
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class setting_catalogs extends \admin_setting_configtextarea {
    /**
     * Checks every line.
     *
     * @param string $data
     * @return true|string true, or the error
     */
    public function validate($data) {
        foreach (preg_split('/\R/', (string) $data) as $number => $line) {
            $line = trim($line);
            if ($line === '' || $line[0] === '#') {
                continue;
            }
            if (catalog_client::normalize_base($line) === null) {
                return get_string('settings:catalogs_invalid', 'mod_magmodule', ['line' => $number + 1, 'value' => s($line)]);
            }
        }
        return true;
    }
}
