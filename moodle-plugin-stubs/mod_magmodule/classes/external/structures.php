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

namespace mod_magmodule\external;

use core_external\external_single_structure;
use core_external\external_value;

/**
 * Structures shared by the module's web services.
 *
 * @package    mod_magmodule
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class structures {
    /**
     * The course module id parameter.
     *
     * @return external_value
     */
    public static function cmid(): external_value {
        return new external_value(PARAM_INT, 'Course module id');
    }

    /**
     * An answer as JSON text.
     *
     * @return external_single_structure
     */
    public static function json_answer(): external_single_structure {
        return new external_single_structure([
            'json' => new external_value(PARAM_RAW, 'The bridge answer, JSON text (module-activity/src/*/…protocol.ts)'),
        ]);
    }

    /**
     * Wraps an answer.
     *
     * @param array $answer
     * @return array
     */
    public static function answer(array $answer): array {
        $flags = JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION | JSON_THROW_ON_ERROR;
        return ['json' => json_encode($answer, $flags)];
    }
}
