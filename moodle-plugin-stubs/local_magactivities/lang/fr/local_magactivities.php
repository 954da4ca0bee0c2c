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
 * @package    local_magactivities
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$string['loading'] = 'Chargement de l’activité…';
$string['noscript'] = 'Cette activité nécessite JavaScript.';
$string['pluginname'] = 'Activités Magistère';
$string['privacy:metadata'] = 'Le plugin commun des activités Magistère ne stocke aucune donnée personnelle : chaque module d’activité déclare les siennes.';
$string['settings:frameorigins'] = 'Origines autorisées pour les cadres d’activité';
$string['settings:frameorigins_desc'] = 'Origines (par exemple https://activites.exemple.fr) autorisées à afficher des activités dans un iframe sur les pages de Moodle, une par ligne. Laisser vide quand les activités s’exécutent dans la page elle-même.';
$string['settings:poll'] = 'Mises à jour en direct';
$string['settings:poll_desc'] = 'Les pages interrogent un point d’accès léger pour savoir si une activité a changé. Elles l’interrogent à l’intervalle le plus court tant que l’activité change, ralentissent quand rien ne se passe et ne s’arrêtent jamais tant que la page est visible.';
$string['settings:pollmax'] = 'Intervalle d’interrogation le plus long (ms)';
$string['settings:pollmax_desc'] = 'Délai entre deux interrogations quand rien n’a changé depuis un moment, en millisecondes. Au plus {$a} ms.';
$string['settings:pollmin'] = 'Intervalle d’interrogation le plus court (ms)';
$string['settings:pollmin_desc'] = 'Délai entre deux interrogations tant que l’activité change, en millisecondes. Au moins {$a} ms.';
$string['settings:tokenttl'] = 'Durée de vie des jetons de canal (s)';
$string['settings:tokenttl_desc'] = 'Durée pendant laquelle un jeton de canal signé permet à une page d’interroger le serveur sans en redemander un, en secondes (300 à 86400).';
