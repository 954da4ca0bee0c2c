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

namespace mod_magmodule\local;

/**
 * Catalog search, pure: module-activity/src/catalog/search.ts in PHP, over the entries of the allowed catalogs.
 *
 * Text is matched accent- and case-insensitively on title, keywords, objectives and summary; every word of the
 * query must match as a word or the start of one; French stop words are left out unless the query is nothing else
 * or the stop word is the last one typed. Ranking: title 8, keywords 4, objectives 2, summary 1, a prefix match
 * counting half; ties by title without accents, then id. Facets (duration, public, domain, nature, modality):
 * values of a facet are alternatives, facets combine, and each facet's counts ignore its own filter.
 *
 * This is a plain scan, not the TypeScript side's inverted index: fine for a few thousand entries on a server.
 *
 * @package    mod_magmodule
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class search {
    /** @var string[] Facet names, in order. */
    public const FACETS = ['duration', 'public', 'domain', 'nature', 'modality'];
    /** @var array Duration bands: code => upper bound in minutes. */
    public const DURATION_BANDS = ['up-to-30' => 30, '31-60' => 60, '61-120' => 120, 'over-120' => PHP_INT_MAX];
    /** @var string[] */
    public const MODALITIES = ['distance', 'in-person', 'hybrid'];
    /** @var array Field weights. */
    private const WEIGHTS = ['title' => 8, 'keywords' => 4, 'objectives' => 2, 'summary' => 1];
    /** @var string[] French and English stop words. */
    private const STOP_WORDS = ['a', 'au', 'aux', 'avec', 'c', 'ce', 'ces', 'cet', 'cette', 'd', 'dans', 'de', 'des', 'du',
        'en', 'est', 'et', 'il', 'ils', 'j', 'l', 'la', 'le', 'les', 'leur', 'leurs', 'lui', 'm', 'ma', 'mes', 'mon', 'n',
        'ne', 'ni', 'nos', 'notre', 'nous', 'on', 'ou', 'par', 'pas', 'pour', 'qu', 'que', 'qui', 's', 'sa', 'se', 'ses',
        'son', 'sur', 't', 'ta', 'te', 'tes', 'ton', 'un', 'une', 'vos', 'votre', 'vous', 'y', 'an', 'and', 'for', 'in',
        'of', 'on', 'or', 'the', 'to', 'with'];

    /**
     * The values of each facet, in vocabulary order.
     *
     * @return array facet => string[]
     */
    public static function facet_values(): array {
        return [
            'duration' => array_keys(self::DURATION_BANDS),
            'public' => catalog_format::PUBLICS,
            'domain' => catalog_format::DOMAINS,
            'nature' => catalog_format::NATURES,
            'modality' => self::MODALITIES,
        ];
    }

    /**
     * Lowercase, without accents, œ → oe, æ → ae, ß → ss.
     *
     * @param string $text
     * @return string
     */
    public static function normalize(string $text): string {
        if (class_exists(\Normalizer::class)) {
            $text = \Normalizer::normalize($text, \Normalizer::FORM_D);
        }
        $text = preg_replace('/\p{M}+/u', '', $text);
        return strtr(mb_strtolower($text, 'UTF-8'), ['œ' => 'oe', 'æ' => 'ae', 'ß' => 'ss']);
    }

    /**
     * The normalised words of a text.
     *
     * @param string $text
     * @return string[]
     */
    public static function tokenize(string $text): array {
        $words = [];
        foreach (preg_split('/[^\p{L}\p{M}\p{N}]+/u', $text) as $raw) {
            $word = $raw === '' ? '' : self::normalize($raw);
            if ($word !== '') {
                $words[] = $word;
            }
        }
        return $words;
    }

    /**
     * The duration band of a number of minutes.
     *
     * @param int $minutes
     * @return string
     */
    public static function duration_band(int $minutes): string {
        foreach (self::DURATION_BANDS as $code => $max) {
            if ($minutes <= $max) {
                return $code;
            }
        }
        return 'over-120';
    }

    /**
     * The modality of a module's durations.
     *
     * @param array $durations
     * @return string
     */
    public static function modality(array $durations): string {
        if ((int) $durations['inPerson'] === 0) {
            return 'distance';
        }
        return (int) $durations['distance'] === 0 ? 'in-person' : 'hybrid';
    }

    /**
     * The facet values of an entry.
     *
     * @param array $entry
     * @return array facet => string[]
     */
    private static function entry_facets(array $entry): array {
        return [
            'duration' => [self::duration_band($entry['durations']['distance'] + $entry['durations']['inPerson'])],
            'public' => $entry['publics'],
            'domain' => [$entry['domain']],
            'nature' => [$entry['nature']],
            'modality' => [self::modality($entry['durations'])],
        ];
    }

    /**
     * The date of an entry's latest version.
     *
     * @param array $entry
     * @return string
     */
    public static function latest_date(array $entry): string {
        foreach ($entry['versions'] as $version) {
            if ($version['version'] === $entry['latest']) {
                return $version['date'];
            }
        }
        return '';
    }

    /**
     * Searches entries.
     *
     * @param array[] $entries catalog entries (catalog_format)
     * @param array $query text?, filters? (facet => values), sort? (relevance, title, recent), page?, pagesize?
     * @return array total, page, pages, hits (indexes into $entries, in order), facets (facet => [{value, count}])
     */
    public static function run(array $entries, array $query): array {
        $words = array_values(array_unique(self::tokenize((string) ($query['text'] ?? ''))));
        $kept = [];
        foreach ($words as $i => $word) {
            if ($i === count($words) - 1 || !in_array($word, self::STOP_WORDS, true)) {
                $kept[] = $word;
            }
        }
        $words = count($kept) > 0 ? $kept : $words;

        $values = self::facet_values();
        $selected = [];
        foreach (self::FACETS as $facet) {
            $wanted = $query['filters'][$facet] ?? [];
            $selected[$facet] = (is_array($wanted) && count($wanted) > 0) ? array_flip($wanted) : null;
        }
        $counts = [];
        foreach (self::FACETS as $facet) {
            $counts[$facet] = array_fill_keys($values[$facet], 0);
        }

        $scores = [];
        $titles = [];
        $matched = [];
        foreach ($entries as $doc => $entry) {
            $titles[$doc] = self::normalize($entry['title']);
            $score = 0.0;
            if (count($words) > 0) {
                $fields = [
                    'title' => array_unique(self::tokenize($entry['title'])),
                    'keywords' => array_unique(self::tokenize(implode(' ', $entry['keywords']))),
                    'objectives' => array_unique(self::tokenize(implode(' ', $entry['objectives']))),
                    'summary' => array_unique(self::tokenize($entry['summary'])),
                ];
                $all = true;
                foreach ($words as $word) {
                    // Per term of the entry: the sum of the weights of the fields it is in; the word's score is the
                    // best term it matches (whole word 1, prefix 0.5).
                    $terms = [];
                    foreach ($fields as $field => $tokens) {
                        foreach ($tokens as $token) {
                            $terms[$token] = ($terms[$token] ?? 0) + self::WEIGHTS[$field];
                        }
                    }
                    $best = 0.0;
                    foreach ($terms as $term => $weight) {
                        $term = (string) $term;
                        if (str_starts_with($term, $word)) {
                            $best = max($best, $weight * ($term === $word ? 1 : 0.5));
                        }
                    }
                    if ($best === 0.0) {
                        $all = false;
                        break;
                    }
                    $score += $best;
                }
                if (!$all) {
                    continue;
                }
            }
            $scores[$doc] = $score;
            $facets = self::entry_facets($entry);
            $failed = null;
            $failures = 0;
            foreach (self::FACETS as $facet) {
                if ($selected[$facet] !== null
                        && count(array_filter($facets[$facet], fn($v) => isset($selected[$facet][$v]))) === 0) {
                    $failed = $facet;
                    $failures++;
                }
            }
            if ($failures > 1) {
                continue;
            }
            foreach (self::FACETS as $facet) {
                if ($failures === 1 && $facet !== $failed) {
                    continue;
                }
                foreach ($facets[$facet] as $value) {
                    if (isset($counts[$facet][$value])) {
                        $counts[$facet][$value]++;
                    }
                }
            }
            if ($failures === 0) {
                $matched[] = $doc;
            }
        }

        $bytitle = function ($a, $b) use ($titles, $entries) {
            return strcmp($titles[$a], $titles[$b]) ?: strcmp($entries[$a]['id'], $entries[$b]['id']);
        };
        $sort = $query['sort'] ?? 'relevance';
        if ($sort === 'relevance' && count($words) > 0) {
            usort($matched, fn($a, $b) => ($scores[$b] <=> $scores[$a]) ?: $bytitle($a, $b));
        } else if ($sort === 'recent') {
            usort($matched, fn($a, $b) => strcmp(self::latest_date($entries[$b]), self::latest_date($entries[$a]))
                ?: $bytitle($a, $b));
        } else {
            usort($matched, $bytitle);
        }

        $total = count($matched);
        $pagesize = min(100, max(1, (int) ($query['pagesize'] ?? 20)));
        $pages = max(1, (int) ceil($total / $pagesize));
        $page = min($pages, max(1, (int) ($query['page'] ?? 1)));
        $facets = [];
        foreach (self::FACETS as $facet) {
            $facets[$facet] = [];
            foreach ($counts[$facet] as $value => $count) {
                $facets[$facet][] = ['value' => (string) $value, 'count' => $count];
            }
        }
        return [
            'total' => $total,
            'page' => $page,
            'pages' => $pages,
            'hits' => array_slice($matched, ($page - 1) * $pagesize, $pagesize),
            'facets' => $facets,
        ];
    }
}
