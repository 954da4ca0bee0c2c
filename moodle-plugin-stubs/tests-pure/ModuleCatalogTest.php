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

use mod_magmodule\local\catalog_client;
use mod_magmodule\local\catalog_error;
use mod_magmodule\local\invalid_input;
use mod_magmodule\local\programme;
use mod_magmodule\local\search;
use PHPUnit\Framework\TestCase;

require_once(dirname(__DIR__) . '/mod_magmodule/tests/fixtures/catalog_fixture.php');

/**
 * The module's catalog client (allowlist, format checks, paths inside the catalog), search, and the programme's
 * step checks, as in module-activity/test/{client,search,programme}.test.ts.
 *
 * @covers \mod_magmodule\local\catalog_client
 * @covers \mod_magmodule\local\catalog_format
 * @covers \mod_magmodule\local\search
 * @covers \mod_magmodule\local\programme
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class ModuleCatalogTest extends TestCase {
    /**
     * Asserts that a call fails with a catalog error code.
     *
     * @param string $code
     * @param callable $call
     */
    private function assertCatalogError(string $code, callable $call): void {
        try {
            $call();
            $this->fail("Expected catalog error $code");
        } catch (catalog_error $e) {
            $this->assertSame($code, $e->errorcode, $e->getMessage());
        }
    }

    public function test_bases_are_normalised_and_only_allowed_ones_fetched(): void {
        $this->assertSame('https://catalogue.example.fr/c/', catalog_client::normalize_base(' https://Catalogue.example.fr/c '));
        $this->assertSame('http://localhost:8080/c/', catalog_client::normalize_base('http://localhost:8080/c/'));
        foreach (['http://catalogue.example.fr/c/', 'https://u:p@catalogue.example.fr/c/', 'https://x.fr/c/?a=1',
                'https://x.fr/c/#top', 'ftp://x.fr/', 'c/', 'https://x.fr/a/../b/', 'javascript:alert(1)'] as $bad) {
            $this->assertNull(catalog_client::normalize_base($bad), $bad);
        }
        $allow = catalog_client::parse_allowlist("https://catalogue.example.fr/c\n# comment\nnot a url\n");
        $this->assertSame(['https://catalogue.example.fr/c/'], $allow);
        $this->assertTrue(catalog_client::is_allowed('https://catalogue.example.fr/c/sub/', $allow));
        $this->assertFalse(catalog_client::is_allowed('https://catalogue.example.fr/catalog2/', $allow));
        $this->assertFalse(catalog_client::is_allowed('https://catalogue.example.fr.evil.test/c/', $allow));

        $fixture = new module_catalog_fixture();
        $this->assertCatalogError('not_allowed',
            fn() => new catalog_client('https://ailleurs.example/c/', $allow, $fixture->fetcher()));
        $this->assertCatalogError('bad_url', fn() => new catalog_client('file:///etc/', $allow, $fixture->fetcher()));
        $this->assertSame([], $fixture->fetched);
    }

    public function test_reads_the_index_once_and_packages_checked(): void {
        $fixture = new module_catalog_fixture();
        $client = new catalog_client(module_catalog_fixture::BASE, [module_catalog_fixture::BASE], $fixture->fetcher());
        $this->assertSame('Catalogue test', $client->index()['title']);
        $this->assertSame('1.1.0', $client->entry('evaluer')['latest']);
        $pkg = $client->package('evaluer', '1.1.0');
        $this->assertSame(['intro', 'exercice'], array_column($pkg['items'], 'id'));
        $this->assertSame(module_catalog_fixture::BASE . 'h5p-libraries/', $client->libraries_url());
        $this->assertCount(2, $fixture->fetched, 'the index is read once');
        $this->assertCatalogError('unknown_module', fn() => $client->entry('absent'));
        $this->assertCatalogError('unknown_version', fn() => $client->package('evaluer', '9.0.0'));
    }

    /**
     * Broken catalogs, each with the code it must fail with.
     *
     * @return array
     */
    public static function broken(): array {
        return [
            'http error' => ['http', fn($f) => $f->files[module_catalog_fixture::BASE . 'index.json'] = 500],
            'not JSON' => ['invalid_json', fn($f) => $f->files[module_catalog_fixture::BASE . 'index.json'] = '{oops'],
            'not UTF-8' => ['invalid_json', fn($f) => $f->files[module_catalog_fixture::BASE . 'index.json'] = "\xff\xfe"],
            'other format' => ['unsupported_format', fn($f) => $f->edit('index.json',
                fn($i) => ['formatVersion' => 2] + $i)],
            'bad nature' => ['invalid', fn($f) => $f->edit('index.json', function ($i) {
                $i['modules'][0]['nature'] = 'unknown';
                return $i;
            })],
            'path out of the catalog' => ['invalid', fn($f) => $f->edit('index.json', function ($i) {
                $i['modules'][0]['versions'][0]['package'] = '../other/module.json';
                return $i;
            })],
            'package of another module' => ['mismatch', fn($f) => $f->edit('modules/evaluer/1.1.0/module.json',
                fn($p) => ['id' => 'oral'] + $p)],
            'duplicate item ids' => ['invalid', fn($f) => $f->edit('modules/evaluer/1.1.0/module.json', function ($p) {
                $p['items'][1]['id'] = 'intro';
                return $p;
            })],
            'h5p folder out of the catalog' => ['invalid', fn($f) => $f->edit('modules/evaluer/1.1.0/module.json',
                function ($p) {
                    $p['items'][1]['path'] = '.hidden';
                    return $p;
                })],
            'too large' => ['too_large', fn($f) => $f->files[module_catalog_fixture::BASE
                . 'modules/evaluer/1.1.0/module.json'] = str_repeat(' ', catalog_client::PACKAGE_BYTES + 1)],
        ];
    }

    /**
     * @dataProvider broken
     * @param string $code
     * @param callable $break
     */
    public function test_broken_catalogs_fail_with_their_code(string $code, callable $break): void {
        $fixture = new module_catalog_fixture();
        $break($fixture);
        $client = new catalog_client(module_catalog_fixture::BASE, [module_catalog_fixture::BASE], $fixture->fetcher());
        $this->assertCatalogError($code, fn() => $client->package('evaluer', '1.1.0'));
    }

    public function test_search_accent_insensitive_with_facets(): void {
        $fixture = new module_catalog_fixture();
        $client = new catalog_client(module_catalog_fixture::BASE, [module_catalog_fixture::BASE], $fixture->fetcher());
        $entries = $client->index()['modules'];
        $titles = fn($result) => array_map(fn($doc) => $entries[$doc]['id'], $result['hits']);
        $this->assertSame(['evaluer'], $titles(search::run($entries, ['text' => 'EVAL comp'])));
        $this->assertSame(['oral'], $titles(search::run($entries, ['text' => 'l’oral'])));
        $this->assertSame([], $titles(search::run($entries, ['text' => 'inexistant'])));
        $this->assertSame(['oral', 'evaluer'], $titles(search::run($entries, [])), 'by title without accents: Enseigner, Évaluer');
        $filtered = search::run($entries, ['filters' => ['modality' => ['hybrid']]]);
        $this->assertSame(['oral'], $titles($filtered));
        $modality = array_column($filtered['facets']['modality'], 'count', 'value');
        $this->assertSame(['distance' => 1, 'in-person' => 0, 'hybrid' => 1], $modality,
            'a facet counts without its own filter');
        $public = array_column($filtered['facets']['public'], 'count', 'value');
        $this->assertSame(0, $public['primary'], 'other facets count with the filter');
        $this->assertSame(['evaluer', 'oral'], $titles(search::run($entries, ['sort' => 'recent'])));
        $paged = search::run($entries, ['pagesize' => 1, 'page' => 5]);
        $this->assertSame([2, 2, 2], [$paged['total'], $paged['pages'], $paged['page']]);
    }

    public function test_steps_are_checked_field_by_field(): void {
        $steps = [
            ['kind' => 'inperson', 'id' => 's1', 'title' => 'Lancement', 'date' => '2026-03-02', 'start' => '09:00',
                'durationMinutes' => 180, 'place' => 'Salle 3', 'extra' => 'dropped'],
            ['kind' => 'synchronous', 'id' => 's2', 'title' => 'Classe virtuelle', 'date' => '2026-03-09',
                'start' => '17:00', 'durationMinutes' => 60, 'link' => 'https://visio.example.fr/r/1'],
            ['kind' => 'module', 'id' => 'm1', 'title' => 'Évaluer', 'durationMinutes' => 60, 'opens' => '2026-03-02',
                'catalog' => ['base' => module_catalog_fixture::BASE, 'entryId' => 'evaluer', 'version' => '1.0.0']],
        ];
        $checked = programme::check_steps($steps);
        $this->assertArrayNotHasKey('extra', $checked[0]);
        $this->assertSame('https://visio.example.fr/r/1', $checked[1]['link']);
        $this->assertCount(1, programme::module_steps($checked));

        $bad = [
            'javascript link' => [1, 'link', 'javascript:alert(1)'],
            'no such date' => [0, 'date', '2026-02-30'],
            'too long' => [0, 'durationMinutes', 721],
            'bad time' => [0, 'start', '24:00'],
            'blank title' => [0, 'title', '   '],
            'closes before opens' => [2, 'closes', '2026-03-01'],
            'bad version' => [2, 'catalog', ['entryId' => 'evaluer', 'version' => '1.0']],
            'same id' => [1, 'id', 's1'],
        ];
        foreach ($bad as $name => [$index, $field, $value]) {
            $broken = $steps;
            $broken[$index][$field] = $value;
            try {
                programme::check_steps($broken);
                $this->fail($name);
            } catch (invalid_input $e) {
                $this->assertStringContainsString("steps[$index]", $e->getMessage(), $name);
            }
        }
        $this->expectException(invalid_input::class);
        programme::check_steps(array_fill(0, 101, $steps[0]));
    }

    public function test_session_timing_and_instants(): void {
        $session = ['kind' => 'inperson', 'date' => '2026-03-02', 'start' => '23:00', 'durationMinutes' => 120];
        $this->assertSame('upcoming', programme::timing($session, '2026-03-02T22:59'));
        $this->assertSame('current', programme::timing($session, '2026-03-03T00:59'));
        $this->assertSame('past', programme::timing($session, '2026-03-03T01:00'));
        // 09:00 in Paris in winter is 08:00 UTC, in summer 07:00 UTC.
        $this->assertSame(gmmktime(8, 0, 0, 3, 2, 2026), programme::instant('2026-03-02', '09:00'));
        $this->assertSame(gmmktime(7, 0, 0, 6, 2, 2026), programme::instant('2026-06-02', '09:00'));
    }
}
