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
 * The catalog format's checks for readers (docs/catalog.md, module-activity/src/catalog/schema.ts): a catalog index
 * and a module package are checked field by field and returned with the fields this plugin knows (unknown fields are
 * ignored, as the format asks of readers). Quiz questions and word-cloud settings inside items are not checked here:
 * the module player does not play them yet, it only counts the questions.
 *
 * @package    mod_magmodule
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class catalog_format {
    /** @var string[] Natures (catalog/vocabulary.ts). */
    public const NATURES = ['self-paced', 'tutored', 'hybrid-part', 'discovery', 'practice-analysis'];
    /** @var string[] Domains. */
    public const DOMAINS = ['teaching-practice', 'assessment', 'digital-education', 'inclusive-school',
        'language-skills', 'media-literacy', 'school-climate', 'republican-values', 'sciences-maths',
        'guidance-health', 'leadership'];
    /** @var string[] Target publics. */
    public const PUBLICS = ['primary', 'secondary', 'vocational', 'student-life', 'support-staff', 'trainers',
        'leadership', 'newcomers'];
    /** @var string[] Academies (academic origins). */
    public const ACADEMIES = ['aix-marseille', 'amiens', 'besancon', 'bordeaux', 'clermont-ferrand', 'corse', 'creteil',
        'dijon', 'grenoble', 'guadeloupe', 'guyane', 'la-reunion', 'lille', 'limoges', 'lyon', 'martinique', 'mayotte',
        'montpellier', 'nancy-metz', 'nantes', 'nice', 'normandie', 'orleans-tours', 'paris', 'poitiers', 'reims',
        'rennes', 'strasbourg', 'toulouse', 'versailles'];
    /** @var string[] Item kinds. */
    public const ITEM_KINDS = ['page', 'video', 'h5p', 'quiz', 'wordcloud'];

    /** @var string A relative path: segments that do not start with a dot. */
    private const RELATIVE = '[A-Za-z0-9_~-][A-Za-z0-9._~-]*(?:/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*';
    /** @var string A semantic version. */
    private const SEMVER = '(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)'
        . '(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?';

    /** @var string The document being checked, for messages. */
    private static $url = '';

    /**
     * Fails the check.
     *
     * @param string $path
     * @param string $what
     * @return never
     */
    private static function fail(string $path, string $what) {
        throw new catalog_error('invalid', self::$url . ": $path: $what", self::$url);
    }

    /**
     * An object (associative array).
     *
     * @param mixed $value
     * @param string $path
     * @return array
     */
    private static function obj($value, string $path): array {
        if (!is_array($value) || (array_is_list($value) && $value !== [])) {
            self::fail($path, 'an object');
        }
        return $value;
    }

    /**
     * A list with a number of elements, each checked.
     *
     * @param mixed $value
     * @param string $path
     * @param int $min
     * @param int $max
     * @param callable $each fn(mixed, string path) => mixed
     * @return array
     */
    private static function list($value, string $path, int $min, int $max, callable $each): array {
        if (!is_array($value) || !array_is_list($value)) {
            self::fail($path, 'a list');
        }
        if (count($value) < $min || count($value) > $max) {
            self::fail($path, "from $min to $max elements");
        }
        $out = [];
        foreach ($value as $i => $one) {
            $out[] = $each($one, "{$path}[$i]");
        }
        return $out;
    }

    /**
     * A trimmed text of 1 to max characters.
     *
     * @param mixed $value
     * @param string $path
     * @param int $max
     * @return string
     */
    private static function text($value, string $path, int $max): string {
        if (!is_string($value)) {
            self::fail($path, 'a text');
        }
        $value = trim($value);
        if ($value === '' || mb_strlen($value) > $max) {
            self::fail($path, "a text of 1 to $max characters");
        }
        return $value;
    }

    /**
     * A text matching a pattern.
     *
     * @param mixed $value
     * @param string $path
     * @param string $pattern a regular expression without delimiters or anchors
     * @param int $max
     * @param string $what
     * @return string
     */
    private static function matching($value, string $path, string $pattern, int $max, string $what): string {
        if (!is_string($value) || strlen($value) > $max || !preg_match('#^(?:' . $pattern . ')$#D', $value)) {
            self::fail($path, $what);
        }
        return $value;
    }

    /**
     * One of a list of codes.
     *
     * @param mixed $value
     * @param string $path
     * @param string[] $codes
     * @return string
     */
    private static function pick($value, string $path, array $codes): string {
        if (!in_array($value, $codes, true)) {
            self::fail($path, 'one of ' . implode(', ', $codes));
        }
        return $value;
    }

    /**
     * Whole minutes from min to max.
     *
     * @param mixed $value
     * @param string $path
     * @param int $min
     * @param int $max
     * @return int
     */
    private static function minutes($value, string $path, int $min, int $max): int {
        if (is_float($value) && floor($value) === $value) {
            $value = (int) $value;
        }
        if (!is_int($value) || $value < $min || $value > $max) {
            self::fail($path, "whole minutes from $min to $max");
        }
        return $value;
    }

    /**
     * A date YYYY-MM-DD.
     *
     * @param mixed $value
     * @param string $path
     * @return string
     */
    private static function date($value, string $path): string {
        if (!programme::is_date($value)) {
            self::fail($path, 'a date YYYY-MM-DD');
        }
        return $value;
    }

    /**
     * A media reference: an https address or a relative path with one of the extensions.
     *
     * @param mixed $value
     * @param string $path
     * @param string $extensions
     * @return string
     */
    private static function media($value, string $path, string $extensions): string {
        if (is_string($value) && str_starts_with($value, 'https://')) {
            $parts = parse_url($value);
            if (strlen($value) <= 2000 && !preg_match('/\s/', $value) && is_array($parts) && !empty($parts['host'])
                    && !isset($parts['user']) && !isset($parts['pass'])) {
                return $value;
            }
            self::fail($path, 'an https address');
        }
        return self::matching($value, $path, self::RELATIVE . '\.(?:' . $extensions . ')', 300, 'a media path');
    }

    /**
     * The metadata an entry and a package share.
     *
     * @param array $v
     * @param string $p
     * @return array
     */
    private static function metadata(array $v, string $p): array {
        $out = [
            'title' => self::text($v['title'] ?? null, "$p.title", 200),
            'summary' => self::text($v['summary'] ?? null, "$p.summary", 2000),
            'objectives' => self::list($v['objectives'] ?? null, "$p.objectives", 1, 12,
                fn($o, $at) => self::text($o, $at, 300)),
            'nature' => self::pick($v['nature'] ?? null, "$p.nature", self::NATURES),
            'domain' => self::pick($v['domain'] ?? null, "$p.domain", self::DOMAINS),
            'publics' => self::list($v['publics'] ?? null, "$p.publics", 1, count(self::PUBLICS),
                fn($o, $at) => self::pick($o, $at, self::PUBLICS)),
            'durations' => [
                'distance' => self::minutes(self::obj($v['durations'] ?? null, "$p.durations")['distance'] ?? null,
                    "$p.durations.distance", 0, 6000),
                'inPerson' => self::minutes($v['durations']['inPerson'] ?? null, "$p.durations.inPerson", 0, 6000),
            ],
            'rhythm' => self::text($v['rhythm'] ?? null, "$p.rhythm", 200),
            'authors' => self::list($v['authors'] ?? null, "$p.authors", 1, 20, function ($a, $at) {
                $a = self::obj($a, $at);
                $author = ['name' => self::text($a['name'] ?? null, "$at.name", 120)];
                foreach (['role', 'organisation'] as $name) {
                    if (isset($a[$name])) {
                        $author[$name] = self::text($a[$name], "$at.$name", 120);
                    }
                }
                return $author;
            }),
            'keywords' => self::list($v['keywords'] ?? null, "$p.keywords", 0, 20, fn($o, $at) => self::text($o, $at, 60)),
            'language' => self::matching($v['language'] ?? null, "$p.language", '[a-z]{2,3}(?:-[A-Z]{2})?', 10,
                'a language tag'),
        ];
        $origin = self::obj($v['origin'] ?? null, "$p.origin");
        $kind = self::pick($origin['kind'] ?? null, "$p.origin.kind", ['national', 'academic']);
        $out['origin'] = $kind === 'national'
            ? ['kind' => 'national', 'body' => self::text($origin['body'] ?? null, "$p.origin.body", 120)]
            : ['kind' => 'academic', 'academy' => self::pick($origin['academy'] ?? null, "$p.origin.academy",
                self::ACADEMIES)];
        if (isset($v['license'])) {
            $out['license'] = self::text($v['license'], "$p.license", 120);
        }
        return $out;
    }

    /**
     * Checks the format header.
     *
     * @param mixed $value
     * @param string $format
     */
    private static function header($value, string $format): void {
        $format2 = is_array($value) ? ($value['format'] ?? null) : null;
        $version = is_array($value) ? ($value['formatVersion'] ?? null) : null;
        if ($format2 !== $format || $version !== catalog_client::FORMAT_VERSION) {
            throw new catalog_error('unsupported_format', self::$url . ': not a ' . $format . ' document of format version '
                . catalog_client::FORMAT_VERSION, self::$url);
        }
    }

    /**
     * Checks a catalog index.
     *
     * @param mixed $value decoded JSON
     * @param string $url its address, for messages
     * @return array
     * @throws catalog_error unsupported_format, invalid
     */
    public static function check_index($value, string $url): array {
        self::$url = $url;
        self::header($value, 'mag-catalog');
        $out = [
            'format' => 'mag-catalog',
            'formatVersion' => catalog_client::FORMAT_VERSION,
            'title' => self::text($value['title'] ?? null, 'title', 200),
            'publisher' => self::text($value['publisher'] ?? null, 'publisher', 120),
            'updated' => self::date($value['updated'] ?? null, 'updated'),
        ];
        if (isset($value['h5pLibraries'])) {
            $out['h5pLibraries'] = self::matching($value['h5pLibraries'], 'h5pLibraries', self::RELATIVE, 300, 'a path');
        }
        $out['modules'] = self::list($value['modules'] ?? null, 'modules', 0, 10000, function ($e, $at) {
            $e = self::obj($e, $at);
            $entry = ['id' => self::matching($e['id'] ?? null, "$at.id", '[a-z0-9]+(?:-[a-z0-9]+)*', 64, 'a module id')]
                + self::metadata($e, $at);
            $entry['thumbnail'] = self::matching($e['thumbnail'] ?? null, "$at.thumbnail",
                self::RELATIVE . '\.(?:svg|png|jpe?g|webp)', 300, 'an image path');
            $entry['latest'] = self::matching($e['latest'] ?? null, "$at.latest", self::SEMVER, 64, 'a version');
            $entry['versions'] = self::list($e['versions'] ?? null, "$at.versions", 1, 100, fn($x, $vat) => [
                'version' => self::matching(self::obj($x, $vat)['version'] ?? null, "$vat.version", self::SEMVER, 64,
                    'a version'),
                'date' => self::date($x['date'] ?? null, "$vat.date"),
                'releaseNotes' => self::text($x['releaseNotes'] ?? null, "$vat.releaseNotes", 4000),
                'package' => self::matching($x['package'] ?? null, "$vat.package", self::RELATIVE, 300, 'a path'),
            ]);
            return $entry;
        });
        return $out;
    }

    /**
     * Checks a module package.
     *
     * @param mixed $value decoded JSON
     * @param string $url its address, for messages
     * @return array
     * @throws catalog_error unsupported_format, invalid
     */
    public static function check_package($value, string $url): array {
        self::$url = $url;
        self::header($value, 'mag-module');
        $out = [
            'format' => 'mag-module',
            'formatVersion' => catalog_client::FORMAT_VERSION,
            'id' => self::matching($value['id'] ?? null, 'id', '[a-z0-9]+(?:-[a-z0-9]+)*', 64, 'a module id'),
            'version' => self::matching($value['version'] ?? null, 'version', self::SEMVER, 64, 'a version'),
            'date' => self::date($value['date'] ?? null, 'date'),
            'releaseNotes' => self::text($value['releaseNotes'] ?? null, 'releaseNotes', 4000),
        ] + self::metadata($value, 'package');
        $out['thumbnail'] = self::matching($value['thumbnail'] ?? null, 'thumbnail',
            self::RELATIVE . '\.(?:svg|png|jpe?g|webp)', 300, 'an image path');
        $ids = [];
        $out['items'] = self::list($value['items'] ?? null, 'items', 1, 100, function ($i, $at) use (&$ids) {
            $i = self::obj($i, $at);
            $kind = self::pick($i['kind'] ?? null, "$at.kind", self::ITEM_KINDS);
            $item = [
                'kind' => $kind,
                'id' => self::matching($i['id'] ?? null, "$at.id", '[a-z0-9][a-z0-9_-]*', 64, 'an item id'),
                'title' => self::text($i['title'] ?? null, "$at.title", 200),
                'duration' => self::minutes($i['duration'] ?? null, "$at.duration", 1, 600),
            ];
            if (isset($ids[$item['id']])) {
                self::fail("$at.id", 'item ids must be unique');
            }
            $ids[$item['id']] = true;
            switch ($kind) {
                case 'page':
                    if (!is_string($i['html'] ?? null) || mb_strlen($i['html']) > 200000) {
                        self::fail("$at.html", 'an HTML text of at most 200,000 characters');
                    }
                    $item['html'] = $i['html'];
                    break;
                case 'video':
                    $item['src'] = self::media($i['src'] ?? null, "$at.src", 'mp4|webm');
                    if (isset($i['poster'])) {
                        $item['poster'] = self::media($i['poster'], "$at.poster", 'svg|png|jpe?g|webp');
                    }
                    $item['captions'] = self::list($i['captions'] ?? null, "$at.captions", 1, 10, fn($c, $cat) => [
                        'src' => self::media(self::obj($c, $cat)['src'] ?? null, "$cat.src", 'vtt'),
                        'lang' => self::matching($c['lang'] ?? null, "$cat.lang", '[a-z]{2,3}(?:-[A-Z]{2})?', 10,
                            'a language tag'),
                        'label' => self::text($c['label'] ?? null, "$cat.label", 120),
                    ]);
                    $item['transcript'] = self::text($i['transcript'] ?? null, "$at.transcript", 100000);
                    break;
                case 'h5p':
                    $item['path'] = self::matching($i['path'] ?? null, "$at.path", self::RELATIVE, 300, 'a path');
                    break;
                case 'quiz':
                    $item['questions'] = count(self::list($i['questions'] ?? null, "$at.questions", 1, 100,
                        fn($q, $qat) => self::obj($q, $qat)));
                    break;
                case 'wordcloud':
                    $item['question'] = self::text($i['question'] ?? null, "$at.question", 500);
                    break;
            }
            return $item;
        });
        return $out;
    }
}
