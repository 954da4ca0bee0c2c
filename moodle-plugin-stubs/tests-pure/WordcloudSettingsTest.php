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


use mod_magwordcloud\local\config_editor;
use mod_magwordcloud\local\settings;
use PHPUnit\Framework\TestCase;

/**
 * The word cloud's settings (bounds, storage, a trainer's changes) and the stored moderation lists.
 *
 * @covers \mod_magwordcloud\local\settings
 * @covers \mod_magwordcloud\local\config_editor
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class WordcloudSettingsTest extends TestCase {
    public function test_utf16_length_counts_as_javascript_does(): void {
        $this->assertSame(0, settings::utf16_length(''));
        $this->assertSame(5, settings::utf16_length('école'));
        $this->assertSame(2, settings::utf16_length('😀'));
        $this->assertSame(1, settings::utf16_length("\u{FFFF}"));
        $this->assertSame(8, settings::utf16_length('👩‍👩‍👧'), 'three emoji (two units each) and two joiners');
        $this->assertSame(-1, settings::utf16_length("mo\xFFt"));
    }

    public function test_truncate_utf16_never_splits_a_code_point(): void {
        $this->assertSame('abc', settings::truncate_utf16('abc', 200));
        $this->assertSame('😀', settings::truncate_utf16('😀😀', 3));
        $this->assertSame('é😀', settings::truncate_utf16('é😀', 3));
        $this->assertSame(200, settings::utf16_length(settings::truncate_utf16(str_repeat('😀', 150), 200)));
    }

    public function test_a_record_round_trips(): void {
        $custom = settings::apply(settings::DEFAULTS, [
            'question' => 'Un mot ?', 'minPerPerson' => 0, 'maxPerPerson' => 20, 'maxLength' => 100,
            'visibility' => 'after_answer', 'identity' => 'named', 'approval' => true, 'accentsMerge' => true,
            'stopList' => ['le', 'la', 'école'], 'offensiveFilter' => false, 'rotate' => true, 'open' => false,
        ]);
        $record = settings::to_record($custom);
        $this->assertSame(['question', 'minperperson', 'maxperperson', 'maxlength', 'visibility', 'identitymode',
            'approval', 'accentsmerge', 'stoplist', 'offensivefilter', 'rotate', 'isopen'], array_keys($record));
        $this->assertSame('["le","la","école"]', $record['stoplist']);
        $this->assertSame(0, $record['isopen']);
        // As the database gives it back: strings.
        $fromdb = (object) array_map(fn($value) => (string) $value, $record);
        $this->assertSame($custom, settings::from_record($fromdb));
        $this->assertSame(settings::DEFAULTS, settings::from_record(settings::to_record(settings::DEFAULTS)));
    }

    public function test_a_record_out_of_bounds_falls_back_field_by_field(): void {
        $settings = settings::from_record([
            'question' => str_repeat('q', 501), 'minperperson' => '25', 'maxperperson' => '4', 'maxlength' => '0',
            'visibility' => 'sometimes', 'identitymode' => 'named', 'approval' => '1', 'stoplist' => '{"not": "a list"}',
            'isopen' => null,
        ]);
        $this->assertSame('', $settings['question']);
        $this->assertSame(1, $settings['minPerPerson']);
        $this->assertSame(4, $settings['maxPerPerson']);
        $this->assertSame(40, $settings['maxLength']);
        $this->assertSame('always', $settings['visibility']);
        $this->assertSame('named', $settings['identity']);
        $this->assertTrue($settings['approval']);
        $this->assertSame([], $settings['stopList']);
        $this->assertTrue($settings['open']);
        // A minimum above the maximum cannot come out of a record.
        $this->assertSame(2, settings::from_record(['minperperson' => 5, 'maxperperson' => 2])['maxPerPerson']);
        $this->assertSame(1, settings::from_record(['minperperson' => 5, 'maxperperson' => 2])['minPerPerson']);
    }

    /**
     * Changes a trainer may not make.
     *
     * @return array
     */
    public static function bad_changes(): array {
        return [
            'question too long' => [['question' => str_repeat('😀', 251)]],
            'question not UTF-8' => [['question' => "\xC3"]],
            'no maximum of 0' => [['maxPerPerson' => 0]],
            'maximum above 20' => [['maxPerPerson' => 21]],
            'negative minimum' => [['minPerPerson' => -1]],
            'length above 100' => [['maxLength' => 101]],
            'a string for a number' => [['maxLength' => '40']],
            'unknown visibility' => [['visibility' => 'later']],
            'unknown identity' => [['identity' => 'secret']],
            'a number for a boolean' => [['approval' => 1]],
            'too many stop words' => [['stopList' => array_fill(0, 201, 'mot')]],
            'an empty stop word' => [['stopList' => ['']]],
            'a stop word too long' => [['stopList' => [str_repeat('m', 1001)]]],
            'a map for a list' => [['stopList' => ['a' => 'mot']]],
            'minimum above maximum' => [['minPerPerson' => 5, 'maxPerPerson' => 2]],
            'unknown setting' => [['colour' => 'red']],
        ];
    }

    /**
     * @dataProvider bad_changes
     * @param array $changes
     */
    public function test_apply_refuses_what_the_protocol_refuses(array $changes): void {
        $this->expectException(\InvalidArgumentException::class);
        settings::apply(settings::DEFAULTS, $changes);
    }

    public function test_apply_leaves_null_and_missing_settings_alone(): void {
        $next = settings::apply(settings::DEFAULTS, ['question' => null, 'rotate' => true, 'stopList' => null]);
        $this->assertSame(array_replace(settings::DEFAULTS, ['rotate' => true]), $next);
        $this->assertSame(array_keys(settings::DEFAULTS), array_keys($next));
    }

    public function test_stop_list_from_lines(): void {
        $this->assertSame(['le', 'la', 'des mots'], settings::stop_list_from_lines(" le \r\n\nla\n  des mots  \n"));
        $this->assertSame([], settings::stop_list_from_lines(''));
    }

    public function test_stored_moderation_lists_keep_only_what_fits_the_protocol(): void {
        $this->assertSame(['mot', 'école'], config_editor::hidden_from_json('["mot", "", 3, "école"]'));
        $this->assertSame([], config_editor::hidden_from_json('not json'));
        $this->assertSame([], config_editor::hidden_from_json(null));
        $this->assertSame([['target' => 'jeu', 'members' => ['jeux']]], config_editor::merges_from_json(
            '[{"target": "jeu", "members": ["jeux", ""]}, {"target": "", "members": ["a"]}, {"target": "b", "members": []}]'));
        $this->assertSame('[{"target":"école","members":["écoles"]}]',
            config_editor::to_json([['target' => 'école', 'members' => ['écoles']]]));
    }

    public function test_moderation_limits_and_bad_words(): void {
        $hidden = array_map(fn(int $i) => "mot{$i}", range(1, 300));
        try {
            config_editor::hide($hidden, 'encore', false);
            $this->fail('A 301st hidden word was accepted');
        } catch (\InvalidArgumentException $e) {
            $this->assertSame('Too many hidden words.', $e->getMessage());
        }
        $this->assertNull(config_editor::hide($hidden, 'MOT1', false), 'Already hidden: no change, even at the limit.');
        foreach (["\u{200B} ", '', str_repeat('x', 1001)] as $word) {
            try {
                config_editor::hide([], $word, false);
                $this->fail('Hid ' . json_encode($word));
            } catch (\InvalidArgumentException $e) {
                $this->assertNotEmpty($e->getMessage());
            }
        }
        $this->expectException(\InvalidArgumentException::class);
        config_editor::merge([], 'jeu', array_fill(0, 51, 'jeux'), false);
    }

    public function test_accents_merge_makes_accented_words_the_same_word(): void {
        $this->assertNull(config_editor::hide(['école'], 'ECOLE', true));
        $this->assertSame(['école', 'ECOLE'], config_editor::hide(['école'], 'ECOLE', false));
        $existing = [['target' => 'élève', 'members' => ['élèves']]];
        $this->assertNull(config_editor::merge($existing, 'ELEVE', ['eleves', 'élève'], true),
            'Folded, the target and both members are already in the merge.');
        $this->assertSame([['target' => 'élève', 'members' => ['élèves', 'eleves']]],
            config_editor::merge($existing, 'élève', ['eleves'], false));
        $merges = config_editor::merge([], 'élève', ['eleve', 'élèves'], false);
        $this->assertSame([['target' => 'élève', 'members' => ['eleve', 'élèves']]], $merges);
        $this->assertSame([['target' => 'élève', 'members' => ['élèves']]], config_editor::merge([], 'élève',
            ['eleve', 'élèves'], true));
        $this->assertSame([], config_editor::unmerge($merges, 'ÉLÈVE', false));
    }
}
