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

namespace mod_magmodule\external;

use mod_magmodule\local\programme;
use mod_magmodule\local\search;

/**
 * Checks of the services' inputs beyond Moodle's PARAM types, with the bridge schemas' rules; bad input is an
 * `invalid_parameter_exception` naming the field (the bridge's `bad_request`).
 *
 * @package    mod_magmodule
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class input {
    /** @var int The longest JSON text accepted in a parameter. */
    public const MAX_JSON = 200000;

    /**
     * A value matching a pattern.
     *
     * @param string $value
     * @param string $pattern
     * @param string $name
     * @param string $what
     * @return string
     */
    private static function matching(string $value, string $pattern, string $name, string $what): string {
        if (!preg_match($pattern, $value)) {
            throw new \invalid_parameter_exception("$name: $what");
        }
        return $value;
    }

    /**
     * A module step id.
     *
     * @param string $value
     * @return string
     */
    public static function step_id(string $value): string {
        return self::matching($value, '/^[A-Za-z0-9_-]{1,64}$/D', 'stepId', 'a step id');
    }

    /**
     * An item id.
     *
     * @param string $value
     * @return string
     */
    public static function item_id(string $value): string {
        return self::matching($value, '/^[a-z0-9][a-z0-9_-]{0,63}$/D', 'itemId', 'an item id');
    }

    /**
     * A catalog entry id.
     *
     * @param string $value
     * @return string
     */
    public static function entry_id(string $value): string {
        return self::matching($value, '/^[a-z0-9][a-z0-9-]{0,99}$/D', 'entryId', 'a catalog entry id');
    }

    /**
     * A version such as 1.2.0.
     *
     * @param string $value
     * @return string
     */
    public static function version(string $value): string {
        return self::matching($value, '/^\d+\.\d+\.\d+$/D', 'version', 'a version such as 1.2.0');
    }

    /**
     * A catalog base URL (whether it is allowed is the catalog client's business).
     *
     * @param string $value
     * @return string
     */
    public static function base(string $value): string {
        if (!programme::is_web_link($value)) {
            throw new \invalid_parameter_exception('base: a web address');
        }
        return $value;
    }

    /**
     * A page number.
     *
     * @param int $value
     * @param int $max
     * @return int
     */
    public static function page(int $value, int $max): int {
        if ($value < 1 || $value > $max) {
            throw new \invalid_parameter_exception("page: from 1 to $max");
        }
        return $value;
    }

    /**
     * An item part.
     *
     * @param int $value
     * @return int
     */
    public static function part(int $value): int {
        if ($value < 0 || $value > 1000) {
            throw new \invalid_parameter_exception('part: from 0 to 1000');
        }
        return $value;
    }

    /**
     * JSON text, decoded.
     *
     * @param string|null $text
     * @param string $name
     * @return mixed
     */
    public static function json(?string $text, string $name) {
        if ($text === null || strlen($text) > self::MAX_JSON) {
            throw new \invalid_parameter_exception("$name: JSON text of at most " . self::MAX_JSON . ' bytes');
        }
        try {
            return json_decode($text, true, 32, JSON_THROW_ON_ERROR);
        } catch (\JsonException $e) {
            throw new \invalid_parameter_exception("$name: not JSON");
        }
    }

    /**
     * The catalog browser's query (trainer-protocol.ts SearchRequest).
     *
     * @param array $params
     * @return array
     */
    public static function search_query(array $params): array {
        $query = [];
        if ($params['text'] !== null) {
            if (\core_text::strlen($params['text']) > 200) {
                throw new \invalid_parameter_exception('text: at most 200 characters');
            }
            $query['text'] = $params['text'];
        }
        if ($params['filters'] !== null) {
            $filters = self::json($params['filters'], 'filters');
            if (!is_array($filters)) {
                throw new \invalid_parameter_exception('filters: an object');
            }
            $query['filters'] = [];
            foreach ($filters as $facet => $values) {
                if (!in_array($facet, search::FACETS, true) || !is_array($values) || !array_is_list($values)
                        || count($values) > 20) {
                    throw new \invalid_parameter_exception("filters.$facet: a facet with at most 20 values");
                }
                foreach ($values as $value) {
                    if (!is_string($value) || strlen($value) > 64) {
                        throw new \invalid_parameter_exception("filters.$facet: codes");
                    }
                }
                $query['filters'][$facet] = $values;
            }
        }
        if ($params['sort'] !== null) {
            if (!in_array($params['sort'], ['relevance', 'title', 'recent'], true)) {
                throw new \invalid_parameter_exception('sort: relevance, title or recent');
            }
            $query['sort'] = $params['sort'];
        }
        if ($params['page'] !== null) {
            $query['page'] = self::page($params['page'], 10000);
        }
        return $query;
    }
}
