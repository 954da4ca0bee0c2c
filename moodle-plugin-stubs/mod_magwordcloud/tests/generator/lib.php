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
 * Data generator of the word cloud.
 *
 * @package    mod_magwordcloud
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class mod_magwordcloud_generator extends testing_module_generator {
    /**
     * Creates an instance; settings under their field names (`maxperperson`, `identitymode`…), the stop-list as
     * `stoplisttext`, one word per line.
     *
     * @param array|stdClass|null $record
     * @param array|null $options
     * @return stdClass
     */
    public function create_instance($record = null, ?array $options = null) {
        $record = (object) (array) $record;
        $record->completionentries = $record->completionentries ?? 0;
        return parent::create_instance($record, (array) $options);
    }

    /**
     * Creates an entry directly in the database (no checks), as the web service would store it.
     *
     * @param array $record magwordcloudid, userid, text and optionally status, groupid, idemkey (raw, hashed here),
     *     timecreated
     * @return stdClass
     */
    public function create_entry(array $record): stdClass {
        global $DB;
        $text = \mod_magwordcloud\local\normalizer::clean_text($record['text']);
        $entry = (object) [
            'magwordcloudid' => $record['magwordcloudid'],
            'userid' => $record['userid'],
            'groupid' => $record['groupid'] ?? 0,
            'entrytext' => $text,
            'entrykey' => \mod_magwordcloud\local\normalizer::entry_key($text),
            'status' => $record['status'] ?? 'accepted',
            'idemkey' => hash('sha256', $record['idemkey'] ?? 'gen-' . random_string(12)),
            'timecreated' => $record['timecreated'] ?? time(),
            'timemodified' => $record['timecreated'] ?? time(),
        ];
        $entry->id = $DB->insert_record('magwordcloud_entry', $entry);
        \mod_magwordcloud\manager::bump_version((int) $entry->magwordcloudid);
        return $entry;
    }
}
