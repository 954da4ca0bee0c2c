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
 * Writes the hybrid programme's scenarios as Moodle's web services would send them: each answer built by the plugin's
 * pure classes (mod_magmodule/classes/local: answers, views, progress, search, the catalog client reading a real built
 * catalog from disk), wrapped and cleaned by its web service's real `execute_returns()` structure with the
 * core_external stand-in (tests-pure/support/core_external.php); each scenario gives the `json` text the host module
 * parses into the bridge answer. module-activity/test/moodle-contract.test.ts checks every one with the
 * elements' valibot schemas.
 *
 * Usage: php moodle-plugin-stubs/tools/module-states.php CATALOG_DIR
 *   CATALOG_DIR: a catalog built by `mag-catalog build` (the contract test builds module-activity/catalog-sample),
 *   served to the plugin as https://catalogue.test/sample/. JSON on stdout; needs php-intl and php-mbstring.
 *
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

use mod_magmodule\local\answers;
use mod_magmodule\local\catalog_client;
use mod_magmodule\local\catalog_error;
use mod_magmodule\local\catalog_set;
use mod_magmodule\local\progress;

define('MOODLE_INTERNAL', true);

$stubs = dirname(__DIR__);
require_once($stubs . '/tests-pure/support/core_external.php');
foreach (glob($stubs . '/mod_magmodule/classes/local/*.php') as $file) {
    require_once($file);
}
foreach (['structures', 'programme_state'] as $class) {
    require_once($stubs . "/mod_magmodule/classes/external/$class.php");
}

$dir = $argv[1] ?? '';
if ($dir === '' || !is_file("$dir/index.json")) {
    fwrite(STDERR, "Usage: php module-states.php CATALOG_DIR (a built catalog, with index.json)\n");
    exit(2);
}
$base = 'https://catalogue.test/sample/';
$fetch = function (string $url, int $max) use ($dir, $base): array {
    $path = $dir . '/' . substr($url, strlen($base));
    if (!str_starts_with($url, $base) || !is_file($path)) {
        return ['status' => 404, 'body' => ''];
    }
    return ['status' => 200, 'body' => file_get_contents($path)];
};
$catalogs = new catalog_set(catalog_client::parse_allowlist($base), $fetch);

// Tuesday 3 March 2026, 10:00 in Paris: `soon` opens later, `over` is closed.
$now = '2026-03-03T10:00';
$ref = fn(string $id, string $version) => ['base' => $base, 'entryId' => $id, 'version' => $version];
$steps = [
    ['kind' => 'inperson', 'id' => 'lancement', 'title' => 'Lancement en présence', 'date' => '2026-03-02',
        'start' => '09:00', 'durationMinutes' => 180, 'place' => 'Canopé, salle 2'],
    ['kind' => 'module', 'id' => 'm-numerique', 'title' => 'Différencier avec le numérique',
        'catalog' => $ref('differencier-numerique', '1.0.0'), 'opens' => '2026-03-02', 'durationMinutes' => 60],
    ['kind' => 'synchronous', 'id' => 'classe', 'title' => 'Classe virtuelle', 'date' => '2026-03-10',
        'start' => '17:00', 'durationMinutes' => 60, 'link' => 'https://visio.example.fr/salle/1'],
    ['kind' => 'module', 'id' => 'm-soon', 'title' => 'Évaluer par compétences',
        'catalog' => $ref('evaluer-competences', '1.0.0'), 'opens' => '2026-03-12', 'closes' => '2026-03-30',
        'durationMinutes' => 90],
    ['kind' => 'module', 'id' => 'm-gone', 'title' => 'Un catalogue retiré',
        'catalog' => ['base' => 'https://ailleurs.example/c/', 'entryId' => 'ancien', 'version' => '1.0.0'],
        'durationMinutes' => 30],
];
$modules = array_values(array_filter($steps, fn($step) => $step['kind'] === 'module'));
$loaded = $catalogs->package($ref('differencier-numerique', '1.0.0'));
$h5p = null;
$page = null;
foreach ($loaded['pkg']['items'] as $item) {
    if ($item['kind'] === 'h5p' && $h5p === null) {
        $h5p = $item;
    }
    if ($item['kind'] === 'page' && $page === null) {
        $page = $item;
    }
}
// Lucas: the first page done in 2 minutes, one H5P attempt at 3/4.
$attempt = progress::apply_statement(null, 'answered', progress::check_result(
    ['score' => ['min' => 0, 'raw' => 3, 'max' => 4], 'completion' => true, 'success' => false, 'duration' => 'PT12S']),
    'session-0001')['attempt'];
$records = [
    $page['id'] => ['completed' => true, 'seconds' => 120, 'best' => null, 'attempts' => 0],
    $h5p['id'] => ['completed' => true, 'seconds' => 45, 'best' => ['raw' => $attempt['rawscore'],
        'max' => $attempt['maxscore'], 'scaled' => $attempt['scaled']], 'attempts' => 1],
];
$figures = progress::step_figures($loaded['pkg']['items'], answers::figure_records($records));
$summaries = ['m-numerique' => $figures];
$programme = ['id' => '42', 'title' => 'Parcours hybride : différencier'];
$player = 'https://moodle.example.fr/mod/magmodule/h5p.php?lang=fr';

$scenarios = [];
$add = function (string $name, string $subject, string $role, array $value) use (&$scenarios) {
    // As lib/ajax/service.php sends it: cleaned by the return structure, then parsed by the host module.
    $wire = \core_external\external_api::clean_returnvalue(\mod_magmodule\external\programme_state::execute_returns(),
        \mod_magmodule\external\structures::answer($value));
    // The JSON text itself: decoding it into PHP arrays would turn `{}` into `[]`.
    $scenarios[] = ['name' => $name, 'subject' => $subject, 'role' => $role, 'json' => $wire['json']];
};

$add('programme state, a trainee with progress', 'programme.state', 'trainee',
    answers::programme_state(7, 'Parcours hybride : différencier', $steps, $summaries));
$add('programme state, a trainer', 'programme.state', 'trainer',
    answers::programme_state(7, 'Parcours hybride : différencier', $steps, []));
$add('programme save, refused (stale version)', 'programme.save', 'trainer',
    ['saved' => false, 'state' => answers::programme_state(8, 'Parcours', $steps, [])]);
$add('programme catalog', 'programme.catalog', 'trainer', answers::catalog_choices($catalogs));

$add('module state, a trainee', 'module.state', 'trainee',
    answers::module_state(7, $programme, $modules, false, $now, $catalogs, $summaries));
$add('module state, a trainer: an update offered, a catalog out of the allowlist', 'module.state', 'trainer',
    answers::module_state(7, $programme, $modules, true, $now, $catalogs, []));
$add('module state, no step', 'module.state', 'trainee', answers::module_state(0, $programme, [], false, $now, $catalogs, []));

$in = ['differencier-numerique', 'evaluer-competences'];
$add('catalog search, words', 'module.catalog_search', 'trainer',
    answers::search($catalogs, ['text' => 'numerique'], $in));
$add('catalog search, ranked', 'module.catalog_search', 'trainer', answers::search($catalogs, ['text' => 'Élèves'], $in));
$add('catalog search, ranked by field', 'module.catalog_search', 'trainer', answers::search($catalogs, ['text' => 'avec'], $in));
$add('catalog search, a prefix', 'module.catalog_search', 'trainer', answers::search($catalogs, ['text' => 'évalu'], $in));
$add('catalog search, facets and page 2', 'module.catalog_search', 'trainer',
    answers::search($catalogs, ['filters' => ['public' => ['primary', 'secondary']], 'sort' => 'recent', 'page' => 2], $in));
$add('catalog search, nothing found', 'module.catalog_search', 'trainer', answers::search($catalogs, ['text' => 'zzz'], $in));
$add('catalog preview', 'module.catalog_preview', 'trainer',
    answers::preview($catalogs, $base, 'differencier-numerique', $in));
$add('catalog preview, unknown module', 'module.catalog_preview', 'trainer',
    answers::preview($catalogs, $base, 'inconnu', $in));
$add('catalog preview, a catalog not allowed', 'module.catalog_preview', 'trainer',
    answers::preview($catalogs, 'https://ailleurs.example/c/', 'ancien', $in));

$entry = $catalogs->entry('enseigner-oral', $base)['entry'];
$newstep = answers::new_module_step($entry, $base, $entry['latest'], 'module-1a2b3c4d', '2026-03-03');
$add('module add', 'module.add', 'trainer', ['ok' => true, 'stepId' => $newstep['id'],
    'state' => answers::module_state(8, $programme, array_merge($modules, [$newstep]), true, $now, $catalogs, [])]);
$add('module add, unknown version', 'module.add', 'trainer',
    ['ok' => false, 'problem' => ['code' => 'unknown_version', 'url' => $base]]);
$updated = $modules;
$updated[0]['catalog']['version'] = '1.1.0';
$add('module update', 'module.update', 'trainer',
    ['ok' => true, 'state' => answers::module_state(9, $programme, $updated, true, $now, $catalogs, [])]);

$scored = [];
foreach ($modules as $step) {
    try {
        $items = $catalogs->package($step['catalog'])['pkg']['items'];
        $scored[$step['id']] = count(array_filter($items, fn($item) => $item['kind'] === 'h5p')) > 0;
    } catch (catalog_error $e) {
        $scored[$step['id']] = false;
    }
}
$add('module report', 'module.report', 'trainer', answers::report($modules, $scored,
    [['id' => 12, 'name' => 'Lucas Bernard'], ['id' => 13, 'name' => 'Emma Petit']], [12 => $summaries], 1, 2));
$add('module report, nobody', 'module.report', 'trainer', answers::report($modules, $scored, [], [], 1, 0));

$add('module play, a trainee', 'module.play', 'trainee',
    ['ok' => true, 'outline' => answers::outline($modules[0], $loaded, false, $now, $records, $player)]);
$add('module play, a trainer (preview)', 'module.play', 'trainer',
    ['ok' => true, 'outline' => answers::outline($modules[0], $loaded, true, $now, [], $player)]);
$add('module play, an upcoming step', 'module.play', 'trainee', ['ok' => true,
    'outline' => answers::outline($modules[1], $catalogs->package($modules[1]['catalog']), false, $now, [], $player)]);
try {
    $catalogs->package($modules[2]['catalog']);
} catch (catalog_error $e) {
    $add('module play, a catalog not allowed', 'module.play', 'trainee', ['ok' => false, 'problem' => $e->problem()]);
}
foreach ($loaded['pkg']['items'] as $item) {
    $add("module item, {$item['kind']} {$item['id']}", 'module.item', 'trainee', answers::item_part($item, $loaded, 0));
}
$add('module progress, recorded', 'module.progress', 'trainee',
    answers::written($loaded['pkg']['items'], $records, $page['id'], true));
$add('module progress, a trainer (preview)', 'module.progress', 'trainer', answers::preview_written());
$add('module xapi, recorded', 'module.xapi', 'trainee', answers::written($loaded['pkg']['items'], $records, $h5p['id'], true));
$add('module xapi, a repeated key', 'module.xapi', 'trainee',
    answers::written($loaded['pkg']['items'], $records, $h5p['id'], false));
$add('module h5p save', 'module.h5p_save', 'trainee', ['saved' => true]);
$add('module h5p load', 'module.h5p_load', 'trainee', ['state' => '{"answers":[1]}']);
$add('module h5p load, nothing saved', 'module.h5p_load', 'trainee', ['state' => null]);

echo json_encode(['scenarios' => $scenarios, 'figures' => ['records' => answers::figure_records($records),
    'items' => array_map(fn($item) => ['id' => $item['id'], 'kind' => $item['kind']], $loaded['pkg']['items']),
    'step' => $figures]], JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION
    | JSON_THROW_ON_ERROR), "\n";
