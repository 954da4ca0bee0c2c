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
 * Settings form of the reactions activity.
 *
 * @package    mod_magreactions
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

require_once($CFG->dirroot . '/course/moodleform_mod.php');

/**
 * Settings form of the reactions activity.
 */
class mod_magreactions_mod_form extends moodleform_mod {
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

        $this->standard_coursemodule_elements();
        $this->add_action_buttons();
    }

    /**
     * Sets the completion checkbox from the stored number.
     *
     * @param array $defaultvalues
     */
    public function data_preprocessing(&$defaultvalues) {
        parent::data_preprocessing($defaultvalues);
        $suffix = $this->get_suffix();
        $defaultvalues['completionreactionsenabled' . $suffix] =
            !empty($defaultvalues['completionreactions' . $suffix]) ? 1 : 0;
        if (empty($defaultvalues['completionreactions' . $suffix])) {
            $defaultvalues['completionreactions' . $suffix] = 1;
        }
    }

    /**
     * Completion rule "at least N reactions".
     *
     * @return string[] names of the added elements
     */
    public function add_completion_rules() {
        $mform = $this->_form;
        $suffix = $this->get_suffix();

        $enabled = 'completionreactionsenabled' . $suffix;
        $number = 'completionreactions' . $suffix;
        $groupname = 'completionreactionsgroup' . $suffix;
        $group = [
            $mform->createElement('checkbox', $enabled, '', get_string('completionreactions', 'mod_magreactions')),
            $mform->createElement('text', $number, '', ['size' => 3]),
        ];
        $mform->setType($number, PARAM_INT);
        $mform->addGroup($group, $groupname, '', ' ', false);
        $mform->hideIf($number, $enabled, 'notchecked');
        return [$groupname];
    }

    /**
     * Whether the rule is on.
     *
     * @param array $data
     * @return bool
     */
    public function completion_rule_enabled($data) {
        $suffix = $this->get_suffix();
        return !empty($data['completionreactionsenabled' . $suffix]) && !empty($data['completionreactions' . $suffix]);
    }

    /**
     * Zero reactions when the rule is off.
     *
     * @param stdClass $data
     */
    public function data_postprocessing($data) {
        parent::data_postprocessing($data);
        if (!empty($data->completionunlocked)) {
            $suffix = $this->get_suffix();
            $completion = $data->{'completion' . $suffix} ?? COMPLETION_TRACKING_NONE;
            if (empty($data->{'completionreactionsenabled' . $suffix}) || $completion != COMPLETION_TRACKING_AUTOMATIC) {
                $data->{'completionreactions' . $suffix} = 0;
            }
        }
    }

    /**
     * Checks the number of reactions.
     *
     * @param array $data
     * @param array $files
     * @return array errors
     */
    public function validation($data, $files) {
        $errors = parent::validation($data, $files);
        $suffix = $this->get_suffix();
        if (!empty($data['completionreactionsenabled' . $suffix])) {
            $number = $data['completionreactions' . $suffix] ?? 0;
            if ((int) $number < 1 || (int) $number > 1000) {
                $errors['completionreactionsgroup' . $suffix] = get_string('completionreactionsinvalid', 'mod_magreactions');
            }
        }
        return $errors;
    }
}
