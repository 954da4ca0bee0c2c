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
 * The pure logic inside Moodle, with Moodle's PHP and its intl extension: the same classes run without Moodle in
 * moodle-plugin-stubs/tests-pure/, against the shared vectors and the reference host's scenarios.
 *
 * @package    mod_magwordcloud
 * @category   test
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \mod_magwordcloud\local\state_builder
 * @covers     \mod_magwordcloud\local\submission
 * @covers     \mod_magwordcloud\local\normalizer
 * @covers     \mod_magwordcloud\local\aggregator
 */
final class state_builder_test extends \basic_testcase {
    public function test_normalization_and_counting(): void {
        $this->assertSame(['ok' => true, 'text' => 'Jeu sérieux', 'key' => 'jeu sérieux'],
            normalizer::normalize_entry("  Jeu\u{200B}  se\u{301}rieux ", 40));
        $cloud = aggregator::aggregate([
            ['user' => '1', 'text' => 'Jeu'], ['user' => '2', 'text' => 'jeu'], ['user' => '1', 'text' => 'JEU'],
            ['user' => '3', 'text' => 'outil'],
        ]);
        $this->assertSame(['words' => [['text' => 'Jeu', 'weight' => 2, 'rank' => 1],
            ['text' => 'outil', 'weight' => 1, 'rank' => 2]], 'hiddenCount' => 0], $cloud);
    }

    public function test_a_trainee_state(): void {
        $settings = settings::apply(settings::DEFAULTS, ['identity' => 'named', 'visibility' => 'after_answer']);
        $rows = [
            (object) ['id' => '4', 'userid' => '7', 'entrytext' => 'écoute', 'status' => 'accepted', 'author' => 'Lucas'],
            (object) ['id' => '5', 'userid' => '8', 'entrytext' => 'patience', 'status' => 'pending', 'author' => 'Emma'],
        ];
        $state = state_builder::build(['version' => 9, 'settings' => $settings, 'rows' => $rows,
            'mine' => [$rows[0]], 'moderator' => false]);
        $this->assertSame(9, $state['version']);
        $this->assertSame([['id' => 4, 'text' => 'écoute', 'status' => 'visible']], $state['mine']);
        $this->assertSame([['text' => 'écoute', 'weight' => 1, 'rank' => 1]], $state['cloud']['words']);
        $this->assertStringNotContainsString('Lucas', json_encode($state));
        $this->assertArrayNotHasKey('moderation', $state);
    }

    public function test_submission_decisions(): void {
        $settings = settings::apply(settings::DEFAULTS, ['maxPerPerson' => 1, 'approval' => true]);
        $this->assertSame('pending', submission::decide($settings, [], 'mot', false)['status']);
        $this->assertSame('accepted', submission::decide($settings, [], 'mot', true)['status']);
        $this->assertSame('duplicate', submission::decide($settings, [['entrykey' => 'mot']], 'MOT', false)['error']);
        $this->assertSame('limit_reached', submission::decide($settings, [['entrykey' => 'autre']], 'mot', false)['error']);
    }
}
