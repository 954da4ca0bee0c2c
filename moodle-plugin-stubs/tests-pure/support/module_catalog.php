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

/**
 * A small catalog in memory for the module's pure tests: two modules (one with two versions), and a fetcher over it
 * that counts its requests.
 *
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class module_catalog_fixture {
    /** @var string The catalog's base. */
    public const BASE = 'https://catalogue.example.fr/c/';

    /** @var array url => body (string) or status (int) */
    public $files = [];
    /** @var string[] The addresses fetched, in order. */
    public $fetched = [];

    /**
     * The metadata of an entry.
     *
     * @param string $id
     * @param string $title
     * @param array $more
     * @return array
     */
    public static function entry(string $id, string $title, array $more = []): array {
        return $more + [
            'id' => $id,
            'title' => $title,
            'summary' => "Résumé de $title.",
            'objectives' => ['Comprendre', 'Agir'],
            'nature' => 'self-paced',
            'domain' => 'assessment',
            'publics' => ['primary'],
            'durations' => ['distance' => 60, 'inPerson' => 0],
            'rhythm' => 'À son rythme',
            'origin' => ['kind' => 'national', 'body' => 'DGESCO'],
            'authors' => [['name' => 'Anne Martin']],
            'keywords' => ['évaluation'],
            'language' => 'fr',
            'thumbnail' => "modules/$id/thumb.svg",
            'latest' => '1.0.0',
            'versions' => [['version' => '1.0.0', 'date' => '2026-01-10', 'releaseNotes' => 'Première version.',
                'package' => "modules/$id/1.0.0/module.json"]],
        ];
    }

    /**
     * A package of an entry.
     *
     * @param array $entry
     * @param string $version
     * @param array $items
     * @return array
     */
    public static function package(array $entry, string $version, array $items): array {
        $pkg = $entry;
        unset($pkg['latest'], $pkg['versions']);
        return ['format' => 'mag-module', 'formatVersion' => 1, 'version' => $version, 'date' => '2026-01-10',
            'releaseNotes' => 'Notes.', 'thumbnail' => 'thumb.svg', 'items' => $items] + $pkg;
    }

    /**
     * The fixture: `evaluer` (1.0.0 and 1.1.0: an H5P item added) and `oral` (1.0.0, a page and a video).
     */
    public function __construct() {
        $evaluer = self::entry('evaluer', 'Évaluer par compétences', [
            'latest' => '1.1.0',
            'keywords' => ['évaluation', 'compétences'],
            'versions' => [
                ['version' => '1.0.0', 'date' => '2026-01-10', 'releaseNotes' => 'Première version.',
                    'package' => 'modules/evaluer/1.0.0/module.json'],
                ['version' => '1.1.0', 'date' => '2026-03-01', 'releaseNotes' => 'Un exercice H5P.',
                    'package' => 'modules/evaluer/1.1.0/module.json'],
            ],
        ]);
        $oral = self::entry('oral', 'Enseigner l’oral', ['domain' => 'language-skills', 'publics' => ['secondary'],
            'durations' => ['distance' => 90, 'inPerson' => 60], 'keywords' => ['oral', 'grand oral']]);
        $index = ['format' => 'mag-catalog', 'formatVersion' => 1, 'title' => 'Catalogue test', 'publisher' => 'DNE',
            'updated' => '2026-03-01', 'h5pLibraries' => 'h5p-libraries', 'modules' => [$evaluer, $oral]];
        $page = ['kind' => 'page', 'id' => 'intro', 'title' => 'Introduction', 'duration' => 5,
            'html' => '<p>Bonjour <img src="images/a.svg" alt=""></p>'];
        $h5p = ['kind' => 'h5p', 'id' => 'exercice', 'title' => 'Exercice', 'duration' => 10, 'path' => 'h5p/exercice'];
        $video = ['kind' => 'video', 'id' => 'video', 'title' => 'Vidéo', 'duration' => 4, 'src' => 'media/v.webm',
            'captions' => [['src' => 'media/v.vtt', 'lang' => 'fr', 'label' => 'Français']], 'transcript' => 'Texte.'];
        $this->files = [
            self::BASE . 'index.json' => json_encode($index),
            self::BASE . 'modules/evaluer/1.0.0/module.json' => json_encode(self::package($evaluer, '1.0.0', [$page])),
            self::BASE . 'modules/evaluer/1.1.0/module.json' => json_encode(self::package($evaluer, '1.1.0',
                [$page, $h5p])),
            self::BASE . 'modules/oral/1.0.0/module.json' => json_encode(self::package($oral, '1.0.0', [$page, $video])),
        ];
    }

    /**
     * The fetcher the catalog client is given.
     *
     * @return callable
     */
    public function fetcher(): callable {
        return function (string $url, int $max): array {
            $this->fetched[] = $url;
            $file = $this->files[$url] ?? 404;
            if (is_int($file)) {
                return ['status' => $file, 'body' => ''];
            }
            if (strlen($file) > $max) {
                throw new \mod_magmodule\local\catalog_error('too_large', "Too large: $url", $url);
            }
            return ['status' => 200, 'body' => $file];
        };
    }

    /**
     * Changes a document of the fixture.
     *
     * @param string $path relative to the base
     * @param callable $change fn(array) => array
     */
    public function edit(string $path, callable $change): void {
        $url = self::BASE . $path;
        $this->files[$url] = json_encode($change(json_decode($this->files[$url], true)));
    }
}
