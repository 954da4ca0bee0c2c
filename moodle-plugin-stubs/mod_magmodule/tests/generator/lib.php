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
 * Data generator of the hybrid programme.
 *
 * @package    mod_magmodule
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class mod_magmodule_generator extends testing_module_generator {
    /**
     * Creates an instance; `steps` as a list of steps (model.ts shapes) or JSON text, checked as a trainer's save.
     *
     * @param array|stdClass|null $record
     * @param array|null $options
     * @return stdClass
     */
    public function create_instance($record = null, ?array $options = null) {
        $record = (object) (array) $record;
        $record->steps = $record->steps ?? [];
        $record->grade = $record->grade ?? 0;
        $record->completionmodules = $record->completionmodules ?? 0;
        return parent::create_instance($record, (array) $options);
    }

    /**
     * Serves the fixture catalog (tests/fixtures/catalog_fixture.php) to the module: the admin setting allows it,
     * and catalog requests are answered from memory.
     *
     * @return module_catalog_fixture
     */
    public function use_fixture_catalog(): module_catalog_fixture {
        require_once(__DIR__ . '/../fixtures/catalog_fixture.php');
        $fixture = new module_catalog_fixture();
        set_config('catalogs', module_catalog_fixture::BASE, 'mod_magmodule');
        \mod_magmodule\catalogs::set_fetcher_for_tests($fixture->fetcher());
        \cache::make('mod_magmodule', 'catalogs')->purge();
        \cache::make('mod_magmodule', 'packages')->purge();
        return $fixture;
    }

    /**
     * A module step of the fixture catalog.
     *
     * @param string $id
     * @param string $entryid
     * @param string $version
     * @param array $more opens, closes…
     * @return array
     */
    public static function module_step(string $id, string $entryid = 'evaluer', string $version = '1.1.0',
            array $more = []): array {
        require_once(__DIR__ . '/../fixtures/catalog_fixture.php');
        return ['kind' => 'module', 'id' => $id, 'title' => "Module $entryid",
            'catalog' => ['base' => module_catalog_fixture::BASE, 'entryId' => $entryid, 'version' => $version],
            'durationMinutes' => 60] + $more;
    }

    /**
     * An in-person step.
     *
     * @param string $id
     * @param string $date
     * @param string $start
     * @return array
     */
    public static function session_step(string $id, string $date = '2026-03-02', string $start = '09:00'): array {
        return ['kind' => 'inperson', 'id' => $id, 'title' => "Session $id", 'date' => $date, 'start' => $start,
            'durationMinutes' => 180, 'place' => 'Salle 3'];
    }
}
