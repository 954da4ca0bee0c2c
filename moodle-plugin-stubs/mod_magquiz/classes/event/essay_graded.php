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
namespace mod_magquiz\event;
namespace mod_magquiz\event;

/**
 * A trainer graded an open answer (an essay) of a trainee's finished attempt (no mark nor comment in the logs).
 *
 * @package    mod_magquiz
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class essay_graded extends \core\event\base {
    /**
     * Init.
     */
    protected function init() {
        $this->data['objecttable'] = 'magquiz_attempt';
        $this->data['crud'] = 'u';
        $this->data['edulevel'] = self::LEVEL_TEACHING;
    }

    /**
     * Localised name.
     *
     * @return string
     */
    public static function get_name() {
        return get_string('eventessaygraded', 'mod_magquiz');
    }

    /**
     * Description for the logs (not localised, as core events do).
     *
     * @return string
     */
    public function get_description() {
        return "The user with id '{$this->userid}' graded the open answer at position '{$this->other['position']}' " .
            "of the attempt with id '{$this->objectid}' of the user with id '{$this->relateduserid}' " .
            "at the quiz with course module id '{$this->contextinstanceid}'.";
    }

    /**
     * Where it happened.
     *
     * @return \moodle_url
     */
    public function get_url() {
        return new \moodle_url('/mod/magquiz/view.php', ['id' => $this->contextinstanceid]);
    }

    /**
     * Checks the data.
     */
    protected function validate_data() {
        parent::validate_data();
        if (!isset($this->relateduserid)) {
            throw new \coding_exception('The \'relateduserid\' must be set.');
        }
        if (!isset($this->other['position'])) {
            throw new \coding_exception('The \'position\' value must be set in other.');
        }
        if ($this->contextlevel != CONTEXT_MODULE) {
            throw new \coding_exception('Context level must be CONTEXT_MODULE.');
        }
    }

    /**
     * Backup mapping of the object id.
     *
     * @return array
     */
    public static function get_objectid_mapping() {
        return ['db' => 'magquiz_attempt', 'restore' => 'magquiz_attempt'];
    }

    /**
     * Backup mapping of other: a position, nothing to map.
     *
     * @return bool
     */
    public static function get_other_mapping() {
        return false;
    }
}
