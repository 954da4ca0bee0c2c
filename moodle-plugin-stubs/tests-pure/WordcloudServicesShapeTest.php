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


use core_external\external_api;
use PHPUnit\Framework\TestCase;

require_once(__DIR__ . '/support/core_external.php');
foreach (glob(dirname(__DIR__) . '/mod_magwordcloud/classes/external/*.php') as $file) {
    require_once($file);
}
require_once(__DIR__ . '/support/wordcloud_scenarios.php');

/**
 * The word cloud's web service structures, through a stand-in of Moodle 4.5's external_api (support/core_external.php):
 * what the pure classes build passes each function's `execute_returns()` unchanged (nothing dropped, added, nulled
 * or converted), and each function's `execute_parameters()` takes the bridge's payloads as the host module forwards
 * them (`{...payload, cmid}`).
 *
 * @covers \mod_magwordcloud\external\structures
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class WordcloudServicesShapeTest extends TestCase {
    /**
     * The scenarios, by name.
     *
     * @return array
     */
    public static function scenarios(): array {
        $cases = [];
        foreach (wordcloud_scenarios::all() as $scenario) {
            $cases[$scenario['name']] = [$scenario['function'], $scenario['value']];
        }
        return $cases;
    }

    /**
     * @dataProvider scenarios
     * @param string $function
     * @param array $value
     */
    public function test_answers_pass_their_return_structure_unchanged(string $function, array $value): void {
        $class = 'mod_magwordcloud\\external\\' . $function;
        $this->assertSame($value, external_api::clean_returnvalue($class::execute_returns(), $value));
    }

    public function test_a_null_cloud_survives_cleaning_and_a_missing_one_does_not(): void {
        $state = wordcloud_scenarios::all()[0]['value'];
        $state['cloud'] = null;
        $this->assertNull(external_api::clean_returnvalue(\mod_magwordcloud\external\get_state::execute_returns(),
            $state)['cloud']);
        unset($state['cloud']);
        $this->expectException(\invalid_response_exception::class);
        external_api::clean_returnvalue(\mod_magwordcloud\external\get_state::execute_returns(), $state);
    }

    /**
     * Payloads of the bridge's subjects, as the host module forwards them.
     *
     * @return array
     */
    public static function payloads(): array {
        return [
            'wordcloud.state' => ['get_state', []],
            'wordcloud.submit' => ['submit', ['text' => ' Jeu sérieux ', 'key' => 'abcd-1234-efgh']],
            'wordcloud.withdraw' => ['withdraw', ['id' => 4]],
            'wordcloud.configure (partial)' => ['configure', ['visibility' => 'never', 'stopList' => ['le']]],
            'wordcloud.configure (the trainer panel\'s form)' => ['configure', ['question' => 'Un mot ?',
                'minPerPerson' => 1, 'maxPerPerson' => 3, 'maxLength' => 40, 'visibility' => 'after_answer',
                'identity' => 'named', 'approval' => false, 'accentsMerge' => true, 'offensiveFilter' => true,
                'rotate' => false, 'stopList' => []]],
            'wordcloud.open' => ['open', []],
            'wordcloud.close' => ['close', []],
            'wordcloud.reset' => ['reset', []],
            'wordcloud.hide' => ['hide', ['word' => 'outil']],
            'wordcloud.unhide' => ['unhide', ['word' => 'outil']],
            'wordcloud.merge' => ['merge', ['target' => 'jeu', 'members' => ['jeux', 'Jeu']]],
            'wordcloud.unmerge' => ['unmerge', ['target' => 'jeu']],
            'wordcloud.approve' => ['approve', ['id' => 4]],
            'wordcloud.reject' => ['reject', ['id' => 4]],
            'wordcloud.export' => ['export', []],
        ];
    }

    /**
     * @dataProvider payloads
     * @param string $function
     * @param array $payload
     */
    public function test_parameters_take_the_bridge_payloads(string $function, array $payload): void {
        $class = 'mod_magwordcloud\\external\\' . $function;
        $params = external_api::validate_parameters($class::execute_parameters(), $payload + ['cmid' => 42]);
        $this->assertSame(42, $params['cmid']);
        foreach ($payload as $key => $value) {
            $this->assertSame($value, $params[$key], $key);
        }
        // Moodle calls execute() with the values in the order of the description: cmid comes first.
        $this->assertSame('cmid', array_key_first($params));
        $method = new \ReflectionMethod($class, 'execute');
        $this->assertSame(count($params), $method->getNumberOfParameters());
    }

    public function test_configure_leaves_out_settings_as_null(): void {
        $params = external_api::validate_parameters(\mod_magwordcloud\external\configure::execute_parameters(),
            ['cmid' => 42, 'rotate' => true]);
        $this->assertTrue($params['rotate']);
        $this->assertNull($params['stopList']);
        $this->assertNull($params['question']);
        $this->assertSame(['cmid', 'question', 'minPerPerson', 'maxPerPerson', 'maxLength', 'visibility', 'identity',
            'approval', 'accentsMerge', 'stopList', 'offensiveFilter', 'rotate', 'open'], array_keys($params));
    }

    /**
     * Payloads Moodle refuses before the function runs.
     *
     * @return array
     */
    public static function bad_payloads(): array {
        return [
            'an unknown key' => ['submit', ['text' => 'x', 'key' => 'abcd-1234', 'extra' => 1]],
            'a key with dots' => ['submit', ['text' => 'x', 'key' => 'abcd.1234']],
            'a missing text' => ['submit', ['key' => 'abcd-1234']],
            'an id as text' => ['withdraw', ['id' => 'four']],
            'members as a word' => ['merge', ['target' => 'jeu', 'members' => 'jeux']],
            'a number as a boolean' => ['configure', ['rotate' => 'yes']],
        ];
    }

    /**
     * @dataProvider bad_payloads
     * @param string $function
     * @param array $payload
     */
    public function test_parameters_refuse_what_moodle_refuses(string $function, array $payload): void {
        $class = 'mod_magwordcloud\\external\\' . $function;
        $this->expectException(\invalid_parameter_exception::class);
        external_api::validate_parameters($class::execute_parameters(), $payload + ['cmid' => 42]);
    }
}
