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
 * @package    mod_magwordcloud
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$string['accentsmerge'] = 'Merge words that differ only by accents';
$string['accentsmerge_help'] = 'When on, "école" and "ecole" are the same word in the cloud. Otherwise the trainer is only offered to merge them.';
$string['answers'] = 'Answers';
$string['approval'] = 'Entries wait for approval';
$string['approval_help'] = 'When on, each entry stays out of the cloud until a trainer approves it. The trainer\'s own entries never wait.';
$string['completiondetail:entries'] = 'Write entries: {$a}';
$string['completionentries'] = 'Trainees must write entries:';
$string['completionentriesinvalid'] = 'Enter a number of entries between 1 and the most a person may write ({$a}).';
$string['display'] = 'The cloud';
$string['eventcloudreset'] = 'Word cloud reset';
$string['eventcloudupdated'] = 'Word cloud changed by a trainer';
$string['eventcoursemoduleviewed'] = 'Word cloud viewed';
$string['evententryapproved'] = 'Word cloud entry approved';
$string['evententryrejected'] = 'Word cloud entry rejected';
$string['evententrysubmitted'] = 'Word cloud entry written';
$string['evententrywithdrawn'] = 'Word cloud entry withdrawn';
$string['identitymode'] = 'Identity';
$string['identitymode:anonymous'] = 'Anonymous: trainers do not see who wrote what';
$string['identitymode:named'] = 'Named: trainers see who wrote what';
$string['identitymode_help'] = 'In named mode, trainers see each entry\'s author while moderating and in the export. Trainees never see anybody\'s name. Switching to named also shows the authors of the entries already written.';
$string['invalidsettings'] = 'These word cloud settings cannot be saved: {$a}';
$string['isopen'] = 'Open for answers';
$string['isopen_help'] = 'Trainees can answer and withdraw their entries only while the activity is open. Trainers also open and close it from the activity page.';
$string['locktimeout'] = 'Too many changes arrived at once: please try again.';
$string['magwordcloud:addinstance'] = 'Add a new word cloud';
$string['magwordcloud:moderate'] = 'Moderate and project a word cloud';
$string['magwordcloud:submit'] = 'Write entries in a word cloud';
$string['magwordcloud:view'] = 'View a word cloud';
$string['maxlength'] = 'Characters of an entry, at most';
$string['maxlength_help'] = 'Counted in characters as a reader sees them (an accented letter or an emoji is one), from 1 to 100.';
$string['maxlengthinvalid'] = 'Enter a number of characters between 1 and {$a}.';
$string['maxperperson'] = 'Entries a person may write';
$string['minabovemax'] = 'A person cannot be asked for more entries than they may write.';
$string['minperperson'] = 'Entries a person should write';
$string['minperperson_help'] = 'With the visibility "after their own answer", a trainee sees the cloud once they wrote this many entries (at least one).';
$string['moderation'] = 'Moderation';
$string['modulename'] = 'Word cloud';
$string['modulename_help'] = 'A live word cloud: the trainer asks a question, trainees answer with a few words from their phones or laptops, and the cloud grows on the projected screen. Distance trainees answer later and the same cloud keeps growing. Trainers moderate it (approval, hiding, merging similar words), project it full screen and export it.';
$string['modulenameplural'] = 'Word clouds';
$string['noinstances'] = 'There are no word clouds in this course.';
$string['offensivefilter'] = 'Filter offensive words';
$string['offensivefilter_help'] = 'Leaves out of the cloud a short list of common French and English insults, whatever their case, accents or plural.';
$string['pluginadministration'] = 'Word cloud administration';
$string['pluginname'] = 'Word cloud';
$string['privacy:metadata:magwordcloud_entry'] = 'The entries each user wrote in a word cloud.';
$string['privacy:metadata:magwordcloud_entry:entrykey'] = 'The entry written the way duplicates are found (lowercase).';
$string['privacy:metadata:magwordcloud_entry:entrytext'] = 'The entry, as shown in the cloud.';
$string['privacy:metadata:magwordcloud_entry:groupid'] = 'The group the entry was written in.';
$string['privacy:metadata:magwordcloud_entry:idemkey'] = 'The SHA-256 hash of a random key chosen by the user\'s browser, so that an entry sent twice is stored once.';
$string['privacy:metadata:magwordcloud_entry:status'] = 'Whether the entry is in the cloud, waits for approval, was rejected or was withdrawn.';
$string['privacy:metadata:magwordcloud_entry:timecreated'] = 'When the entry was written.';
$string['privacy:metadata:magwordcloud_entry:timemodified'] = 'When the entry was last changed (approved, rejected or withdrawn).';
$string['privacy:metadata:magwordcloud_entry:userid'] = 'The user who wrote the entry.';
$string['question'] = 'Question';
$string['question_help'] = 'The question shown above the answer field and on the projected screen, at most 500 characters. Plain text.';
$string['questiontoolong'] = 'The question must not be longer than {$a} characters.';
$string['resetentries'] = 'Delete all entries, merges and hidden words';
$string['rotate'] = 'Draw some words vertically';
$string['status:accepted'] = 'In the cloud';
$string['status:pending'] = 'Waiting for approval';
$string['status:rejected'] = 'Rejected';
$string['status:withdrawn'] = 'Withdrawn';
$string['stoplist'] = 'Stop-list';
$string['stoplist_help'] = 'Words left out of the cloud, one per line (at most 200), whatever their case, accents or plural.';
$string['stoplisttoolong'] = 'The stop-list must not have more than {$a} words.';
$string['stopwordtoolong'] = 'A word of the stop-list must not be longer than {$a} characters.';
$string['visibility'] = 'Trainees see the cloud';
$string['visibility:after_answer'] = 'After their own answer';
$string['visibility:always'] = 'Always';
$string['visibility:never'] = 'Never (projection only)';
$string['visibility_help'] = 'Trainers always see the cloud. "Never" keeps it for the projected screen.';
