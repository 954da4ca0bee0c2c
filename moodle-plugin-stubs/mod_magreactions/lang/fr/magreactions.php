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
 * Chaînes françaises.
 *
 * @package    mod_magreactions
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$string['completiondetail:reactions'] = 'Envoyer des réactions : {$a}';
$string['completionreactions'] = 'Les stagiaires doivent envoyer des réactions :';
$string['completionreactionsinvalid'] = 'Saisissez un nombre de réactions entre 1 et 1000.';
$string['eventcoursemoduleviewed'] = 'Activité de réactions consultée';
$string['eventreactionsreset'] = 'Réactions remises à zéro';
$string['eventreactionsubmitted'] = 'Réaction envoyée';
$string['magreactions:addinstance'] = 'Ajouter une activité de réactions en direct';
$string['magreactions:react'] = 'Envoyer des réactions';
$string['magreactions:reset'] = 'Remettre à zéro les compteurs de réactions';
$string['magreactions:view'] = 'Voir les réactions en direct';
$string['modulename'] = 'Réactions en direct';
$string['modulename_help'] = 'Les réactions en direct permettent aux stagiaires de dire au formateur, à tout moment d’une session, comment ils suivent : « J’ai compris », « J’ai une question », « Je suis perdu », « Plus lentement, s’il vous plaît ». Tout le monde voit les compteurs augmenter en direct ; le formateur les remet à zéro entre deux parties de la session.';
$string['modulenameplural'] = 'Réactions en direct';
$string['noinstances'] = 'Il n’y a aucune activité de réactions en direct dans ce cours.';
$string['pluginadministration'] = 'Administration des réactions en direct';
$string['pluginname'] = 'Réactions en direct';
$string['privacy:metadata:magreactions_reaction'] = 'Les réactions envoyées par chaque utilisateur.';
$string['privacy:metadata:magreactions_reaction:idemkey'] = 'L’empreinte SHA-256 d’une clé aléatoire choisie par le navigateur de l’utilisateur, pour qu’une réaction envoyée deux fois ne soit comptée qu’une fois.';
$string['privacy:metadata:magreactions_reaction:reaction'] = 'La réaction : compris, question, perdu ou plus lentement.';
$string['privacy:metadata:magreactions_reaction:roundno'] = 'La manche de la session pendant laquelle la réaction a été envoyée.';
$string['privacy:metadata:magreactions_reaction:timecreated'] = 'Le moment où la réaction a été envoyée.';
$string['privacy:metadata:magreactions_reaction:userid'] = 'L’utilisateur qui a envoyé la réaction.';
$string['reaction:lost'] = 'Je suis perdu';
$string['reaction:question'] = 'J’ai une question';
$string['reaction:slower'] = 'Plus lentement, s’il vous plaît';
$string['reaction:understood'] = 'J’ai compris';
$string['resetreactions'] = 'Supprimer toutes les réactions';
