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

use mod_magmodule\local\invalid_input;
use mod_magmodule\local\programme;
use mod_magmodule\local\progress;
use mod_magmodule\local\views;
use PHPUnit\Framework\TestCase;

/**
 * The module player's trusted rules in PHP, on the cases of module-activity/test/module-player.test.ts (there are no
 * shared JSON vectors for progress.ts): reach, xAPI statements to attempts, progress and scores, items as the player
 * receives them.
 *
 * @covers \mod_magmodule\local\progress
 * @covers \mod_magmodule\local\programme
 * @covers \mod_magmodule\local\views
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class ModuleProgressTest extends TestCase {
    /**
     * A module step.
     *
     * @param string|null $opens
     * @param string|null $closes
     * @return array
     */
    private static function step(?string $opens = null, ?string $closes = null): array {
        $step = ['kind' => 'module', 'id' => 'm1', 'title' => 'Module',
            'catalog' => ['entryId' => 'differencier-numerique', 'version' => '1.0.0'], 'durationMinutes' => 60];
        if ($opens !== null) {
            $step['opens'] = $opens;
        }
        if ($closes !== null) {
            $step['closes'] = $closes;
        }
        return $step;
    }

    public function test_reach_between_dates_inclusive_in_wall_clock_time(): void {
        $this->assertSame('upcoming', programme::reach(self::step('2026-03-02', '2026-03-10'), '2026-03-01T23:59'));
        $this->assertSame('open', programme::reach(self::step('2026-03-02', '2026-03-10'), '2026-03-02T00:00'));
        $this->assertSame('open', programme::reach(self::step('2026-03-02', '2026-03-10'), '2026-03-10T23:59'));
        $this->assertSame('closed', programme::reach(self::step('2026-03-02', '2026-03-10'), '2026-03-11T00:00'));
        $this->assertSame('open', programme::reach(self::step(), '2026-03-11T00:00'));
        $this->assertSame('open', programme::reach(self::step(null, '2026-03-10'), '2026-01-01T08:00'));
        // 23:30 UTC on 1 March is already 2 March in Paris.
        $now = programme::wall_clock((new DateTimeImmutable('2026-03-01T23:30:00Z'))->getTimestamp());
        $this->assertSame('2026-03-02T00:30', $now);
        $this->assertSame('open', programme::reach(self::step('2026-03-02'), $now));
    }

    public function test_durations(): void {
        $this->assertSame(12.5, progress::parse_duration('PT12.5S'));
        $this->assertSame(65.0, progress::parse_duration('PT1M5S'));
        $this->assertSame(86400.0, progress::parse_duration('P1DT2H'));
        $this->assertSame(86400.0, progress::parse_duration('PT30H'));
        foreach (['', 'P', 'PT', '12', 'PT-3S', 'soon'] as $text) {
            $this->assertNull(progress::parse_duration($text), $text);
        }
    }

    /**
     * A checked result.
     *
     * @param float $raw
     * @param float $max
     * @param array $extra
     * @return array
     */
    private static function result($raw, $max = 1, array $extra = []): array {
        return progress::check_result(['score' => ['min' => 0, 'raw' => $raw, 'max' => $max], 'completion' => true,
            'success' => $raw === $max] + $extra);
    }

    public function test_answered_and_completed_of_one_answer_make_one_attempt(): void {
        $first = progress::apply_statement(null, 'answered', self::result(1, 1, ['duration' => 'PT4S']), 'session-a');
        $this->assertEquals(['kind' => 'insert', 'attempt' => ['attempt' => 1, 'session' => 'session-a',
            'rawscore' => 1, 'maxscore' => 1, 'scaled' => 1, 'duration' => 4.0, 'completion' => true,
            'success' => true, 'verbs' => ['answered']]], $first);
        $merged = progress::apply_statement($first['attempt'], 'completed', self::result(1, 1, ['duration' => 'PT5S']),
            'session-a');
        $this->assertSame('update', $merged['kind']);
        $this->assertSame(1, $merged['attempt']['attempt']);
        $this->assertSame(5.0, $merged['attempt']['duration']);
        $this->assertSame(['answered', 'completed'], $merged['attempt']['verbs']);
        // The same verb again, or another player session: a new attempt.
        $again = progress::apply_statement($merged['attempt'], 'answered', self::result(0), 'session-a');
        $this->assertSame('insert', $again['kind']);
        $this->assertSame(2, $again['attempt']['attempt']);
        $this->assertEquals(0, $again['attempt']['scaled']);
        $this->assertFalse($again['attempt']['success']);
        $other = progress::apply_statement($first['attempt'], 'completed', self::result(0), 'session-b');
        $this->assertSame(['insert', 2], [$other['kind'], $other['attempt']['attempt']]);
    }

    public function test_scaled_computed_and_earlier_values_kept(): void {
        $this->assertSame(0.75, progress::apply_statement(null, 'answered', self::result(3, 4), 's')['attempt']['scaled']);
        $this->assertNull(progress::apply_statement(null, 'answered', self::result(0, 0), 's')['attempt']['scaled']);
        $scored = progress::apply_statement(null, 'answered', self::result(2, 4), 's')['attempt'];
        $bare = progress::check_result([]);
        $merged = progress::apply_statement($scored, 'completed', $bare, 's')['attempt'];
        $this->assertSame([2, 4, 0.5, true], [$merged['rawscore'], $merged['maxscore'], $merged['scaled'],
            $merged['completion']]);
        $this->assertTrue(progress::completes_item('completed', $bare));
        $this->assertFalse(progress::completes_item('answered', $bare));
        $this->assertTrue(progress::completes_item('answered', self::result(0)));
    }

    /**
     * Forged or impossible results.
     *
     * @return array
     */
    public static function forged_results(): array {
        return [
            'raw above max' => [['score' => ['raw' => 2, 'max' => 1]]],
            'raw below min' => [['score' => ['raw' => -1, 'max' => 1]]],
            'huge max' => [['score' => ['raw' => 1, 'max' => 1000000]]],
            'scaled above 1' => [['score' => ['raw' => 1, 'max' => 1, 'scaled' => 1.5]]],
            'NaN' => [['score' => ['raw' => NAN, 'max' => 1]]],
            'text score' => [['score' => ['raw' => '1', 'max' => 1]]],
            'empty duration' => [['duration' => 'PT']],
            'text completion' => [['completion' => 'yes']],
            'a list' => [[1, 2]],
        ];
    }

    /**
     * @dataProvider forged_results
     * @param array $bad
     */
    public function test_forged_results_are_refused(array $bad): void {
        $this->expectException(invalid_input::class);
        progress::check_result($bad);
    }

    public function test_negative_minimum_is_accepted(): void {
        $this->assertSame(['score' => ['raw' => -1, 'max' => 3, 'min' => -2]],
            progress::check_result(['score' => ['min' => -2, 'raw' => -1, 'max' => 3]]));
    }

    public function test_step_figures_count_the_version_in_use_only(): void {
        $items = [['id' => 'intro', 'kind' => 'page'], ['id' => 'video', 'kind' => 'video'],
            ['id' => 'h5p-a', 'kind' => 'h5p'], ['id' => 'h5p-b', 'kind' => 'h5p'], ['id' => 'quiz', 'kind' => 'quiz']];
        $record = fn($completed, $seconds, $best = null) => ['completed' => $completed, 'seconds' => $seconds,
            'bestscaled' => $best];
        $this->assertEquals(['percent' => 0, 'completed' => false, 'seconds' => 0, 'score' => null],
            progress::step_figures($items, []));
        $records = ['intro' => $record(true, 60), 'h5p-a' => $record(true, 30, 0.5),
            'removed-in-this-version' => $record(true, 600, 1)];
        $this->assertEquals(['percent' => 50, 'completed' => false, 'seconds' => 90, 'score' => 25],
            progress::step_figures($items, $records));
        $records['video'] = $record(true, 100);
        $records['h5p-b'] = $record(true, 20, 1);
        $this->assertEquals(['percent' => 100, 'completed' => true, 'seconds' => 210, 'score' => 75],
            progress::step_figures($items, $records));
        $this->assertFalse(progress::step_figures([['id' => 'quiz', 'kind' => 'quiz']], $records)['completed']);
        // One decimal, halves up (as Math.round).
        $three = [['id' => 'a', 'kind' => 'page'], ['id' => 'b', 'kind' => 'page'], ['id' => 'c', 'kind' => 'page']];
        $this->assertSame(33.3, progress::step_figures($three, ['a' => $record(true, 0)])['percent']);
        $this->assertSame(66.7, progress::step_figures($three, ['a' => $record(true, 0), 'b' => $record(true, 0)])['percent']);
    }

    public function test_programme_figures(): void {
        $this->assertEquals(['percent' => 50, 'completed' => false, 'seconds' => 900, 'score' => 60],
            progress::programme_figures([
                ['percent' => 100, 'completed' => true, 'seconds' => 600, 'score' => 80],
                ['percent' => 50, 'completed' => false, 'seconds' => 300, 'score' => null],
                ['percent' => 0, 'completed' => false, 'seconds' => 0, 'score' => 40],
            ]));
        $this->assertEquals(['percent' => 0, 'completed' => false, 'seconds' => 0, 'score' => null],
            progress::programme_figures([]));
    }

    public function test_time_reports_cannot_outrun_the_clock(): void {
        $this->assertSame(60, progress::counted_seconds(60, null, 1000));
        $this->assertSame(15, progress::counted_seconds(60, 990, 1000));
        $this->assertSame(5, progress::counted_seconds(60, 2000, 1000));
    }

    public function test_pages_made_absolute_and_the_rest_left_to_the_sanitiser(): void {
        $package = 'https://catalogue.example.fr/c/modules/m/1.0.0/module.json';
        $html = '<p><img src="images/a.svg" alt=""> <a href="pages/b.html?x=1&amp;y=2">b</a> <a href="#top">top</a> '
            . '<a href="javascript:alert(1)">x</a> <a href="https://ailleurs.example/">c</a><!-- <img src="hidden.png"> --></p>';
        $this->assertSame('<p><img src="https://catalogue.example.fr/c/modules/m/1.0.0/images/a.svg" alt=""> '
            . '<a href="https://catalogue.example.fr/c/modules/m/1.0.0/pages/b.html?x=1&amp;y=2">b</a> <a href="#top">top</a> '
            . '<a href="javascript:alert(1)">x</a> <a href="https://ailleurs.example/">c</a><!-- <img src="hidden.png"> --></p>',
            views::absolutize_page($html, $package));
    }

    public function test_videos_captions_and_h5p_folders_resolved(): void {
        $package = 'https://catalogue.example.fr/c/modules/m/1.0.0/module.json';
        $libraries = 'https://catalogue.example.fr/c/h5p-libraries/';
        $video = views::playable(['kind' => 'video', 'id' => 'v', 'title' => 'Vidéo', 'duration' => 3,
            'src' => 'media/v.webm', 'poster' => 'https://images.example/p.png',
            'captions' => [['src' => 'media/v.fr.vtt', 'lang' => 'fr', 'label' => 'Français']], 'transcript' => 'Texte.'],
            $package, $libraries);
        $this->assertSame('https://catalogue.example.fr/c/modules/m/1.0.0/media/v.webm', $video['src']);
        $this->assertSame('https://images.example/p.png', $video['poster']);
        $this->assertSame('https://catalogue.example.fr/c/modules/m/1.0.0/media/v.fr.vtt', $video['captions'][0]['src']);
        $h5p = views::playable(['kind' => 'h5p', 'id' => 'h', 'title' => 'H5P', 'duration' => 5, 'path' => 'h5p/choix'],
            $package, $libraries);
        $this->assertSame('https://catalogue.example.fr/c/modules/m/1.0.0/h5p/choix', $h5p['h5pJsonPath']);
        $this->assertSame('https://catalogue.example.fr/c/h5p-libraries', $h5p['librariesPath']);
    }

    public function test_parts_join_back_exactly(): void {
        $text = json_encode(['html' => str_repeat('é', 10) . '😀' . str_repeat('x', 50)], JSON_UNESCAPED_UNICODE);
        $parts = views::split_parts($text, 7);
        foreach ($parts as $part) {
            $this->assertLessThanOrEqual(7, mb_strlen($part));
        }
        $this->assertSame($text, implode('', $parts));
        $this->assertSame([''], views::split_parts('', 10));
    }

    public function test_versions_and_update_offers(): void {
        $this->assertSame(1, views::compare('1.0.0', '1.0.0-rc.1'));
        $this->assertSame(-1, views::compare('1.0.0-alpha', '1.0.0-alpha.1'));
        $this->assertSame(-1, views::compare('1.9.0', '1.10.0'));
        $this->assertTrue(views::is_major('1.2.0', '2.0.0'));
        $this->assertTrue(views::is_major('0.1.0', '0.2.0'));
        $this->assertFalse(views::is_major('1.2.0', '1.3.0'));
        $entry = ['latest' => '2.0.0', 'versions' => [
            ['version' => '1.0.0', 'date' => '2025-01-01', 'releaseNotes' => 'Première.'],
            ['version' => '1.1.0', 'date' => '2025-02-01', 'releaseNotes' => 'Ajouts.'],
            ['version' => '2.0.0-rc.1', 'date' => '2025-02-15', 'releaseNotes' => 'Essai.'],
            ['version' => '2.0.0', 'date' => '2025-03-01', 'releaseNotes' => str_repeat('n', 2000)],
        ]];
        $offer = views::update_offer($entry, '1.0.0');
        $this->assertSame('2.0.0', $offer['version']);
        $this->assertSame(['2.0.0', '1.1.0'], array_column($offer['notes'], 'version'));
        $this->assertSame(1500, mb_strlen($offer['notes'][0]['releaseNotes']));
        $this->assertSame(0, $offer['more']);
        $this->assertTrue($offer['major']);
        $this->assertNull(views::update_offer($entry, '2.0.0'));
    }
}
