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


namespace mod_magwordcloud\local;

/**
 * The settings of a word cloud: their bounds (`LIMITS` of wordcloud/src/protocol.ts), their defaults, how they are
 * stored in the instance record and how a trainer's partial change is checked. Pure: no database, no Moodle API.
 *
 * Settings use the bridge's names (`minPerPerson`, `stopList`…), the instance record Moodle's lowercase field names
 * (see FIELDS). Text lengths follow the bridge's schemas, which count UTF-16 code units as JavaScript does: an emoji
 * outside the Basic Multilingual Plane is two units.
 *
 * @package    mod_magwordcloud
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class settings {
    /** @var array<string, int> Bounds of the settings, also the server's limits (LIMITS in wordcloud/src/protocol.ts). */
    public const LIMITS = [
        'question' => 500,
        'perPerson' => 20,
        'maxLength' => 100,
        'stopList' => 200,
        'word' => 1000,
        'mergeMembers' => 50,
        'rawText' => 20000,
        'cloudWords' => 500,
        'moderationList' => 300,
    ];

    /** @var int Rows of an export, at most (EXPORT_ROWS in wordcloud/src/trainer-protocol.ts). */
    public const EXPORT_ROWS = 2000;

    /** @var int UTF-16 code units of an author's name, at most (AuthorName in the protocol). */
    public const AUTHOR_NAME = 200;

    /** @var string[] Who sees the cloud: always, after their own answer, or never (projection only). */
    public const VISIBILITIES = ['always', 'after_answer', 'never'];

    /** @var string[] Whether the trainer sees who wrote what. */
    public const IDENTITIES = ['named', 'anonymous'];

    /** @var array The defaults (DEFAULT_SETTINGS in wordcloud/src/protocol.ts), in the protocol's order. */
    public const DEFAULTS = [
        'question' => '',
        'minPerPerson' => 1,
        'maxPerPerson' => 3,
        'maxLength' => 40,
        'visibility' => 'always',
        'identity' => 'anonymous',
        'approval' => false,
        'accentsMerge' => false,
        'stopList' => [],
        'offensiveFilter' => true,
        'rotate' => false,
        'open' => true,
    ];

    /** @var array<string, string> Setting => field of the instance record. */
    public const FIELDS = [
        'question' => 'question',
        'minPerPerson' => 'minperperson',
        'maxPerPerson' => 'maxperperson',
        'maxLength' => 'maxlength',
        'visibility' => 'visibility',
        'identity' => 'identitymode',
        'approval' => 'approval',
        'accentsMerge' => 'accentsmerge',
        'stopList' => 'stoplist',
        'offensiveFilter' => 'offensivefilter',
        'rotate' => 'rotate',
        'open' => 'isopen',
    ];

    /** @var string[] Settings that are booleans. */
    private const BOOLEANS = ['approval', 'accentsMerge', 'offensiveFilter', 'rotate', 'open'];

    /**
     * The length of a string in UTF-16 code units, as JavaScript's `length`; -1 when it is not well-formed UTF-8.
     *
     * @param string $text
     * @return int
     */
    public static function utf16_length(string $text): int {
        if (!normalizer::is_valid_utf8($text)) {
            return -1;
        }
        // Code points beyond U+FFFF, two units each, are exactly the four-byte sequences (lead bytes F0 to F4).
        return mb_strlen($text, 'UTF-8') + preg_match_all('/[\xF0-\xF4]/', $text);
    }

    /**
     * Well-formed text cut to at most `$units` UTF-16 code units, never in the middle of a code point.
     *
     * @param string $text well-formed UTF-8
     * @param int $units
     * @return string
     */
    public static function truncate_utf16(string $text, int $units): string {
        if (strlen($text) <= $units) {
            return $text;
        }
        $out = '';
        $used = 0;
        foreach (mb_str_split($text, 1, 'UTF-8') as $char) {
            $width = strlen($char) === 4 ? 2 : 1;
            if ($used + $width > $units) {
                break;
            }
            $out .= $char;
            $used += $width;
        }
        return $out;
    }

    /**
     * Whether a value is a word the protocol accepts: well-formed text of 1 to LIMITS['word'] UTF-16 code units.
     *
     * @param mixed $word
     * @return bool
     */
    public static function is_word($word): bool {
        if (!is_string($word)) {
            return false;
        }
        $length = self::utf16_length($word);
        return $length >= 1 && $length <= self::LIMITS['word'];
    }

    /**
     * The settings of an instance record, each field over its default: a field that is missing or out of bounds
     * falls back to its default, so that a state built from it always passes the protocol's schema.
     *
     * @param array|object $record the magwordcloud record (or any object with its fields)
     * @return array the settings, in the protocol's order
     */
    public static function from_record($record): array {
        $record = (array) $record;
        $settings = self::DEFAULTS;
        foreach (self::FIELDS as $name => $field) {
            if (!array_key_exists($field, $record) || $record[$field] === null) {
                continue;
            }
            $value = $record[$field];
            if ($name === 'stopList') {
                $value = is_string($value) ? json_decode($value, true) : $value;
            } else if (in_array($name, self::BOOLEANS, true)) {
                $value = is_bool($value) ? $value : (is_numeric($value) ? (int) $value !== 0 : null);
            } else if (in_array($name, ['minPerPerson', 'maxPerPerson', 'maxLength'], true)) {
                $value = is_numeric($value) && (int) $value == $value ? (int) $value : null;
            }
            try {
                $settings[$name] = self::check($name, $value);
            } catch (\InvalidArgumentException $e) {
                continue;
            }
        }
        if ($settings['minPerPerson'] > $settings['maxPerPerson']) {
            $settings['minPerPerson'] = min(self::DEFAULTS['minPerPerson'], $settings['maxPerPerson']);
        }
        return $settings;
    }

    /**
     * Applies a trainer's change to settings: `null` (or a missing key) leaves a setting as it is. Every given value
     * is checked against the protocol's bounds, and the result must keep `minPerPerson` at most `maxPerPerson`.
     *
     * @param array $current settings (as from_record() gives them)
     * @param array $changes setting => new value or null
     * @return array the new settings
     * @throws \InvalidArgumentException naming the first setting that is not acceptable
     */
    public static function apply(array $current, array $changes): array {
        $next = $current;
        foreach ($changes as $name => $value) {
            if (!array_key_exists($name, self::DEFAULTS)) {
                throw new \InvalidArgumentException("Unknown setting: {$name}");
            }
            if ($value !== null) {
                $next[$name] = self::check($name, $value);
            }
        }
        if ($next['minPerPerson'] > $next['maxPerPerson']) {
            throw new \InvalidArgumentException('minPerPerson is above maxPerPerson');
        }
        return $next;
    }

    /**
     * The fields of the instance record for settings.
     *
     * @param array $settings
     * @return array<string, int|string> field => value
     */
    public static function to_record(array $settings): array {
        $record = [];
        foreach (self::FIELDS as $name => $field) {
            $value = $settings[$name] ?? self::DEFAULTS[$name];
            if ($name === 'stopList') {
                $value = json_encode(array_values($value), JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
            } else if (is_bool($value)) {
                $value = $value ? 1 : 0;
            }
            $record[$field] = $value;
        }
        return $record;
    }

    /**
     * A stop-list typed one word per line (the settings form): lines trimmed, empty lines left out.
     *
     * @param string $text
     * @return string[]
     */
    public static function stop_list_from_lines(string $text): array {
        $words = [];
        foreach (preg_split('/\R/u', $text) ?: [] as $line) {
            $line = trim($line);
            if ($line !== '') {
                $words[] = $line;
            }
        }
        return $words;
    }

    /**
     * One setting checked against its bounds.
     *
     * @param string $name
     * @param mixed $value
     * @return mixed the value, typed
     * @throws \InvalidArgumentException
     */
    private static function check(string $name, $value) {
        $fail = function (string $why) use ($name): void {
            throw new \InvalidArgumentException("{$name}: {$why}");
        };
        switch ($name) {
            case 'question':
                if (!is_string($value) || ($length = self::utf16_length($value)) < 0) {
                    $fail('must be text');
                }
                if ($length > self::LIMITS['question']) {
                    $fail('at most ' . self::LIMITS['question'] . ' characters');
                }
                return $value;
            case 'minPerPerson':
            case 'maxPerPerson':
            case 'maxLength':
                $min = $name === 'minPerPerson' ? 0 : 1;
                $max = $name === 'maxLength' ? self::LIMITS['maxLength'] : self::LIMITS['perPerson'];
                if (!is_int($value) || $value < $min || $value > $max) {
                    $fail("a whole number from {$min} to {$max}");
                }
                return $value;
            case 'visibility':
                if (!in_array($value, self::VISIBILITIES, true)) {
                    $fail('one of ' . implode(', ', self::VISIBILITIES));
                }
                return $value;
            case 'identity':
                if (!in_array($value, self::IDENTITIES, true)) {
                    $fail('one of ' . implode(', ', self::IDENTITIES));
                }
                return $value;
            case 'stopList':
                if (!is_array($value) || !array_is_list($value)) {
                    $fail('must be a list of words');
                }
                if (count($value) > self::LIMITS['stopList']) {
                    $fail('at most ' . self::LIMITS['stopList'] . ' words');
                }
                foreach ($value as $word) {
                    if (!self::is_word($word)) {
                        $fail('every word must have 1 to ' . self::LIMITS['word'] . ' characters');
                    }
                }
                return array_values($value);
            default:
                if (!is_bool($value)) {
                    $fail('must be true or false');
                }
                return $value;
        }
    }
}
