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

namespace mod_magreactions\local;

/**
 * Reaction counting: the rule the server trusts, as a pure function over a list of reaction events.
 *
 * - The four reactions are `understood`, `question`, `lost`, `slower`.
 * - An event is counted once per (user, key): the same idempotency key sent again by the same user (a retry,
 *   a double tap replayed by the network) is ignored, whatever reaction it carries; the first one wins.
 * - The same key from two different users counts twice: keys are only unique per user.
 * - A user may react several times with different keys; each counts.
 * - Events with an unknown reaction or an invalid key are ignored (the web service refuses them earlier).
 *
 * The database applies the same rule through the unique index (instance, user, key) of magreactions_reaction;
 * the shared vectors (test/vectors/reactions-counting.json at the repository's root) hold the cases the TypeScript port passes too.
 *
 * @package    mod_magreactions
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class counter {
    /** @var string[] The reactions, in display order. */
    public const REACTIONS = ['understood', 'question', 'lost', 'slower'];

    /** @var string Idempotency keys: 8 to 64 ASCII letters, digits or dashes (as the bridge protocol says). */
    public const KEY_PATTERN = '/^[A-Za-z0-9-]{8,64}$/D';

    /**
     * Counts zero for every reaction.
     *
     * @return array<string, int>
     */
    public static function empty_counts(): array {
        return array_fill_keys(self::REACTIONS, 0);
    }

    /**
     * Whether a reaction name is one of the four.
     *
     * @param mixed $reaction
     * @return bool
     */
    public static function is_reaction($reaction): bool {
        return is_string($reaction) && in_array($reaction, self::REACTIONS, true);
    }

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
     * Counts reactions.
     *
     * @param iterable $events arrays or objects with `user` (or `userid`), `key` and `reaction`, in arrival order
     * @return array<string, int> reaction => count, for the four reactions
     */
    public static function count(iterable $events): array {
        $counts = self::empty_counts();
        $seen = [];
        foreach ($events as $event) {
            $event = (array) $event;
            $user = $event['user'] ?? $event['userid'] ?? null;
            $key = $event['key'] ?? null;
            $reaction = $event['reaction'] ?? null;
            if ((!is_string($user) && !is_int($user)) || !self::is_key($key) || !self::is_reaction($reaction)) {
                continue;
            }
            // Length-prefixed, so that no (user, key) pair can collide with another.
            $identity = strlen((string) $user) . ':' . $user . '|' . $key;
            if (isset($seen[$identity])) {
                continue;
            }
            $seen[$identity] = true;
            $counts[$reaction]++;
        }
        return $counts;
    }
}
