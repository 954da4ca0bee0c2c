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

namespace mod_magwordcloud\local;

/**
 * Automatic moderation: a short list of common French and English insults, filtered by default, and the
 * trainer's stop-list. PHP port of wordcloud/src/moderation.ts. Both are matched on the merge key with accents
 * folded (merger::merge_key()), so that case, accents, apostrophes, elision, inclusive writing and plurals do not
 * get around them.
 *
 * - An entry is offensive when its whole key, or one of its words (split on spaces and hyphens), is the key of
 *   a listed word.
 * - An entry is stop-listed when its whole key is the key of a stop-list entry.
 *
 * @package    mod_magwordcloud
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class moderation {
    /** @var string[] Lowercase; the same list as moderation.ts. A safety net, not the moderation. */
    public const OFFENSIVE_WORDS = [
        // French.
        'abruti', 'bâtard', 'bite', 'bouffon', 'chier', 'con', 'conasse', 'connard', 'connasse', 'conne', 'couille',
        'crétin', 'débile', 'enculé', 'enfoiré', 'merde', 'nique', 'ordure', 'pétasse', 'pouffiasse', 'putain',
        'pute', 'salaud', 'salope', 'trouduc',
        // English.
        'arsehole', 'asshole', 'bastard', 'bitch', 'bullshit', 'crap', 'cunt', 'dick', 'dumbass', 'fuck', 'fucker',
        'fucking', 'idiot', 'jerk', 'moron', 'prick', 'shit', 'slut', 'twat', 'wanker', 'whore',
    ];

    /** @var array<string, true>|null The keys of the default list, computed once. */
    private static $offensivekeys = null;

    /**
     * The merge keys (accents folded) of a list of words, as a set.
     *
     * @param string[] $words
     * @return array<string, true>
     */
    private static function keys_of(array $words): array {
        $keys = [];
        foreach ($words as $word) {
            $key = merger::merge_key((string) $word, true);
            if ($key !== '') {
                $keys[$key] = true;
            }
        }
        return $keys;
    }

    /**
     * Whether a cleaned entry is or contains a word of `$list` (the default list unless given).
     *
     * @param string $text
     * @param string[]|null $list
     * @return bool
     */
    public static function is_offensive(string $text, ?array $list = null): bool {
        if ($list === null) {
            self::$offensivekeys ??= self::keys_of(self::OFFENSIVE_WORDS);
            $keys = self::$offensivekeys;
        } else {
            $keys = self::keys_of($list);
        }
        $key = merger::merge_key($text, true);
        if (isset($keys[$key])) {
            return true;
        }
        foreach (preg_split('/[ -]/u', $key) ?: [] as $word) {
            if (isset($keys[$word])) {
                return true;
            }
        }
        return false;
    }

    /**
     * A matcher for a trainer's stop-list: whether a cleaned entry is one of its entries.
     *
     * @param string[] $stoplist
     * @return \Closure (string $text): bool
     */
    public static function stop_list_matcher(array $stoplist): \Closure {
        $keys = self::keys_of($stoplist);
        return fn(string $text): bool => $keys !== [] && isset($keys[merger::merge_key($text, true)]);
    }

    /**
     * Whether a cleaned entry is on a stop-list.
     *
     * @param string $text
     * @param string[] $stoplist
     * @return bool
     */
    public static function is_stop_listed(string $text, array $stoplist): bool {
        return (self::stop_list_matcher($stoplist))($text);
    }
}
