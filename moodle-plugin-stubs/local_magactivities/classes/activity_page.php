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

use cm_info;
use moodle_url;

/**
 * Puts a Magistère activity element on a Moodle page: the element, its bundle and the host module.
 *
 * @package    local_magactivities
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class activity_page {
    /** @var string Bridge roles. */
    public const ROLE_TRAINER = 'trainer';
    /** @var string Bridge roles. */
    public const ROLE_TRAINEE = 'trainee';

    /**
     * Renders an activity element and wires the host module for it.
     *
     * @param cm_info $cm the course module
     * @param string $type the activity type on the bridge, such as `reactions`
     * @param string $element the element's tag, such as `mag-reactions`
     * @param int $version the current version of the activity's live state
     * @param string $role ROLE_TRAINER or ROLE_TRAINEE, from the user's capabilities
     * @param array $attributes more attributes for the element, name => value
     * @param string|null $instance the bridge instance id, when a page shows several elements of one course module
     *     (the hybrid programme and its modules); the course module id by default
     * @return string HTML
     */
    public static function render(cm_info $cm, string $type, string $element, int $version, string $role,
            array $attributes = [], ?string $instance = null): string {
        global $OUTPUT, $PAGE, $USER;

        if (!preg_match('/^mag-[a-z0-9-]+$/D', $element) || !preg_match('/^[a-z][a-z0-9_-]{0,40}$/D', $type)) {
            throw new \coding_exception('Invalid activity element or type');
        }
        if ($role !== self::ROLE_TRAINER && $role !== self::ROLE_TRAINEE) {
            throw new \coding_exception('Invalid bridge role');
        }
        $instance = $instance ?? (string) $cm->id;
        if (!preg_match('/^[A-Za-z0-9_-]{1,64}$/D', $instance)) {
            throw new \coding_exception('Invalid bridge instance id');
        }

        $token = channel::issue($cm->modname, (int) $cm->instance, (int) $USER->id);
        $user = (isloggedin() && !isguestuser()) ? ['id' => (string) $USER->id, 'name' => fullname($USER)] : null;
        $config = [
            'bundleBase' => self::bundle_base()->out(false),
            'hostModule' => 'mag-host.js',
            'pollUrl' => channel::poll_url()->out(false),
            'poll' => channel::schedule()->export(),
            'frameOrigins' => self::frame_origins(),
            'user' => $user,
            'role' => $role,
            'instance' => $instance,
            'cmid' => (int) $cm->id,
            'type' => $type,
            'modname' => $cm->modname,
            'token' => $token['token'],
            'version' => $version,
        ];

        $id = \html_writer::random_id('local-magactivities-');
        $attrs = [['name' => 'instance', 'value' => $instance]];
        foreach ($attributes as $name => $value) {
            if (!preg_match('/^[a-z][a-z0-9-]*$/D', $name)) {
                throw new \coding_exception('Invalid attribute name: ' . $name);
            }
            $attrs[] = ['name' => $name, 'value' => (string) $value];
        }

        $PAGE->requires->js_call_amd('local_magactivities/host', 'init', [$id]);
        return $OUTPUT->render_from_template('local_magactivities/activity', [
            'id' => $id,
            'config' => json_encode($config),
            'element' => $element,
            'attributes' => $attrs,
            'bundleurl' => self::bundle_url($type === 'reactions' ? 'mag-reactions.js' : $element . '.js')->out(false),
        ]);
    }

    /**
     * Base address of the bundles, with a revision so that browsers may cache them for good.
     *
     * Served through bundle.php (slash arguments). The revision is Moodle's own JavaScript revision ($CFG->jsrev,
     * as for AMD modules): every upgrade and every "Purge all caches" changes it, so bundles replaced in place
     * (a rebuilt zip, a new activity's bundle next to the shared chunks) never meet a browser's cached copy of the
     * old files, which bundle.php serves as immutable. With JavaScript caching off it is -1 (no caching). When
     * slash arguments are off, the files are addressed directly in the plugin's bundles/ folder.
     *
     * @return moodle_url
     */
    public static function bundle_base(): moodle_url {
        global $CFG;
        if (empty($CFG->slasharguments)) {
            return new moodle_url('/local/magactivities/bundles/');
        }
        return new moodle_url('/local/magactivities/bundle.php/' . self::revision() . '/');
    }

    /**
     * The revision in the bundles' addresses: Moodle's JavaScript revision, as page_requirements_manager computes it.
     *
     * @return int a positive revision, or -1 when JavaScript caching is off
     */
    public static function revision(): int {
        global $CFG;
        if (empty($CFG->cachejs)) {
            return -1;
        }
        return empty($CFG->jsrev) ? 1 : (int) $CFG->jsrev;
    }

    /**
     * Address of one bundle file.
     *
     * @param string $file such as `mag-reactions.js`
     * @return moodle_url
     */
    public static function bundle_url(string $file): moodle_url {
        return new moodle_url(self::bundle_base()->out(false) . $file);
    }

    /**
     * Origins allowed to host activity iframes, from the admin setting (one per line).
     *
     * @return string[]
     */
    public static function frame_origins(): array {
        $lines = preg_split('/\R/', (string) get_config('local_magactivities', 'frameorigins'));
        $origins = [];
        foreach ($lines as $line) {
            $line = trim($line);
            if (preg_match('#^https?://[a-z0-9.-]+(:[0-9]+)?$#iD', $line)) {
                $origins[] = $line;
            }
        }
        return $origins;
    }
}
