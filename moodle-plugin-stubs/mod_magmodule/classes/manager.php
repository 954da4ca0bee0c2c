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

namespace mod_magmodule;

use cm_info;
use context_module;
use mod_magmodule\local\answers;
use mod_magmodule\local\catalog_error;
use mod_magmodule\local\invalid_input;
use mod_magmodule\local\programme;
use mod_magmodule\local\progress;
use stdClass;

/**
 * The domain operations of one hybrid programme on Moodle's database: what each bridge subject does. The model is the
 * reference host's service (host/src/server/programme.ts and module.ts); the rules are the pure classes' (local\…),
 * and this class reads and writes rows through Moodle's DML only.
 *
 * One course module holds both the programme (its steps in `magmodule.steps`) and its module steps' player: the
 * reference host's two activities, `programme` and `module`, linked in a course, are one activity here, shown by
 * `<mag-programme>` and `<mag-module>` on one page.
 *
 * Trust (module-activity/src/module/progress.ts): progress, xAPI statements and H5P states are recorded only for
 * trainees (mod/magmodule:play without :manage; a trainer plays in preview) and only for an item of the version in
 * use of a module step open now. Records are keyed by step and item id, so that progress on items that still exist is
 * kept across an update; `magmodule_summary` holds each step's figures, which the report, the grade and completion
 * read.
 *
 * @package    mod_magmodule
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class manager {
    /** @var string Tables. */
    public const TABLE = 'magmodule';
    /** @var string */
    public const ITEMS = 'magmodule_item';
    /** @var string */
    public const ATTEMPTS = 'magmodule_attempt';
    /** @var string */
    public const SUMMARIES = 'magmodule_summary';
    /** @var string */
    public const STATES = 'magmodule_h5pstate';
    /** @var string */
    public const KEYS = 'magmodule_stmtkey';
    /** @var string[] Tables holding users' data. */
    public const USER_TABLES = [self::ITEMS, self::ATTEMPTS, self::SUMMARIES, self::STATES, self::KEYS];
    /** @var int The largest H5P state kept (characters). */
    public const MAX_H5P_STATE = 48000;

    /** @var int|null The clock, for tests (Unix seconds). */
    public static $now = null;

    /** @var stdClass */
    private $instance;
    /** @var cm_info */
    private $cm;
    /** @var context_module */
    private $context;

    /**
     * A manager.
     *
     * @param stdClass $instance
     * @param cm_info $cm
     */
    public function __construct(stdClass $instance, cm_info $cm) {
        $this->instance = $instance;
        $this->cm = $cm;
        $this->context = context_module::instance($cm->id);
    }

    /**
     * The manager of a course module.
     *
     * @param cm_info $cm
     * @return self
     */
    public static function create_from_cm(cm_info $cm): self {
        global $DB;
        return new self($DB->get_record(self::TABLE, ['id' => $cm->instance], '*', MUST_EXIST), $cm);
    }

    /**
     * The instance record.
     *
     * @return stdClass
     */
    public function get_instance(): stdClass {
        return $this->instance;
    }

    /**
     * The course module.
     *
     * @return cm_info
     */
    public function get_cm(): cm_info {
        return $this->cm;
    }

    /**
     * The time now.
     *
     * @return int
     */
    public static function now(): int {
        return self::$now ?? time();
    }

    /**
     * The wall-clock time of the training now.
     *
     * @return string
     */
    private static function clock(): string {
        return programme::wall_clock(self::now());
    }

    /**
     * Whether a user plans the programme (the bridge's trainer role).
     *
     * @param int $userid
     * @return bool
     */
    public function is_trainer(int $userid): bool {
        return has_capability('mod/magmodule:manage', $this->context, $userid);
    }

    /**
     * Whether a user's progress is recorded (a trainee).
     *
     * @param int $userid
     * @return bool
     */
    public function is_trainee(int $userid): bool {
        return !$this->is_trainer($userid) && has_capability('mod/magmodule:play', $this->context, $userid);
    }

    /**
     * The steps stored (checked again: a stored value that breaks the rules is no steps).
     *
     * @param stdClass $instance
     * @return array[]
     */
    public static function steps_of(stdClass $instance): array {
        try {
            return programme::check_steps(json_decode((string) ($instance->steps ?: '[]'), true, 32, JSON_THROW_ON_ERROR));
        } catch (\JsonException | invalid_input $e) {
            debugging('mod_magmodule: unreadable steps in instance ' . $instance->id . ': ' . $e->getMessage());
            return [];
        }
    }

    /**
     * The module steps.
     *
     * @return array[]
     */
    public function module_steps(): array {
        return programme::module_steps(self::steps_of($this->instance));
    }

    /**
     * One module step, or an error.
     *
     * @param string $stepid
     * @return array
     */
    private function find_step(string $stepid): array {
        foreach ($this->module_steps() as $step) {
            if ($step['id'] === $stepid) {
                return $step;
            }
        }
        throw new \invalid_parameter_exception("No module step $stepid in this programme.");
    }

    /**
     * Bumps the version of the live state; pages learn it through the poll endpoint.
     *
     * @param int $instanceid
     */
    public static function bump_version(int $instanceid): void {
        global $DB;
        $DB->execute('UPDATE {magmodule} SET version = version + 1 WHERE id = :id', ['id' => $instanceid]);
    }

    /**
     * Reads the instance again (after a write).
     */
    private function reload(): void {
        global $DB;
        $this->instance = $DB->get_record(self::TABLE, ['id' => $this->instance->id], '*', MUST_EXIST);
    }

    /**
     * Replaces the steps: version, calendar events, log.
     *
     * @param array[] $steps checked steps
     * @param string $action saved, added or updated
     */
    private function write_steps(array $steps, string $action): void {
        global $DB, $CFG;
        $DB->update_record(self::TABLE, (object) ['id' => $this->instance->id,
            'steps' => json_encode($steps, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES), 'timemodified' => self::now()]);
        self::bump_version((int) $this->instance->id);
        $this->reload();
        require_once($CFG->dirroot . '/mod/magmodule/lib.php');
        magmodule_refresh_steps_events($this->instance, $this->cm);
        event\programme_updated::create([
            'objectid' => $this->instance->id,
            'context' => $this->context,
            'other' => ['action' => $action],
        ])->trigger();
    }

    // ---- Users' records ----

    /**
     * A user's records of one step, by item id: completed, seconds, best (raw, max, scaled) or null, attempts.
     *
     * @param string $stepid
     * @param int $userid
     * @return array
     */
    public function records(string $stepid, int $userid): array {
        global $DB;
        $where = ['magmoduleid' => $this->instance->id, 'stepid' => $stepid, 'userid' => $userid];
        $records = [];
        foreach ($DB->get_records(self::ITEMS, $where) as $row) {
            $records[$row->itemid] = ['completed' => (bool) $row->completed, 'seconds' => (int) $row->seconds,
                'best' => null, 'attempts' => 0];
        }
        foreach ($DB->get_records(self::ATTEMPTS, $where, 'attempt') as $row) {
            $record = $records[$row->itemid] ?? ['completed' => false, 'seconds' => 0, 'best' => null, 'attempts' => 0];
            $record['attempts']++;
            if ($row->scaled !== null && ($record['best'] === null || (float) $row->scaled > $record['best']['scaled'])) {
                $record['best'] = ['raw' => (float) ($row->rawscore ?? 0), 'max' => (float) ($row->maxscore ?? 0),
                    'scaled' => (float) $row->scaled];
            }
            $records[$row->itemid] = $record;
        }
        return $records;
    }

    /**
     * A user's step summaries, by step id.
     *
     * @param int $userid
     * @return array
     */
    public function summaries(int $userid): array {
        global $DB;
        $out = [];
        foreach ($DB->get_records(self::SUMMARIES, ['magmoduleid' => $this->instance->id, 'userid' => $userid]) as $row) {
            $out[$row->stepid] = ['percent' => (float) $row->percent, 'completed' => (bool) $row->completed,
                'seconds' => (int) $row->seconds, 'score' => $row->score === null ? null : (float) $row->score];
        }
        return $out;
    }

    /**
     * Counts a user's figures for a step again and stores them; grades and completion follow.
     *
     * @param string $stepid
     * @param int $userid
     * @param array $items the items of the version in use
     * @return array the figures
     */
    private function save_figures(string $stepid, int $userid, array $items): array {
        global $DB, $CFG;
        $figures = progress::step_figures($items, answers::figure_records($this->records($stepid, $userid)));
        $where = ['magmoduleid' => $this->instance->id, 'stepid' => $stepid, 'userid' => $userid];
        $row = (object) ($where + ['percent' => $figures['percent'], 'completed' => $figures['completed'] ? 1 : 0,
            'seconds' => $figures['seconds'], 'score' => $figures['score'], 'timemodified' => self::now()]);
        if ($id = $DB->get_field(self::SUMMARIES, 'id', $where)) {
            $row->id = $id;
            $DB->update_record(self::SUMMARIES, $row);
        } else {
            $DB->insert_record(self::SUMMARIES, $row);
        }
        require_once($CFG->dirroot . '/mod/magmodule/lib.php');
        magmodule_update_grades($this->instance, $userid);
        $this->update_completion($userid);
        return $figures;
    }

    /**
     * Tells Moodle's completion that a user's state may have changed.
     *
     * @param int $userid
     */
    private function update_completion(int $userid): void {
        global $CFG;
        if (empty($this->instance->completionmodules)) {
            return;
        }
        require_once($CFG->libdir . '/completionlib.php');
        $completion = new \completion_info(get_course($this->cm->course));
        if ($completion->is_enabled($this->cm)) {
            $completion->update_state($this->cm, COMPLETION_UNKNOWN, $userid);
        }
    }

    /**
     * A user's figures for the whole programme (its current module steps).
     *
     * @param stdClass $instance
     * @param int $userid
     * @return array progress::programme_figures()
     */
    public static function programme_figures_of(stdClass $instance, int $userid): array {
        global $DB;
        $rows = $DB->get_records(self::SUMMARIES, ['magmoduleid' => $instance->id, 'userid' => $userid], '',
            'stepid, percent, completed, seconds, score');
        $figures = [];
        foreach (programme::module_steps(self::steps_of($instance)) as $step) {
            $row = $rows[$step['id']] ?? null;
            $figures[] = ['percent' => (float) ($row->percent ?? 0), 'completed' => !empty($row->completed),
                'seconds' => (int) ($row->seconds ?? 0), 'score' => isset($row->score) ? (float) $row->score : null];
        }
        return progress::programme_figures($figures);
    }

    // ---- programme.* ----

    /**
     * `programme.state`.
     *
     * @param int $userid
     * @return array
     */
    public function programme_state(int $userid): array {
        return answers::programme_state((int) $this->instance->version, (string) $this->instance->name,
            self::steps_of($this->instance), $this->summaries($userid));
    }

    /**
     * `programme.save`: replaces the steps if nobody changed them since `baseversion`.
     *
     * @param int $baseversion
     * @param mixed $steps decoded JSON
     * @param int $userid
     * @return array
     */
    public function programme_save(int $baseversion, $steps, int $userid): array {
        global $DB;
        try {
            $checked = programme::check_steps($steps);
        } catch (invalid_input $e) {
            throw new \invalid_parameter_exception($e->getMessage());
        }
        $transaction = $DB->start_delegated_transaction();
        $current = (int) $DB->get_field(self::TABLE, 'version', ['id' => $this->instance->id], MUST_EXIST);
        $saved = $current === $baseversion;
        if ($saved) {
            $this->write_steps($checked, 'saved');
        }
        $transaction->allow_commit();
        $this->reload();
        return ['saved' => $saved, 'state' => $this->programme_state($userid)];
    }

    /**
     * `programme.catalog`.
     *
     * @return array
     */
    public function programme_catalog(): array {
        return answers::catalog_choices(catalogs::set());
    }

    // ---- module.* ----

    /**
     * `module.state`.
     *
     * @param int $userid
     * @return array
     */
    public function module_state(int $userid): array {
        return answers::module_state((int) $this->instance->version,
            ['id' => (string) $this->cm->id, 'title' => \core_text::substr((string) $this->instance->name, 0, 300)],
            $this->module_steps(), $this->is_trainer($userid), self::clock(), catalogs::set(),
            $this->summaries($userid));
    }

    /**
     * Entry ids of the programme's module steps.
     *
     * @return string[]
     */
    private function entries_in_programme(): array {
        return array_map(fn($step) => $step['catalog']['entryId'], $this->module_steps());
    }

    /**
     * `module.catalog_search`.
     *
     * @param array $query
     * @return array
     */
    public function catalog_search(array $query): array {
        return answers::search(catalogs::set(), $query, $this->entries_in_programme());
    }

    /**
     * `module.catalog_preview`.
     *
     * @param string $base
     * @param string $entryid
     * @return array
     */
    public function catalog_preview(string $base, string $entryid): array {
        return answers::preview(catalogs::set(), $base, $entryid, $this->entries_in_programme());
    }

    /**
     * `module.add`: a module step opening today, linked to the catalog entry and version.
     *
     * @param string $base
     * @param string $entryid
     * @param string $version
     * @param int $userid
     * @return array
     */
    public function add(string $base, string $entryid, string $version, int $userid): array {
        global $DB;
        try {
            $found = catalogs::set()->entry($entryid, $base);
        } catch (catalog_error $e) {
            return ['ok' => false, 'problem' => $e->problem()];
        }
        if (!in_array($version, array_column($found['entry']['versions'], 'version'), true)) {
            return ['ok' => false, 'problem' => ['code' => 'unknown_version', 'url' => $found['base']]];
        }
        $stepid = 'module-' . substr(random_string(12), 0, 8);
        $step = answers::new_module_step($found['entry'], $found['base'], $version,
            preg_replace('/[^A-Za-z0-9_-]/', '', $stepid), substr(self::clock(), 0, 10));
        $transaction = $DB->start_delegated_transaction();
        $this->reload();
        $steps = self::steps_of($this->instance);
        if (count($steps) >= programme::MAX_STEPS) {
            throw new \invalid_parameter_exception('The programme already has ' . programme::MAX_STEPS . ' steps.');
        }
        $steps[] = $step;
        $this->write_steps($steps, 'added');
        $transaction->allow_commit();
        return ['ok' => true, 'stepId' => $step['id'], 'state' => $this->module_state($userid)];
    }

    /**
     * `module.update`: moves a step to a newer version; trainees' figures are counted again on its items.
     *
     * @param string $stepid
     * @param string $version
     * @param int $userid
     * @return array
     */
    public function update(string $stepid, string $version, int $userid): array {
        global $DB;
        $step = $this->find_step($stepid);
        if (local\views::compare($version, $step['catalog']['version']) <= 0) {
            throw new \invalid_parameter_exception("Version $version is not newer than {$step['catalog']['version']}.");
        }
        try {
            $loaded = catalogs::set()->package(['version' => $version] + $step['catalog']);
        } catch (catalog_error $e) {
            return ['ok' => false, 'problem' => $e->problem()];
        }
        $transaction = $DB->start_delegated_transaction();
        $this->reload();
        $steps = self::steps_of($this->instance);
        foreach ($steps as $i => $one) {
            if ($one['id'] === $stepid && $one['kind'] === 'module') {
                $steps[$i]['catalog']['version'] = $version;
            }
        }
        $this->write_steps($steps, 'updated');
        $params = ['m1' => $this->instance->id, 's1' => $stepid, 'm2' => $this->instance->id, 's2' => $stepid];
        $users = $DB->get_fieldset_sql('SELECT userid FROM {magmodule_item} WHERE magmoduleid = :m1 AND stepid = :s1
                                        UNION SELECT userid FROM {magmodule_attempt} WHERE magmoduleid = :m2 AND stepid = :s2',
            $params);
        foreach ($users as $user) {
            $this->save_figures($stepid, (int) $user, $loaded['pkg']['items']);
        }
        $transaction->allow_commit();
        return ['ok' => true, 'state' => $this->module_state($userid)];
    }

    /**
     * The users whose progress is recorded: enrolled with mod/magmodule:play, without :manage.
     *
     * @return stdClass[] id => user, ordered by name
     */
    private function trainees(): array {
        $users = get_enrolled_users($this->context, 'mod/magmodule:play', 0, 'u.*', 'u.lastname, u.firstname, u.id');
        return array_filter($users, fn($user) => !has_capability('mod/magmodule:manage', $this->context, $user));
    }

    /**
     * `module.report`.
     *
     * @param int $page
     * @return array
     */
    public function report(int $page): array {
        global $DB;
        $steps = $this->module_steps();
        $scored = [];
        foreach ($steps as $step) {
            try {
                $items = catalogs::set()->package($step['catalog'])['pkg']['items'];
                $scored[$step['id']] = count(array_filter($items, fn($item) => $item['kind'] === 'h5p')) > 0;
            } catch (catalog_error $e) {
                $scored[$step['id']] = false;
            }
        }
        $all = array_values($this->trainees());
        $total = count($all);
        $pages = max(1, (int) ceil($total / answers::REPORT_PAGE_SIZE));
        $page = min($pages, max(1, $page));
        $trainees = array_slice($all, ($page - 1) * answers::REPORT_PAGE_SIZE, answers::REPORT_PAGE_SIZE);
        $summaries = [];
        if ($trainees) {
            [$insql, $params] = $DB->get_in_or_equal(array_map(fn($u) => (int) $u->id, $trainees), SQL_PARAMS_NAMED);
            $params['id'] = $this->instance->id;
            foreach ($DB->get_records_select(self::SUMMARIES, "magmoduleid = :id AND userid $insql", $params) as $row) {
                $summaries[$row->userid][$row->stepid] = ['percent' => $row->percent, 'completed' => $row->completed,
                    'seconds' => $row->seconds, 'score' => $row->score];
            }
        }
        return answers::report($steps, $scored, array_map(fn($u) => ['id' => $u->id, 'name' => fullname($u)], $trainees),
            $summaries, $page, $total);
    }

    // ---- The player ----

    /**
     * The address of the sandboxed H5P player page: the admin's (a separate origin), else this plugin's h5p.php.
     *
     * @return string
     */
    private function h5p_player(): string {
        $configured = trim((string) get_config('mod_magmodule', 'h5pplayer'));
        if ($configured !== '' && programme::is_web_link($configured)) {
            return $configured;
        }
        return (new \moodle_url('/mod/magmodule/h5p.php', ['lang' => current_language() === 'en' ? 'en' : 'fr']))->out(false);
    }

    /**
     * `module.play`.
     *
     * @param string $stepid
     * @param int $userid
     * @return array
     */
    public function play(string $stepid, int $userid): array {
        $step = $this->find_step($stepid);
        try {
            $loaded = catalogs::set()->package($step['catalog']);
        } catch (catalog_error $e) {
            return ['ok' => false, 'problem' => $e->problem()];
        }
        $preview = !$this->is_trainee($userid);
        $records = $preview ? [] : $this->records($stepid, $userid);
        return ['ok' => true, 'outline' => answers::outline($step, $loaded, $preview, self::clock(), $records,
            $this->h5p_player())];
    }

    /**
     * The item a user reads or writes about, if they may: the step exists and, for a trainee, is open (or closed,
     * for reading), the item exists in the version in use.
     *
     * @param string $stepid
     * @param string $itemid
     * @param int $userid
     * @param bool $forwriting
     * @return array [step, loaded package, item]
     */
    private function reach_item(string $stepid, string $itemid, int $userid, bool $forwriting): array {
        $step = $this->find_step($stepid);
        if ($this->is_trainee($userid)) {
            $reach = programme::reach($step, self::clock());
            if ($reach === 'upcoming') {
                throw new \moodle_exception('nopermissions', 'error', '', get_string('stepupcoming', 'mod_magmodule'));
            }
            if ($reach === 'closed' && $forwriting) {
                throw new \moodle_exception('nopermissions', 'error', '', get_string('stepclosed', 'mod_magmodule'));
            }
        }
        try {
            $loaded = catalogs::set()->package($step['catalog']);
        } catch (catalog_error $e) {
            throw new \moodle_exception('catalogunavailable', 'mod_magmodule', '', $e->errorcode);
        }
        foreach ($loaded['pkg']['items'] as $item) {
            if ($item['id'] === $itemid) {
                return [$step, $loaded, $item];
            }
        }
        throw new \moodle_exception('nopermissions', 'error', '', get_string('itemunreachable', 'mod_magmodule'));
    }

    /**
     * `module.item`.
     *
     * @param string $stepid
     * @param string $itemid
     * @param int $part
     * @param int $userid
     * @return array
     */
    public function item(string $stepid, string $itemid, int $part, int $userid): array {
        [, $loaded, $item] = $this->reach_item($stepid, $itemid, $userid, false);
        try {
            return answers::item_part($item, $loaded, $part);
        } catch (invalid_input $e) {
            throw new \invalid_parameter_exception($e->getMessage());
        }
    }

    /**
     * `module.progress`: time spent (capped by the clock) and completion of a page or a video.
     *
     * @param string $stepid
     * @param string $itemid
     * @param int $seconds
     * @param bool|null $completed
     * @param int $userid
     * @return array
     */
    public function progress(string $stepid, string $itemid, int $seconds, ?bool $completed, int $userid): array {
        global $DB;
        if (!$this->is_trainee($userid)) {
            return answers::preview_written();
        }
        if ($seconds < 0 || $seconds > progress::MAX_REPORTED_SECONDS) {
            throw new \invalid_parameter_exception('seconds: from 0 to ' . progress::MAX_REPORTED_SECONDS);
        }
        [, $loaded, $item] = $this->reach_item($stepid, $itemid, $userid, true);
        if ($completed && !(progress::is_playable($item['kind']) && $item['kind'] !== 'h5p')) {
            throw new \invalid_parameter_exception("A {$item['kind']} item is completed by its own activity, not by the player.");
        }
        $transaction = $DB->start_delegated_transaction();
        $where = ['magmoduleid' => $this->instance->id, 'stepid' => $stepid, 'userid' => $userid, 'itemid' => $itemid];
        $row = $DB->get_record(self::ITEMS, $where);
        $now = self::now();
        $counted = progress::counted_seconds($seconds, $row ? (int) $row->timemodified : null, $now);
        if ($row) {
            $DB->update_record(self::ITEMS, (object) ['id' => $row->id, 'completed' => ($row->completed || $completed) ? 1 : 0,
                'seconds' => $row->seconds + $counted, 'timemodified' => $now]);
        } else {
            $DB->insert_record(self::ITEMS, (object) ($where + ['completed' => $completed ? 1 : 0, 'seconds' => $counted,
                'timemodified' => $now]));
        }
        $this->save_figures($stepid, $userid, $loaded['pkg']['items']);
        $transaction->allow_commit();
        return answers::written($loaded['pkg']['items'], $this->records($stepid, $userid), $itemid, true);
    }

    /**
     * `module.xapi`: an xAPI statement of an H5P item, once per key.
     *
     * @param string $stepid
     * @param string $itemid
     * @param string $session
     * @param string $key
     * @param string $verb
     * @param bool $root
     * @param mixed $result decoded JSON
     * @param int $userid
     * @return array
     */
    public function xapi(string $stepid, string $itemid, string $session, string $key, string $verb, bool $root,
            $result, int $userid): array {
        global $DB;
        foreach (['session' => $session, 'key' => $key] as $name => $value) {
            if (!preg_match('/^[A-Za-z0-9_-]{8,64}$/D', $value)) {
                throw new \invalid_parameter_exception("$name: 8 to 64 letters, digits, _ or -");
            }
        }
        if (!in_array($verb, progress::VERBS, true)) {
            throw new \invalid_parameter_exception('verb: answered or completed');
        }
        try {
            $result = progress::check_result($result);
        } catch (invalid_input $e) {
            throw new \invalid_parameter_exception($e->getMessage());
        }
        if (!$this->is_trainee($userid)) {
            return answers::preview_written();
        }
        [, $loaded, $item] = $this->reach_item($stepid, $itemid, $userid, true);
        if ($item['kind'] !== 'h5p') {
            throw new \invalid_parameter_exception("Item $itemid is a {$item['kind']}, not H5P content: no xAPI statement.");
        }
        $items = $loaded['pkg']['items'];
        $transaction = $DB->start_delegated_transaction();
        $seen = $DB->record_exists(self::KEYS, ['magmoduleid' => $this->instance->id, 'userid' => $userid,
            'statementkey' => $key]);
        if ($seen || !$root) {
            // A statement about a sub-content, or one already applied, changes nothing (as in Moodle).
            $transaction->allow_commit();
            return answers::written($items, $this->records($stepid, $userid), $itemid, false);
        }
        $DB->insert_record(self::KEYS, (object) ['magmoduleid' => $this->instance->id, 'userid' => $userid,
            'statementkey' => $key, 'timecreated' => self::now()]);
        $where = ['magmoduleid' => $this->instance->id, 'stepid' => $stepid, 'userid' => $userid, 'itemid' => $itemid];
        $rows = $DB->get_records(self::ATTEMPTS, $where, 'attempt DESC', '*', 0, 1);
        $latestrow = $rows ? reset($rows) : null;
        $flag = fn($value) => $value === null ? null : (bool) $value;
        $latest = $latestrow ? [
            'attempt' => (int) $latestrow->attempt, 'session' => $latestrow->playersession,
            'rawscore' => $latestrow->rawscore === null ? null : (float) $latestrow->rawscore,
            'maxscore' => $latestrow->maxscore === null ? null : (float) $latestrow->maxscore,
            'scaled' => $latestrow->scaled === null ? null : (float) $latestrow->scaled,
            'duration' => $latestrow->duration === null ? null : (float) $latestrow->duration,
            'completion' => $flag($latestrow->completion), 'success' => $flag($latestrow->success),
            'verbs' => array_values(array_filter(explode(',', $latestrow->verbs))),
        ] : null;
        $change = progress::apply_statement($latest, $verb, $result, $session);
        $a = $change['attempt'];
        $tobit = fn($value) => $value === null ? null : ($value ? 1 : 0);
        $row = (object) ['rawscore' => $a['rawscore'], 'maxscore' => $a['maxscore'], 'scaled' => $a['scaled'],
            'duration' => $a['duration'], 'completion' => $tobit($a['completion']), 'success' => $tobit($a['success']),
            'verbs' => implode(',', $a['verbs']), 'timemodified' => self::now()];
        if ($change['kind'] === 'insert') {
            foreach ($where + ['attempt' => $a['attempt'], 'playersession' => $a['session'], 'timecreated' => self::now()]
                    as $name => $value) {
                $row->$name = $value;
            }
            $row->id = $DB->insert_record(self::ATTEMPTS, $row);
        } else {
            $row->id = $latestrow->id;
            $DB->update_record(self::ATTEMPTS, $row);
        }
        if (progress::completes_item($verb, $result)) {
            if ($existing = $DB->get_record(self::ITEMS, $where)) {
                $DB->update_record(self::ITEMS, (object) ['id' => $existing->id, 'completed' => 1,
                    'timemodified' => self::now()]);
            } else {
                $DB->insert_record(self::ITEMS, (object) ($where + ['completed' => 1, 'seconds' => 0,
                    'timemodified' => self::now()]));
            }
        }
        $this->save_figures($stepid, $userid, $items);
        $transaction->allow_commit();
        event\attempt_recorded::create([
            'objectid' => $row->id,
            'context' => $this->context,
            'relateduserid' => $userid,
            'other' => ['stepid' => $stepid, 'itemid' => $itemid, 'attempt' => (int) $a['attempt']],
        ])->trigger();
        return answers::written($items, $this->records($stepid, $userid), $itemid, true);
    }

    /**
     * `module.h5p_save`.
     *
     * @param string $stepid
     * @param string $itemid
     * @param string|null $state
     * @param int $userid
     * @return array
     */
    public function h5p_save(string $stepid, string $itemid, ?string $state, int $userid): array {
        global $DB;
        if (!$this->is_trainee($userid)) {
            return ['saved' => false];
        }
        if ($state !== null && \core_text::strlen($state) > self::MAX_H5P_STATE) {
            throw new \invalid_parameter_exception('An H5P state may hold ' . self::MAX_H5P_STATE . ' characters.');
        }
        [, , $item] = $this->reach_item($stepid, $itemid, $userid, true);
        if ($item['kind'] !== 'h5p') {
            throw new \invalid_parameter_exception("Item $itemid is not H5P content.");
        }
        $where = ['magmoduleid' => $this->instance->id, 'stepid' => $stepid, 'userid' => $userid, 'itemid' => $itemid];
        if ($state === null) {
            $DB->delete_records(self::STATES, $where);
        } else if ($id = $DB->get_field(self::STATES, 'id', $where)) {
            $DB->update_record(self::STATES, (object) ['id' => $id, 'state' => $state, 'timemodified' => self::now()]);
        } else {
            $DB->insert_record(self::STATES, (object) ($where + ['state' => $state, 'timemodified' => self::now()]));
        }
        return ['saved' => true];
    }

    /**
     * `module.h5p_load`.
     *
     * @param string $stepid
     * @param string $itemid
     * @param int $userid
     * @return array
     */
    public function h5p_load(string $stepid, string $itemid, int $userid): array {
        global $DB;
        if (!$this->is_trainee($userid)) {
            return ['state' => null];
        }
        $this->reach_item($stepid, $itemid, $userid, false);
        $state = $DB->get_field(self::STATES, 'state', ['magmoduleid' => $this->instance->id, 'stepid' => $stepid,
            'userid' => $userid, 'itemid' => $itemid]);
        return ['state' => $state === false ? null : $state];
    }
}
