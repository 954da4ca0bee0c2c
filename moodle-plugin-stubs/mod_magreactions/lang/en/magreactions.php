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

/**
 * English strings.
 *
 * @package    mod_magreactions
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$string['completiondetail:reactions'] = 'Send reactions: {$a}';
$string['completionreactions'] = 'Trainees must send reactions:';
$string['completionreactionsinvalid'] = 'Enter a number of reactions between 1 and 1000.';
$string['eventcoursemoduleviewed'] = 'Reactions activity viewed';
$string['eventreactionsreset'] = 'Reactions reset';
$string['eventreactionsubmitted'] = 'Reaction sent';
$string['magreactions:addinstance'] = 'Add a new live reactions activity';
$string['magreactions:react'] = 'Send reactions';
$string['magreactions:reset'] = 'Reset the reaction counts';
$string['magreactions:view'] = 'View live reactions';
$string['modulename'] = 'Live reactions';
$string['modulename_help'] = 'Live reactions let trainees tell the trainer, at any time of a session, how they follow: "I understood", "I have a question", "I am lost", "Slower, please". Everyone sees the counts grow live; the trainer resets them between two parts of the session.';
$string['modulenameplural'] = 'Live reactions';
$string['noinstances'] = 'There are no live reactions activities in this course.';
$string['pluginadministration'] = 'Live reactions administration';
$string['pluginname'] = 'Live reactions';
$string['privacy:metadata:magreactions_reaction'] = 'The reactions each user sent.';
$string['privacy:metadata:magreactions_reaction:idemkey'] = 'The SHA-256 hash of a random key chosen by the user\'s browser, so that a reaction sent twice is counted once.';
$string['privacy:metadata:magreactions_reaction:reaction'] = 'The reaction: understood, question, lost or slower.';
$string['privacy:metadata:magreactions_reaction:roundno'] = 'The round of the session in which the reaction was sent.';
$string['privacy:metadata:magreactions_reaction:timecreated'] = 'When the reaction was sent.';
$string['privacy:metadata:magreactions_reaction:userid'] = 'The user who sent the reaction.';
$string['reaction:lost'] = 'I am lost';
$string['reaction:question'] = 'I have a question';
$string['reaction:slower'] = 'Slower, please';
$string['reaction:understood'] = 'I understood';
$string['resetreactions'] = 'Delete all reactions';
