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
 * A catalog that could not be read, with the catalog client's code (module-activity/src/catalog/client.ts):
 * bad_url, not_allowed, network, http, too_large, invalid_json, invalid, unsupported_format, unknown_module,
 * unknown_version, mismatch.
 *
 * @package    mod_magmodule
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class catalog_error extends \RuntimeException {
    /** @var string[] The codes. */
    public const CODES = ['bad_url', 'not_allowed', 'network', 'http', 'too_large', 'invalid_json', 'invalid',
        'unsupported_format', 'unknown_module', 'unknown_version', 'mismatch'];

    /** @var string */
    public $errorcode;
    /** @var string|null The address at fault. */
    public $url;

    /**
     * A catalog error.
     *
     * @param string $code one of CODES
     * @param string $message English, for logs and the developer console
     * @param string|null $url
     */
    public function __construct(string $code, string $message, ?string $url = null) {
        parent::__construct($message);
        $this->errorcode = in_array($code, self::CODES, true) ? $code : 'invalid';
        $this->url = $url;
    }

    /**
     * The problem as the bridge's CatalogProblem: `{code, url?}`.
     *
     * @return array
     */
    public function problem(): array {
        $problem = ['code' => $this->errorcode];
        if ($this->url !== null && mb_strlen($this->url) <= 2000) {
            $problem['url'] = $this->url;
        }
        return $problem;
    }
}
