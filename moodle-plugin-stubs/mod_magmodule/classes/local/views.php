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
 * What the elements are shown of a catalog, pure: versions (catalog/semver.ts), update offers, result cards and the
 * player's items with absolute addresses (module/player-items.ts), as host/src/server/module.ts builds them.
 *
 * @package    mod_magmodule
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class views {
    /** @var int Characters of an item's JSON text per `module.item` answer. */
    public const PART_CHARS = 24000;

    /**
     * A version parsed: [major, minor, patch, prerelease parts], or null.
     *
     * @param string $text
     * @return array|null
     */
    public static function parse_semver(string $text): ?array {
        if (!preg_match('/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?$/D', $text, $m)) {
            return null;
        }
        $pre = isset($m[4]) && $m[4] !== ''
            ? array_map(fn($p) => preg_match('/^\d+$/D', $p) ? (int) $p : $p, explode('.', $m[4])) : [];
        return [(int) $m[1], (int) $m[2], (int) $m[3], $pre];
    }

    /**
     * Compares two versions: -1, 0 or 1 (semver precedence).
     *
     * @param string $a
     * @param string $b
     * @return int
     */
    public static function compare(string $a, string $b): int {
        $x = self::parse_semver($a);
        $y = self::parse_semver($b);
        if ($x === null || $y === null) {
            throw new invalid_input('Not a semantic version: ' . ($x === null ? $a : $b));
        }
        $core = ($x[0] <=> $y[0]) ?: (($x[1] <=> $y[1]) ?: ($x[2] <=> $y[2]));
        if ($core !== 0) {
            return $core;
        }
        if (!$x[3] && !$y[3]) {
            return 0;
        }
        if (!$x[3]) {
            return 1;
        }
        if (!$y[3]) {
            return -1;
        }
        for ($i = 0; $i < max(count($x[3]), count($y[3])); $i++) {
            if (!array_key_exists($i, $x[3])) {
                return -1;
            }
            if (!array_key_exists($i, $y[3])) {
                return 1;
            }
            [$p, $q] = [$x[3][$i], $y[3][$i]];
            if ($p === $q) {
                continue;
            }
            if (is_int($p) && is_int($q)) {
                return $p <=> $q;
            }
            if (is_int($p)) {
                return -1;
            }
            if (is_int($q)) {
                return 1;
            }
            return strcmp($p, $q) < 0 ? -1 : 1;
        }
        return 0;
    }

    /**
     * Whether going from one version to another is a major change.
     *
     * @param string $from
     * @param string $to
     * @return bool
     */
    public static function is_major(string $from, string $to): bool {
        $x = self::parse_semver($from);
        $y = self::parse_semver($to);
        return $x[0] !== $y[0] || ($x[0] === 0 && $x[1] !== $y[1]);
    }

    /**
     * A text cut at `max` characters (an ellipsis ends a cut text).
     *
     * @param string $text
     * @param int $max
     * @return string
     */
    public static function cut(string $text, int $max): string {
        return mb_strlen($text) > $max ? mb_substr($text, 0, $max - 1) . '…' : $text;
    }

    /**
     * The update a trainer is offered: the newest version and the notes of those since the one in use; null when
     * the version in use is the newest.
     *
     * @param array $entry
     * @param string $current
     * @return array|null
     */
    public static function update_offer(array $entry, string $current): ?array {
        if (self::parse_semver($current) === null || self::compare($entry['latest'], $current) <= 0) {
            return null;
        }
        $newer = array_values(array_filter($entry['versions'], fn($v) => self::compare($v['version'], $current) > 0
            && self::compare($v['version'], $entry['latest']) <= 0 && !str_contains($v['version'], '-')));
        usort($newer, fn($a, $b) => self::compare($b['version'], $a['version']));
        return [
            'version' => $entry['latest'],
            'notes' => array_map(fn($v) => ['version' => $v['version'], 'date' => $v['date'],
                'releaseNotes' => self::cut($v['releaseNotes'], 1500)], array_slice($newer, 0, 3)),
            'more' => max(0, count($newer) - 3),
            'major' => self::is_major($current, $entry['latest']),
        ];
    }

    /**
     * The newest versions of an entry with their notes, newest first.
     *
     * @param array $entry
     * @param int $count
     * @return array[]
     */
    public static function history(array $entry, int $count = 5): array {
        $versions = $entry['versions'];
        usort($versions, fn($a, $b) => self::compare($b['version'], $a['version']));
        return array_map(fn($v) => ['version' => $v['version'], 'date' => $v['date'],
            'releaseNotes' => self::cut($v['releaseNotes'], 1500)], array_slice($versions, 0, $count));
    }

    /**
     * A result card of the catalog browser.
     *
     * @param array $entry
     * @param string $base the catalog's base
     * @param string $thumbnail the thumbnail's absolute address
     * @param bool $inprogramme
     * @return array
     */
    public static function card(array $entry, string $base, string $thumbnail, bool $inprogramme): array {
        $date = search::latest_date($entry);
        return [
            'base' => $base,
            'id' => $entry['id'],
            'title' => $entry['title'],
            'summary' => $entry['summary'],
            'nature' => $entry['nature'],
            'domain' => $entry['domain'],
            'publics' => array_values($entry['publics']),
            'durations' => ['distance' => $entry['durations']['distance'], 'inPerson' => $entry['durations']['inPerson']],
            'latest' => $entry['latest'],
            'date' => $date === '' ? '1970-01-01' : $date,
            'thumbnail' => $thumbnail,
            'inProgramme' => $inprogramme,
        ];
    }

    /**
     * Relative `src`, `href` and `poster` attributes of a page made absolute against the package's address (pages
     * stay as the catalog wrote them otherwise: the element sanitises them).
     *
     * @param string $html
     * @param string $packageurl
     * @return string
     */
    public static function absolutize_page(string $html, string $packageurl): string {
        $folder = substr($packageurl, 0, strrpos($packageurl, '/') + 1);
        // Comments stay as written.
        $pieces = preg_split('/(<!--.*?-->)/s', $html, -1, PREG_SPLIT_DELIM_CAPTURE);
        foreach ($pieces as $i => $piece) {
            if ($i % 2 === 0) {
                $pieces[$i] = self::absolutize_refs($piece, $folder);
            }
        }
        return implode('', $pieces);
    }

    /**
     * The attributes of a piece of HTML outside comments made absolute.
     *
     * @param string $html
     * @param string $folder the package's folder
     * @return string
     */
    private static function absolutize_refs(string $html, string $folder): string {
        return preg_replace_callback('/(\s(?:src|href|poster)\s*=\s*)("([^"]*)"|\'([^\']*)\')/i',
            function ($m) use ($folder) {
                $value = trim(html_entity_decode($m[3] !== '' ? $m[3] : ($m[4] ?? ''), ENT_QUOTES | ENT_HTML5));
                if ($value === '' || $value[0] === '#' || str_starts_with($value, '//')
                        || preg_match('/^[a-z][a-z0-9+.-]*:/i', $value) || str_starts_with($value, '/')) {
                    return $m[0];
                }
                $segments = [];
                foreach (explode('/', $folder . $value) as $i => $segment) {
                    if ($i < 3) {
                        $segments[] = $segment;
                    } else if ($segment === '..') {
                        if (count($segments) > 3) {
                            array_pop($segments);
                        }
                    } else if ($segment !== '.') {
                        $segments[] = $segment;
                    }
                }
                return $m[1] . '"' . htmlspecialchars(implode('/', $segments), ENT_QUOTES | ENT_HTML5) . '"';
            }, $html);
    }

    /**
     * An item as the player receives it, every address absolute.
     *
     * @param array $item a package item (catalog_format)
     * @param string $packageurl
     * @param string $librariesurl
     * @return array
     */
    public static function playable(array $item, string $packageurl, string $librariesurl): array {
        $folder = substr($packageurl, 0, strrpos($packageurl, '/') + 1);
        $at = fn(string $ref) => str_starts_with($ref, 'https://') ? $ref : $folder . $ref;
        $common = ['id' => $item['id'], 'title' => $item['title'], 'duration' => $item['duration']];
        switch ($item['kind']) {
            case 'page':
                return ['kind' => 'page'] + $common + ['html' => self::absolutize_page($item['html'], $packageurl)];
            case 'video':
                $video = ['kind' => 'video'] + $common + ['src' => $at($item['src'])];
                if (isset($item['poster'])) {
                    $video['poster'] = $at($item['poster']);
                }
                $video['captions'] = array_map(fn($c) => ['src' => $at($c['src']), 'lang' => $c['lang'],
                    'label' => $c['label']], $item['captions']);
                $video['transcript'] = $item['transcript'];
                return $video;
            case 'h5p':
                return ['kind' => 'h5p'] + $common + ['h5pJsonPath' => rtrim($at($item['path']), '/'),
                    'librariesPath' => rtrim($librariesurl, '/')];
            case 'quiz':
                return ['kind' => 'quiz'] + $common + ['questions' => $item['questions']];
            default:
                return ['kind' => 'wordcloud'] + $common + ['question' => $item['question']];
        }
    }

    /**
     * A text cut into parts of at most `size` characters (at least one part).
     *
     * @param string $text
     * @param int $size
     * @return string[]
     */
    public static function split_parts(string $text, int $size = self::PART_CHARS): array {
        $parts = [];
        $length = mb_strlen($text);
        for ($start = 0; $start < $length; $start += $size) {
            $parts[] = mb_substr($text, $start, $size);
        }
        return $parts ?: [''];
    }
}
