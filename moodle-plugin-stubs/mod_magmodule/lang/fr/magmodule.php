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
 * French strings.
 *
 * @package    mod_magmodule
 * @copyright  2026 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$string['cachedef_catalogs'] = 'Index des catalogues de modules autorisés';
$string['cachedef_packages'] = 'Versions de modules lues dans les catalogues autorisés';
$string['catalogunavailable'] = 'Le catalogue de ce module ne peut pas être lu pour le moment ({$a}).';
$string['completiondetail:modules'] = 'Terminer chaque module à distance du parcours';
$string['completionmodules'] = 'Modules à distance';
$string['completionmodules_desc'] = 'Le stagiaire termine chaque élément de chaque module du catalogue inclus dans le parcours';
$string['eventattemptrecorded'] = 'Tentative H5P enregistrée';
$string['eventcoursemoduleviewed'] = 'Parcours hybride consulté';
$string['eventlink'] = 'Rejoindre la session à distance';
$string['eventplace'] = 'Lieu : {$a}';
$string['eventprogrammeupdated'] = 'Parcours hybride modifié';
$string['invalidsteps'] = 'Les étapes du parcours ne sont pas valides : {$a}';
$string['itemunreachable'] = 'cet élément ne fait pas partie de la version du module utilisée';
$string['magmodule:addinstance'] = 'Ajouter un parcours hybride';
$string['magmodule:manage'] = 'Organiser le parcours et ajouter des modules du catalogue';
$string['magmodule:play'] = 'Suivre les modules du parcours (progression enregistrée)';
$string['magmodule:view'] = 'Voir le parcours hybride';
$string['magmodule:viewreport'] = 'Voir la progression et les scores de chaque stagiaire';
$string['modulename'] = 'Parcours hybride';
$string['modulename_help'] = 'Un parcours hybride organise des sessions en présence, des classes virtuelles et des modules à distance issus des catalogues autorisés, liés et non copiés : le formateur ajoute un module en un clic et passe à une version plus récente quand le catalogue en publie une ; les stagiaires suivent une seule frise et jouent les modules dans le cours.';
$string['modulenameplural'] = 'Parcours hybrides';
$string['noinstances'] = 'Il n’y a aucun parcours hybride dans ce cours.';
$string['pluginadministration'] = 'Administration du parcours hybride';
$string['pluginname'] = 'Parcours hybride';
$string['privacy:metadata:catalogs'] = 'Les catalogues de modules autorisés, lus par le serveur. Rien sur les utilisateurs ne leur est envoyé : le serveur lit leurs fichiers publics, sans cookie.';
$string['privacy:metadata:catalogs:url'] = 'Les adresses des fichiers de catalogue lus';
$string['privacy:metadata:magmodule_attempt'] = 'Tentatives sur les contenus H5P des modules du parcours';
$string['privacy:metadata:magmodule_attempt:attempt'] = 'Le numéro de la tentative';
$string['privacy:metadata:magmodule_attempt:completion'] = 'Si le contenu a été terminé';
$string['privacy:metadata:magmodule_attempt:duration'] = 'Durée de la tentative';
$string['privacy:metadata:magmodule_attempt:maxscore'] = 'Le score maximal';
$string['privacy:metadata:magmodule_attempt:rawscore'] = 'Le score obtenu';
$string['privacy:metadata:magmodule_attempt:scaled'] = 'Le score rapporté au maximum';
$string['privacy:metadata:magmodule_attempt:success'] = 'Si la tentative est réussie';
$string['privacy:metadata:magmodule_attempt:timecreated'] = 'Quand la tentative a commencé';
$string['privacy:metadata:magmodule_attempt:userid'] = 'Le stagiaire auteur de la tentative';
$string['privacy:metadata:magmodule_h5pstate'] = 'États enregistrés des contenus H5P, pour les reprendre';
$string['privacy:metadata:magmodule_h5pstate:state'] = 'L’état du contenu (réponses données jusque-là)';
$string['privacy:metadata:magmodule_h5pstate:userid'] = 'Le stagiaire concerné';
$string['privacy:metadata:magmodule_item'] = 'Progression sur chaque élément des modules du parcours';
$string['privacy:metadata:magmodule_item:completed'] = 'S’il est terminé';
$string['privacy:metadata:magmodule_item:itemid'] = 'L’élément du module';
$string['privacy:metadata:magmodule_item:seconds'] = 'Temps passé';
$string['privacy:metadata:magmodule_item:stepid'] = 'L’étape du parcours';
$string['privacy:metadata:magmodule_item:timemodified'] = 'Quand la progression a été transmise pour la dernière fois';
$string['privacy:metadata:magmodule_item:userid'] = 'Le stagiaire';
$string['privacy:metadata:magmodule_stmtkey'] = 'Clés des déclarations xAPI déjà comptées, pour qu’un nouvel envoi ne compte qu’une fois';
$string['privacy:metadata:magmodule_stmtkey:statementkey'] = 'La clé de la déclaration';
$string['privacy:metadata:magmodule_stmtkey:userid'] = 'Le stagiaire qui l’a envoyée';
$string['privacy:metadata:magmodule_summary'] = 'Les résultats d’un stagiaire pour chaque module du parcours';
$string['privacy:metadata:magmodule_summary:percent'] = 'Part du module terminée';
$string['privacy:metadata:magmodule_summary:score'] = 'Score sur les contenus H5P du module';
$string['privacy:metadata:magmodule_summary:userid'] = 'Le stagiaire';
$string['resetdates'] = 'Dates des sessions et des modules décalées avec le cours';
$string['resetprogress'] = 'Supprimer la progression, les tentatives et les états H5P des stagiaires';
$string['settings:catalogs'] = 'Catalogues autorisés';
$string['settings:catalogs_desc'] = 'Les catalogues de modules où les formateurs peuvent choisir, un par ligne : l’adresse du dossier contenant l’index.json du catalogue (par exemple https://catalogue.example.fr/magistere/). Adresses https uniquement (http pour localhost). Le serveur Moodle les lit, selon les réglages de sécurité HTTP de Moodle ; les navigateurs ne lisent jamais l’index d’un catalogue.';
$string['settings:catalogs_invalid'] = 'La ligne {$a->line} n’est pas une adresse de catalogue (https://…/, sans identifiant, paramètres ni fragment) : {$a->value}';
$string['settings:h5pplayer'] = 'Page du lecteur H5P';
$string['settings:h5pplayer_desc'] = 'Laisser vide pour jouer les contenus H5P dans la page isolée de ce plugin (mod/magmodule/h5p.php, sans session, d’origine opaque). Ou l’adresse d’une copie de cette page sur une autre origine, comme /h5p/player de l’hôte de référence.';
$string['stepclosed'] = 'cette étape est close : plus rien n’est enregistré';
$string['steps'] = 'Étapes';
$string['steps_desc'] = 'Organisez les sessions en présence, les classes virtuelles et les modules du catalogue dans la page de l’activité, une fois celle-ci enregistrée.';
$string['stepupcoming'] = 'cette étape n’est pas encore ouverte';
