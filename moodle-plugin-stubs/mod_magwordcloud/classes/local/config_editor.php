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
 * A trainer's moderation of the cloud: hidden words and merges, as the reference host's service edits them
 * (host/src/server/wordcloud.ts). Pure: each change takes the current lists and gives the new ones, or null when
 * nothing changes (then nothing is saved and the version is not bumped).
 *
 * - Two words are the same word when their identity is: normalizer::entry_key() of the cleaned text, with accents
 *   folded too when the activity merges accents (as the aggregator groups entries).
 * - Hiding a word already hidden changes nothing; unhiding removes every hidden word of that identity.
 * - A merge into a target that already has one adds its new members to it; members already known (or the target
 *   itself) are skipped; a merge that adds nothing changes nothing. Unmerging removes the merge of that target.
 * - At most LIMITS['moderationList'] hidden words and merges, and LIMITS['mergeMembers'] members in a merge.
 *
 * Stored as JSON text in the instance record (`hiddenwords`, `merges`); what does not parse is left out.
 *
 * @package    mod_magwordcloud
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class config_editor {
    /**
     * The identity under which two words are the same word for hiding and merging.
     *
     * @param string $text well-formed UTF-8
     * @param bool $accentsmerge whether the activity merges accents
     * @return string
     */
    public static function identity_of(string $text, bool $accentsmerge): string {
        $key = normalizer::entry_key(normalizer::clean_text($text));
        return $accentsmerge ? merger::fold_accents($key) : $key;
    }

    /**
     * Hidden words stored as JSON text: a list of words; anything else gives an empty list.
     *
     * @param string|null $json
     * @return string[]
     */
    public static function hidden_from_json(?string $json): array {
        $list = json_decode((string) $json, true);
        if (!is_array($list)) {
            return [];
        }
        $words = array_values(array_filter($list, [settings::class, 'is_word']));
        return array_slice($words, 0, settings::LIMITS['moderationList']);
    }

    /**
     * Merges stored as JSON text: a list of `{target, members}`; entries that do not fit the protocol are left out.
     *
     * @param string|null $json
     * @return array[] each ['target' => string, 'members' => string[]]
     */
    public static function merges_from_json(?string $json): array {
        $list = json_decode((string) $json, true);
        if (!is_array($list)) {
            return [];
        }
        $merges = [];
        foreach ($list as $rule) {
            if (!is_array($rule) || !settings::is_word($rule['target'] ?? null) || !is_array($rule['members'] ?? null)) {
                continue;
            }
            $members = array_values(array_filter($rule['members'], [settings::class, 'is_word']));
            if ($members === [] || count($members) > settings::LIMITS['mergeMembers']) {
                continue;
            }
            $merges[] = ['target' => $rule['target'], 'members' => $members];
        }
        return array_slice($merges, 0, settings::LIMITS['moderationList']);
    }

    /**
     * JSON text of hidden words or merges, for the instance record.
     *
     * @param array $list
     * @return string
     */
    public static function to_json(array $list): string {
        return json_encode(array_values($list), JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
    }

    /**
     * Hides a word.
     *
     * @param string[] $hidden the hidden words
     * @param string $word as the trainer sent it
     * @param bool $accentsmerge
     * @return string[]|null the new list, null when the word was already hidden
     * @throws \InvalidArgumentException for a word that is not one, or too many hidden words
     */
    public static function hide(array $hidden, string $word, bool $accentsmerge): ?array {
        $text = self::clean_word($word);
        $id = self::identity_of($text, $accentsmerge);
        foreach ($hidden as $other) {
            if (self::identity_of($other, $accentsmerge) === $id) {
                return null;
            }
        }
        if (count($hidden) >= settings::LIMITS['moderationList']) {
            throw new \InvalidArgumentException('Too many hidden words.');
        }
        $hidden[] = $text;
        return array_values($hidden);
    }

    /**
     * Shows a hidden word again.
     *
     * @param string[] $hidden
     * @param string $word
     * @param bool $accentsmerge
     * @return string[]|null the new list, null when the word was not hidden
     * @throws \InvalidArgumentException for a word that is not one
     */
    public static function unhide(array $hidden, string $word, bool $accentsmerge): ?array {
        $id = self::identity_of(self::clean_word($word), $accentsmerge);
        $kept = array_values(array_filter($hidden, fn(string $other) => self::identity_of($other, $accentsmerge) !== $id));
        return count($kept) === count($hidden) ? null : $kept;
    }

    /**
     * Merges words into a target.
     *
     * @param array[] $merges the merges
     * @param string $target
     * @param string[] $members 1 to LIMITS['mergeMembers'] words
     * @param bool $accentsmerge
     * @return array[]|null the new merges, null when nothing was added
     * @throws \InvalidArgumentException for words that are not ones, or too many merges or members
     */
    public static function merge(array $merges, string $target, array $members, bool $accentsmerge): ?array {
        if ($members === [] || count($members) > settings::LIMITS['mergeMembers']) {
            throw new \InvalidArgumentException('A merge has 1 to ' . settings::LIMITS['mergeMembers'] . ' members.');
        }
        foreach ($members as $member) {
            if (!settings::is_word($member)) {
                throw new \InvalidArgumentException('Every member must have 1 to ' . settings::LIMITS['word'] .
                    ' characters.');
            }
        }
        $text = self::clean_word($target);
        $id = self::identity_of($text, $accentsmerge);
        $existing = null;
        foreach ($merges as $index => $rule) {
            if (self::identity_of($rule['target'], $accentsmerge) === $id) {
                $existing = $index;
                break;
            }
        }
        $known = [$id => true];
        foreach ($existing === null ? [] : $merges[$existing]['members'] as $member) {
            $known[self::identity_of($member, $accentsmerge)] = true;
        }
        $added = [];
        foreach ($members as $member) {
            $clean = normalizer::clean_text($member);
            $memberid = self::identity_of($clean, $accentsmerge);
            if ($clean === '' || isset($known[$memberid])) {
                continue;
            }
            $known[$memberid] = true;
            $added[] = $clean;
        }
        if ($added === []) {
            return null;
        }
        if ($existing !== null) {
            if (count($merges[$existing]['members']) + count($added) > settings::LIMITS['mergeMembers']) {
                throw new \InvalidArgumentException('Too many members in this merge.');
            }
            $merges[$existing]['members'] = array_merge($merges[$existing]['members'], $added);
        } else {
            if (count($merges) >= settings::LIMITS['moderationList']) {
                throw new \InvalidArgumentException('Too many merges.');
            }
            $merges[] = ['target' => $text, 'members' => $added];
        }
        return array_values($merges);
    }

    /**
     * Undoes the merge of a target.
     *
     * @param array[] $merges
     * @param string $target
     * @param bool $accentsmerge
     * @return array[]|null the new merges, null when the target had no merge
     * @throws \InvalidArgumentException for a target that is not a word
     */
    public static function unmerge(array $merges, string $target, bool $accentsmerge): ?array {
        $id = self::identity_of(self::clean_word($target), $accentsmerge);
        $kept = array_values(array_filter($merges,
            fn(array $rule) => self::identity_of($rule['target'], $accentsmerge) !== $id));
        return count($kept) === count($merges) ? null : $kept;
    }

    /**
     * A word as the trainer sent it, cleaned; refused when it is not a word of the protocol or nothing is left.
     *
     * @param string $word
     * @return string
     * @throws \InvalidArgumentException
     */
    private static function clean_word(string $word): string {
        if (!settings::is_word($word)) {
            throw new \InvalidArgumentException('A word has 1 to ' . settings::LIMITS['word'] . ' characters.');
        }
        $text = normalizer::clean_text($word);
        if ($text === '') {
            throw new \InvalidArgumentException('The word is empty once cleaned.');
        }
        return $text;
    }
}
