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
 * @package    mod_magwordcloud
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$string['accentsmerge'] = 'Fusionner les mots qui ne diffèrent que par les accents';
$string['accentsmerge_help'] = 'Activé, « école » et « ecole » sont le même mot dans le nuage. Sinon, leur fusion est seulement proposée au formateur.';
$string['answers'] = 'Réponses';
$string['approval'] = 'Les réponses attendent une validation';
$string['approval_help'] = 'Activé, chaque réponse reste hors du nuage jusqu’à ce qu’un formateur la valide. Les réponses du formateur lui-même n’attendent jamais.';
$string['completiondetail:entries'] = 'Écrire des réponses : {$a}';
$string['completionentries'] = 'Les stagiaires doivent écrire des réponses :';
$string['completionentriesinvalid'] = 'Saisissez un nombre de réponses entre 1 et le maximum par personne ({$a}).';
$string['display'] = 'Le nuage';
$string['eventcloudreset'] = 'Nuage de mots remis à zéro';
$string['eventcloudupdated'] = 'Nuage de mots modifié par un formateur';
$string['eventcoursemoduleviewed'] = 'Nuage de mots consulté';
$string['evententryapproved'] = 'Réponse au nuage de mots validée';
$string['evententryrejected'] = 'Réponse au nuage de mots refusée';
$string['evententrysubmitted'] = 'Réponse au nuage de mots écrite';
$string['evententrywithdrawn'] = 'Réponse au nuage de mots retirée';
$string['identitymode'] = 'Identité';
$string['identitymode:anonymous'] = 'Anonyme : les formateurs ne voient pas qui a écrit quoi';
$string['identitymode:named'] = 'Nominatif : les formateurs voient qui a écrit quoi';
$string['identitymode_help'] = 'En mode nominatif, les formateurs voient l’auteur de chaque réponse pendant la modération et dans l’export. Les stagiaires ne voient jamais le nom de personne. Passer en mode nominatif montre aussi les auteurs des réponses déjà écrites.';
$string['invalidsettings'] = 'Ces réglages du nuage de mots ne peuvent pas être enregistrés : {$a}';
$string['isopen'] = 'Ouvert aux réponses';
$string['isopen_help'] = 'Les stagiaires ne peuvent répondre et retirer leurs réponses que lorsque l’activité est ouverte. Les formateurs l’ouvrent et la ferment aussi depuis la page de l’activité.';
$string['locktimeout'] = 'Trop de modifications sont arrivées en même temps : réessayez.';
$string['magwordcloud:addinstance'] = 'Ajouter un nuage de mots';
$string['magwordcloud:moderate'] = 'Modérer et projeter un nuage de mots';
$string['magwordcloud:submit'] = 'Écrire des réponses dans un nuage de mots';
$string['magwordcloud:view'] = 'Voir un nuage de mots';
$string['maxlength'] = 'Nombre maximal de caractères d’une réponse';
$string['maxlength_help'] = 'Compté en caractères tels qu’un lecteur les voit (une lettre accentuée ou un émoji compte pour un), de 1 à 100.';
$string['maxlengthinvalid'] = 'Saisissez un nombre de caractères entre 1 et {$a}.';
$string['maxperperson'] = 'Nombre maximal de réponses par personne';
$string['minabovemax'] = 'On ne peut pas demander à une personne plus de réponses qu’elle ne peut en écrire.';
$string['minperperson'] = 'Nombre de réponses attendues par personne';
$string['minperperson_help'] = 'Avec la visibilité « après sa propre réponse », un stagiaire voit le nuage une fois qu’il a écrit ce nombre de réponses (au moins une).';
$string['moderation'] = 'Modération';
$string['modulename'] = 'Nuage de mots';
$string['modulename_help'] = 'Un nuage de mots en direct : le formateur pose une question, les stagiaires répondent en quelques mots depuis leur téléphone ou leur ordinateur, et le nuage grandit sur l’écran projeté. Les stagiaires à distance répondent plus tard et le même nuage continue de grandir. Les formateurs le modèrent (validation, masquage, fusion des mots semblables), le projettent en plein écran et l’exportent.';
$string['modulenameplural'] = 'Nuages de mots';
$string['noinstances'] = 'Il n’y a aucun nuage de mots dans ce cours.';
$string['offensivefilter'] = 'Filtrer les mots injurieux';
$string['offensivefilter_help'] = 'Écarte du nuage une courte liste d’insultes courantes en français et en anglais, quels que soient leur casse, leurs accents ou leur pluriel.';
$string['pluginadministration'] = 'Administration du nuage de mots';
$string['pluginname'] = 'Nuage de mots';
$string['privacy:metadata:magwordcloud_entry'] = 'Les réponses écrites par chaque utilisateur dans un nuage de mots.';
$string['privacy:metadata:magwordcloud_entry:entrykey'] = 'La réponse écrite telle que les doublons sont repérés (en minuscules).';
$string['privacy:metadata:magwordcloud_entry:entrytext'] = 'La réponse, telle qu’elle apparaît dans le nuage.';
$string['privacy:metadata:magwordcloud_entry:groupid'] = 'Le groupe dans lequel la réponse a été écrite.';
$string['privacy:metadata:magwordcloud_entry:idemkey'] = 'L’empreinte SHA-256 d’une clé aléatoire choisie par le navigateur de l’utilisateur, pour qu’une réponse envoyée deux fois ne soit enregistrée qu’une fois.';
$string['privacy:metadata:magwordcloud_entry:status'] = 'Si la réponse est dans le nuage, attend une validation, a été refusée ou a été retirée.';
$string['privacy:metadata:magwordcloud_entry:timecreated'] = 'Le moment où la réponse a été écrite.';
$string['privacy:metadata:magwordcloud_entry:timemodified'] = 'Le dernier moment où la réponse a changé (validée, refusée ou retirée).';
$string['privacy:metadata:magwordcloud_entry:userid'] = 'L’utilisateur qui a écrit la réponse.';
$string['question'] = 'Question';
$string['question_help'] = 'La question affichée au-dessus du champ de réponse et sur l’écran projeté, 500 caractères au plus. Texte simple.';
$string['questiontoolong'] = 'La question ne doit pas dépasser {$a} caractères.';
$string['resetentries'] = 'Supprimer toutes les réponses, fusions et mots masqués';
$string['rotate'] = 'Écrire certains mots à la verticale';
$string['status:accepted'] = 'Dans le nuage';
$string['status:pending'] = 'En attente de validation';
$string['status:rejected'] = 'Refusée';
$string['status:withdrawn'] = 'Retirée';
$string['stoplist'] = 'Mots écartés';
$string['stoplist_help'] = 'Mots écartés du nuage, un par ligne (200 au plus), quels que soient leur casse, leurs accents ou leur pluriel.';
$string['stoplisttoolong'] = 'La liste des mots écartés ne doit pas dépasser {$a} mots.';
$string['stopwordtoolong'] = 'Un mot écarté ne doit pas dépasser {$a} caractères.';
$string['visibility'] = 'Les stagiaires voient le nuage';
$string['visibility:after_answer'] = 'Après leur propre réponse';
$string['visibility:always'] = 'Toujours';
$string['visibility:never'] = 'Jamais (projection seulement)';
$string['visibility_help'] = 'Les formateurs voient toujours le nuage. « Jamais » le réserve à l’écran projeté.';
