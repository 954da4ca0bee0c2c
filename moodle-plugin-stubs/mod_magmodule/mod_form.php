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
 * Settings form of the hybrid programme: name, description, grade and the completion rule. The steps are planned in
 * the activity's page (<mag-programme>), and catalog modules added there with the catalog browser (<mag-module>).
 *
 * @package    mod_magmodule
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

require_once($CFG->dirroot . '/course/moodleform_mod.php');

/**
 * Settings form of the hybrid programme.
 */
class mod_magmodule_mod_form extends moodleform_mod {
    /**
     * Form definition.
     */
    public function definition() {
        $mform = $this->_form;
        $mform->addElement('header', 'general', get_string('general', 'form'));
        $mform->addElement('text', 'name', get_string('name'), ['size' => '64']);
        $mform->setType('name', PARAM_TEXT);
        $mform->addRule('name', null, 'required', null, 'client');
        $mform->addRule('name', get_string('maximumchars', '', 255), 'maxlength', 255, 'client');
        $this->standard_intro_elements();

        $mform->addElement('static', 'stepsinfo', get_string('steps', 'mod_magmodule'),
            get_string('steps_desc', 'mod_magmodule'));

        $this->standard_grading_coursemodule_elements();
        $mform->setDefault('grade', 0);
        $this->standard_coursemodule_elements();
        $this->add_action_buttons();
    }

    /**
     * Completion rule "every module step completed".
     *
     * @return string[] names of the added elements
     */
    public function add_completion_rules() {
        $mform = $this->_form;
        $name = 'completionmodules' . $this->get_suffix();
        $mform->addElement('advcheckbox', $name, get_string('completionmodules', 'mod_magmodule'),
            get_string('completionmodules_desc', 'mod_magmodule'));
        return [$name];
    }

    /**
     * Whether the rule is on.
     *
     * @param array $data
     * @return bool
     */
    public function completion_rule_enabled($data) {
        return !empty($data['completionmodules' . $this->get_suffix()]);
    }

    /**
     * No rule when completion is not automatic.
     *
     * @param stdClass $data
     */
    public function data_postprocessing($data) {
        parent::data_postprocessing($data);
        if (!empty($data->completionunlocked)) {
            $suffix = $this->get_suffix();
            $completion = $data->{'completion' . $suffix} ?? COMPLETION_TRACKING_NONE;
            if ($completion != COMPLETION_TRACKING_AUTOMATIC) {
                $data->{'completionmodules' . $suffix} = 0;
            }
            $data->completionmodules = $data->{'completionmodules' . $suffix} ?? 0;
        }
    }
}
