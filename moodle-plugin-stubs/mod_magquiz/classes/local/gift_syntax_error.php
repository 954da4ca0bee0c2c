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
 * A syntax error in a GIFT question, at a character of its block.
 *
 * @package    mod_magquiz
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class gift_syntax_error extends \Exception {
    /** @var array|null the character ['c', 'esc', 'line', 'column'] where the error is */
    public ?array $at;

    /**
     * Constructor.
     *
     * @param array|null $at
     * @param string $message
     */
    public function __construct(?array $at, string $message) {
        parent::__construct($message);
        $this->at = $at;
    }
}
