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
 * Seeded randomness for attempts, the same numbers as quiz/src/random.ts from the same seed (FNV-1a of the seed's
 * UTF-16 code units, then mulberry32), so that an attempt started on either side shuffles alike.
 *
 * @package    mod_magquiz
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
final class random {
    /** @var int The generator's 32-bit state. */
    private $state;

    /**
     * A generator seeded by a string.
     *
     * @param string $seed
     */
    public function __construct(string $seed) {
        $h = 0x811c9dc5;
        $units = mb_convert_encoding($seed, 'UTF-16LE', 'UTF-8');
        for ($i = 0; $i + 1 < strlen($units); $i += 2) {
            $h ^= ord($units[$i]) | (ord($units[$i + 1]) << 8);
            $h = self::imul($h, 0x01000193);
        }
        $this->state = $h;
    }

    /**
     * JavaScript's Math.imul on unsigned 32-bit values: the low 32 bits of the product.
     *
     * @param int $a
     * @param int $b
     * @return int
     */
    private static function imul(int $a, int $b): int {
        $alow = $a & 0xffff;
        $ahigh = ($a >> 16) & 0xffff;
        $blow = $b & 0xffff;
        $bhigh = ($b >> 16) & 0xffff;
        return (($alow * $blow) + ((($ahigh * $blow + $alow * $bhigh) & 0xffff) << 16)) & 0xffffffff;
    }

    /**
     * The next number in [0, 1).
     *
     * @return float
     */
    public function next(): float {
        $this->state = ($this->state + 0x6d2b79f5) & 0xffffffff;
        $t = $this->state;
        $t = self::imul($t ^ ($t >> 15), $t | 1);
        $t ^= ($t + self::imul($t ^ ($t >> 7), $t | 61)) & 0xffffffff;
        return (($t ^ ($t >> 14)) & 0xffffffff) / 4294967296;
    }

    /**
     * 0, 1, … n - 1 in a uniformly random order (Fisher–Yates, as the TypeScript side draws it).
     *
     * @param int $n
     * @return int[]
     */
    public function shuffled(int $n): array {
        $order = $n > 0 ? range(0, $n - 1) : [];
        for ($i = $n - 1; $i > 0; $i--) {
            $j = (int) floor($this->next() * ($i + 1));
            [$order[$i], $order[$j]] = [$order[$j], $order[$i]];
        }
        return $order;
    }
}
