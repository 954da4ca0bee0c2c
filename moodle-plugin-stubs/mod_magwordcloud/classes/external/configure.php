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


namespace mod_magwordcloud\external;

use context_module;
use core_external\external_api;
use core_external\external_function_parameters;
use core_external\external_multiple_structure;
use core_external\external_single_structure;
use core_external\external_value;
use mod_magwordcloud\manager;

/**
 * Bridge subject `wordcloud.configure`: changes some of the settings (a partial WordcloudSettings). Trainers only.
 *
 * Every setting is optional: a missing one (null) stays as it is. The bounds are checked by local\settings::apply,
 * the same as the protocol's schema.
 *
 * @package    mod_magwordcloud
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class configure extends external_api {
    /**
     * Parameters: the course module and the settings to change, under the bridge's names.
     *
     * @return external_function_parameters
     */
    public static function execute_parameters(): external_function_parameters {
        $optional = fn(string $type, string $desc) => new external_value($type, $desc, VALUE_DEFAULT, null, NULL_ALLOWED);
        return new external_function_parameters([
            'cmid' => structures::cmid(),
            'question' => $optional(PARAM_RAW, 'The question asked'),
            'minPerPerson' => $optional(PARAM_INT, 'Entries a person should write, 0 to 20'),
            'maxPerPerson' => $optional(PARAM_INT, 'Entries a person may write, 1 to 20'),
            'maxLength' => $optional(PARAM_INT, 'Characters of an entry, 1 to 100'),
            'visibility' => $optional(PARAM_ALPHAEXT, 'always, after_answer or never'),
            'identity' => $optional(PARAM_ALPHA, 'named or anonymous'),
            'approval' => $optional(PARAM_BOOL, 'Whether entries wait for approval'),
            'accentsMerge' => $optional(PARAM_BOOL, 'Whether accents are merged'),
            'stopList' => new external_multiple_structure(new external_value(PARAM_RAW, 'A word'),
                'The stop-list, at most 200 words', VALUE_DEFAULT, null, NULL_ALLOWED),
            'offensiveFilter' => $optional(PARAM_BOOL, 'Whether offensive words are filtered'),
            'rotate' => $optional(PARAM_BOOL, 'Whether some words are drawn vertically'),
            'open' => $optional(PARAM_BOOL, 'Whether answers are open'),
        ]);
    }

    /**
     * Changes the settings given; parameters, context and capabilities are checked first.
     *
     * @param int $cmid
     * @param string|null $question
     * @param int|null $minperperson
     * @param int|null $maxperperson
     * @param int|null $maxlength
     * @param string|null $visibility
     * @param string|null $identity
     * @param bool|null $approval
     * @param bool|null $accentsmerge
     * @param array|null $stoplist
     * @param bool|null $offensivefilter
     * @param bool|null $rotate
     * @param bool|null $open
     * @return array the trainer's state
     */
    public static function execute(int $cmid, ?string $question = null, ?int $minperperson = null,
            ?int $maxperperson = null, ?int $maxlength = null, ?string $visibility = null, ?string $identity = null,
            ?bool $approval = null, ?bool $accentsmerge = null, ?array $stoplist = null, ?bool $offensivefilter = null,
            ?bool $rotate = null, ?bool $open = null): array {
        global $USER;
        $params = self::validate_parameters(self::execute_parameters(), [
            'cmid' => $cmid,
            'question' => $question,
            'minPerPerson' => $minperperson,
            'maxPerPerson' => $maxperperson,
            'maxLength' => $maxlength,
            'visibility' => $visibility,
            'identity' => $identity,
            'approval' => $approval,
            'accentsMerge' => $accentsmerge,
            'stopList' => $stoplist,
            'offensiveFilter' => $offensivefilter,
            'rotate' => $rotate,
            'open' => $open,
        ]);

        [, $cm] = get_course_and_cm_from_cmid($params['cmid'], 'magwordcloud');
        $context = context_module::instance($cm->id);
        self::validate_context($context);
        require_capability('mod/magwordcloud:view', $context);
        require_capability('mod/magwordcloud:moderate', $context);

        $changes = $params;
        unset($changes['cmid']);
        return manager::create_from_cm($cm)->configure((int) $USER->id, $changes);
    }

    /**
     * Return structure.
     *
     * @return external_single_structure
     */
    public static function execute_returns(): external_single_structure {
        return structures::state();
    }
}
