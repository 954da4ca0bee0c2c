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
 * What happens to an answer a person sends (bridge subject `wordcloud.submit`), as the reference host decides it
 * (host/src/server/wordcloud.ts). Pure: the caller gives the settings and the person's entries; retries with the
 * same idempotency key are found before this runs, in the database.
 *
 * In this order: a closed activity refuses (`closed`); the text is normalized (`empty`, `too_long`, `invalid`);
 * a person may not write the same entry twice (`duplicate`, same key as one of their entries not withdrawn);
 * nor more than `maxPerPerson` entries not withdrawn (`limit_reached`, a hidden or rejected entry counts until its
 * author withdraws it). An accepted entry waits for approval when the activity asks for it, unless its author may
 * moderate.
 *
 * @package    mod_magwordcloud
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class submission {
    /** @var string Idempotency keys: 8 to 64 ASCII letters, digits or dashes (IdempotencyKey in the protocol). */
    public const KEY_PATTERN = '/^[A-Za-z0-9-]{8,64}$/D';

    /** @var string[] Statuses of a stored entry. */
    public const STATUSES = ['accepted', 'pending', 'rejected', 'withdrawn'];

    /**
     * Whether an idempotency key is well formed.
     *
     * @param mixed $key
     * @return bool
     */
    public static function is_key($key): bool {
        return is_string($key) && preg_match(self::KEY_PATTERN, $key) === 1;
    }

    /**
     * Checks what the protocol's schema checks before the service runs: a raw text of at most LIMITS['rawText']
     * UTF-16 code units (longer pastes are answered `too_long` by the normalization, below that) and a valid key.
     *
     * @param string $text
     * @param string $key
     * @throws \InvalidArgumentException
     */
    public static function check_payload(string $text, string $key): void {
        if (!self::is_key($key)) {
            throw new \InvalidArgumentException('Invalid idempotency key: 8 to 64 letters, digits or dashes.');
        }
        if (strlen($text) > 4 * settings::LIMITS['rawText'] || settings::utf16_length($text) > settings::LIMITS['rawText']) {
            throw new \InvalidArgumentException('The text is longer than ' . settings::LIMITS['rawText'] . ' characters.');
        }
    }

    /**
     * Decides an answer.
     *
     * @param array $settings the activity's settings (settings::from_record())
     * @param iterable $own the person's entries not withdrawn: arrays or objects with `key` (or `entrykey`)
     * @param string $raw the text as received
     * @param bool $moderator whether the person may moderate (their entries never wait for approval)
     * @return array ['ok' => true, 'text' => string, 'key' => string, 'status' => 'accepted'|'pending']
     *     or ['ok' => false, 'error' => 'closed'|'empty'|'too_long'|'invalid'|'duplicate'|'limit_reached']
     */
    public static function decide(array $settings, iterable $own, string $raw, bool $moderator): array {
        if (empty($settings['open'])) {
            return ['ok' => false, 'error' => 'closed'];
        }
        $normalized = normalizer::normalize_entry($raw, (int) $settings['maxLength']);
        if (!$normalized['ok']) {
            return ['ok' => false, 'error' => $normalized['error']];
        }
        $count = 0;
        foreach ($own as $row) {
            $row = (array) $row;
            if (($row['key'] ?? $row['entrykey'] ?? null) === $normalized['key']) {
                return ['ok' => false, 'error' => 'duplicate'];
            }
            $count++;
        }
        if ($count >= (int) $settings['maxPerPerson']) {
            return ['ok' => false, 'error' => 'limit_reached'];
        }
        $status = !empty($settings['approval']) && !$moderator ? 'pending' : 'accepted';
        return ['ok' => true, 'text' => $normalized['text'], 'key' => $normalized['key'], 'status' => $status];
    }
}
