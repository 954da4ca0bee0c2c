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

namespace mod_magmodule;

use mod_magmodule\local\catalog_client;
use mod_magmodule\local\catalog_error;
use mod_magmodule\local\catalog_set;

/**
 * The allowed catalogs on Moodle: the admin setting `mod_magmodule/catalogs` (one base URL per line, exact origins
 * and paths, like the reference host's MAG_CATALOGS), fetched by the server only with Moodle's curl class (its
 * blocked hosts and ports apply), without cookies or redirections, size-capped while downloading, and cached in MUC.
 *
 * @package    mod_magmodule
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class catalogs {
    /** @var int Seconds before a catalog request gives up. */
    public const TIMEOUT = 10;

    /** @var callable|null A fetcher set by tests (PHPUnit in Moodle), instead of curl. */
    private static $testfetcher = null;
    /** @var catalog_set|null The set of this request. */
    private static $set = null;

    /**
     * The allowed bases, from the admin setting.
     *
     * @return string[]
     */
    public static function allowlist(): array {
        return catalog_client::parse_allowlist((string) get_config('mod_magmodule', 'catalogs'));
    }

    /**
     * The catalogs of this request.
     *
     * @return catalog_set
     */
    public static function set(): catalog_set {
        if (self::$set === null) {
            self::$set = new catalog_set(self::allowlist(), self::$testfetcher ?? [self::class, 'fetch'], new class {
                /**
                 * A cached value.
                 *
                 * @param string $key
                 * @return mixed
                 */
                public function get(string $key) {
                    $cache = \cache::make('mod_magmodule', str_starts_with($key, 'package_') ? 'packages' : 'catalogs');
                    $value = $cache->get($key);
                    return $value === false ? null : $value;
                }

                /**
                 * Stores a value.
                 *
                 * @param string $key
                 * @param mixed $value
                 */
                public function set(string $key, $value): void {
                    $cache = \cache::make('mod_magmodule', str_starts_with($key, 'package_') ? 'packages' : 'catalogs');
                    $cache->set($key, $value);
                }
            });
        }
        return self::$set;
    }

    /**
     * Tests: answers catalog requests with a function instead of the network (null: the network again).
     *
     * @param callable|null $fetcher see local\catalog_client
     */
    public static function set_fetcher_for_tests(?callable $fetcher): void {
        self::$testfetcher = $fetcher;
        self::$set = null;
    }

    /**
     * Fetches one catalog document with Moodle's curl.
     *
     * @param string $url
     * @param int $max bytes
     * @return array ['status' => int, 'body' => string]
     * @throws catalog_error network, too_large
     */
    public static function fetch(string $url, int $max): array {
        global $CFG;
        require_once($CFG->libdir . '/filelib.php');
        $curl = new \curl(['ignoresecurity' => false]);
        $toolarge = false;
        $options = [
            'CURLOPT_FOLLOWLOCATION' => 0,
            'CURLOPT_TIMEOUT' => self::TIMEOUT,
            'CURLOPT_CONNECTTIMEOUT' => 5,
            'CURLOPT_MAXFILESIZE' => $max,
            'CURLOPT_HTTPHEADER' => ['Accept: application/json'],
            'CURLOPT_NOPROGRESS' => 0,
            // Stops a download past the cap even without Content-Length.
            'CURLOPT_PROGRESSFUNCTION' => function ($handle, $dltotal, $dlnow) use ($max, &$toolarge) {
                if ($dlnow > $max || $dltotal > $max) {
                    $toolarge = true;
                    return 1;
                }
                return 0;
            },
        ];
        $body = $curl->get($url, [], $options);
        $info = $curl->get_info();
        $errno = $curl->get_errno();
        if ($toolarge || $errno === 63 /* CURLE_FILESIZE_EXCEEDED */) {
            throw new catalog_error('too_large', "More than $max bytes: $url", $url);
        }
        if ($errno || empty($info['http_code'])) {
            throw new catalog_error('network', "The catalog cannot be reached: $url ($curl->error)", $url);
        }
        return ['status' => (int) $info['http_code'], 'body' => is_string($body) ? $body : ''];
    }
}
