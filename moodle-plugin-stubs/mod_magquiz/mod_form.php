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
 * Settings form of the quiz: its questions (GIFT or Moodle XML, pasted or uploaded), the self-paced settings, the
 * review options, the live session's defaults, and Moodle's grade and completion sections.
 *
 * @package    mod_magquiz
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

use mod_magquiz\local\importer;
use mod_magquiz\local\live;
use mod_magquiz\local\model;
use mod_magquiz\local\settings;

defined('MOODLE_INTERNAL') || die();

require_once($CFG->dirroot . '/course/moodleform_mod.php');
require_once($CFG->dirroot . '/mod/magquiz/lib.php');

/**
 * Settings form of the quiz.
 *
 * Questions: the text typed or pasted, or a file (which wins), read as GIFT or Moodle XML (told apart by the content,
 * or as the trainer says). Errors are shown with their line and column; the trainer fixes them, or ticks "import the
 * valid questions" to keep the others. Once somebody has answered, the questions can no longer be replaced (a course
 * reset of the quiz's attempts frees them), as in Moodle's quiz.
 */
class mod_magquiz_mod_form extends moodleform_mod {
    /** @var int[] Live question timers offered, in seconds (0: none). */
    private const LIVE_TIMERS = [0, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600];

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

        // Questions.
        $mform->addElement('header', 'questionshdr', get_string('questions', 'mod_magquiz'));
        $mform->setExpanded('questionshdr');
        if (!empty($this->current->questions)) {
            $mform->addElement('static', 'questionssummary', get_string('currentquestions', 'mod_magquiz'),
                s(self::summary((string) $this->current->questions)));
        }
        $mform->addElement('textarea', 'questionstext', get_string('questionstext', 'mod_magquiz'),
            ['rows' => 16, 'cols' => 80, 'class' => 'text-monospace', 'spellcheck' => 'false']);
        // GIFT and Moodle XML as typed: PARAM_RAW keeps every character the parsers need (braces, HTML).
        $mform->setType('questionstext', PARAM_RAW);
        $mform->addHelpButton('questionstext', 'questionstext', 'mod_magquiz');
        $mform->addElement('filepicker', 'questionsfile', get_string('questionsfile', 'mod_magquiz'), null,
            ['accepted_types' => ['.txt', '.gift', '.xml'], 'maxbytes' => importer::MAX_BYTES]);
        $formats = [];
        foreach (importer::FORMATS as $format) {
            $formats[$format] = get_string('format:' . $format, 'mod_magquiz');
        }
        $mform->addElement('select', 'questionsformat', get_string('questionsformat', 'mod_magquiz'), $formats);
        $mform->setDefault('questionsformat', 'auto');
        $mform->addElement('advcheckbox', 'questionsskiperrors', get_string('questionsskiperrors', 'mod_magquiz'));
        $mform->addHelpButton('questionsskiperrors', 'questionsskiperrors', 'mod_magquiz');

        // Self-paced attempts.
        $mform->addElement('header', 'attempthdr', get_string('selfpaced', 'mod_magquiz'));
        $behaviours = [];
        foreach (settings::BEHAVIOURS as $behaviour) {
            $behaviours[$behaviour] = get_string('behaviour:' . $behaviour, 'mod_magquiz');
        }
        $mform->addElement('select', 'behaviour', get_string('behaviour', 'mod_magquiz'), $behaviours);
        $mform->setDefault('behaviour', 'deferred');
        $mform->addHelpButton('behaviour', 'behaviour', 'mod_magquiz');
        $attempts = [0 => get_string('unlimited')];
        for ($i = 1; $i <= 10; $i++) {
            $attempts[$i] = $i;
        }
        $mform->addElement('select', 'attempts', get_string('attemptsallowed', 'mod_magquiz'), $attempts);
        $mform->setDefault('attempts', 0);
        $methods = [];
        foreach (settings::GRADING_METHODS as $method) {
            $methods[$method] = get_string('grademethod:' . $method, 'mod_magquiz');
        }
        $mform->addElement('select', 'grademethod', get_string('grademethod', 'mod_magquiz'), $methods);
        $mform->setDefault('grademethod', 'highest');
        $mform->addHelpButton('grademethod', 'grademethod', 'mod_magquiz');
        $mform->hideIf('grademethod', 'attempts', 'eq', 1);
        $mform->addElement('duration', 'timelimit', get_string('timelimit', 'mod_magquiz'), ['optional' => true]);
        $mform->addHelpButton('timelimit', 'timelimit', 'mod_magquiz');
        $mform->addElement('date_time_selector', 'timeclose', get_string('timeclose', 'mod_magquiz'), ['optional' => true]);
        $mform->addHelpButton('timeclose', 'timeclose', 'mod_magquiz');
        $mform->addElement('advcheckbox', 'shufflequestions', get_string('shufflequestions', 'mod_magquiz'));
        $mform->addElement('advcheckbox', 'shuffleanswers', get_string('shuffleanswers', 'mod_magquiz'));
        $mform->setDefault('shuffleanswers', 1);

        // Review options.
        $mform->addElement('header', 'reviewhdr', get_string('reviewoptions', 'mod_magquiz'));
        $mform->addElement('static', 'reviewhelp', '', get_string('reviewoptions_help', 'mod_magquiz'));
        foreach (['reviewduring', 'reviewafter'] as $when) {
            $group = [];
            foreach (array_keys(settings::REVIEW_BITS) as $option) {
                $name = $when . strtolower($option);
                $group[] = $mform->createElement('advcheckbox', $name, '', get_string('review:' . strtolower($option),
                    'mod_magquiz'));
                $mform->setDefault($name, 1);
            }
            $mform->addGroup($group, $when . 'group', get_string($when, 'mod_magquiz'), '<br>', false);
        }

        // Live sessions.
        $mform->addElement('header', 'livehdr', get_string('live', 'mod_magquiz'));
        $timers = [];
        foreach (self::LIVE_TIMERS as $seconds) {
            $timers[$seconds] = $seconds === 0 ? get_string('livetimer:none', 'mod_magquiz') : format_time($seconds);
        }
        $mform->addElement('select', 'livetimer', get_string('livetimer', 'mod_magquiz'), $timers);
        $mform->addHelpButton('livetimer', 'livetimer', 'mod_magquiz');
        $mform->addElement('advcheckbox', 'livespeedpoints', get_string('livespeedpoints', 'mod_magquiz'));
        $mform->addHelpButton('livespeedpoints', 'livespeedpoints', 'mod_magquiz');
        $boards = [];
        foreach (live::LEADERBOARDS as $board) {
            $boards[$board] = get_string('leaderboard:' . $board, 'mod_magquiz');
        }
        $mform->addElement('select', 'liveleaderboard', get_string('liveleaderboard', 'mod_magquiz'), $boards);
        $mform->setDefault('liveleaderboard', 'off');

        // Grade (points only), grade to pass, then completion with "receive a passing grade".
        $this->standard_grading_coursemodule_elements();
        $this->standard_coursemodule_elements();
        $this->add_action_buttons();
    }

    /**
     * The current questions in one line: how many, of which types.
     *
     * @param string $json
     * @return string
     */
    public static function summary(string $json): string {
        $slots = model::slots_from_json($json) ?? [];
        $types = [];
        foreach ($slots as $slot) {
            $types[$slot['question']['type']] = ($types[$slot['question']['type']] ?? 0) + 1;
        }
        $parts = [];
        foreach ($types as $type => $count) {
            $parts[] = $count . ' × ' . get_string('type:' . $type, 'mod_magquiz');
        }
        return get_string('questionscount', 'mod_magquiz', count($slots)) . ($parts ? ' (' . implode(', ', $parts) . ')' : '');
    }

    /**
     * The questions' source back in the text area, the review bits as checkboxes.
     *
     * @param array $defaultvalues
     */
    public function data_preprocessing(&$defaultvalues) {
        parent::data_preprocessing($defaultvalues);
        if (isset($defaultvalues['questionsource'])) {
            $defaultvalues['questionstext'] = $defaultvalues['questionsource'];
        }
        if (isset($defaultvalues['questionformat'])) {
            $defaultvalues['questionsformat'] = $defaultvalues['questionformat'];
        }
        foreach (['reviewduring', 'reviewafter'] as $when) {
            if (isset($defaultvalues[$when])) {
                foreach (settings::review_from_bits((int) $defaultvalues[$when]) as $option => $on) {
                    $defaultvalues[$when . strtolower($option)] = $on ? 1 : 0;
                }
            }
        }
    }

    /**
     * The questions' source: the uploaded file, else the text area; null when both are empty.
     *
     * @param array $data
     * @return string|null
     */
    private function questions_source(array $data): ?string {
        $files = $this->get_draft_files('questionsfile');
        if ($files) {
            $content = reset($files)->get_content();
            if ($content !== '') {
                return $content;
            }
        }
        $text = (string) ($data['questionstext'] ?? '');
        return trim($text) === '' ? null : $text;
    }

    /**
     * One error of the parsers, in the user's language when it is one of theirs.
     *
     * @param array $error line, column, message
     * @return string
     */
    public static function error_text(array $error): string {
        $known = importer::message_key($error['message']);
        $message = $known === null ? $error['message'] : get_string('importerror:' . $known[0], 'mod_magquiz', $known[1]);
        return get_string('importerrorat', 'mod_magquiz', (object) ['line' => $error['line'], 'column' => $error['column'],
            'message' => $message]);
    }

    /**
     * Checks the grade (points only) and the questions.
     *
     * @param array $data
     * @param array $files
     * @return array errors
     */
    public function validation($data, $files) {
        global $DB;
        $errors = parent::validation($data, $files);
        if (isset($data['grade']) && (float) $data['grade'] < 0) {
            $errors['grade'] = get_string('noscales', 'mod_magquiz');
        }

        $source = $this->questions_source($data);
        $current = empty($this->_instance) ? null : $DB->get_record('magquiz', ['id' => $this->_instance]);
        if ($source === null) {
            if ($current === null || (model::slots_from_json($current->questions) ?? []) === []) {
                $errors['questionstext'] = get_string('questionsrequired', 'mod_magquiz');
            }
            return $errors;
        }
        $read = importer::read($source, $data['questionsformat'] ?? 'auto');
        if (count($read['errors']) > 0) {
            $lines = array_map([self::class, 'error_text'], array_slice($read['errors'], 0, 20));
            if (count($read['errors']) > 20) {
                $lines[] = get_string('importerrorsmore', 'mod_magquiz', count($read['errors']) - 20);
            }
            if (empty($data['questionsskiperrors']) || count($read['questions']) === 0) {
                $errors['questionstext'] = get_string('importerrors', 'mod_magquiz', (object) [
                    'errors' => count($read['errors']),
                    'valid' => count($read['questions']),
                ]) . html_writer::alist(array_map('s', $lines));
                return $errors;
            }
        }
        if (count($read['questions']) === 0) {
            $errors['questionstext'] = get_string('questionsrequired', 'mod_magquiz');
            return $errors;
        }
        if ($current !== null && model::slots_to_json(importer::slots($read['questions'])) !== $current->questions
                && magquiz_has_responses((int) $current->id)) {
            $errors['questionstext'] = get_string('questionslocked', 'mod_magquiz');
        }
        return $errors;
    }
}
