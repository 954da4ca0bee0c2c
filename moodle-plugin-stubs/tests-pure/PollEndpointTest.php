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

use local_magactivities\local\channel_token;
use local_magactivities\local\poll_endpoint;
use PHPUnit\Framework\TestCase;

/**
 * The light poll endpoint's answers: every request gets one of the documented answers, whatever it carries.
 *
 * @covers \local_magactivities\local\poll_endpoint
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class PollEndpointTest extends TestCase {
    private const SECRET = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
    private const NOW = 1750000000;

    /** @var array<int, array{0: string, 1: int}> version lookups made */
    private array $lookups = [];

    private function versions(array $known): callable {
        return function (string $modname, int $instanceid) use ($known) {
            $this->lookups[] = [$modname, $instanceid];
            return $known[$modname . ':' . $instanceid] ?? false;
        };
    }

    private function token(int $instanceid = 7, int $expires = self::NOW + 60, string $modname = 'magreactions'): string {
        return channel_token::sign(self::SECRET, $modname, $instanceid, 42, $expires);
    }

    public function test_a_valid_token_gets_the_version_alone(): void {
        $answer = poll_endpoint::answer($this->token(), self::SECRET, self::NOW, $this->versions(['magreactions:7' => 12]));
        $this->assertSame([200, ['v' => 12]], $answer);
        $this->assertSame([['magreactions', 7]], $this->lookups);
    }

    public function test_the_version_is_an_integer_even_when_the_database_gives_text(): void {
        $answer = poll_endpoint::answer($this->token(), self::SECRET, self::NOW, $this->versions(['magreactions:7' => '3']));
        $this->assertSame([200, ['v' => 3]], $answer);
    }

    public function test_surrounding_spaces_are_ignored(): void {
        $answer = poll_endpoint::answer(' ' . $this->token() . "\n", self::SECRET, self::NOW,
            $this->versions(['magreactions:7' => 1]));
        $this->assertSame(200, $answer[0]);
    }

    /**
     * Anything that is not a token string is malformed (400), and the database is never asked.
     *
     * @dataProvider malformed_tokens
     * @param mixed $token
     */
    public function test_malformed_requests_get_400(mixed $token): void {
        $answer = poll_endpoint::answer($token, self::SECRET, self::NOW, $this->versions(['magreactions:7' => 1]));
        $this->assertSame([400, ['error' => 'malformed']], $answer);
        $this->assertSame([], $this->lookups);
    }

    public static function malformed_tokens(): array {
        return [
            'absent' => [null],
            'empty' => [''],
            'spaces' => ['   '],
            'an array (t[]=…)' => [['v1.magreactions.7.42.1750000060.x']],
            'a nested array' => [['t' => ['x']]],
            'not a token' => ['hello'],
            'binary' => ["\0\xff\xfe"],
            'too long' => [str_repeat('a', 201)],
            'instance zero' => ['v1.magreactions.0.42.1750000060.abc'],
            'unknown format version' => ['v2.magreactions.7.42.1750000060.abc'],
        ];
    }

    public function test_an_expired_token_gets_403_expired(): void {
        $answer = poll_endpoint::answer($this->token(7, self::NOW), self::SECRET, self::NOW, $this->versions([]));
        $this->assertSame([403, ['error' => 'expired']], $answer);
        $this->assertSame([], $this->lookups);
    }

    public function test_a_forged_token_gets_403_bad_signature(): void {
        $forged = channel_token::sign(str_repeat('f', 64), 'magreactions', 7, 42, self::NOW + 60);
        $answer = poll_endpoint::answer($forged, self::SECRET, self::NOW, $this->versions(['magreactions:7' => 1]));
        $this->assertSame([403, ['error' => 'bad_signature']], $answer);
        $this->assertSame([], $this->lookups);
    }

    public function test_a_deleted_instance_gets_404_gone(): void {
        $answer = poll_endpoint::answer($this->token(8), self::SECRET, self::NOW, $this->versions(['magreactions:7' => 1]));
        $this->assertSame([404, ['error' => 'gone']], $answer);
    }

    /**
     * No secret, or a short one: nothing can be verified (503), and nothing is read.
     *
     * @dataProvider unusable_secrets
     * @param mixed $secret
     */
    public function test_without_a_usable_secret_the_answer_is_503(mixed $secret): void {
        $answer = poll_endpoint::answer($this->token(), $secret, self::NOW, $this->versions(['magreactions:7' => 1]));
        $this->assertSame([503, ['error' => 'unavailable']], $answer);
        $this->assertSame([], $this->lookups);
    }

    public static function unusable_secrets(): array {
        return ['missing (get_config gives false)' => [false], 'empty' => [''], 'short' => ['abc'], 'not text' => [['x']]];
    }

    public function test_a_database_failure_gets_503(): void {
        $failing = function () {
            throw new \RuntimeException('database down');
        };
        $this->assertSame([503, ['error' => 'unavailable']],
            poll_endpoint::answer($this->token(), self::SECRET, self::NOW, $failing));
    }
}
