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
 * Scenarios of the word cloud, played on an in-memory instance with the plugin's pure classes: each gives what one
 * web service answers one caller. Shared by tests-pure/WordcloudServicesShapeTest.php (the answers pass the web
 * services' return structures unchanged) and tools/wordcloud-states.php (which writes them as JSON for the bridge's
 * valibot schemas, wordcloud/test/moodle-contract.test.ts).
 *
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

require_once(__DIR__ . '/wordcloud_memory.php');

use mod_magwordcloud\local\state_builder;

/**
 * The scenarios.
 */
final class wordcloud_scenarios {
    /** @var array<int, string> The people, by user id. */
    public const NAMES = [
        2 => 'Claire Martin',
        11 => 'Lucas Bernard',
        12 => 'Emma Petit',
        13 => 'Hugo Dubois',
        14 => 'Zoé « l’Arobase » Ñandú-Ørsted',
    ];

    /** @var int Idempotency keys handed out. */
    private static int $keys = 0;

    /**
     * A fresh idempotency key.
     *
     * @return string
     */
    private static function key(): string {
        return sprintf('scenario-%08d', ++self::$keys);
    }

    /**
     * A state scenario, with what the cloud was counted from (so that another implementation can count it again).
     *
     * @param string $name
     * @param wordcloud_memory $cloud
     * @param int $user
     * @param bool $moderator
     * @return array
     */
    private static function state(string $name, wordcloud_memory $cloud, int $user, bool $moderator): array {
        $accepted = array_values(array_filter($cloud->entries, fn(array $entry) => $entry['status'] === 'accepted'));
        return [
            'name' => $name,
            'function' => 'get_state',
            'role' => $moderator ? 'trainer' : 'trainee',
            'value' => $cloud->state($user, $moderator),
            'counted' => [
                'entries' => array_map(fn(array $e) => ['user' => (string) $e['userid'], 'text' => $e['text']], $accepted),
                'options' => state_builder::aggregate_options($cloud->settings, $cloud->merges, $cloud->hidden),
            ],
        ];
    }

    /**
     * Every scenario.
     *
     * @return array[] each name, function (the web service class), role, value and, for states, counted
     */
    public static function all(): array {
        $scenarios = [];
        $add = function (string $name, string $function, string $role, array $value) use (&$scenarios): void {
            $scenarios[] = ['name' => $name, 'function' => $function, 'role' => $role, 'value' => $value];
        };

        $fresh = new wordcloud_memory([], self::NAMES);
        $scenarios[] = self::state('a new cloud, trainee', $fresh, 11, false);
        $scenarios[] = self::state('a new cloud, trainer', $fresh, 2, true);

        $busy = new wordcloud_memory(['question' => 'Un mot pour décrire votre usage du numérique ?',
            'maxPerPerson' => 6, 'identity' => 'named', 'approval' => true, 'stopList' => ['le', 'la'],
            'rotate' => true], self::NAMES);
        $answers = [
            11 => ['Jeu sérieux', 'l’école', '<img src=x onerror=alert(1)>', '😀 joie', 'connard'],
            12 => ['jeux sérieux', 'L\'École', 'enseignant·e·s', "\u{202E}mot à l'envers", '=cmd|calc'],
            13 => ['Jeu sérieux', 'outil', 'le', 'שלום', 'Élève', 'sixième'],
            14 => ['eleve', 'OUTILS', 'été', 'Ete', 'partage'],
        ];
        foreach ($answers as $user => $texts) {
            foreach ($texts as $text) {
                $answer = $busy->submit($user, $text, self::key());
                if ($answer['accepted'] && $answer['entry']['text'] !== 'partage') {
                    $busy->decide($answer['entry']['id'], 'accepted');
                }
            }
        }
        $encore = $busy->submit(11, 'encore', self::key());
        $add('submit: pending (approval)', 'submit', 'trainee', $encore);
        $add('submit: duplicate', 'submit', 'trainee', $busy->submit(12, 'JEUX SÉRIEUX', self::key()));
        $add('submit: limit reached', 'submit', 'trainee', $busy->submit(13, 'de trop', self::key()));
        $busy->moderate('hide', 'outil');
        $busy->moderate('merge', 'élève', ['eleve']);
        $busy->decide($encore['entry']['id'], 'rejected');
        $scenarios[] = self::state('named, approval, hidden, merged, stop-listed, offensive: trainee', $busy, 12, false);
        $scenarios[] = self::state('named, approval, hidden, merged, stop-listed, offensive: trainer', $busy, 2, true);
        $scenarios[] = self::state('a trainee with no entry', $busy, 3, false);
        $add('export, named', 'export', 'trainer', $busy->export());

        $anonymous = new wordcloud_memory(['identity' => 'anonymous', 'approval' => true], self::NAMES);
        $anonymous->submit(11, 'collaboration', self::key());
        $anonymous->submit(12, 'autonomie', self::key());
        $anonymous->decide(1, 'accepted');
        $scenarios[] = self::state('anonymous with approval: trainer', $anonymous, 2, true);
        $add('export, anonymous', 'export', 'trainer', $anonymous->export());

        $never = new wordcloud_memory(['visibility' => 'never'], self::NAMES);
        $add('submit: accepted', 'submit', 'trainee', $never->submit(11, 'motivation', self::key()));
        $scenarios[] = self::state('visibility never: trainee (cloud null)', $never, 11, false);
        $scenarios[] = self::state('visibility never: trainer', $never, 2, true);

        $after = new wordcloud_memory(['visibility' => 'after_answer', 'minPerPerson' => 2], self::NAMES);
        $after->submit(12, 'curiosité', self::key());
        $scenarios[] = self::state('after answer, before: trainee (cloud null)', $after, 11, false);
        $after->submit(11, 'écoute', self::key());
        $after->submit(11, 'patience', self::key());
        $scenarios[] = self::state('after answer, after: trainee', $after, 11, false);

        $closed = new wordcloud_memory(['maxLength' => 10, 'maxPerPerson' => 2], self::NAMES);
        $kept = $closed->submit(11, 'gardé', self::key());
        $add('submit: too long', 'submit', 'trainee', $closed->submit(11, 'beaucoup trop long', self::key()));
        $add('submit: empty', 'submit', 'trainee', $closed->submit(11, " \u{200B} ", self::key()));
        $add('submit: invalid', 'submit', 'trainee', $closed->submit(11, "x\xED\xA0\x80y", self::key()));
        $add('withdraw: not found', 'withdraw', 'trainee', $closed->withdraw(12, $kept['entry']['id']));
        $closed->configure(['open' => false]);
        $add('submit: closed', 'submit', 'trainee', $closed->submit(12, 'fermé', self::key()));
        $add('withdraw: closed', 'withdraw', 'trainee', $closed->withdraw(11, $kept['entry']['id']));
        $closed->configure(['open' => true]);
        $add('withdraw: withdrawn', 'withdraw', 'trainee', $closed->withdraw(11, $kept['entry']['id']));
        $scenarios[] = self::state('closed then opened, withdrawn entry: trainee', $closed, 11, false);

        // The protocol's bounds: 600 different words, long names, a question at its maximum length.
        $big = new wordcloud_memory(['question' => str_repeat('é😀', 166) . 'ab', 'identity' => 'named',
            'maxPerPerson' => 20, 'maxLength' => 100], self::NAMES + [99 => str_repeat('😀', 150)]);
        for ($i = 0; $i < 600; $i++) {
            $user = 1000 + intdiv($i, 20);
            $big->names[$user] = 'Personne ' . $user;
            $big->submit($user, sprintf('mot-%03d', $i), self::key());
        }
        $big->submit(99, str_repeat('é', 100), self::key());
        $scenarios[] = self::state('600 words: trainer (cut to the protocol\'s bounds)', $big, 2, true);
        $scenarios[] = self::state('600 words: trainee', $big, 1000, false);
        return $scenarios;
    }
}
