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
 * Restore task of the hybrid programme.
 *
 * @package    mod_magmodule
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

require_once($CFG->dirroot . '/mod/magmodule/backup/moodle2/restore_magmodule_stepslib.php');

/**
 * Restore task of the hybrid programme.
 */
class restore_magmodule_activity_task extends restore_activity_task {
    /**
     * No particular settings.
     */
    protected function define_my_settings() {
    }

    /**
     * One structure step.
     */
    protected function define_my_steps() {
        $this->add_step(new restore_magmodule_activity_structure_step('magmodule_structure', 'magmodule.xml'));
    }

    /**
     * Contents with links to decode.
     *
     * @return restore_decode_content[]
     */
    public static function define_decode_contents() {
        return [new restore_decode_content('magmodule', ['intro'], 'magmodule')];
    }

    /**
     * Link decoding rules.
     *
     * @return restore_decode_rule[]
     */
    public static function define_decode_rules() {
        return [
            new restore_decode_rule('MAGMODULEVIEWBYID', '/mod/magmodule/view.php?id=$1', 'course_module'),
            new restore_decode_rule('MAGMODULEINDEX', '/mod/magmodule/index.php?id=$1', 'course'),
        ];
    }

    /**
     * Legacy log rules: none, the module has only ever logged events.
     *
     * @return restore_log_rule[]
     */
    public static function define_restore_log_rules() {
        return [];
    }

    /**
     * Legacy course log rules: none.
     *
     * @return restore_log_rule[]
     */
    public static function define_restore_log_rules_for_course() {
        return [];
    }

    /**
     * The calendar follows the restored steps (dates shifted with the course): events created, moved or deleted.
     */
    public function after_restore() {
        global $CFG, $DB;
        require_once($CFG->dirroot . '/mod/magmodule/lib.php');
        $instance = $DB->get_record('magmodule', ['id' => $this->get_activityid()]);
        if ($instance) {
            magmodule_refresh_steps_events($instance, $this->get_moduleid());
        }
    }
}
