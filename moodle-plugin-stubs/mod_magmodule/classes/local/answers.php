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
 * The answers of the module's web services, built from what the database holds and the catalogs, pure (the manager
 * reads and writes, these shape): the same answers as host/src/server/programme.ts and module.ts, checked against the
 * elements' valibot schemas by module-activity/test/moodle-contract.test.ts (through tools/module-states.php).
 *
 * Numbers: percents and scores are floats with one decimal, seconds integers; JSON keeps `50.0` as `50.0`, which
 * valibot reads as the number 50.
 *
 * @package    mod_magmodule
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class answers {
    /** @var int Results per page of the catalog browser. */
    public const SEARCH_PAGE_SIZE = 12;
    /** @var int Trainees per page of the report. */
    public const REPORT_PAGE_SIZE = 25;
    /** @var int The most modules `programme.catalog` lists. */
    public const MAX_CHOICES = 5000;

    /**
     * `programme.state`.
     *
     * @param int $version
     * @param string $title
     * @param array[] $steps
     * @param array $summaries the caller's step summaries by step id (percent, completed, …)
     * @return array
     */
    public static function programme_state(int $version, string $title, array $steps, array $summaries): array {
        $progress = [];
        foreach ($summaries as $stepid => $summary) {
            $progress[(string) $stepid] = ['percent' => (float) $summary['percent'],
                'completed' => (bool) $summary['completed']];
        }
        return ['version' => $version, 'title' => views::cut($title, 300), 'steps' => $steps,
            'progress' => (object) $progress];
    }

    /**
     * `programme.catalog`: every module of the allowed catalogs, in its newest version.
     *
     * @param catalog_set $catalogs
     * @return array
     */
    public static function catalog_choices(catalog_set $catalogs): array {
        $choices = [];
        foreach ($catalogs->all() as $view) {
            foreach ($view['client'] ? $view['client']->index()['modules'] : [] as $entry) {
                if (count($choices) >= self::MAX_CHOICES) {
                    break 2;
                }
                $choices[] = [
                    'catalog' => ['base' => $view['base'], 'entryId' => $entry['id'], 'version' => $entry['latest']],
                    'title' => views::cut($entry['title'], 300),
                    'summary' => $entry['summary'],
                    'durationMinutes' => $entry['durations']['distance'] + $entry['durations']['inPerson'],
                ];
            }
        }
        return ['modules' => $choices];
    }

    /**
     * `module.state`.
     *
     * @param int $version
     * @param array|null $programme ['id' => string, 'title' => string]
     * @param array[] $steps the module steps
     * @param bool $trainer
     * @param string $now wall-clock time
     * @param catalog_set $catalogs
     * @param array $summaries the caller's summaries by step id
     * @return array
     */
    public static function module_state(int $version, ?array $programme, array $steps, bool $trainer, string $now,
            catalog_set $catalogs, array $summaries): array {
        $views = [];
        foreach ($steps as $step) {
            $view = ['stepId' => $step['id'], 'title' => $step['title'], 'catalog' => $step['catalog']];
            foreach (['opens', 'closes'] as $name) {
                if (!empty($step[$name])) {
                    $view[$name] = $step[$name];
                }
            }
            $view['durationMinutes'] = $step['durationMinutes'];
            $view['reach'] = programme::reach($step, $now);
            if (!$trainer) {
                $summary = $summaries[$step['id']] ?? null;
                $view['progress'] = ['percent' => (float) ($summary['percent'] ?? 0),
                    'completed' => !empty($summary['completed']), 'seconds' => (int) ($summary['seconds'] ?? 0)];
            } else {
                try {
                    $found = $catalogs->entry($step['catalog']['entryId'], $step['catalog']['base'] ?? null);
                    $offer = views::update_offer($found['entry'], $step['catalog']['version']);
                    if ($offer !== null) {
                        $view['update'] = $offer;
                    }
                } catch (catalog_error $e) {
                    $view['problem'] = $e->problem();
                }
            }
            $views[] = $view;
        }
        return ['version' => $version, 'programme' => $programme, 'steps' => $views];
    }

    /**
     * `module.catalog_search`.
     *
     * @param catalog_set $catalogs
     * @param array $query text?, filters?, sort?, page?
     * @param string[] $inprogramme entry ids already in the programme
     * @return array
     */
    public static function search(catalog_set $catalogs, array $query, array $inprogramme): array {
        $entries = [];
        $bases = [];
        $listed = [];
        foreach ($catalogs->all() as $view) {
            $catalog = ['base' => $view['base']];
            if ($view['client']) {
                $catalog['title'] = $view['client']->index()['title'];
                foreach ($view['client']->index()['modules'] as $entry) {
                    $entries[] = $entry;
                    $bases[] = $view['client'];
                }
            } else {
                $catalog['problem'] = $view['problem'];
            }
            $listed[] = $catalog;
        }
        $result = search::run($entries, ['pagesize' => self::SEARCH_PAGE_SIZE] + $query);
        $hits = [];
        foreach ($result['hits'] as $doc) {
            $client = $bases[$doc];
            $hits[] = views::card($entries[$doc], $client->base, $client->inside($entries[$doc]['thumbnail']),
                in_array($entries[$doc]['id'], $inprogramme, true));
        }
        return ['total' => $result['total'], 'page' => $result['page'], 'pages' => $result['pages'], 'hits' => $hits,
            'facets' => $result['facets'], 'catalogs' => array_slice($listed, 0, 20)];
    }

    /**
     * `module.catalog_preview`.
     *
     * @param catalog_set $catalogs
     * @param string $base
     * @param string $entryid
     * @param string[] $inprogramme
     * @return array
     */
    public static function preview(catalog_set $catalogs, string $base, string $entryid, array $inprogramme): array {
        try {
            $found = $catalogs->entry($entryid, $base);
            $entry = $found['entry'];
            $loaded = $catalogs->package(['base' => $found['base'], 'entryId' => $entryid, 'version' => $entry['latest']]);
        } catch (catalog_error $e) {
            return ['ok' => false, 'problem' => $e->problem()];
        }
        $preview = [
            'card' => views::card($entry, $found['base'], $found['client']->inside($entry['thumbnail']),
                in_array($entryid, $inprogramme, true)),
            'objectives' => $entry['objectives'],
            'rhythm' => $entry['rhythm'],
            'authors' => $entry['authors'],
        ];
        if (isset($entry['license'])) {
            $preview['license'] = $entry['license'];
        }
        $preview['items'] = array_map(fn($item) => ['id' => $item['id'], 'kind' => $item['kind'],
            'title' => $item['title'], 'duration' => $item['duration']], $loaded['pkg']['items']);
        $preview['versions'] = views::history($entry, 5);
        return ['ok' => true, 'preview' => $preview];
    }

    /**
     * A new module step for `module.add`, opening today.
     *
     * @param array $entry
     * @param string $base
     * @param string $version
     * @param string $stepid
     * @param string $today YYYY-MM-DD
     * @return array
     */
    public static function new_module_step(array $entry, string $base, string $version, string $stepid,
            string $today): array {
        $minutes = $entry['durations']['distance'] ?: $entry['durations']['inPerson'];
        return [
            'kind' => 'module',
            'id' => $stepid,
            'title' => views::cut($entry['title'], programme::MAX_TITLE),
            'catalog' => ['base' => $base, 'entryId' => $entry['id'], 'version' => $version],
            'opens' => $today,
            'durationMinutes' => min(programme::MAX_MODULE_MINUTES, max(programme::MIN_MINUTES, (int) $minutes)),
        ];
    }

    /**
     * A trainee's item states from their records.
     *
     * @param array $items package items
     * @param array $records by item id: completed, seconds, bestscaled?, best?, attempts?
     * @return array by item id: ItemState
     */
    public static function item_states(array $items, array $records): array {
        $states = [];
        foreach ($records as $itemid => $record) {
            $states[(string) $itemid] = self::item_state($record);
        }
        return $states;
    }

    /**
     * One ItemState.
     *
     * @param array|null $record completed, seconds, best (raw, max, scaled) or null, attempts
     * @return array
     */
    public static function item_state(?array $record): array {
        return [
            'completed' => !empty($record['completed']),
            'seconds' => (int) ($record['seconds'] ?? 0),
            'best' => isset($record['best']) ? ['raw' => $record['best']['raw'] + 0, 'max' => $record['best']['max'] + 0,
                'scaled' => $record['best']['scaled'] + 0] : null,
            'attempts' => (int) ($record['attempts'] ?? 0),
        ];
    }

    /**
     * The records progress::step_figures reads.
     *
     * @param array $records by item id
     * @return array
     */
    public static function figure_records(array $records): array {
        $out = [];
        foreach ($records as $itemid => $record) {
            $out[(string) $itemid] = ['completed' => !empty($record['completed']),
                'seconds' => (int) ($record['seconds'] ?? 0),
                'bestscaled' => isset($record['best']) ? (float) $record['best']['scaled'] : null];
        }
        return $out;
    }

    /**
     * `module.play`'s outline.
     *
     * @param array $step
     * @param array $loaded catalog_set::package()
     * @param bool $preview a trainer: nothing recorded
     * @param string $now
     * @param array $records the trainee's records by item id (empty in preview)
     * @param string|null $h5pplayer the sandboxed H5P player page's address
     * @return array
     */
    public static function outline(array $step, array $loaded, bool $preview, string $now, array $records,
            ?string $h5pplayer): array {
        $items = $loaded['pkg']['items'];
        $figures = progress::step_figures($items, self::figure_records($records));
        $outline = [
            'stepId' => $step['id'],
            'title' => $step['title'],
            'version' => $step['catalog']['version'],
            'preview' => $preview,
            'reach' => programme::reach($step, $now),
            'items' => array_map(fn($item) => [
                'id' => $item['id'],
                'kind' => $item['kind'],
                'title' => $item['title'],
                'duration' => $item['duration'],
                'parts' => count(views::split_parts(self::item_json($item, $loaded))),
                'state' => self::item_state($records[$item['id']] ?? null),
            ], $items),
            'progress' => ['percent' => $figures['percent'], 'completed' => $figures['completed'],
                'seconds' => $figures['seconds']],
        ];
        $hash5p = count(array_filter($items, fn($item) => $item['kind'] === 'h5p')) > 0;
        if ($hash5p && $h5pplayer !== null) {
            $outline['h5pPlayer'] = $h5pplayer;
        }
        return $outline;
    }

    /**
     * An item's playable JSON text.
     *
     * @param array $item
     * @param array $loaded
     * @return string
     */
    public static function item_json(array $item, array $loaded): string {
        return json_encode(views::playable($item, $loaded['packageurl'], $loaded['librariesurl']),
            JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR);
    }

    /**
     * `module.item`: one part of an item.
     *
     * @param array $item
     * @param array $loaded
     * @param int $part
     * @return array
     * @throws invalid_input when the part does not exist
     */
    public static function item_part(array $item, array $loaded, int $part): array {
        $parts = views::split_parts(self::item_json($item, $loaded));
        if ($part >= count($parts)) {
            throw new invalid_input('This item has ' . count($parts) . ' part(s).');
        }
        return ['part' => $part, 'parts' => count($parts), 'text' => $parts[$part]];
    }

    /**
     * What a write answers (`module.progress`, `module.xapi`).
     *
     * @param array $items package items
     * @param array $records the trainee's records by item id, after the write
     * @param string $itemid
     * @param bool $recorded
     * @return array
     */
    public static function written(array $items, array $records, string $itemid, bool $recorded): array {
        $figures = progress::step_figures($items, self::figure_records($records));
        return [
            'recorded' => $recorded,
            'item' => self::item_state($records[$itemid] ?? null),
            'progress' => ['percent' => $figures['percent'], 'completed' => $figures['completed'],
                'seconds' => $figures['seconds']],
        ];
    }

    /**
     * A trainer's preview write: nothing recorded.
     *
     * @return array
     */
    public static function preview_written(): array {
        return ['recorded' => false, 'item' => self::item_state(null),
            'progress' => ['percent' => 0.0, 'completed' => false, 'seconds' => 0]];
    }

    /**
     * `module.report`.
     *
     * @param array[] $steps module steps
     * @param bool[] $scored whether each step (by id) has H5P items
     * @param array[] $trainees this page's trainees: id, name
     * @param array $summaries by user id, then step id: percent, completed, seconds, score
     * @param int $page
     * @param int $total
     * @return array
     */
    public static function report(array $steps, array $scored, array $trainees, array $summaries, int $page,
            int $total): array {
        $pages = max(1, (int) ceil($total / self::REPORT_PAGE_SIZE));
        $rows = [];
        foreach ($trainees as $trainee) {
            $figures = [];
            $bystep = [];
            foreach ($steps as $step) {
                $row = $summaries[$trainee['id']][$step['id']] ?? null;
                $one = ['percent' => (float) ($row['percent'] ?? 0), 'completed' => !empty($row['completed']),
                    'seconds' => (int) ($row['seconds'] ?? 0),
                    'score' => isset($row['score']) ? (float) $row['score'] : null];
                $figures[] = $one;
                $bystep[$step['id']] = $one;
            }
            $rows[] = ['userId' => (string) $trainee['id'], 'name' => views::cut($trainee['name'], 200),
                'steps' => (object) $bystep, 'programme' => progress::programme_figures($figures)];
        }
        return [
            'page' => min($pages, max(1, $page)),
            'pages' => $pages,
            'total' => $total,
            'steps' => array_map(fn($step) => ['stepId' => $step['id'], 'title' => $step['title'],
                'version' => $step['catalog']['version'], 'scored' => !empty($scored[$step['id']])], $steps),
            'rows' => $rows,
        ];
    }
}
