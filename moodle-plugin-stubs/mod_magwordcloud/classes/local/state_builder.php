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
 * The state a caller may see (bridge subject `wordcloud.state`, WordcloudState in wordcloud/src/protocol.ts) and a
 * trainer's export (`wordcloud.export`), built from rows: a pure function, the PHP twin of `buildState` in the
 * reference host's service (host/src/server/wordcloud.ts), which is the model of every rule.
 *
 * - Every caller gets the version, whether answers are open, the question, the limits, the visibility, how the
 *   cloud is drawn, their own entries (with how each shows: `visible`, `pending` or `hidden`), how many people have
 *   an answer in the cloud, and the cloud itself, or null when the visibility setting hides it from them (trainers
 *   always see it; `after_answer`: once they wrote `max(1, minPerPerson)` entries).
 * - Only moderators get `settings` and `moderation` (pending entries, hidden words, merges, merge suggestions and
 *   the newest approved entries).
 * - Authors' names only to moderators, and only when the activity is `named`: never to trainees, whatever the rows
 *   hold.
 * - Keys the protocol marks optional are left out rather than null; `cloud` is the one nullable key. Lists are cut
 *   to the protocol's bounds.
 *
 * A row is an array or object with `id`, `userid`, `text` (or `entrytext`), `status` (accepted, pending, rejected;
 * withdrawn rows are left out) and, for moderators of a named activity, `author`. Rows come oldest first.
 *
 * @package    mod_magwordcloud
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class state_builder {
    /**
     * The aggregator's options for an activity.
     *
     * @param array $settings
     * @param array[] $merges
     * @param string[] $hidden
     * @return array
     */
    public static function aggregate_options(array $settings, array $merges, array $hidden): array {
        return [
            'merges' => $merges,
            'hidden' => $hidden,
            'accentsMerge' => (bool) $settings['accentsMerge'],
            'stopList' => $settings['stopList'],
            'offensive' => $settings['offensiveFilter'] ? 'default' : 'off',
        ];
    }

    /**
     * How an entry shows to its author: waiting for approval, left out of the cloud (rejected, hidden, stop-listed
     * or offensive), or in it.
     *
     * @param array $row a normalized row (see rows())
     * @param array $options the aggregator's options
     * @return string 'visible', 'pending' or 'hidden'
     */
    public static function entry_status(array $row, array $options): string {
        if ($row['status'] === 'pending') {
            return 'pending';
        }
        if ($row['status'] !== 'accepted') {
            return 'hidden';
        }
        $alone = aggregator::aggregate([['user' => '1', 'text' => $row['text']]], $options);
        return $alone['words'] === [] ? 'hidden' : 'visible';
    }

    /**
     * Rows as this class reads them, withdrawn rows left out, oldest first.
     *
     * @param iterable $rows
     * @return array[] each ['id' => int, 'userid' => int, 'text' => string, 'status' => string, 'author' => string]
     */
    public static function rows(iterable $rows): array {
        $out = [];
        foreach ($rows as $row) {
            $row = (array) $row;
            $status = (string) ($row['status'] ?? '');
            if (!in_array($status, ['accepted', 'pending', 'rejected'], true)) {
                continue;
            }
            $out[] = [
                'id' => (int) $row['id'],
                'userid' => (int) $row['userid'],
                'text' => (string) ($row['text'] ?? $row['entrytext'] ?? ''),
                'status' => $status,
                'author' => settings::truncate_utf16((string) ($row['author'] ?? ''), settings::AUTHOR_NAME),
            ];
        }
        usort($out, fn(array $a, array $b) => $a['id'] <=> $b['id']);
        return $out;
    }

    /**
     * The state a caller may see.
     *
     * @param array $in
     *     - version (int): the instance's version, read before the rows
     *     - settings (array): settings::from_record()
     *     - merges (array[]), hidden (string[]): the trainer's moderation
     *     - rows (iterable): the entries of the caller's scope (their groups, or the group a teacher chose)
     *     - mine (iterable): the caller's own entries
     *     - moderator (bool): whether the caller may moderate
     * @return array WordcloudState
     */
    public static function build(array $in): array {
        $settings = $in['settings'];
        $merges = $in['merges'] ?? [];
        $hidden = $in['hidden'] ?? [];
        $moderator = !empty($in['moderator']);
        $options = self::aggregate_options($settings, $merges, $hidden);
        $rows = self::rows($in['rows'] ?? []);
        $accepted = array_values(array_filter($rows, fn(array $row) => $row['status'] === 'accepted'));
        $full = aggregator::aggregate(
            array_map(fn(array $row) => ['user' => (string) $row['userid'], 'text' => $row['text']], $accepted), $options);

        $mine = [];
        foreach (array_slice(self::rows($in['mine'] ?? []), 0, settings::LIMITS['perPerson']) as $row) {
            $mine[] = ['id' => $row['id'], 'text' => $row['text'], 'status' => self::entry_status($row, $options)];
        }
        $answered = count($mine) >= max(1, (int) $settings['minPerPerson']);
        $maysee = $moderator || $settings['visibility'] === 'always'
            || ($settings['visibility'] === 'after_answer' && $answered);
        $cloud = ['words' => array_slice($full['words'], 0, settings::LIMITS['cloudWords']),
            'hiddenCount' => $full['hiddenCount']];

        $state = [
            'version' => (int) $in['version'],
            'open' => (bool) $settings['open'],
            'question' => (string) $settings['question'],
            'limits' => [
                'minPerPerson' => (int) $settings['minPerPerson'],
                'maxPerPerson' => (int) $settings['maxPerPerson'],
                'maxLength' => (int) $settings['maxLength'],
            ],
            'visibility' => $settings['visibility'],
            'display' => ['rotate' => (bool) $settings['rotate']],
            'mine' => $mine,
            'participants' => count(array_unique(array_column($accepted, 'userid'))),
            'cloud' => $maysee ? $cloud : null,
        ];
        if (!$moderator) {
            return $state;
        }

        $named = $settings['identity'] === 'named';
        $withauthor = fn(array $row, array $entry): array => $named ? $entry + ['author' => $row['author']] : $entry;
        $pending = array_values(array_filter($rows, fn(array $row) => $row['status'] === 'pending'));
        $state['settings'] = $settings;
        $state['moderation'] = [
            'pending' => array_map(fn(array $row) => $withauthor($row, ['id' => $row['id'], 'text' => $row['text']]),
                array_slice($pending, 0, settings::LIMITS['moderationList'])),
            'hidden' => array_slice(array_values($hidden), 0, settings::LIMITS['moderationList']),
            'merges' => array_slice(array_values($merges), 0, settings::LIMITS['moderationList']),
            'suggestions' => array_slice(merger::suggest_merges(array_column($cloud['words'], 'text')), 0,
                settings::LIMITS['cloudWords']),
            'entries' => array_map(fn(array $row) => $withauthor($row, ['text' => $row['text']]),
                array_reverse(array_slice($accepted, -settings::LIMITS['moderationList']))),
        ];
        return $state;
    }

    /**
     * A trainer's export: every word of the cloud with its weight and rank and, only when the activity is `named`,
     * every entry in the cloud with its author, oldest first (hidden words stay out of both).
     *
     * @param array $in settings, merges, hidden, rows (as for build(); rows with `author` when named)
     * @return array ['words' => [...], 'entries' => [...] when named, 'truncated' => bool]
     */
    public static function export(array $in): array {
        $settings = $in['settings'];
        $options = self::aggregate_options($settings, $in['merges'] ?? [], $in['hidden'] ?? []);
        $rows = self::rows($in['rows'] ?? []);
        $accepted = array_values(array_filter($rows, fn(array $row) => $row['status'] === 'accepted'));
        $full = aggregator::aggregate(
            array_map(fn(array $row) => ['user' => (string) $row['userid'], 'text' => $row['text']], $accepted), $options);
        $visible = array_values(array_filter($accepted, fn(array $row) => self::entry_status($row, $options) === 'visible'));
        $named = $settings['identity'] === 'named';

        $export = ['words' => array_slice($full['words'], 0, settings::EXPORT_ROWS)];
        if ($named) {
            $export['entries'] = array_map(fn(array $row) => ['text' => $row['text'], 'author' => $row['author']],
                array_slice($visible, 0, settings::EXPORT_ROWS));
        }
        $export['truncated'] = count($full['words']) > settings::EXPORT_ROWS
            || ($named && count($visible) > settings::EXPORT_ROWS);
        return $export;
    }
}
