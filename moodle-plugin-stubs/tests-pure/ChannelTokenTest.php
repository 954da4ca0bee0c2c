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
use PHPUnit\Framework\TestCase;

/**
 * Channel tokens: signing, verification, expiry and tampering.
 *
 * @covers \local_magactivities\local\channel_token
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class ChannelTokenTest extends TestCase {
    private const SECRET = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

    public function test_a_signed_token_verifies_with_its_claims(): void {
        $token = channel_token::sign(self::SECRET, 'magreactions', 12, 34, 2000);
        $claims = channel_token::verify(self::SECRET, $token, 1000);
        $this->assertSame(channel_token::OK, $claims['status']);
        $this->assertSame('magreactions', $claims['modname']);
        $this->assertSame(12, $claims['instanceid']);
        $this->assertSame(34, $claims['userid']);
        $this->assertSame(2000, $claims['expires']);
    }

    public function test_the_token_shape_is_stable(): void {
        $token = channel_token::sign(self::SECRET, 'magreactions', 1, 2, 3);
        $this->assertMatchesRegularExpression('/^v1\.magreactions\.1\.2\.3\.[A-Za-z0-9_-]{43}$/', $token);
        // Same input, same token: the signature is deterministic (HMAC), no randomness.
        $this->assertSame($token, channel_token::sign(self::SECRET, 'magreactions', 1, 2, 3));
    }

    public function test_a_token_expires_at_its_expiry_time(): void {
        $token = channel_token::sign(self::SECRET, 'magreactions', 1, 2, 1000);
        $this->assertSame(channel_token::OK, channel_token::verify(self::SECRET, $token, 999)['status']);
        $this->assertSame(channel_token::EXPIRED, channel_token::verify(self::SECRET, $token, 1000)['status']);
        $this->assertSame(channel_token::EXPIRED, channel_token::verify(self::SECRET, $token, 5000)['status']);
    }

    public function test_another_secret_does_not_verify(): void {
        $token = channel_token::sign(self::SECRET, 'magreactions', 1, 2, 1000);
        $other = str_repeat('f', 64);
        $this->assertSame(channel_token::BAD_SIGNATURE, channel_token::verify($other, $token, 10)['status']);
    }

    /**
     * Every claim is covered by the signature.
     *
     * @dataProvider tampered_tokens
     * @param string $from
     * @param string $to
     */
    public function test_a_tampered_claim_is_refused(string $from, string $to): void {
        $token = channel_token::sign(self::SECRET, 'magreactions', 12, 34, 2000);
        $tampered = str_replace($from, $to, $token);
        $this->assertNotSame($token, $tampered);
        $this->assertSame(channel_token::BAD_SIGNATURE, channel_token::verify(self::SECRET, $tampered, 1000)['status']);
    }

    public static function tampered_tokens(): array {
        return [
            'instance' => ['.12.', '.13.'],
            'user' => ['.34.', '.35.'],
            'expiry' => ['.2000.', '.9000.'],
            'module' => ['magreactions', 'magwordcloud'],
        ];
    }

    /**
     * Malformed tokens are refused before any signature work.
     *
     * @dataProvider malformed_tokens
     * @param string $token
     */
    public function test_a_malformed_token_is_refused(string $token): void {
        $this->assertSame(channel_token::MALFORMED, channel_token::verify(self::SECRET, $token, 1000)['status']);
    }

    public static function malformed_tokens(): array {
        return [
            'empty' => [''],
            'garbage' => ['hello'],
            'wrong version' => ['v2.magreactions.1.2.3.sig'],
            'bad module' => ['v1.Mag-Reactions.1.2.3.sig'],
            'table injection' => ['v1.user;drop.1.2.3.sig'],
            'negative id' => ['v1.magreactions.-1.2.3.sig'],
            'leading zero' => ['v1.magreactions.01.2.3.sig'],
            'zero instance' => ['v1.magreactions.0.2.3.' . str_repeat('a', 43)],
            'too many parts' => ['v1.magreactions.1.2.3.4.sig'],
            'too long' => ['v1.magreactions.1.2.3.' . str_repeat('a', 300)],
            'trailing newline in a number' => ["v1.magreactions.1.2.3\n." . str_repeat('a', 43)],
        ];
    }

    public function test_short_secrets_are_refused(): void {
        $this->expectException(InvalidArgumentException::class);
        channel_token::sign('short', 'magreactions', 1, 2, 3);
    }

    public function test_invalid_claims_are_refused_when_signing(): void {
        $this->expectException(InvalidArgumentException::class);
        channel_token::sign(self::SECRET, 'mag.reactions', 1, 2, 3);
    }

    public function test_generated_secrets_are_long_and_different(): void {
        $a = channel_token::generate_secret();
        $this->assertSame(64, strlen($a));
        $this->assertGreaterThanOrEqual(channel_token::MIN_SECRET_LENGTH, strlen($a));
        $this->assertNotSame($a, channel_token::generate_secret());
    }
}
