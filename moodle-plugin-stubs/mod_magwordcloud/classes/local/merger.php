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
 * Merge keys and merge suggestions: words that are probably the same word written differently. PHP port of
 * wordcloud/src/suggest.ts; both pass test/vectors/wordcloud-merge.json.
 *
 * {@see self::merge_key()} runs these stages, in this order, on each space-separated word:
 * - apostrophe: ’ ‘ ʼ ′ become `'`;
 * - case: lowercased for French;
 * - elision: a leading `l' d' j' m' t' s' c' n' qu' jusqu' lorsqu' puisqu'` followed by a letter is dropped;
 * - inclusive: `enseignant·e·s`, `enseignant.e.s`, `enseignant-e-s`, `étudiant(e)s`, `acteur·rice·s`… keep their
 *   masculine base (of at least two letters); `-le` after a hyphen is an imperative (`dis-le`), left alone;
 * - plural (conservative): final `x` after `au|eu|ou` dropped (4 letters or more); final `s` dropped when the
 *   word has 4 letters or more, does not end in `ss` or `ès`, is not invariable, and has 5 letters or more if
 *   it ends in `is` or `us`;
 * - accents (only when asked): combining marks removed, œ → oe, æ → ae.
 *
 * @package    mod_magwordcloud
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class merger {
    /** @var string[] The reasons of a suggestion, in the order they are listed. */
    public const MERGE_REASONS = ['case', 'accents', 'elision', 'apostrophe', 'inclusive', 'plural'];

    /** @var string[] Words ending in `s` that keep it (not plurals, or too common to be mangled). Lowercase. */
    public const INVARIABLE_WORDS = [
        'alors', 'bras', 'corps', 'cours', 'dans', 'discours', 'divers', 'fils', 'gens', 'lors', 'moins', 'ours',
        'parcours', 'pays', 'repos', 'sans', 'sens', 'temps', 'toujours', 'univers', 'vers',
    ];

    /** @var string[] The stages of the merge key, in the order they run. */
    private const STAGES = ['apostrophe', 'case', 'elision', 'inclusive', 'plural', 'accents'];

    /** @var string A leading elided article or pronoun, any case, any apostrophe, before a letter. */
    private const ELISION = '/^(?:jusqu|lorsqu|puisqu|qu|[ldjmtsnc])[\'\x{2019}\x{2018}\x{02BC}\x{2032}](?=\p{L})/iu';

    /** @var string Any run of characters but line terminators (JavaScript's `.`). */
    private const ANY = '[^\n\r\x{2028}\x{2029}]*';

    /** @var string Feminine endings after a separator. */
    private const ENDINGS = '(?:e|ne|le|se|te|ve|fe|rice|ice|euse|ère)';

    /** @var string Feminine endings after a hyphen: not `le` (`dis-le`). */
    private const HYPHEN_ENDINGS = '(?:e|ne|se|te|ve|fe|rice|ice|euse|ère)';

    /**
     * Applies one stage to one word.
     *
     * @param string $stage
     * @param string $word
     * @return string
     */
    private static function apply_stage(string $stage, string $word): string {
        switch ($stage) {
            case 'apostrophe':
                return (string) preg_replace(normalizer::APOSTROPHES, "'", $word);
            case 'case':
                return normalizer::lowercase($word);
            case 'elision':
                return (string) preg_replace(self::ELISION, '', $word);
            case 'inclusive':
                return self::inclusive_base($word);
            case 'plural':
                return self::singular($word);
            case 'accents':
                return self::fold_accents($word);
        }
        throw new \InvalidArgumentException('unknown stage ' . $stage);
    }

    /**
     * The masculine base of a word in inclusive writing, or the word.
     *
     * @param string $word
     * @return string
     */
    private static function inclusive_base(string $word): string {
        $separators = '[·.•‧⋅]';
        $patterns = [
            '/^(' . self::ANY . '\p{L}\p{L})' . $separators . self::ENDINGS . '(?:' . $separators . '?s)?$/iuD',
            '/^(' . self::ANY . '\p{L}\p{L})-' . self::HYPHEN_ENDINGS . '(?:-?s)?$/iuD',
            '/^(' . self::ANY . '\p{L}\p{L})\(' . self::ENDINGS . '\)s?$/iuD',
        ];
        foreach ($patterns as $pattern) {
            if (preg_match($pattern, $word, $match) === 1) {
                return $match[1];
            }
        }
        return $word;
    }

    /**
     * The singular of a word, conservatively.
     *
     * @param string $word
     * @return string
     */
    private static function singular(string $word): string {
        $lower = normalizer::lowercase($word);
        $length = mb_strlen($lower, 'UTF-8');
        if ($length < 4) {
            return $word;
        }
        if (str_ends_with($lower, 'aux') || str_ends_with($lower, 'eux') || str_ends_with($lower, 'oux')) {
            return mb_substr($word, 0, -1, 'UTF-8');
        }
        if (!str_ends_with($lower, 's') || in_array($lower, self::INVARIABLE_WORDS, true)) {
            return $word;
        }
        if (str_ends_with($lower, 'ss') || str_ends_with($lower, 'ès')) {
            return $word;
        }
        if ((str_ends_with($lower, 'is') || str_ends_with($lower, 'us')) && $length < 5) {
            return $word;
        }
        return mb_substr($word, 0, -1, 'UTF-8');
    }

    /**
     * Accents folded, and nothing else: combining marks removed, œ → oe, æ → ae (the `accents` stage).
     *
     * @param string $text well-formed UTF-8
     * @return string
     */
    public static function fold_accents(string $text): string {
        $text = \Normalizer::normalize($text, \Normalizer::FORM_D);
        if (!is_string($text)) {
            return '';
        }
        $text = (string) preg_replace('/[\x{0300}-\x{036F}]/u', '', $text);
        $text = str_replace(['œ', 'Œ', 'æ', 'Æ'], ['oe', 'OE', 'ae', 'AE'], $text);
        $text = \Normalizer::normalize($text, \Normalizer::FORM_C);
        return is_string($text) ? $text : '';
    }

    /**
     * Runs stages on each space-separated word of a text.
     *
     * @param string $text
     * @param string[] $stages
     * @return string
     */
    private static function run_stages(string $text, array $stages): string {
        $text = \Normalizer::normalize($text, \Normalizer::FORM_C);
        if (!is_string($text)) {
            return '';
        }
        $words = [];
        foreach (explode(' ', $text) as $word) {
            if ($word === '') {
                continue;
            }
            foreach ($stages as $stage) {
                $word = self::apply_stage($stage, $word);
            }
            $words[] = $word;
        }
        return implode(' ', $words);
    }

    /**
     * The key under which variants of a word meet. `$text` is a cleaned entry (see normalizer::clean_text()).
     *
     * @param string $text
     * @param bool $accents whether accents are folded too
     * @return string
     */
    public static function merge_key(string $text, bool $accents): string {
        $stages = $accents ? self::STAGES : array_values(array_diff(self::STAGES, ['accents']));
        return self::run_stages($text, $stages);
    }

    /**
     * Groups of words that share a merge key (accents included). `$words` are the cloud's words, biggest first:
     * the first word of a group is its target, the others, in their order, its members. A reason is listed when
     * the group would not hold together without its stage. Groups come in the order of their targets; exact
     * repeats are ignored.
     *
     * @param string[] $words
     * @return array[] each ['target' => string, 'members' => string[], 'reason' => string[]]
     */
    public static function suggest_merges(array $words): array {
        $seen = [];
        $groups = [];
        foreach ($words as $word) {
            $word = (string) $word;
            if (isset($seen[$word])) {
                continue;
            }
            $seen[$word] = true;
            $key = self::merge_key($word, true);
            if ($key === '') {
                continue;
            }
            $groups[$key][] = $word;
        }
        $suggestions = [];
        foreach ($groups as $group) {
            if (count($group) < 2) {
                continue;
            }
            $target = array_shift($group);
            $found = [];
            foreach (self::STAGES as $stage) {
                $others = array_values(array_diff(self::STAGES, [$stage]));
                $targetkey = self::run_stages($target, $others);
                foreach ($group as $member) {
                    if (self::run_stages($member, $others) !== $targetkey) {
                        $found[$stage] = true;
                        break;
                    }
                }
            }
            $reasons = array_values(array_filter(self::MERGE_REASONS, fn(string $reason) => isset($found[$reason])));
            $suggestions[] = ['target' => $target, 'members' => $group, 'reason' => $reasons];
        }
        return $suggestions;
    }
}
