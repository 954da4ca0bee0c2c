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
 * Data generator of the quiz.
 *
 * @package    mod_magquiz
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class mod_magquiz_generator extends testing_module_generator {
    /** @var string The default questions: one single choice (the right answer second) and one short answer. */
    public const DEFAULT_GIFT = "::Capitale:: Capitale de la France ? {~Lyon =Paris#SECRET oui}\n\n" .
        "::Pix:: Le service qui certifie les compétences numériques ? {=Pix#SECRET bien}";

    /**
     * Creates an instance; settings under their field names (`behaviour`, `attempts`, `grade`…), questions as
     * `questionstext` (GIFT or Moodle XML; the default above when absent) or `questionsjson` (the model's slots).
     *
     * @param array|stdClass|null $record
     * @param array|null $options
     * @return stdClass
     */
    public function create_instance($record = null, ?array $options = null) {
        $record = (object) (array) $record;
        if (!isset($record->questionsjson) && !isset($record->questionstext)) {
            $record->questionstext = self::DEFAULT_GIFT;
        }
        $record->grade = $record->grade ?? 10;
        return parent::create_instance($record, (array) $options);
    }

    /**
     * Where a choice of the first live question (its index in the bank) is shown in the instance's live session: the
     * session's seed shuffles it.
     *
     * @param stdClass $quiz
     * @param int $index
     * @return int
     */
    public function live_choice(stdClass $quiz, int $index): int {
        global $DB;
        $record = $DB->get_record('magquiz', ['id' => $quiz->id], '*', MUST_EXIST);
        $question = \mod_magquiz\local\settings::quiz($record)['slots'][0]['question'];
        $seed = $DB->get_field('magquiz_live', 'seed', ['magquizid' => $quiz->id], MUST_EXIST);
        return (int) array_search($index, \mod_magquiz\local\quiz_state::live_order($seed, 0, $question)['order'], true);
    }
}
