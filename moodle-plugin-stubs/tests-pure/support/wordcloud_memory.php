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


/**
 * A word cloud held in memory, written with the plugin's pure classes the way mod_magwordcloud\manager writes it
 * to Moodle's database: the same order of checks, the same version bumps. Lets the pure tests and the contract
 * script (tools/wordcloud-states.php) play the reference host's scenarios without Moodle.
 *
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

use mod_magwordcloud\local\config_editor;
use mod_magwordcloud\local\settings;
use mod_magwordcloud\local\state_builder;
use mod_magwordcloud\local\submission;

/**
 * One activity instance in memory.
 */
final class wordcloud_memory {
    /** @var array settings (settings::from_record()) */
    public array $settings;
    /** @var array[] merges */
    public array $merges = [];
    /** @var string[] hidden words */
    public array $hidden = [];
    /** @var int version of the live state */
    public int $version = 0;
    /** @var array[] stored entries, withdrawn ones too: id, userid, text, key, status, idem */
    public array $entries = [];
    /** @var array<int, string> user id => full name */
    public array $names;
    /** @var int next entry id */
    private int $nextid = 1;

    /**
     * A new instance.
     *
     * @param array $settings changes to the defaults
     * @param array<int, string> $names user id => full name
     */
    public function __construct(array $settings = [], array $names = []) {
        $this->settings = settings::apply(settings::DEFAULTS, $settings);
        $this->names = $names;
    }

    /**
     * wordcloud.submit.
     *
     * @param int $user
     * @param string $text
     * @param string $idem idempotency key
     * @param bool $moderator
     * @return array the answer
     */
    public function submit(int $user, string $text, string $idem, bool $moderator = false): array {
        submission::check_payload($text, $idem);
        foreach ($this->entries as $entry) {
            if ($entry['userid'] === $user && $entry['idem'] === hash('sha256', $idem)) {
                if ($entry['status'] === 'withdrawn') {
                    return ['accepted' => false];
                }
                return ['accepted' => true, 'entry' => $this->my_entry($entry)];
            }
        }
        $decision = submission::decide($this->settings, $this->own($user), $text, $moderator);
        if (!$decision['ok']) {
            return ['accepted' => false, 'error' => $decision['error']];
        }
        $entry = ['id' => $this->nextid++, 'userid' => $user, 'text' => $decision['text'], 'key' => $decision['key'],
            'status' => $decision['status'], 'idem' => hash('sha256', $idem)];
        $this->entries[] = $entry;
        $this->version++;
        return ['accepted' => true, 'entry' => $this->my_entry($entry)];
    }

    /**
     * wordcloud.withdraw.
     *
     * @param int $user
     * @param int $id
     * @return array the answer
     */
    public function withdraw(int $user, int $id): array {
        foreach ($this->entries as $index => $entry) {
            if ($entry['id'] === $id && $entry['userid'] === $user && $entry['status'] !== 'withdrawn') {
                if (!$this->settings['open']) {
                    return ['withdrawn' => false, 'error' => 'closed'];
                }
                $this->entries[$index]['status'] = 'withdrawn';
                $this->version++;
                return ['withdrawn' => true];
            }
        }
        return ['withdrawn' => false, 'error' => 'not_found'];
    }

    /**
     * wordcloud.configure.
     *
     * @param array $changes
     */
    public function configure(array $changes): void {
        $this->settings = settings::apply($this->settings, $changes);
        $this->version++;
    }

    /**
     * wordcloud.reset: entries, merges and hidden words go; the settings stay.
     */
    public function reset(): void {
        $this->entries = [];
        $this->merges = [];
        $this->hidden = [];
        $this->version++;
    }

    /**
     * wordcloud.hide, unhide, merge, unmerge.
     *
     * @param string $action
     * @param mixed ...$args
     */
    public function moderate(string $action, ...$args): void {
        $accents = $this->settings['accentsMerge'];
        $next = match ($action) {
            'hide' => config_editor::hide($this->hidden, $args[0], $accents),
            'unhide' => config_editor::unhide($this->hidden, $args[0], $accents),
            'merge' => config_editor::merge($this->merges, $args[0], $args[1], $accents),
            'unmerge' => config_editor::unmerge($this->merges, $args[0], $accents),
        };
        if ($next === null) {
            return;
        }
        if ($action === 'hide' || $action === 'unhide') {
            $this->hidden = $next;
        } else {
            $this->merges = $next;
        }
        $this->version++;
    }

    /**
     * wordcloud.approve and reject: only a pending entry changes.
     *
     * @param int $id
     * @param string $to 'accepted' or 'rejected'
     */
    public function decide(int $id, string $to): void {
        foreach ($this->entries as $index => $entry) {
            if ($entry['id'] === $id && $entry['status'] === 'pending') {
                $this->entries[$index]['status'] = $to;
                $this->version++;
            }
        }
    }

    /**
     * wordcloud.state for a user.
     *
     * @param int $user
     * @param bool $moderator
     * @return array
     */
    public function state(int $user, bool $moderator = false): array {
        return state_builder::build([
            'version' => $this->version,
            'settings' => $this->settings,
            'merges' => $this->merges,
            'hidden' => $this->hidden,
            'rows' => $this->rows($moderator),
            'mine' => $this->own($user),
            'moderator' => $moderator,
        ]);
    }

    /**
     * wordcloud.export.
     *
     * @return array
     */
    public function export(): array {
        return state_builder::export(['settings' => $this->settings, 'merges' => $this->merges,
            'hidden' => $this->hidden, 'rows' => $this->rows(true)]);
    }

    /**
     * A user's entries not withdrawn.
     *
     * @param int $user
     * @return array[]
     */
    public function own(int $user): array {
        return array_values(array_filter($this->entries,
            fn(array $entry) => $entry['userid'] === $user && $entry['status'] !== 'withdrawn'));
    }

    /**
     * Rows for the state builder; names only for moderators of a named activity, as the manager loads them.
     *
     * @param bool $moderator
     * @return array[]
     */
    private function rows(bool $moderator): array {
        $named = $moderator && $this->settings['identity'] === 'named';
        return array_map(fn(array $entry) => $entry + ($named ? ['author' => $this->names[$entry['userid']] ?? ''] : []),
            $this->entries);
    }

    /**
     * An entry as its author sees it.
     *
     * @param array $entry
     * @return array
     */
    private function my_entry(array $entry): array {
        $options = state_builder::aggregate_options($this->settings, $this->merges, $this->hidden);
        return ['id' => $entry['id'], 'text' => $entry['text'],
            'status' => state_builder::entry_status(state_builder::rows([$entry])[0], $options)];
    }
}
