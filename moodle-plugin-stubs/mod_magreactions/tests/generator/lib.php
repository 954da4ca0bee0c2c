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
 * Data generator of the reactions activity.
 *
 * @package    mod_magreactions
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class mod_magreactions_generator extends testing_module_generator {
    /**
     * Creates an instance.
     *
     * @param array|stdClass|null $record
     * @param array|null $options
     * @return stdClass
     */
    public function create_instance($record = null, ?array $options = null) {
        $record = (object) (array) $record;
        $record->completionreactions = $record->completionreactions ?? 0;
        return parent::create_instance($record, (array) $options);
    }

    /**
     * Creates a reaction, as the web service would.
     *
     * @param array $record magreactionsid, userid, reaction and optionally idemkey, roundno, timecreated
     * @return stdClass
     */
    public function create_reaction(array $record): stdClass {
        global $DB;
        $record = (object) ($record + [
            'idemkey' => 'gen-' . random_string(12),
            'roundno' => $DB->get_field('magreactions', 'roundno', ['id' => $record['magreactionsid']]),
            'timecreated' => time(),
        ]);
        $record->id = $DB->insert_record('magreactions_reaction', $record);
        \mod_magreactions\manager::bump_version((int) $record->magreactionsid);
        return $record;
    }
}
