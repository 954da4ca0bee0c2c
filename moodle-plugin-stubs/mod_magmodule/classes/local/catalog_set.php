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
 * The catalogs an administrator allowed, read through catalog_client, pure apart from what it is given: the
 * allowlist, a fetcher, and a cache (`get(string $key)` returning the stored value or null, `set(string $key, $value)`).
 * The Moodle side gives Moodle's curl and a MUC cache (see \mod_magmodule\catalogs); the pure tests and the scenarios
 * script an array.
 *
 * Indexes are cached for their time-to-live (the cache's business), packages per address (a version's package never
 * changes); what comes out of the cache is checked again. A failure is remembered briefly too, so that a catalog that
 * is down does not make every page wait for its timeout.
 *
 * @package    mod_magmodule
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class catalog_set {
    /** @var int Seconds a catalog that could not be reached is not asked again. */
    public const FAILURE_TTL = 30;
    /** @var string[] The allowed bases, normalised. */
    public $allowlist;
    /** @var callable */
    private $fetch;
    /** @var object|null Cache with get() and set(). */
    private $cache;
    /** @var catalog_client[] Clients by base. */
    private $clients = [];

    /**
     * The allowed catalogs.
     *
     * @param string[] $allowlist normalised bases (catalog_client::parse_allowlist)
     * @param callable $fetch
     * @param object|null $cache with get(string) and set(string, mixed)
     */
    public function __construct(array $allowlist, callable $fetch, $cache = null) {
        $this->allowlist = array_values($allowlist);
        $this->fetch = $fetch;
        $this->cache = $cache;
    }

    /**
     * The client of one base (which must be allowed).
     *
     * @param string $base
     * @return catalog_client
     * @throws catalog_error bad_url, not_allowed
     */
    public function client(string $base): catalog_client {
        $normal = catalog_client::normalize_base($base) ?? $base;
        if (!isset($this->clients[$normal])) {
            $client = new catalog_client($base, $this->allowlist, $this->fetch);
            $this->clients[$normal] = $client;
        }
        return $this->clients[$normal];
    }

    /**
     * A client with its index read (from the cache when it holds it).
     *
     * @param string $base
     * @return catalog_client
     * @throws catalog_error
     */
    public function loaded(string $base): catalog_client {
        $client = $this->client($base);
        $key = 'index_' . sha1($client->base);
        $cached = $this->cache ? $this->cache->get($key) : null;
        if (is_array($cached) && isset($cached['problem']) && time() - (int) ($cached['at'] ?? 0) < self::FAILURE_TTL) {
            throw new catalog_error($cached['problem']['code'], 'Catalog unavailable (remembered): ' . $client->base,
                $cached['problem']['url'] ?? $client->base);
        }
        if (is_array($cached) && isset($cached['index'])) {
            try {
                $client->set_index($cached['index']);
                return $client;
            } catch (catalog_error $e) {
                // A stored index that no longer passes: read it again.
                unset($e);
            }
        }
        try {
            $index = $client->index();
        } catch (catalog_error $e) {
            if ($this->cache && in_array($e->errorcode, ['network', 'http'], true)) {
                $this->cache->set($key, ['problem' => $e->problem(), 'at' => time()]);
            }
            throw $e;
        }
        if ($this->cache) {
            $this->cache->set($key, ['index' => $index]);
        }
        return $client;
    }

    /**
     * Every allowed catalog with its index, or the problem that keeps it out.
     *
     * @return array[] [['base' => string, 'client' => ?catalog_client, 'problem' => ?array], …]
     */
    public function all(): array {
        $views = [];
        foreach ($this->allowlist as $base) {
            try {
                $views[] = ['base' => $base, 'client' => $this->loaded($base), 'problem' => null];
            } catch (catalog_error $e) {
                $views[] = ['base' => $base, 'client' => null, 'problem' => $e->problem()];
            }
        }
        return $views;
    }

    /**
     * A module's entry: in the given catalog, or, for references without one, in the allowed catalogs in order.
     *
     * @param string $entryid
     * @param string|null $base
     * @return array ['base' => string, 'client' => catalog_client, 'entry' => array]
     * @throws catalog_error
     */
    public function entry(string $entryid, ?string $base = null): array {
        if ($base !== null) {
            $client = $this->loaded($base);
            return ['base' => $client->base, 'client' => $client, 'entry' => $client->entry($entryid)];
        }
        $last = null;
        foreach ($this->all() as $view) {
            if ($view['client'] === null) {
                $last = new catalog_error($view['problem']['code'], 'Catalog unavailable', $view['base']);
                continue;
            }
            foreach ($view['client']->index()['modules'] as $entry) {
                if ($entry['id'] === $entryid) {
                    return ['base' => $view['base'], 'client' => $view['client'], 'entry' => $entry];
                }
            }
        }
        throw $last ?? new catalog_error('unknown_module', "No module $entryid in the allowed catalogs");
    }

    /**
     * One version of a module, checked, with the addresses the player needs.
     *
     * @param array $ref a catalog reference: entryId, version, base?
     * @return array ['base', 'entry', 'pkg', 'packageurl', 'librariesurl']
     * @throws catalog_error
     */
    public function package(array $ref): array {
        $found = $this->entry($ref['entryId'], $ref['base'] ?? null);
        $client = $found['client'];
        $url = $client->package_url($ref['entryId'], $ref['version']);
        $key = 'package_' . sha1($url);
        $cached = $this->cache ? $this->cache->get($key) : null;
        $pkg = null;
        if (is_array($cached)) {
            try {
                $pkg = $client->package($ref['entryId'], $ref['version'], $cached);
            } catch (catalog_error $e) {
                $pkg = null;
            }
        }
        if ($pkg === null) {
            $pkg = $client->package($ref['entryId'], $ref['version']);
            if ($this->cache) {
                $this->cache->set($key, self::raw_package($pkg));
            }
        }
        return ['base' => $found['base'], 'entry' => $found['entry'], 'pkg' => $pkg, 'packageurl' => $url,
            'librariesurl' => $client->libraries_url()];
    }

    /**
     * A checked package in a shape check_package reads back (quiz items keep a list of their questions' count).
     *
     * @param array $pkg
     * @return array
     */
    private static function raw_package(array $pkg): array {
        foreach ($pkg['items'] as $i => $item) {
            if ($item['kind'] === 'quiz') {
                $pkg['items'][$i]['questions'] = array_fill(0, (int) $item['questions'], ['cached' => true]);
            }
        }
        return $pkg;
    }
}
