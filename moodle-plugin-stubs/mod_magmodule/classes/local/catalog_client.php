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
 * The catalog client, pure apart from the fetcher it is given: module-activity/src/catalog/client.ts in PHP.
 *
 * Trust: nothing is fetched unless the base URL is inside the allowlist (the admin's setting `catalogs`); redirections
 * are not followed (the Moodle fetcher refuses them); every answer is size-capped, parsed and checked against the
 * catalog format (docs/catalog.md; unknown fields are ignored, as readers must); every path a document gives must
 * resolve inside the base URL; a package must be the module and version asked for.
 *
 * The fetcher: `function (string $url, int $maxbytes): array` returning `['status' => int, 'body' => string]`, or
 * throwing catalog_error (network, too_large).
 *
 * @package    mod_magmodule
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class catalog_client {
    /** @var int The largest index.json accepted, in bytes. */
    public const INDEX_BYTES = 20 * 1024 * 1024;
    /** @var int The largest module.json accepted, in bytes. */
    public const PACKAGE_BYTES = 2 * 1024 * 1024;
    /** @var int The format's major version. */
    public const FORMAT_VERSION = 1;

    /** @var string The canonical base URL (ends with /). */
    public $base;
    /** @var string[] */
    private $allowlist;
    /** @var callable */
    private $fetch;
    /** @var array|null The index, once read. */
    private $index = null;

    /**
     * A client of one catalog.
     *
     * @param string $base the folder of its index.json
     * @param string[] $allowlist the admin's allowed bases
     * @param callable $fetch see the class comment
     * @throws catalog_error bad_url, not_allowed
     */
    public function __construct(string $base, array $allowlist, callable $fetch) {
        $normal = self::normalize_base($base);
        if ($normal === null) {
            throw new catalog_error('bad_url', "Not a catalog address: $base", $base);
        }
        if (!self::is_allowed($normal, $allowlist)) {
            throw new catalog_error('not_allowed', "This catalog is not among the allowed ones: $normal", $normal);
        }
        $this->base = $normal;
        $this->allowlist = $allowlist;
        $this->fetch = $fetch;
    }

    /**
     * A base URL in canonical form (ending with /), or null when it cannot be one: not absolute, not https (http only
     * for localhost), with credentials, a query or a fragment.
     *
     * @param string $value
     * @return string|null
     */
    public static function normalize_base(string $value): ?string {
        $value = trim($value);
        if ($value === '' || preg_match('/[\s\x00-\x1f\x7f\\\\]/u', $value)) {
            return null;
        }
        $parts = parse_url($value);
        if (!is_array($parts) || !isset($parts['scheme'], $parts['host'])) {
            return null;
        }
        $scheme = strtolower($parts['scheme']);
        $host = strtolower($parts['host']);
        $local = in_array($host, ['localhost', '127.0.0.1', '[::1]'], true);
        if (!($scheme === 'https' || ($scheme === 'http' && $local))) {
            return null;
        }
        if (isset($parts['user']) || isset($parts['pass']) || isset($parts['query']) || isset($parts['fragment'])
                || str_contains($value, '?') || str_contains($value, '#')) {
            return null;
        }
        $path = $parts['path'] ?? '/';
        if ($path === '' || $path[0] !== '/' || preg_match('#(^|/)\.\.?(/|$)#', $path)) {
            return null;
        }
        if (!str_ends_with($path, '/')) {
            $path .= '/';
        }
        $port = isset($parts['port']) ? ':' . $parts['port'] : '';
        if (($scheme === 'https' && $port === ':443') || ($scheme === 'http' && $port === ':80')) {
            $port = '';
        }
        return "$scheme://$host$port$path";
    }

    /**
     * Whether an address is inside one of the allowed bases: same origin, under the base's folder.
     *
     * @param string $url
     * @param string[] $allowlist
     * @return bool
     */
    public static function is_allowed(string $url, array $allowlist): bool {
        $target = self::normalize_base($url);
        if ($target === null) {
            return false;
        }
        // normalize_base adds a final slash: a base is compared as a folder.
        foreach ($allowlist as $entry) {
            $base = self::normalize_base((string) $entry);
            if ($base !== null && str_starts_with($target, $base)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The allowed bases of the admin's setting: one per line, each normalised; lines that are not bases are left out.
     *
     * @param string $setting
     * @return string[]
     */
    public static function parse_allowlist(string $setting): array {
        $bases = [];
        foreach (preg_split('/\R/', $setting) as $line) {
            $line = trim($line);
            if ($line === '' || $line[0] === '#') {
                continue;
            }
            $base = self::normalize_base($line);
            if ($base !== null && !in_array($base, $bases, true)) {
                $bases[] = $base;
            }
        }
        return $bases;
    }

    /**
     * A relative path of a document made absolute against the document's address, refused unless it stays inside
     * the catalog. Paths of the format are `segment/segment…` where no segment starts with a dot.
     *
     * @param string $path
     * @param string|null $from the document's address (the base's index.json by default)
     * @return string
     * @throws catalog_error invalid
     */
    public function inside(string $path, ?string $from = null): string {
        $from = $from ?? $this->base . 'index.json';
        $segment = '[A-Za-z0-9_~-][A-Za-z0-9._~-]*';
        if (!preg_match("#^$segment(?:/$segment)*/?$#D", $path) || strlen($path) > 2000) {
            throw new catalog_error('invalid', "A path leaves the catalog: $path", $from);
        }
        $folder = substr($from, 0, strrpos($from, '/') + 1);
        $url = $folder . $path;
        if (!str_starts_with($url, $this->base)) {
            throw new catalog_error('invalid', "A path leaves the catalog: $path", $from);
        }
        return $url;
    }

    /**
     * Fetches and parses a JSON document.
     *
     * @param string $url
     * @param int $max bytes
     * @return mixed
     */
    private function get_json(string $url, int $max) {
        $answer = ($this->fetch)($url, $max);
        $status = (int) ($answer['status'] ?? 0);
        if ($status < 200 || $status > 299) {
            throw new catalog_error('http', "The catalog answered $status for $url", $url);
        }
        $body = (string) ($answer['body'] ?? '');
        if (strlen($body) > $max) {
            throw new catalog_error('too_large', "More than $max bytes: $url", $url);
        }
        if (!mb_check_encoding($body, 'UTF-8')) {
            throw new catalog_error('invalid_json', "Not UTF-8 text: $url", $url);
        }
        if (str_starts_with($body, "\xEF\xBB\xBF")) {
            $body = substr($body, 3);
        }
        try {
            return json_decode($body, true, 64, JSON_THROW_ON_ERROR);
        } catch (\JsonException $e) {
            throw new catalog_error('invalid_json', "Not JSON: $url", $url);
        }
    }

    /**
     * The catalog's index, read once and kept.
     *
     * @return array
     */
    public function index(): array {
        if ($this->index === null) {
            $url = $this->base . 'index.json';
            $index = catalog_format::check_index($this->get_json($url, self::INDEX_BYTES), $url);
            if (isset($index['h5pLibraries'])) {
                $this->inside($index['h5pLibraries'] . '/', $url);
            }
            foreach ($index['modules'] as $entry) {
                $this->inside($entry['thumbnail'], $url);
                foreach ($entry['versions'] as $version) {
                    $this->inside($version['package'], $url);
                }
            }
            $this->index = $index;
        }
        return $this->index;
    }

    /**
     * Gives the client an index read before (from the cache): it is checked again, as anything stored may be old.
     *
     * @param array $index
     */
    public function set_index(array $index): void {
        $this->index = catalog_format::check_index($index, $this->base . 'index.json');
    }

    /**
     * A module's entry.
     *
     * @param string $id
     * @return array
     */
    public function entry(string $id): array {
        foreach ($this->index()['modules'] as $entry) {
            if ($entry['id'] === $id) {
                return $entry;
            }
        }
        throw new catalog_error('unknown_module', "No module $id in this catalog", $this->base);
    }

    /**
     * The address of one version's package.
     *
     * @param string $id
     * @param string $version
     * @return string
     */
    public function package_url(string $id, string $version): string {
        foreach ($this->entry($id)['versions'] as $listed) {
            if ($listed['version'] === $version) {
                return $this->inside($listed['package']);
            }
        }
        throw new catalog_error('unknown_version', "No version $version of module $id", $this->base);
    }

    /**
     * The address of the catalog's shared H5P libraries (ends with /).
     *
     * @return string
     */
    public function libraries_url(): string {
        return $this->inside(($this->index()['h5pLibraries'] ?? 'h5p-libraries') . '/');
    }

    /**
     * One version of a module, checked.
     *
     * @param string $id
     * @param string $version
     * @param array|null $cached the package read before (from the cache): checked again
     * @return array
     */
    public function package(string $id, string $version, ?array $cached = null): array {
        $url = $this->package_url($id, $version);
        $pkg = catalog_format::check_package($cached ?? $this->get_json($url, self::PACKAGE_BYTES), $url);
        if ($pkg['id'] !== $id || $pkg['version'] !== $version) {
            throw new catalog_error('mismatch', "$url is not version $version of $id", $url);
        }
        $this->inside($pkg['thumbnail'], $url);
        foreach ($pkg['items'] as $item) {
            if ($item['kind'] === 'h5p') {
                $this->inside($item['path'] . '/', $url);
            }
            if ($item['kind'] === 'video') {
                $refs = array_merge([$item['src']], isset($item['poster']) ? [$item['poster']] : [],
                    array_column($item['captions'], 'src'));
                foreach ($refs as $ref) {
                    if (!str_starts_with($ref, 'https://')) {
                        $this->inside($ref, $url);
                    }
                }
            }
        }
        return $pkg;
    }

    /**
     * An address of the package made absolute (media of videos: https:// addresses stay).
     *
     * @param string $ref
     * @param string $packageurl
     * @return string
     */
    public function in_package(string $ref, string $packageurl): string {
        return str_starts_with($ref, 'https://') ? $ref : $this->inside($ref, $packageurl);
    }
}
