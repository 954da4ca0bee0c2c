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

/**
 * The activity element on a Moodle page: its bundle addresses and its configuration.
 *
 * @package    local_magactivities
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \local_magactivities\activity_page
 */
final class activity_page_test extends \advanced_testcase {
    public function test_bundle_addresses_follow_moodles_javascript_revision(): void {
        global $CFG;
        $this->resetAfterTest();
        $CFG->slasharguments = 1;
        $CFG->cachejs = 1;
        // js_reset_all_caches() ("Purge all caches", every upgrade) sets a new jsrev; PHPUnit pins jsrev in
        // config.php settings, so the test sets it the way that function would.
        $CFG->jsrev = 1750000000;
        $before = activity_page::bundle_base()->out(false);
        $this->assertSame($CFG->wwwroot . '/local/magactivities/bundle.php/1750000000/', $before);

        // A new revision gives new addresses: files replaced in place without a version bump are never served
        // from a browser's immutable cache of the old ones.
        $CFG->jsrev = 1750000001;
        $after = activity_page::bundle_base()->out(false);
        $this->assertSame($CFG->wwwroot . '/local/magactivities/bundle.php/1750000001/', $after);
        $this->assertSame($after . 'mag-reactions.js', activity_page::bundle_url('mag-reactions.js')->out(false));
    }

    public function test_without_javascript_caching_the_revision_is_minus_one(): void {
        global $CFG;
        $this->resetAfterTest();
        $CFG->slasharguments = 1;
        $CFG->cachejs = 0;
        $this->assertSame(-1, activity_page::revision());
        $this->assertStringEndsWith('/local/magactivities/bundle.php/-1/', activity_page::bundle_base()->out(false));
    }

    public function test_without_slash_arguments_the_files_are_addressed_directly(): void {
        global $CFG;
        $this->resetAfterTest();
        $CFG->slasharguments = 0;
        $this->assertSame($CFG->wwwroot . '/local/magactivities/bundles/', activity_page::bundle_base()->out(false));
    }

    public function test_render_puts_the_element_its_bundle_and_a_token_for_the_user(): void {
        global $PAGE;
        $this->resetAfterTest();
        $course = $this->getDataGenerator()->create_course();
        // Any activity will do (a core one: this plugin's tests must not need an activity plugin).
        $activity = $this->getDataGenerator()->create_module('page', ['course' => $course->id]);
        $student = $this->getDataGenerator()->create_and_enrol($course, 'student');
        $this->setUser($student);
        $cm = get_fast_modinfo($course)->get_cm($activity->cmid);
        $PAGE->set_url('/mod/page/view.php', ['id' => $cm->id]);
        $PAGE->set_context(\context_module::instance($cm->id));

        $html = activity_page::render($cm, 'reactions', 'mag-reactions', 5, activity_page::ROLE_TRAINEE,
            ['activity-title' => 'Pace <&>']);

        $this->assertMatchesRegularExpression('#<mag-reactions instance="' . $cm->id . '" activity-title="Pace &lt;&amp;&gt;">#',
            $html);
        $this->assertStringContainsString('src="' . activity_page::bundle_url('mag-reactions.js')->out(false) . '"', $html);
        $this->assertMatchesRegularExpression('/data-config="([^"]+)"/', $html);
        preg_match('/data-config="([^"]+)"/', $html, $m);
        $config = json_decode(html_entity_decode($m[1], ENT_QUOTES), true);
        $this->assertSame('trainee', $config['role']);
        $this->assertSame(5, $config['version']);
        $this->assertSame((string) $student->id, $config['user']['id']);
        $claims = local\channel_token::verify(channel::get_secret(), $config['token'], time());
        $this->assertSame(local\channel_token::OK, $claims['status']);
        $this->assertSame([(int) $activity->id, (int) $student->id], [$claims['instanceid'], $claims['userid']]);
    }

    public function test_render_refuses_bad_element_names_and_roles(): void {
        $this->resetAfterTest();
        $course = $this->getDataGenerator()->create_course();
        $activity = $this->getDataGenerator()->create_module('page', ['course' => $course->id]);
        $cm = get_fast_modinfo($course)->get_cm($activity->cmid);
        foreach ([['reactions', 'script', 'trainee'], ['reactions', 'mag-reactions', 'admin']] as [$type, $element, $role]) {
            try {
                activity_page::render($cm, $type, $element, 0, $role);
                $this->fail("accepted $element / $role");
            } catch (\coding_exception $e) {
                $this->assertStringContainsString('Invalid', $e->getMessage());
            }
        }
    }
}
