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


use mod_magwordcloud\local\settings;
use mod_magwordcloud\local\state_builder;
use PHPUnit\Framework\TestCase;

require_once(__DIR__ . '/support/wordcloud_memory.php');

/**
 * The word cloud's service rules in PHP (submission, state_builder, config_editor, settings), played on an
 * in-memory instance against the expectations of the reference host's tests (host/test/wordcloud.test.ts).
 *
 * @covers \mod_magwordcloud\local\state_builder
 * @covers \mod_magwordcloud\local\submission
 * @covers \mod_magwordcloud\local\config_editor
 * @covers \mod_magwordcloud\local\settings
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class WordcloudStateTest extends TestCase {
    /** @var int Trainees and the trainer, as user ids. */
    private const LUCAS = 11, EMMA = 12, HUGO = 13, TRAINER = 2;

    /** @var array<int, string> Their names. */
    private const NAMES = [11 => 'Lucas Bernard', 12 => 'Emma Petit', 13 => 'Hugo Dubois', 2 => 'Claire Martin'];

    /** @var int Idempotency keys handed out. */
    private static int $keys = 0;

    /**
     * A fresh idempotency key.
     *
     * @return string
     */
    private static function key(): string {
        return sprintf('key-%08d', ++self::$keys);
    }

    /**
     * A new instance.
     *
     * @param array $settings
     * @return wordcloud_memory
     */
    private static function cloud(array $settings = []): wordcloud_memory {
        return new wordcloud_memory($settings, self::NAMES);
    }

    /**
     * Submits as a trainee.
     *
     * @param wordcloud_memory $cloud
     * @param int $user
     * @param string $text
     * @return array
     */
    private static function submit(wordcloud_memory $cloud, int $user, string $text): array {
        return $cloud->submit($user, $text, self::key());
    }

    /**
     * The cloud's words as [text, weight] pairs, null when hidden.
     *
     * @param array $state
     * @return array|null
     */
    private static function words(array $state): ?array {
        return $state['cloud'] === null ? null
            : array_map(fn(array $word) => [$word['text'], $word['weight']], $state['cloud']['words']);
    }

    public function test_accepts_refuses_duplicates_enforces_the_limit_and_withdraws(): void {
        $cloud = self::cloud(['maxPerPerson' => 2]);
        $first = self::submit($cloud, self::LUCAS, '  Jeu  sérieux ');
        $this->assertSame(['accepted' => true, 'entry' => ['id' => 1, 'text' => 'Jeu sérieux', 'status' => 'visible']],
            $first);
        $this->assertSame(['accepted' => false, 'error' => 'duplicate'], self::submit($cloud, self::LUCAS, 'jeu SÉRIEUX'));
        $this->assertTrue(self::submit($cloud, self::EMMA, 'jeu sérieux')['accepted']);
        $this->assertTrue(self::submit($cloud, self::LUCAS, 'Classe inversée')['accepted']);
        $this->assertSame(['accepted' => false, 'error' => 'limit_reached'], self::submit($cloud, self::LUCAS, 'Tableau'));

        $mine = $cloud->state(self::LUCAS);
        $this->assertSame(['Jeu sérieux', 'Classe inversée'], array_column($mine['mine'], 'text'));
        $this->assertSame([['Jeu sérieux', 2], ['Classe inversée', 1]], self::words($mine));

        $own = $mine['mine'][1]['id'];
        $this->assertSame(['withdrawn' => false, 'error' => 'not_found'], $cloud->withdraw(self::EMMA, $own));
        $this->assertSame(['withdrawn' => true], $cloud->withdraw(self::LUCAS, $own));
        $this->assertSame(['withdrawn' => false, 'error' => 'not_found'], $cloud->withdraw(self::LUCAS, $own));
        $this->assertTrue(self::submit($cloud, self::LUCAS, 'Tableau')['accepted']);
        $this->assertSame([['Jeu sérieux', 2], ['Tableau', 1]], self::words($cloud->state(self::LUCAS)));
    }

    public function test_refuses_submissions_and_withdrawals_while_closed(): void {
        $cloud = self::cloud();
        $entry = self::submit($cloud, self::LUCAS, 'avant')['entry'];
        $cloud->configure(['open' => false]);
        $this->assertSame(['accepted' => false, 'error' => 'closed'], self::submit($cloud, self::EMMA, 'après'));
        $this->assertSame(['withdrawn' => false, 'error' => 'closed'], $cloud->withdraw(self::LUCAS, $entry['id']));
        $this->assertFalse($cloud->state(self::EMMA)['open']);
        $cloud->configure(['open' => true]);
        $this->assertTrue(self::submit($cloud, self::EMMA, 'après')['accepted']);
        $this->assertSame(['avant', 'après'], array_column($cloud->entries, 'text'));
    }

    public function test_a_retried_submission_is_stored_once_and_answered_the_same(): void {
        $cloud = self::cloud();
        $key = self::key();
        $a = $cloud->submit(self::LUCAS, 'numérique', $key);
        $version = $cloud->version;
        $this->assertSame($a, $cloud->submit(self::LUCAS, 'numérique', $key));
        $this->assertSame($a, $cloud->submit(self::LUCAS, 'autre texte', $key), 'The first answer wins.');
        $this->assertSame($version, $cloud->version, 'A retry bumps nothing.');
        $this->assertCount(1, $cloud->entries);
        $this->assertSame([['numérique', 1]], self::words($cloud->state(self::EMMA)));

        // The same key from another person is another answer; a withdrawn entry's key stays spent.
        $this->assertTrue($cloud->submit(self::EMMA, 'numérique', $key)['accepted']);
        $cloud->withdraw(self::LUCAS, $a['entry']['id']);
        $this->assertSame(['accepted' => false], $cloud->submit(self::LUCAS, 'numérique', $key));
    }

    public function test_keeps_markup_as_text_refuses_long_pastes_strips_control_characters(): void {
        $cloud = self::cloud(['maxLength' => 40, 'maxPerPerson' => 10]);
        $this->assertSame('<img src=x onerror=alert(1)>',
            self::submit($cloud, self::LUCAS, '<img src=x onerror=alert(1)>')['entry']['text']);
        $this->assertSame(['accepted' => false, 'error' => 'too_long'], self::submit($cloud, self::LUCAS, str_repeat('a', 10000)));
        $this->assertSame(['accepted' => false, 'error' => 'too_long'], self::submit($cloud, self::LUCAS, str_repeat('b', 41)));
        $this->assertSame(['accepted' => false, 'error' => 'empty'], self::submit($cloud, self::LUCAS, " \u{200B}\u{7} "));
        $this->assertSame(['accepted' => false, 'error' => 'invalid'], self::submit($cloud, self::LUCAS, "x\xED\xA0\x80y"));
        $this->assertSame('bonjour !',
            self::submit($cloud, self::LUCAS, "bon\u{0}\u{8}jour\u{200B}\u{202E} !")['entry']['text']);
        $this->assertSame(['<img src=x onerror=alert(1)>', 'bonjour !'], array_column($cloud->entries, 'text'));
    }

    public function test_refuses_a_payload_beyond_the_schema(): void {
        $cloud = self::cloud();
        foreach ([['ok', 'short'], ['ok', str_repeat('k', 65)], ['ok', 'key_with_underscore'],
                [str_repeat('x', 20001), 'key-00000000']] as [$text, $key]) {
            try {
                $cloud->submit(self::LUCAS, $text, $key);
                $this->fail('Accepted ' . substr($text, 0, 10) . " / {$key}");
            } catch (\InvalidArgumentException $e) {
                $this->assertNotEmpty($e->getMessage());
            }
        }
        $this->assertSame([], $cloud->entries);
        // Up to the schema's bound, a long paste is the normalization's business: too_long, not a bad request.
        $this->assertSame('too_long', $cloud->submit(self::LUCAS, str_repeat('😀', 10000), self::key())['error']);
    }

    public function test_anonymous_no_name_in_any_answer(): void {
        $cloud = self::cloud(['identity' => 'anonymous', 'approval' => true]);
        $answers = [json_encode(self::submit($cloud, self::LUCAS, 'collaboration')),
            json_encode(self::submit($cloud, self::EMMA, 'autonomie'))];
        $cloud->decide($cloud->state(self::LUCAS)['mine'][0]['id'], 'accepted');
        $trainer = $cloud->state(self::TRAINER, true);
        $this->assertSame([['id' => 2, 'text' => 'autonomie']], $trainer['moderation']['pending']);
        $this->assertSame([['text' => 'collaboration']], $trainer['moderation']['entries']);
        $answers[] = json_encode($trainer);
        $answers[] = json_encode($cloud->state(self::LUCAS));
        $answers[] = json_encode($cloud->export());
        foreach ($answers as $answer) {
            foreach (self::NAMES as $name) {
                $this->assertStringNotContainsString($name, $answer);
            }
            $this->assertStringNotContainsString('author', $answer);
        }
    }

    public function test_named_the_trainer_sees_authors_a_trainee_never_does(): void {
        $cloud = self::cloud(['identity' => 'named', 'approval' => true]);
        self::submit($cloud, self::LUCAS, 'collaboration');
        self::submit($cloud, self::EMMA, 'autonomie');
        $cloud->decide($cloud->state(self::LUCAS)['mine'][0]['id'], 'accepted');
        $trainer = $cloud->state(self::TRAINER, true);
        $this->assertSame([['id' => 2, 'text' => 'autonomie', 'author' => 'Emma Petit']],
            $trainer['moderation']['pending']);
        $this->assertSame([['text' => 'collaboration', 'author' => 'Lucas Bernard']], $trainer['moderation']['entries']);
        foreach ([self::LUCAS, self::EMMA, self::HUGO] as $user) {
            $answer = json_encode($cloud->state($user));
            foreach (self::NAMES as $name) {
                $this->assertStringNotContainsString($name, $answer);
            }
            $this->assertStringNotContainsString('moderation', $answer);
            $this->assertStringNotContainsString('settings', $answer);
        }
    }

    public function test_a_trainee_never_gets_names_even_from_rows_that_carry_them(): void {
        $rows = [['id' => 1, 'userid' => self::LUCAS, 'text' => 'x', 'status' => 'pending', 'author' => 'Lucas Bernard']];
        $state = state_builder::build(['version' => 1, 'settings' => settings::apply(settings::DEFAULTS,
            ['identity' => 'named']), 'rows' => $rows, 'mine' => [], 'moderator' => false]);
        $this->assertStringNotContainsString('Lucas', json_encode($state));
        $this->assertArrayNotHasKey('moderation', $state);
        $this->assertArrayNotHasKey('settings', $state);
    }

    public function test_exports_every_word_with_authors_only_in_named_mode(): void {
        $anonymous = self::cloud(['identity' => 'anonymous']);
        self::submit($anonymous, self::LUCAS, 'partage');
        self::submit($anonymous, self::EMMA, 'Partage');
        self::submit($anonymous, self::HUGO, '=cmd|calc');
        $this->assertSame(['words' => [['text' => 'partage', 'weight' => 2, 'rank' => 1],
            ['text' => '=cmd|calc', 'weight' => 1, 'rank' => 2]], 'truncated' => false], $anonymous->export());

        $named = self::cloud(['identity' => 'named']);
        self::submit($named, self::LUCAS, 'écoute');
        self::submit($named, self::EMMA, 'insulte');
        $named->moderate('hide', 'insulte');
        $this->assertSame([['text' => 'écoute', 'author' => 'Lucas Bernard']], $named->export()['entries']);
    }

    public function test_counts_the_people_who_have_an_answer_in_the_cloud(): void {
        $cloud = self::cloud();
        self::submit($cloud, self::LUCAS, 'un');
        self::submit($cloud, self::LUCAS, 'deux');
        self::submit($cloud, self::EMMA, 'un');
        $this->assertSame(2, $cloud->state(self::HUGO)['participants']);
    }

    public function test_visibility_never(): void {
        $cloud = self::cloud(['visibility' => 'never']);
        self::submit($cloud, self::LUCAS, 'motivation');
        $trainee = $cloud->state(self::LUCAS);
        $this->assertNull($trainee['cloud']);
        $this->assertArrayHasKey('cloud', $trainee, 'cloud is nullable, never left out');
        $this->assertSame([['id' => 1, 'text' => 'motivation', 'status' => 'visible']], $trainee['mine']);
        $this->assertSame([['motivation', 1]], self::words($cloud->state(self::TRAINER, true)));
    }

    public function test_visibility_after_answer(): void {
        $cloud = self::cloud(['visibility' => 'after_answer', 'minPerPerson' => 2]);
        self::submit($cloud, self::EMMA, 'curiosité');
        $this->assertNull($cloud->state(self::LUCAS)['cloud']);
        self::submit($cloud, self::LUCAS, 'écoute');
        $this->assertNull($cloud->state(self::LUCAS)['cloud']);
        self::submit($cloud, self::LUCAS, 'patience');
        $this->assertSame([['curiosité', 1], ['écoute', 1], ['patience', 1]], self::words($cloud->state(self::LUCAS)));
        $this->assertNull($cloud->state(self::HUGO)['cloud']);
    }

    public function test_merge_weighs_by_distinct_people_and_unmerge_restores(): void {
        $cloud = self::cloud(['maxPerPerson' => 5]);
        self::submit($cloud, self::LUCAS, 'jeu');
        self::submit($cloud, self::LUCAS, 'jeux');
        self::submit($cloud, self::EMMA, 'jeux');
        self::submit($cloud, self::HUGO, 'outil');
        $before = $cloud->state(self::TRAINER, true);
        $this->assertSame([['jeux', 2], ['jeu', 1], ['outil', 1]], self::words($before));
        $this->assertSame([['target' => 'jeux', 'members' => ['jeu'], 'reason' => ['plural']]],
            $before['moderation']['suggestions']);

        $cloud->moderate('merge', 'jeu', ['jeux']);
        $merged = $cloud->state(self::TRAINER, true);
        $this->assertSame([['jeu', 2], ['outil', 1]], self::words($merged));
        $this->assertSame([['target' => 'jeu', 'members' => ['jeux']]], $merged['moderation']['merges']);
        $this->assertSame(self::words($merged), self::words($cloud->state(self::HUGO)));

        $version = $cloud->version;
        $cloud->moderate('merge', 'JEU', ['jeux', 'jeu']);
        $this->assertSame($version, $cloud->version, 'A merge that adds nothing changes nothing.');
        $cloud->moderate('unmerge', 'jeu');
        $unmerged = $cloud->state(self::TRAINER, true);
        $this->assertSame(self::words($before), self::words($unmerged));
        $this->assertGreaterThan($merged['version'], $unmerged['version']);
    }

    public function test_hide_and_unhide_the_author_sees_their_entry_hidden(): void {
        $cloud = self::cloud();
        self::submit($cloud, self::LUCAS, 'Pédagogie');
        self::submit($cloud, self::EMMA, 'pédagogie');
        $cloud->moderate('hide', 'PÉDAGOGIE');
        $hidden = $cloud->state(self::TRAINER, true);
        $this->assertSame(['words' => [], 'hiddenCount' => 1], $hidden['cloud']);
        $this->assertSame(['PÉDAGOGIE'], $hidden['moderation']['hidden']);
        $this->assertSame('hidden', $cloud->state(self::LUCAS)['mine'][0]['status']);
        $version = $cloud->version;
        $cloud->moderate('hide', 'pédagogie');
        $this->assertSame($version, $cloud->version, 'Hiding a hidden word changes nothing.');
        $cloud->moderate('unhide', 'pédagogie');
        $this->assertSame([['Pédagogie', 2]], self::words($cloud->state(self::TRAINER, true)));
        $this->assertSame('visible', $cloud->state(self::LUCAS)['mine'][0]['status']);
    }

    public function test_offensive_words_are_left_out_unless_the_filter_is_off(): void {
        $cloud = self::cloud();
        self::submit($cloud, self::LUCAS, 'connard');
        $this->assertSame(['words' => [], 'hiddenCount' => 1], $cloud->state(self::EMMA)['cloud']);
        $cloud->configure(['offensiveFilter' => false]);
        $this->assertSame([['connard', 1]], self::words($cloud->state(self::EMMA)));
    }

    public function test_approval_pending_entries_stay_out_until_approved(): void {
        $cloud = self::cloud(['approval' => true]);
        $entry = self::submit($cloud, self::LUCAS, 'entraide')['entry'];
        $this->assertSame('pending', $entry['status']);
        $this->assertSame(['words' => [], 'hiddenCount' => 0], $cloud->state(self::EMMA)['cloud']);
        $cloud->decide($entry['id'], 'accepted');
        $approved = $cloud->state(self::TRAINER, true);
        $this->assertSame([], $approved['moderation']['pending']);
        $this->assertSame([['entraide', 1]], self::words($approved));
        $this->assertSame([['id' => $entry['id'], 'text' => 'entraide', 'status' => 'visible']],
            $cloud->state(self::LUCAS)['mine']);
        // A moderator's own entries never wait.
        $this->assertSame('visible', $cloud->submit(self::TRAINER, 'accueil', self::key(), true)['entry']['status']);
    }

    public function test_approval_a_rejected_entry_never_reaches_the_cloud(): void {
        $cloud = self::cloud(['approval' => true, 'maxPerPerson' => 1]);
        $entry = self::submit($cloud, self::LUCAS, 'nul')['entry'];
        $cloud->decide($entry['id'], 'rejected');
        $rejected = $cloud->state(self::TRAINER, true);
        $this->assertSame([], $rejected['moderation']['pending']);
        $this->assertSame(['words' => [], 'hiddenCount' => 0], $rejected['cloud']);
        $this->assertSame([['id' => $entry['id'], 'text' => 'nul', 'status' => 'hidden']], $cloud->state(self::LUCAS)['mine']);
        $version = $cloud->version;
        $cloud->decide($entry['id'], 'accepted');
        $this->assertSame($version, $cloud->version, 'Only pending entries can be decided.');
        $this->assertSame('limit_reached', self::submit($cloud, self::LUCAS, 'autre')['error']);
        $this->assertTrue($cloud->withdraw(self::LUCAS, $entry['id'])['withdrawn']);
        $this->assertSame('pending', self::submit($cloud, self::LUCAS, 'autre')['entry']['status']);
    }

    public function test_says_to_everybody_whether_words_are_rotated(): void {
        $cloud = self::cloud();
        $this->assertSame(['rotate' => false], $cloud->state(self::LUCAS)['display']);
        $cloud->configure(['rotate' => true]);
        $this->assertSame(['rotate' => true], $cloud->state(self::LUCAS)['display']);
    }

    public function test_configure_checks_settings_and_reset_clears_entries_merges_and_hidden_words(): void {
        $cloud = self::cloud();
        try {
            $cloud->configure(['minPerPerson' => 5, 'maxPerPerson' => 2]);
            $this->fail('minPerPerson above maxPerPerson was accepted');
        } catch (\InvalidArgumentException $e) {
            $this->assertStringContainsString('minPerPerson', $e->getMessage());
        }
        $cloud->configure(['question' => 'Un mot ?', 'maxPerPerson' => 4]);
        $configured = $cloud->state(self::TRAINER, true);
        $this->assertSame('Un mot ?', $configured['question']);
        $this->assertSame(4, $configured['limits']['maxPerPerson']);
        self::submit($cloud, self::LUCAS, 'jeu');
        $cloud->moderate('hide', 'autre');
        $cloud->moderate('merge', 'jeu', ['jeux']);
        $cloud->reset();
        $cleared = $cloud->state(self::TRAINER, true);
        $this->assertSame(['words' => [], 'hiddenCount' => 0], $cleared['cloud']);
        $this->assertSame([[], [], []], [$cleared['moderation']['hidden'], $cleared['moderation']['merges'],
            $cleared['moderation']['pending']]);
        $this->assertSame('Un mot ?', $cleared['question']);
        $this->assertSame([], $cloud->entries);
    }

    public function test_the_state_has_the_protocols_keys_in_order_and_types(): void {
        $cloud = self::cloud(['identity' => 'named']);
        self::submit($cloud, self::LUCAS, 'écoute');
        $trainee = $cloud->state(self::LUCAS);
        $this->assertSame(['version', 'open', 'question', 'limits', 'visibility', 'display', 'mine', 'participants',
            'cloud'], array_keys($trainee));
        $trainer = $cloud->state(self::TRAINER, true);
        $this->assertSame(['version', 'open', 'question', 'limits', 'visibility', 'display', 'mine', 'participants',
            'cloud', 'settings', 'moderation'], array_keys($trainer));
        $this->assertSame(array_keys(settings::DEFAULTS), array_keys($trainer['settings']));
        $this->assertSame(['pending', 'hidden', 'merges', 'suggestions', 'entries'], array_keys($trainer['moderation']));
        $this->assertIsInt($trainer['version']);
        $this->assertIsBool($trainer['settings']['approval']);
    }

    public function test_lists_are_cut_to_the_protocols_bounds(): void {
        $rows = [];
        for ($i = 1; $i <= 700; $i++) {
            $rows[] = ['id' => $i, 'userid' => $i, 'text' => "mot{$i}", 'status' => $i % 2 ? 'accepted' : 'pending'];
        }
        $mine = array_map(fn(int $i) => ['id' => 1000 + $i, 'userid' => 1, 'text' => "m{$i}", 'status' => 'accepted'],
            range(1, 25));
        $state = state_builder::build(['version' => 3, 'settings' => settings::DEFAULTS, 'rows' => $rows,
            'mine' => $mine, 'moderator' => true]);
        $this->assertCount(20, $state['mine']);
        $this->assertCount(300, $state['moderation']['pending']);
        $this->assertCount(300, $state['moderation']['entries']);
        $this->assertSame('mot699', $state['moderation']['entries'][0]['text'], 'Newest first.');
        $this->assertSame(350, $state['participants']);
        $export = state_builder::export(['settings' => settings::DEFAULTS, 'rows' => $rows]);
        $this->assertCount(350, $export['words']);
        $this->assertFalse($export['truncated']);
    }
}
