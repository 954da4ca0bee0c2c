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
 * The cloud: entries counted into weighted, ranked words. PHP port of wordcloud/src/aggregate.ts; both pass
 * test/vectors/wordcloud-aggregate.json.
 *
 * - Entries are grouped by their key (normalizer::entry_key() of the cleaned text), with accents folded too when
 *   `accentsMerge` is on. Entries empty once cleaned are ignored.
 * - A merge joins the groups of its target and of its members (same identity), transitively.
 * - A word's weight is the number of distinct people who wrote any of its variants.
 * - The displayed text is the target of the last merge of the group, else the variant written by the most
 *   people, ties going to the first variant seen.
 * - Excluded, and counted in `hiddenCount` (words, not entries): a word with a hidden variant, a stop-listed
 *   variant or, unless `offensive` is `'off'`, an offensive variant (see moderation).
 * - Order: weight descending, then French collation of the text (then UTF-16 code units, like JavaScript's `<`).
 *   Ranks are dense.
 *
 * @package    mod_magwordcloud
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class aggregator {
    /** @var \Collator|null French collator, created once. */
    private static $collator = null;

    /**
     * Counts entries into a cloud.
     *
     * @param iterable $entries arrays or objects with `user` (or `userid`) and `text`
     * @param array $options `merges` ([['target' => string, 'members' => string[]]], default []), `hidden` (string[],
     *     default []), `accentsMerge` (bool, default false), `stopList` (string[], default []), `offensive`
     *     ('default' or 'off', default 'default')
     * @return array ['words' => [['text' => string, 'weight' => int, 'rank' => int]], 'hiddenCount' => int]
     */
    public static function aggregate(iterable $entries, array $options = []): array {
        $merges = $options['merges'] ?? [];
        $hidden = $options['hidden'] ?? [];
        $accentsmerge = (bool) ($options['accentsMerge'] ?? false);
        $stoplist = $options['stopList'] ?? [];
        $offensive = ($options['offensive'] ?? 'default') !== 'off';

        $identity = function (string $text) use ($accentsmerge): string {
            if (!normalizer::is_valid_utf8($text)) {
                return '';
            }
            $key = normalizer::entry_key(normalizer::clean_text($text));
            return $accentsmerge ? merger::fold_accents($key) : $key;
        };

        // Merges: a union-find over identities; the displayed text of a set is its last merge's target.
        $parent = [];
        $find = function (string $id) use (&$parent): string {
            $root = $id;
            while (isset($parent[$root]) && $parent[$root] !== $root) {
                $root = $parent[$root];
            }
            $parent[$id] = $root;
            return $root;
        };
        $targettexts = [];
        foreach ($merges as $merge) {
            $merge = (array) $merge;
            $target = (string) ($merge['target'] ?? '');
            $targetid = $identity($target);
            if ($targetid === '') {
                continue;
            }
            $targettexts[] = [$targetid, normalizer::clean_text($target)];
            foreach ($merge['members'] ?? [] as $member) {
                $memberid = $identity((string) $member);
                if ($memberid === '') {
                    continue;
                }
                $a = $find($targetid);
                $b = $find($memberid);
                if ($a !== $b) {
                    $parent[$b] = $a;
                }
            }
        }

        // Groups: root => ['root' => string, 'variants' => text => ['text' => string, 'users' => user => true]],
        // in the order first seen. Array keys are only for lookup: PHP turns numeric strings into integers.
        $groups = [];
        foreach ($entries as $entry) {
            $entry = (array) $entry;
            $raw = (string) ($entry['text'] ?? '');
            if (!normalizer::is_valid_utf8($raw)) {
                continue;
            }
            $text = normalizer::clean_text($raw);
            $id = $identity($text);
            if ($id === '') {
                continue;
            }
            $root = $find($id);
            $user = (string) ($entry['user'] ?? $entry['userid'] ?? '');
            $groups[$root]['root'] = $root;
            $groups[$root]['variants'][$text]['text'] = $text;
            $groups[$root]['variants'][$text]['users'][$user] = true;
        }

        $hiddenroots = [];
        foreach ($hidden as $text) {
            $id = $identity((string) $text);
            if ($id !== '') {
                $hiddenroots[$find($id)] = true;
            }
        }
        $stoplisted = moderation::stop_list_matcher(array_map('strval', $stoplist));
        $displayed = [];
        foreach ($targettexts as [$id, $text]) {
            $displayed[$find($id)] = $text; // The last merge wins.
        }

        $words = [];
        $hiddencount = 0;
        foreach ($groups as $group) {
            $root = $group['root'];
            $variants = array_values($group['variants']);
            $excluded = isset($hiddenroots[$root]);
            foreach ($variants as $variant) {
                if ($excluded) {
                    break;
                }
                $excluded = $stoplisted($variant['text']) || ($offensive && moderation::is_offensive($variant['text']));
            }
            if ($excluded) {
                $hiddencount++;
                continue;
            }
            $users = [];
            foreach ($variants as $variant) {
                $users += $variant['users'];
            }
            $text = $displayed[$root] ?? null;
            if ($text === null) {
                $best = $variants[0];
                foreach ($variants as $variant) {
                    if (count($variant['users']) > count($best['users'])) {
                        $best = $variant;
                    }
                }
                $text = $best['text'];
            }
            $words[] = ['text' => $text, 'weight' => count($users)];
        }

        self::$collator ??= new \Collator('fr_FR');
        $collator = self::$collator;
        usort($words, function (array $a, array $b) use ($collator): int {
            if ($a['weight'] !== $b['weight']) {
                return $b['weight'] <=> $a['weight'];
            }
            $order = $collator->compare($a['text'], $b['text']);
            if (is_int($order) && $order !== 0) {
                return $order;
            }
            return strcmp(mb_convert_encoding($a['text'], 'UTF-16BE', 'UTF-8'),
                mb_convert_encoding($b['text'], 'UTF-16BE', 'UTF-8')) <=> 0;
        });

        $rank = 0;
        $previous = null;
        $ranked = [];
        foreach ($words as $word) {
            if ($word['weight'] !== $previous) {
                $rank++;
            }
            $previous = $word['weight'];
            $ranked[] = ['text' => $word['text'], 'weight' => $word['weight'], 'rank' => $rank];
        }
        return ['words' => $ranked, 'hiddenCount' => $hiddencount];
    }
}
