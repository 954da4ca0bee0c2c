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

namespace mod_magquiz\task;

use mod_magquiz\local\attempt;
use mod_magquiz\manager;

/**
 * Finishes and grades the attempts whose time ran out (deadline and grace period), with what was saved in time, as
 * Moodle's quiz does in "autosubmit" mode; so the gradebook gets a grade even when the trainee never comes back. A
 * trainee who comes back first gets the same outcome from the web services (local\attempt::close_if_overdue()).
 *
 * @package    mod_magquiz
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class close_overdue_attempts extends \core\task\scheduled_task {
    /** @var int The most attempts closed in one run. */
    private const BATCH = 500;

    /**
     * Name of the task.
     *
     * @return string
     */
    public function get_name() {
        return get_string('taskcloseoverdue', 'mod_magquiz');
    }

    /**
     * Runs the task.
     */
    public function execute() {
        global $CFG, $DB;
        require_once($CFG->dirroot . '/mod/magquiz/lib.php');
        $rows = $DB->get_records_select(manager::ATTEMPTS, 'status = :status AND timedue > 0 AND timedue < :now',
            ['status' => 'inProgress', 'now' => time()], 'magquizid, id', 'id, magquizid, userid, state', 0, self::BATCH);
        $byinstance = [];
        foreach ($rows as $row) {
            $byinstance[$row->magquizid][] = $row;
        }
        $now = manager::now();
        foreach ($byinstance as $instanceid => $attempts) {
            $record = $DB->get_record(manager::TABLE, ['id' => $instanceid]);
            $cm = $record ? get_coursemodule_from_instance('magquiz', $instanceid, $record->course) : false;
            if (!$cm) {
                continue;
            }
            $record->cmidnumber = $cm->idnumber;
            $context = \context_module::instance($cm->id);
            $quiz = manager::quiz_of($record);
            foreach ($attempts as $row) {
                $state = attempt::parse_state($quiz, json_decode($row->state, true));
                if ($state === null) {
                    continue;
                }
                $closed = attempt::close_if_overdue($quiz, $state, $now);
                if ($closed === $state) {
                    continue;
                }
                $grade = attempt::attempt_grade($quiz, $closed)['grade'];
                // Only if nobody changed it meanwhile (the trainee came back and the web service closed it).
                $DB->execute('UPDATE {magquiz_attempt}
                                 SET state = :state, status = :finished, grade = :grade, timefinish = :timefinish,
                                     timedue = 0, timemodified = :now
                               WHERE id = :id AND status = :inprogress', [
                    'state' => json_encode($closed, JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION),
                    'finished' => 'finished',
                    'grade' => $grade,
                    'timefinish' => (int) floor($closed['finishedAt'] / 1000),
                    'now' => time(),
                    'id' => $row->id,
                    'inprogress' => 'inProgress',
                ]);
                magquiz_update_grades($record, (int) $row->userid);
                $event = \mod_magquiz\event\attempt_submitted::create(['objectid' => $row->id, 'context' => $context,
                    'relateduserid' => $row->userid]);
                $event->add_record_snapshot(manager::TABLE, $record);
                $event->trigger();
                mtrace("mod_magquiz: attempt {$row->id} closed at its deadline");
            }
        }
    }
}
