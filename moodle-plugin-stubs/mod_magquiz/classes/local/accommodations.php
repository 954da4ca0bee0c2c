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

namespace mod_magquiz\local;

/**
 * Accommodations (bridge subject `quiz.accommodations`): a trainee's extra time on the quiz's time limit. The pure
 * rules: the payload's `set` checked, the people listed, and the deadline of an attempt in progress moved when the
 * extra time changes (as Moodle's user overrides of a quiz move it). No Moodle API: the manager stores and locks.
 *
 * @package    mod_magquiz
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class accommodations {
    /** @var int The most extra time, in seconds (a week), as the bridge's schema allows. */
    public const MAX_EXTRA = 7 * 24 * 3600;

    /**
     * Reads the payload's `set`: a user id (the host's id as a string: here a Moodle user id) and whole seconds from
     * 0 to a week. Throws \invalid_parameter_exception on anything else.
     *
     * @param array $set ['user' => string, 'extraTimeSeconds' => int]
     * @return array ['userid' => int, 'extra' => int]
     */
    public static function parse_set(array $set): array {
        $user = $set['user'] ?? null;
        if (!is_string($user) || !preg_match('/^[1-9][0-9]{0,17}$/D', $user)) {
            throw new \invalid_parameter_exception('set.user: a user id');
        }
        $extra = $set['extraTimeSeconds'] ?? null;
        if (!is_int($extra) || $extra < 0 || $extra > self::MAX_EXTRA) {
            throw new \invalid_parameter_exception('set.extraTimeSeconds: whole seconds from 0 to ' . self::MAX_EXTRA);
        }
        return ['userid' => (int) $user, 'extra' => $extra];
    }

    /**
     * The people of the answer, by name (case-insensitive, then id).
     *
     * @param array $names user id => full name (who may attempt the quiz)
     * @param array $extra user id => extra seconds (the stored accommodations; others have none)
     * @return array[] Person: ['user' => string, 'name' => string, 'extraTimeSeconds' => int]
     */
    public static function people(array $names, array $extra): array {
        $people = [];
        foreach ($names as $id => $name) {
            $people[] = ['user' => (string) $id, 'name' => (string) $name,
                'extraTimeSeconds' => max(0, (int) ($extra[$id] ?? 0))];
        }
        usort($people, fn(array $a, array $b): int => [mb_strtolower($a['name']), (int) $a['user']]
            <=> [mb_strtolower($b['name']), (int) $b['user']]);
        return $people;
    }

    /**
     * An attempt's state with the deadline its trainee's extra time gives it: for an attempt in progress under a time
     * limit, its start + the limit + the extra time, never after the quiz's closing time (as attempt::start() sets it).
     * Any other attempt comes back unchanged, and so does one whose deadline would not change.
     *
     * @param array $settings the quiz's settings (settings::quiz()['settings'])
     * @param array $state a parsed attempt state (attempt::parse_state())
     * @param int $extra seconds
     * @return array
     */
    public static function with_extra_time(array $settings, array $state, int $extra): array {
        if ($state['status'] !== 'inProgress' || !isset($settings['timeLimitSeconds'])) {
            return $state;
        }
        $deadline = $state['startedAt'] + ($settings['timeLimitSeconds'] + max(0, $extra)) * 1000;
        if (isset($settings['closesAt'])) {
            $deadline = min($deadline, $settings['closesAt']);
        }
        if ($state['deadline'] !== null && $deadline == $state['deadline']) {
            return $state;
        }
        $state['deadline'] = $deadline;
        return $state;
    }
}
