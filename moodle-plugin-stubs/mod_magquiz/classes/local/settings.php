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

namespace mod_magquiz\local;

/**
 * The quiz of an activity instance: its record's settings (the settings form's fields) and its questions → the
 * `Quiz` of quiz/src/attempt.ts that attempt, view and quiz_state work on; and the live session's default settings.
 *
 * Times: the record keeps Moodle's unix seconds (`timeclose`, `timelimit`), the model milliseconds (`closesAt`).
 * Review options are two bit sets, during the attempt and after it (REVIEW_BITS).
 *
 * @package    mod_magquiz
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class settings {
    /** @var string[] Behaviours. */
    public const BEHAVIOURS = ['deferred', 'immediate', 'interactive'];
    /** @var string[] Grading methods. */
    public const GRADING_METHODS = ['highest', 'average', 'first', 'last'];
    /** @var int[] Review options as bits. */
    public const REVIEW_BITS = ['correctness' => 1, 'marks' => 2, 'specificFeedback' => 4, 'generalFeedback' => 8,
        'rightAnswer' => 16];
    /** @var int Every review option. */
    public const REVIEW_ALL = 31;

    /**
     * Review options from bits.
     *
     * @param int $bits
     * @return bool[]
     */
    public static function review_from_bits(int $bits): array {
        $review = [];
        foreach (self::REVIEW_BITS as $name => $bit) {
            $review[$name] = ($bits & $bit) !== 0;
        }
        return $review;
    }

    /**
     * Bits from review options (form checkboxes named after the options, with a prefix).
     *
     * @param array|object $data
     * @param string $prefix
     * @return int
     */
    public static function review_bits($data, string $prefix): int {
        $data = (array) $data;
        $bits = 0;
        foreach (self::REVIEW_BITS as $name => $bit) {
            if (!empty($data[$prefix . strtolower($name)])) {
                $bits |= $bit;
            }
        }
        return $bits;
    }

    /**
     * The quiz of an instance.
     *
     * @param object|array $record the magquiz record
     * @param float|null $gradepass the grade item's pass grade (0 or null: none)
     * @return array Quiz
     */
    public static function quiz($record, ?float $gradepass = null): array {
        $record = (object) $record;
        $behaviour = in_array($record->behaviour ?? '', self::BEHAVIOURS, true) ? $record->behaviour : 'deferred';
        $method = in_array($record->grademethod ?? '', self::GRADING_METHODS, true) ? $record->grademethod : 'highest';
        $maxgrade = max(0.0, (float) ($record->grade ?? quiz_state::DEFAULT_MAX_GRADE));
        $settings = [
            'behaviour' => $behaviour,
            'shuffleQuestions' => !empty($record->shufflequestions),
            'shuffleAnswers' => !isset($record->shuffleanswers) || !empty($record->shuffleanswers),
        ];
        if (!empty($record->timelimit) && (int) $record->timelimit > 0) {
            $settings['timeLimitSeconds'] = (int) $record->timelimit;
        }
        if (!empty($record->timeclose) && (int) $record->timeclose > 0) {
            $settings['closesAt'] = (int) $record->timeclose * 1000;
        }
        if (!empty($record->attempts) && (int) $record->attempts > 0) {
            $settings['attemptsAllowed'] = (int) $record->attempts;
        }
        $settings['maxGrade'] = $maxgrade;
        if ($gradepass !== null && $gradepass > 0) {
            $settings['passGrade'] = (float) $gradepass;
        }
        $settings['gradingMethod'] = $method;
        $settings['reviewDuring'] = self::review_from_bits((int) ($record->reviewduring ?? self::REVIEW_ALL));
        $settings['reviewAfter'] = self::review_from_bits((int) ($record->reviewafter ?? self::REVIEW_ALL));
        return ['settings' => $settings, 'slots' => model::slots_from_json($record->questions ?? null) ?? []];
    }

    /**
     * The settings a live session opens with when the trainer gives none.
     *
     * @param object|array $record
     * @return array LiveSettings
     */
    public static function live_defaults($record): array {
        $record = (object) $record;
        $settings = live::parse_settings(array_filter([
            'timerSeconds' => empty($record->livetimer) ? null : (int) $record->livetimer,
            'speedPoints' => !empty($record->livespeedpoints),
            'leaderboard' => (string) ($record->liveleaderboard ?? 'off'),
        ], fn($value): bool => $value !== null));
        return $settings ?? live::DEFAULT_SETTINGS;
    }
}
