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
 * Settings form of the word cloud.
 *
 * @package    mod_magwordcloud
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

use mod_magwordcloud\local\settings;

defined('MOODLE_INTERNAL') || die();

require_once($CFG->dirroot . '/course/moodleform_mod.php');

/**
 * Settings form of the word cloud: every setting of WordcloudSettings, with the protocol's bounds.
 */
class mod_magwordcloud_mod_form extends moodleform_mod {
    /**
     * Form definition.
     */
    public function definition() {
        $mform = $this->_form;
        $limits = settings::LIMITS;

        $mform->addElement('header', 'general', get_string('general', 'form'));
        $mform->addElement('text', 'name', get_string('name'), ['size' => '64']);
        $mform->setType('name', PARAM_TEXT);
        $mform->addRule('name', null, 'required', null, 'client');
        $mform->addRule('name', get_string('maximumchars', '', 255), 'maxlength', 255, 'client');
        $this->standard_intro_elements();

        // The question and the stop-list are shown as text by the element, never as HTML: PARAM_RAW keeps what the
        // trainer typed (PARAM_TEXT would strip what looks like markup, "a < b" included).
        $mform->addElement('textarea', 'question', get_string('question', 'mod_magwordcloud'), ['rows' => 2, 'cols' => 60]);
        $mform->setType('question', PARAM_RAW);
        $mform->addHelpButton('question', 'question', 'mod_magwordcloud');

        $mform->addElement('header', 'answershdr', get_string('answers', 'mod_magwordcloud'));
        $mform->addElement('select', 'minperperson', get_string('minperperson', 'mod_magwordcloud'),
            array_combine(range(0, $limits['perPerson']), range(0, $limits['perPerson'])));
        $mform->setDefault('minperperson', settings::DEFAULTS['minPerPerson']);
        $mform->addHelpButton('minperperson', 'minperperson', 'mod_magwordcloud');
        $mform->addElement('select', 'maxperperson', get_string('maxperperson', 'mod_magwordcloud'),
            array_combine(range(1, $limits['perPerson']), range(1, $limits['perPerson'])));
        $mform->setDefault('maxperperson', settings::DEFAULTS['maxPerPerson']);
        $mform->addElement('text', 'maxlength', get_string('maxlength', 'mod_magwordcloud'), ['size' => 4]);
        $mform->setType('maxlength', PARAM_INT);
        $mform->setDefault('maxlength', settings::DEFAULTS['maxLength']);
        $mform->addRule('maxlength', null, 'required', null, 'client');
        $mform->addHelpButton('maxlength', 'maxlength', 'mod_magwordcloud');
        $mform->addElement('advcheckbox', 'isopen', get_string('isopen', 'mod_magwordcloud'));
        $mform->setDefault('isopen', (int) settings::DEFAULTS['open']);
        $mform->addHelpButton('isopen', 'isopen', 'mod_magwordcloud');

        $mform->addElement('header', 'displayhdr', get_string('display', 'mod_magwordcloud'));
        $visibilities = [];
        foreach (settings::VISIBILITIES as $visibility) {
            $visibilities[$visibility] = get_string('visibility:' . $visibility, 'mod_magwordcloud');
        }
        $mform->addElement('select', 'visibility', get_string('visibility', 'mod_magwordcloud'), $visibilities);
        $mform->setDefault('visibility', settings::DEFAULTS['visibility']);
        $mform->addHelpButton('visibility', 'visibility', 'mod_magwordcloud');
        $mform->addElement('advcheckbox', 'rotate', get_string('rotate', 'mod_magwordcloud'));
        $mform->setDefault('rotate', (int) settings::DEFAULTS['rotate']);

        $mform->addElement('header', 'moderationhdr', get_string('moderation', 'mod_magwordcloud'));
        $identities = [];
        foreach (settings::IDENTITIES as $identity) {
            $identities[$identity] = get_string('identitymode:' . $identity, 'mod_magwordcloud');
        }
        $mform->addElement('select', 'identitymode', get_string('identitymode', 'mod_magwordcloud'), $identities);
        $mform->setDefault('identitymode', settings::DEFAULTS['identity']);
        $mform->addHelpButton('identitymode', 'identitymode', 'mod_magwordcloud');
        $mform->addElement('advcheckbox', 'approval', get_string('approval', 'mod_magwordcloud'));
        $mform->setDefault('approval', (int) settings::DEFAULTS['approval']);
        $mform->addHelpButton('approval', 'approval', 'mod_magwordcloud');
        $mform->addElement('advcheckbox', 'offensivefilter', get_string('offensivefilter', 'mod_magwordcloud'));
        $mform->setDefault('offensivefilter', (int) settings::DEFAULTS['offensiveFilter']);
        $mform->addHelpButton('offensivefilter', 'offensivefilter', 'mod_magwordcloud');
        $mform->addElement('advcheckbox', 'accentsmerge', get_string('accentsmerge', 'mod_magwordcloud'));
        $mform->setDefault('accentsmerge', (int) settings::DEFAULTS['accentsMerge']);
        $mform->addHelpButton('accentsmerge', 'accentsmerge', 'mod_magwordcloud');
        $mform->addElement('textarea', 'stoplisttext', get_string('stoplist', 'mod_magwordcloud'), ['rows' => 5, 'cols' => 40]);
        $mform->setType('stoplisttext', PARAM_RAW);
        $mform->addHelpButton('stoplisttext', 'stoplist', 'mod_magwordcloud');

        $this->standard_coursemodule_elements();
        $this->add_action_buttons();
    }

    /**
     * The stop-list as lines, and the completion checkbox from the stored number.
     *
     * @param array $defaultvalues
     */
    public function data_preprocessing(&$defaultvalues) {
        parent::data_preprocessing($defaultvalues);
        if (isset($defaultvalues['stoplist'])) {
            $defaultvalues['stoplisttext'] = implode("\n", settings::from_record(['stoplist' => $defaultvalues['stoplist']])
                ['stopList']);
        }
        $suffix = $this->get_suffix();
        $defaultvalues['completionentriesenabled' . $suffix] = !empty($defaultvalues['completionentries' . $suffix]) ? 1 : 0;
        if (empty($defaultvalues['completionentries' . $suffix])) {
            $defaultvalues['completionentries' . $suffix] = 1;
        }
    }

    /**
     * Completion rule "at least N entries".
     *
     * @return string[] names of the added elements
     */
    public function add_completion_rules() {
        $mform = $this->_form;
        $suffix = $this->get_suffix();

        $enabled = 'completionentriesenabled' . $suffix;
        $number = 'completionentries' . $suffix;
        $groupname = 'completionentriesgroup' . $suffix;
        $group = [
            $mform->createElement('checkbox', $enabled, '', get_string('completionentries', 'mod_magwordcloud')),
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
        return !empty($data['completionentriesenabled' . $suffix]) && !empty($data['completionentries' . $suffix]);
    }

    /**
     * Zero entries when the rule is off.
     *
     * @param stdClass $data
     */
    public function data_postprocessing($data) {
        parent::data_postprocessing($data);
        if (!empty($data->completionunlocked)) {
            $suffix = $this->get_suffix();
            $completion = $data->{'completion' . $suffix} ?? COMPLETION_TRACKING_NONE;
            if (empty($data->{'completionentriesenabled' . $suffix}) || $completion != COMPLETION_TRACKING_AUTOMATIC) {
                $data->{'completionentries' . $suffix} = 0;
            }
        }
    }

    /**
     * Checks the settings against the protocol's bounds and the completion rule against the maximum.
     *
     * @param array $data
     * @param array $files
     * @return array errors
     */
    public function validation($data, $files) {
        $errors = parent::validation($data, $files);
        $limits = settings::LIMITS;

        $question = (string) ($data['question'] ?? '');
        $length = settings::utf16_length($question);
        if ($length < 0 || $length > $limits['question']) {
            $errors['question'] = get_string('questiontoolong', 'mod_magwordcloud', $limits['question']);
        }
        $maxlength = (int) ($data['maxlength'] ?? 0);
        if ($maxlength < 1 || $maxlength > $limits['maxLength']) {
            $errors['maxlength'] = get_string('maxlengthinvalid', 'mod_magwordcloud', $limits['maxLength']);
        }
        $max = (int) ($data['maxperperson'] ?? 0);
        if ((int) ($data['minperperson'] ?? 0) > $max) {
            $errors['minperperson'] = get_string('minabovemax', 'mod_magwordcloud');
        }
        $stoplist = settings::stop_list_from_lines((string) ($data['stoplisttext'] ?? ''));
        if (count($stoplist) > $limits['stopList']) {
            $errors['stoplisttext'] = get_string('stoplisttoolong', 'mod_magwordcloud', $limits['stopList']);
        } else {
            foreach ($stoplist as $word) {
                if (!settings::is_word($word)) {
                    $errors['stoplisttext'] = get_string('stopwordtoolong', 'mod_magwordcloud', $limits['word']);
                    break;
                }
            }
        }

        $suffix = $this->get_suffix();
        if (!empty($data['completionentriesenabled' . $suffix])) {
            $number = (int) ($data['completionentries' . $suffix] ?? 0);
            if ($number < 1 || $number > $max) {
                $errors['completionentriesgroup' . $suffix] = get_string('completionentriesinvalid', 'mod_magwordcloud',
                    $max);
            }
        }
        return $errors;
    }
}
