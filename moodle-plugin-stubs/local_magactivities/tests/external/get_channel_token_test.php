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
namespace local_magactivities\external;

use core_external\external_api;
use externallib_advanced_testcase;
use local_magactivities\channel;
use local_magactivities\local\channel_token;

defined('MOODLE_INTERNAL') || die();

global $CFG;
require_once($CFG->dirroot . '/webservice/tests/helpers.php');

/**
 * Fresh channel tokens through the web service.
 *
 * @package    local_magactivities
 * @category   external
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \local_magactivities\external\get_channel_token
 */
final class get_channel_token_test extends externallib_advanced_testcase {
    public function test_an_enrolled_user_gets_a_token_for_themselves(): void {
        $this->resetAfterTest();
        $course = $this->getDataGenerator()->create_course();
        $activity = $this->getDataGenerator()->create_module('magreactions', ['course' => $course->id]);
        $student = $this->getDataGenerator()->create_and_enrol($course, 'student');
        $this->setUser($student);

        $result = external_api::clean_returnvalue(get_channel_token::execute_returns(),
            get_channel_token::execute($activity->cmid));
        $claims = channel_token::verify(channel::get_secret(), $result['token'], time());
        $this->assertSame(channel_token::OK, $claims['status']);
        $this->assertSame('magreactions', $claims['modname']);
        $this->assertSame((int) $activity->id, $claims['instanceid']);
        $this->assertSame((int) $student->id, $claims['userid']);
    }

    public function test_an_outsider_gets_no_token(): void {
        $this->resetAfterTest();
        $course = $this->getDataGenerator()->create_course();
        $activity = $this->getDataGenerator()->create_module('magreactions', ['course' => $course->id]);
        $this->setUser($this->getDataGenerator()->create_user());
        $this->expectException(\moodle_exception::class);
        get_channel_token::execute($activity->cmid);
    }

    public function test_an_activity_without_live_channel_gets_no_token(): void {
        $this->resetAfterTest();
        $course = $this->getDataGenerator()->create_course();
        $page = $this->getDataGenerator()->create_module('page', ['course' => $course->id]);
        $this->setAdminUser();
        $this->expectException(\invalid_parameter_exception::class);
        get_channel_token::execute($page->cmid);
    }
}
