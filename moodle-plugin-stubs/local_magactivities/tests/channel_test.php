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
namespace local_magactivities;

use local_magactivities\local\channel_token;

/**
 * Channel tokens issued by Moodle, the site secret and the settings.
 *
 * @package    local_magactivities
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \local_magactivities\channel
 */
final class channel_test extends \advanced_testcase {
    public function test_the_secret_is_created_once(): void {
        $this->resetAfterTest();
        unset_config('channelsecret', 'local_magactivities');
        $secret = channel::get_secret();
        $this->assertSame(64, strlen($secret));
        $this->assertSame($secret, channel::get_secret());
    }

    public function test_issued_tokens_verify_and_expire_with_the_setting(): void {
        $this->resetAfterTest();
        set_config('tokenttl', 600, 'local_magactivities');
        $issued = channel::issue('magreactions', 3, 4, 1000);
        $this->assertSame(1600, $issued['expires']);
        $claims = channel_token::verify(channel::get_secret(), $issued['token'], 1599);
        $this->assertSame(channel_token::OK, $claims['status']);
        $this->assertSame(3, $claims['instanceid']);
        $this->assertSame(4, $claims['userid']);
    }

    public function test_ttl_is_clamped(): void {
        $this->resetAfterTest();
        set_config('tokenttl', 1, 'local_magactivities');
        $this->assertSame(channel::MIN_TTL, channel::ttl());
        set_config('tokenttl', 10000000, 'local_magactivities');
        $this->assertSame(channel::MAX_TTL, channel::ttl());
    }

    public function test_schedule_from_settings(): void {
        $this->resetAfterTest();
        set_config('pollmin', 1000, 'local_magactivities');
        set_config('pollmax', 5000, 'local_magactivities');
        $this->assertSame(['min' => 1000, 'max' => 5000, 'factor' => 1.5], channel::schedule()->export());
    }
}
