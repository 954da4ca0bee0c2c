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
 * A trainee's xAPI statement opened or completed an attempt at an H5P item of a module step.
 *
 * @property-read array $other {
 *      - string stepid: the module step
 *      - string itemid: the H5P item
 *      - int attempt: the attempt number
 * }
 *
 * @package    mod_magmodule
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class attempt_recorded extends \core\event\base {
    /**
     * Init.
     */
    protected function init() {
        $this->data['objecttable'] = 'magmodule_attempt';
        $this->data['crud'] = 'c';
        $this->data['edulevel'] = self::LEVEL_PARTICIPATING;
    }

    /**
     * Localised name.
     *
     * @return string
     */
    public static function get_name() {
        return get_string('eventattemptrecorded', 'mod_magmodule');
    }

    /**
     * Description for the logs.
     *
     * @return string
     */
    public function get_description() {
        return "The user with id '{$this->relateduserid}' made attempt {$this->other['attempt']} at the H5P item " .
            "'{$this->other['itemid']}' of step '{$this->other['stepid']}' in the hybrid programme with course module id " .
            "'{$this->contextinstanceid}'.";
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
        foreach (['stepid', 'itemid', 'attempt'] as $name) {
            if (!isset($this->other[$name])) {
                throw new \coding_exception("The '$name' value in other must be set.");
            }
        }
        if (!isset($this->relateduserid)) {
            throw new \coding_exception('The relateduserid must be set.');
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
        return ['db' => 'magmodule_attempt', 'restore' => 'magmodule_attempt'];
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
