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

namespace mod_magmodule\event;

/**
 * A trainer changed the programme's steps: saved the plan, added a catalog module or moved one to a newer version.
 *
 * @property-read array $other {
 *      - string action: saved, added or updated
 * }
 *
 * @package    mod_magmodule
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class programme_updated extends \core\event\base {
    /** @var string[] The actions this event tells. */
    public const ACTIONS = ['saved', 'added', 'updated'];

    /**
     * Init.
     */
    protected function init() {
        $this->data['objecttable'] = 'magmodule';
        $this->data['crud'] = 'u';
        $this->data['edulevel'] = self::LEVEL_TEACHING;
    }

    /**
     * Localised name.
     *
     * @return string
     */
    public static function get_name() {
        return get_string('eventprogrammeupdated', 'mod_magmodule');
    }

    /**
     * Description for the logs.
     *
     * @return string
     */
    public function get_description() {
        return "The user with id '{$this->userid}' changed the steps of the hybrid programme with course module id " .
            "'{$this->contextinstanceid}' ({$this->other['action']}).";
    }

    /**
     * Where it happened.
     *
     * @return \moodle_url
     */
    public function get_url() {
        return new \moodle_url('/mod/magmodule/view.php', ['id' => $this->contextinstanceid]);
    }

    /**
     * Checks the data.
     */
    protected function validate_data() {
        parent::validate_data();
        if (!in_array($this->other['action'] ?? null, self::ACTIONS, true)) {
            throw new \coding_exception('The \'action\' value in other must be one of ' . implode(', ', self::ACTIONS) . '.');
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
        return ['db' => 'magmodule', 'restore' => 'magmodule'];
    }

    /**
     * Backup mapping of other: nothing to map.
     *
     * @return bool
     */
    public static function get_other_mapping() {
        return false;
    }
}
