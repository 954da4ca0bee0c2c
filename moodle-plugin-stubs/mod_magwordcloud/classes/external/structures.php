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

use core_external\external_multiple_structure;
use core_external\external_single_structure;
use core_external\external_value;

/**
 * The return structures of the word cloud's web services: the shapes of the bridge's schemas
 * (wordcloud/src/protocol.ts and trainer-protocol.ts), so that what Moodle sends passes them exactly.
 *
 * Keys the schemas mark optional are VALUE_OPTIONAL, and the state builder leaves them out rather than sending
 * null; `cloud` is the one nullable key (NULL_ALLOWED). User text is PARAM_RAW: it is shown as text by the element,
 * never as HTML, and must come back exactly as stored (PARAM_TEXT would strip what looks like markup).
 *
 * @package    mod_magwordcloud
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class structures {
    /**
     * The course module id parameter every function takes.
     *
     * @return external_value
     */
    public static function cmid(): external_value {
        return new external_value(PARAM_INT, 'Course module id of the word cloud');
    }

    /**
     * One of the caller's entries (MyEntry).
     *
     * @param int $required
     * @return external_single_structure
     */
    public static function my_entry(int $required = VALUE_REQUIRED): external_single_structure {
        return new external_single_structure([
            'id' => new external_value(PARAM_INT, 'Entry id'),
            'text' => new external_value(PARAM_RAW, 'The entry as stored, to be shown as text'),
            'status' => new external_value(PARAM_ALPHA, 'visible, pending or hidden'),
        ], 'An entry of the caller', $required);
    }

    /**
     * A word of the cloud or of an export.
     *
     * @return external_single_structure
     */
    private static function word(): external_single_structure {
        return new external_single_structure([
            'text' => new external_value(PARAM_RAW, 'The word, to be shown as text'),
            'weight' => new external_value(PARAM_INT, 'How many distinct people wrote it'),
            'rank' => new external_value(PARAM_INT, 'Dense rank by weight, from 1'),
        ]);
    }

    /**
     * A list of words.
     *
     * @param string $desc
     * @param int $required
     * @return external_multiple_structure
     */
    private static function words(string $desc, int $required = VALUE_REQUIRED): external_multiple_structure {
        return new external_multiple_structure(new external_value(PARAM_RAW, 'A word'), $desc, $required);
    }

    /**
     * The settings (WordcloudSettings), trainers only.
     *
     * @return external_single_structure
     */
    private static function settings(): external_single_structure {
        return new external_single_structure([
            'question' => new external_value(PARAM_RAW, 'The question asked'),
            'minPerPerson' => new external_value(PARAM_INT, 'Entries a person should write'),
            'maxPerPerson' => new external_value(PARAM_INT, 'Entries a person may write'),
            'maxLength' => new external_value(PARAM_INT, 'Characters of an entry, at most'),
            'visibility' => new external_value(PARAM_ALPHAEXT, 'always, after_answer or never'),
            'identity' => new external_value(PARAM_ALPHA, 'named or anonymous'),
            'approval' => new external_value(PARAM_BOOL, 'Whether entries wait for approval'),
            'accentsMerge' => new external_value(PARAM_BOOL, 'Whether accents are merged'),
            'stopList' => self::words('The trainer\'s stop-list'),
            'offensiveFilter' => new external_value(PARAM_BOOL, 'Whether offensive words are filtered'),
            'rotate' => new external_value(PARAM_BOOL, 'Whether some words are drawn vertically'),
            'open' => new external_value(PARAM_BOOL, 'Whether answers are open'),
        ], 'The settings, to trainers only', VALUE_OPTIONAL);
    }

    /**
     * An entry in the moderation lists, with its author only when the activity is named.
     *
     * @param bool $withid
     * @return external_single_structure
     */
    private static function moderation_entry(bool $withid): external_single_structure {
        $keys = $withid ? ['id' => new external_value(PARAM_INT, 'Entry id')] : [];
        $keys['text'] = new external_value(PARAM_RAW, 'The entry, to be shown as text');
        $keys['author'] = new external_value(PARAM_RAW, 'Its author\'s full name, only when the activity is named',
            VALUE_OPTIONAL);
        return new external_single_structure($keys);
    }

    /**
     * The moderation view (Moderation), trainers only.
     *
     * @return external_single_structure
     */
    private static function moderation(): external_single_structure {
        $merge = new external_single_structure([
            'target' => new external_value(PARAM_RAW, 'The word shown'),
            'members' => self::words('The words merged into it'),
        ]);
        $suggestion = new external_single_structure([
            'target' => new external_value(PARAM_RAW, 'The word to keep'),
            'members' => self::words('The words that look like it'),
            'reason' => new external_multiple_structure(new external_value(PARAM_ALPHA, 'A reason'),
                'case, accents, elision, apostrophe, inclusive or plural'),
        ]);
        return new external_single_structure([
            'pending' => new external_multiple_structure(self::moderation_entry(true), 'Entries waiting, oldest first'),
            'hidden' => self::words('Words the trainer hid'),
            'merges' => new external_multiple_structure($merge, 'Merges'),
            'suggestions' => new external_multiple_structure($suggestion, 'Merge suggestions'),
            'entries' => new external_multiple_structure(self::moderation_entry(false),
                'The newest approved entries, newest first', VALUE_OPTIONAL),
        ], 'The moderation view, to trainers only', VALUE_OPTIONAL);
    }

    /**
     * The live state a caller may see (WordcloudState).
     *
     * @return external_single_structure
     */
    public static function state(): external_single_structure {
        return new external_single_structure([
            'version' => new external_value(PARAM_INT, 'Version of the live state, bumped on every change'),
            'open' => new external_value(PARAM_BOOL, 'Whether answers are open'),
            'question' => new external_value(PARAM_RAW, 'The question asked, to be shown as text'),
            'limits' => new external_single_structure([
                'minPerPerson' => new external_value(PARAM_INT, 'Entries a person should write'),
                'maxPerPerson' => new external_value(PARAM_INT, 'Entries a person may write'),
                'maxLength' => new external_value(PARAM_INT, 'Characters of an entry, at most'),
            ]),
            'visibility' => new external_value(PARAM_ALPHAEXT, 'always, after_answer or never'),
            'display' => new external_single_structure([
                'rotate' => new external_value(PARAM_BOOL, 'Whether some words are drawn vertically'),
            ]),
            'mine' => new external_multiple_structure(self::my_entry(), 'The caller\'s entries'),
            'participants' => new external_value(PARAM_INT, 'People with an entry in the cloud', VALUE_OPTIONAL),
            'cloud' => new external_single_structure([
                'words' => new external_multiple_structure(self::word(), 'Words, biggest first'),
                'hiddenCount' => new external_value(PARAM_INT, 'Words left out by moderation'),
            ], 'The cloud, null when the caller may not see it (yet)', VALUE_REQUIRED, null, NULL_ALLOWED),
            'settings' => self::settings(),
            'moderation' => self::moderation(),
        ], 'The live state the caller may see');
    }

    /**
     * The answer to a submission.
     *
     * @return external_single_structure
     */
    public static function submit_result(): external_single_structure {
        return new external_single_structure([
            'accepted' => new external_value(PARAM_BOOL, 'Whether the entry is stored (also for a retry of a stored one)'),
            'entry' => self::my_entry(VALUE_OPTIONAL),
            'error' => new external_value(PARAM_ALPHAEXT,
                'empty, too_long, invalid, duplicate, limit_reached or closed', VALUE_OPTIONAL),
        ]);
    }

    /**
     * The answer to a withdrawal.
     *
     * @return external_single_structure
     */
    public static function withdraw_result(): external_single_structure {
        return new external_single_structure([
            'withdrawn' => new external_value(PARAM_BOOL, 'Whether the entry was withdrawn'),
            'error' => new external_value(PARAM_ALPHAEXT, 'not_found or closed', VALUE_OPTIONAL),
        ]);
    }

    /**
     * A trainer's export.
     *
     * @return external_single_structure
     */
    public static function export_result(): external_single_structure {
        return new external_single_structure([
            'words' => new external_multiple_structure(self::word(), 'Every word, biggest first'),
            'entries' => new external_multiple_structure(new external_single_structure([
                'text' => new external_value(PARAM_RAW, 'The entry, to be shown as text'),
                'author' => new external_value(PARAM_RAW, 'Its author\'s full name'),
            ]), 'Entries in the cloud with their authors, only when the activity is named', VALUE_OPTIONAL),
            'truncated' => new external_value(PARAM_BOOL, 'Whether rows were left out'),
        ]);
    }
}
