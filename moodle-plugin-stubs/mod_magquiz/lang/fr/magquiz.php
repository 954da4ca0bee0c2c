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
 * Strings of mod_magquiz (French).
 *
 * @package    mod_magquiz
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$string['attemptsallowed'] = 'Nombre de tentatives autorisées';
$string['behaviour'] = 'Comportement des questions';
$string['behaviour:deferred'] = 'Feedback différé';
$string['behaviour:immediate'] = 'Feedback immédiat';
$string['behaviour:interactive'] = 'Interactif avec essais multiples';
$string['behaviour_help'] = 'Feedback différé : le stagiaire répond à toutes les questions, termine, puis voit le feedback. Feedback immédiat : chaque question peut être vérifiée une fois, et son feedback vient aussitôt. Interactif avec essais multiples : une mauvaise réponse montre son feedback et un indice, et le stagiaire essaie de nouveau (un essai par indice, plus un), en perdant la pénalité de la question à chaque essai faux.';
$string['currentquestions'] = 'Questions actuelles';
$string['eventattemptstarted'] = 'Tentative de quiz commencée';
$string['eventattemptsubmitted'] = 'Tentative de quiz terminée et notée';
$string['eventcoursemoduleviewed'] = 'Quiz consulté';
$string['eventessaygraded'] = 'Réponse ouverte notée';
$string['eventliveanswersubmitted'] = 'Réponse à une question de quiz en direct';
$string['eventlivesessionupdated'] = 'Session de quiz en direct avancée';
$string['false'] = 'Faux';
$string['format:auto'] = 'Reconnu d’après le contenu';
$string['format:gift'] = 'GIFT';
$string['format:xml'] = 'Moodle XML';
$string['grademethod'] = 'Méthode d’évaluation';
$string['grademethod:average'] = 'Moyenne des notes';
$string['grademethod:first'] = 'Première tentative';
$string['grademethod:highest'] = 'Note la plus haute';
$string['grademethod:last'] = 'Dernière tentative';
$string['grademethod_help'] = 'Avec plusieurs tentatives, la note qui va au carnet de notes : la meilleure, la moyenne, celle de la première ou de la dernière tentative terminée.';
$string['importerror:answerstart'] = 'réponse qui ne commence pas par {$a}';
$string['importerror:blockopen'] = 'bloc de réponses non fermé par }';
$string['importerror:defaultgrade'] = 'defaultgrade négative';
$string['importerror:doctype'] = 'un DOCTYPE n’est pas admis dans un fichier Moodle XML';
$string['importerror:emptyanswer'] = 'réponse vide';
$string['importerror:emptyquestion'] = 'question vide';
$string['importerror:fraction'] = 'fraction de réponse hors de -100..100 : {$a}';
$string['importerror:matchingfeedback'] = 'pas de feedback dans une question d’appariement';
$string['importerror:nameopen'] = 'nom de question non fermé par ::';
$string['importerror:nestedblock'] = '{ inattendue dans un bloc de réponses';
$string['importerror:noanswers'] = 'question {$a} sans réponses';
$string['importerror:noarrow'] = 'paire d’appariement sans ->';
$string['importerror:nocredit'] = 'aucune réponse ne rapporte de points';
$string['importerror:nonumber'] = 'question numérique sans réponse';
$string['importerror:noquestiontext'] = 'question de type « {$a} » sans <questiontext>';
$string['importerror:noright'] = 'paire d’appariement sans partie droite';
$string['importerror:notext'] = 'question sans texte';
$string['importerror:notnumber'] = 'pas un nombre : « {$a} »';
$string['importerror:notquiz'] = 'pas un fichier Moodle XML : l’élément racine doit être <quiz>';
$string['importerror:penalty'] = 'pénalité hors de 0..1';
$string['importerror:range'] = 'minimum de l’intervalle supérieur à son maximum';
$string['importerror:subquestion'] = 'sous-question d’appariement sans réponse';
$string['importerror:textafteressay'] = 'texte après le bloc de réponses d’une question de composition';
$string['importerror:textaftermatching'] = 'texte après le bloc de réponses d’une question d’appariement';
$string['importerror:tolerance'] = 'tolérance négative';
$string['importerror:toolarge'] = 'le fichier est trop volumineux (4 Mo au plus)';
$string['importerror:toomany'] = 'trop de questions : seules les 500 premières sont gardées';
$string['importerror:truefalse'] = 'question vrai/faux sans ses réponses « true » et « false »';
$string['importerror:twoblocks'] = 'un seul bloc de réponses par question';
$string['importerror:twoitems'] = 'une question de mise en ordre demande au moins deux éléments';
$string['importerror:twopairs'] = 'une question d’appariement demande au moins deux paires';
$string['importerror:unexpectedclose'] = '} inattendue';
$string['importerror:unsupportedtype'] = 'le type de question « {$a} » n’est pas pris en charge';
$string['importerror:weight'] = 'pondération hors de -100..100';
$string['importerror:xmlnumber'] = '{$a->what} : « {$a->value} » n’est pas un nombre';
$string['importerrorat'] = 'Ligne {$a->line}, colonne {$a->column} : {$a->message}';
$string['importerrors'] = '{$a->errors} erreur(s), {$a->valid} question(s) valide(s). Corrigez les erreurs, ou cochez « Importer les questions valides et laisser de côté celles qui ont des erreurs ».';
$string['importerrorsmore'] = '… et {$a} autre(s) erreur(s).';
$string['invalidquestions'] = 'Ces questions ne correspondent pas au modèle de questions.';
$string['leaderboard:off'] = 'Aucun';
$string['leaderboard:progress'] = 'Chaque stagiaire ne voit que son score et son rang';
$string['leaderboard:teams'] = 'Équipes';
$string['leaderboard:top5'] = 'Les cinq meilleurs, nommés';
$string['live'] = 'Sessions en direct';
$string['liveleaderboard'] = 'Classement';
$string['livespeedpoints'] = 'La rapidité rapporte des points';
$string['livespeedpoints_help'] = 'Désactivé par défaut : une bonne réponse vaut 1 000 points quelle que soit la rapidité. Activé : de 500 à 1 000 points selon le temps mis, mesuré à partir du moment où le serveur a envoyé la question au stagiaire, pour qu’une connexion lente ne le pénalise pas.';
$string['livetimer'] = 'Temps par question';
$string['livetimer:none'] = 'Aucun : le formateur ferme chaque question';
$string['livetimer_help'] = 'Combien de temps une question en direct reste ouverte ; elle se ferme ensuite d’elle-même. Sans minuteur, le formateur la ferme. Le formateur peut changer ce réglage en ouvrant une session.';
$string['locktimeout'] = 'Trop de modifications sont arrivées en même temps : réessayez.';
$string['magquiz:accommodate'] = 'Accorder à des stagiaires un temps supplémentaire sur la durée d’un quiz';
$string['magquiz:addinstance'] = 'Ajouter un quiz (Magistère)';
$string['magquiz:attempt'] = 'Répondre à un quiz et participer à ses sessions en direct';
$string['magquiz:control'] = 'Animer les sessions en direct d’un quiz';
$string['magquiz:grade'] = 'Noter les réponses ouvertes d’un quiz';
$string['magquiz:view'] = 'Voir un quiz';
$string['magquiz:viewresults'] = 'Voir les résultats de chaque stagiaire à un quiz';
$string['modulename'] = 'Quiz (Magistère)';
$string['modulename_help'] = 'Un quiz pour la formation hybride : les stagiaires répondent à leur rythme (notés par le serveur dans le carnet de notes, avec les comportements de Moodle) et le formateur l’anime en direct dans la salle, question par question, avec les résultats révélés sur l’écran projeté. Les questions s’importent au format GIFT ou Moodle XML.';
$string['modulenameplural'] = 'Quiz (Magistère)';
$string['noinstances'] = 'Ce cours ne contient aucun quiz.';
$string['noscales'] = 'Un quiz se note en points : choisissez le type « Point ».';
$string['pluginadministration'] = 'Administration du quiz';
$string['pluginname'] = 'Quiz (Magistère)';
$string['privacy:metadata:core_grades'] = 'Les notes du quiz vont au carnet de notes.';
$string['privacy:metadata:magquiz_attempt'] = 'Une tentative en autonomie à un quiz.';
$string['privacy:metadata:magquiz_attempt:attempt'] = 'Le numéro de la tentative.';
$string['privacy:metadata:magquiz_attempt:grade'] = 'La note de la tentative.';
$string['privacy:metadata:magquiz_attempt:state'] = 'Les questions, réponses, essais et résultats de la tentative.';
$string['privacy:metadata:magquiz_attempt:status'] = 'Si la tentative est en cours ou terminée.';
$string['privacy:metadata:magquiz_attempt:timefinish'] = 'Quand la tentative a été terminée.';
$string['privacy:metadata:magquiz_attempt:timestart'] = 'Quand la tentative a commencé.';
$string['privacy:metadata:magquiz_attempt:userid'] = 'Qui a répondu au quiz.';
$string['privacy:metadata:magquiz_live_answer'] = 'Une réponse à une question d’une session en direct.';
$string['privacy:metadata:magquiz_live_answer:elapsedms'] = 'Le temps mis par le participant.';
$string['privacy:metadata:magquiz_live_answer:points'] = 'Les points qu’elle a rapportés.';
$string['privacy:metadata:magquiz_live_answer:response'] = 'La réponse.';
$string['privacy:metadata:magquiz_live_answer:state'] = 'Si elle était juste.';
$string['privacy:metadata:magquiz_live_answer:timereceived'] = 'Quand elle est arrivée.';
$string['privacy:metadata:magquiz_live_answer:userid'] = 'Qui a répondu.';
$string['privacy:metadata:magquiz_override'] = 'Le temps supplémentaire d’un stagiaire sur la durée d’un quiz (un aménagement).';
$string['privacy:metadata:magquiz_override:extratime'] = 'Le temps supplémentaire, en secondes.';
$string['privacy:metadata:magquiz_override:timemodified'] = 'Quand il a été fixé pour la dernière fois.';
$string['privacy:metadata:magquiz_override:userid'] = 'Le stagiaire.';
$string['privacy:metadata:magquiz_live_part'] = 'La participation à une session en direct d’un quiz.';
$string['privacy:metadata:magquiz_live_part:team'] = 'Son équipe.';
$string['privacy:metadata:magquiz_live_part:timejoined'] = 'Quand la personne a rejoint la session.';
$string['privacy:metadata:magquiz_live_part:userid'] = 'Qui a rejoint la session.';
$string['privacy:metadata:magquiz_live_served'] = 'Quand chaque question en direct a été envoyée à un participant pour la première fois, pour mesurer équitablement le temps de sa réponse.';
$string['privacy:metadata:magquiz_live_served:timeserved'] = 'Quand la question a été envoyée.';
$string['privacy:metadata:magquiz_live_served:userid'] = 'Le participant.';
$string['questions'] = 'Questions';
$string['questionscount'] = '{$a} question(s)';
$string['questionsfile'] = 'Ou un fichier (.gift, .txt, .xml)';
$string['questionsformat'] = 'Format';
$string['questionslocked'] = 'Des stagiaires ont déjà répondu à ce quiz : ses questions ne peuvent plus être remplacées. Réinitialisez d’abord les tentatives du quiz (réinitialisation du cours), ou créez un nouveau quiz.';
$string['questionsrequired'] = 'Collez ou déposez au moins une question (GIFT ou Moodle XML).';
$string['questionsskiperrors'] = 'Importer les questions valides et laisser de côté celles qui ont des erreurs';
$string['questionsskiperrors_help'] = 'Sans cette option, un fichier qui contient des erreurs n’est pas importé : les erreurs sont indiquées avec leur ligne et leur colonne, pour être corrigées. Avec elle, les questions valides sont importées et les autres laissées de côté.';
$string['questionstext'] = 'Questions (GIFT ou Moodle XML)';
$string['questionstext_help'] = 'Collez les questions au format GIFT (tel que Moodle l’exporte : `::nom::`, `$CATEGORY:`, `{=juste ~faux}`, `{#3.14:0.01}`, `{=a -> b}`, `####` pour le feedback général…) ou Moodle XML (un fichier `<quiz>` exporté d’une banque de questions). Les questions à choix unique ou multiple, vrai/faux, réponse courte, numériques, d’appariement, de mise en ordre, de composition et les descriptions sont lues. Le fichier ci-dessous, s’il est donné, remplace ce texte. Une fois que des stagiaires ont répondu, les questions ne peuvent plus être remplacées.';
$string['resetattempts'] = 'Supprimer toutes les tentatives, sessions en direct et temps supplémentaires (aménagements)';
$string['review:correctness'] = 'Si la réponse est juste';
$string['review:generalfeedback'] = 'Feedback général';
$string['review:marks'] = 'Points';
$string['review:rightanswer'] = 'Bonne réponse';
$string['review:specificfeedback'] = 'Feedback spécifique';
$string['reviewafter'] = 'Une fois la tentative terminée';
$string['reviewduring'] = 'Pendant la tentative';
$string['reviewoptions'] = 'Options de relecture';
$string['reviewoptions_help'] = 'Ce qu’un stagiaire voit d’une question notée : pendant la tentative (une fois la question vérifiée, en feedback immédiat ou interactif), et une fois la tentative terminée.';
$string['selfpaced'] = 'Tentatives en autonomie';
$string['shuffleanswers'] = 'Mélanger les choix dans les questions';
$string['shufflequestions'] = 'Mélanger les questions à chaque tentative';
$string['status:finished'] = 'Terminée';
$string['status:inProgress'] = 'En cours';
$string['taskcloseoverdue'] = 'Terminer les tentatives de quiz dont le temps est écoulé';
$string['timeclose'] = 'Fermer le quiz';
$string['timeclose_help'] = 'Après cette date, aucune tentative ne peut commencer, et les tentatives en cours s’y terminent.';
$string['timelimit'] = 'Temps imparti';
$string['timelimit_help'] = 'Si l’option est activée, une tentative doit être terminée dans ce temps ; ce qui est à l’écran est envoyé quand le temps est écoulé.';
$string['true'] = 'Vrai';
$string['type:description'] = 'description';
$string['type:essay'] = 'composition';
$string['type:matching'] = 'appariement';
$string['type:multiple'] = 'choix multiple';
$string['type:numerical'] = 'numérique';
$string['type:ordering'] = 'mise en ordre';
$string['type:shortanswer'] = 'réponse courte';
$string['type:single'] = 'choix unique';
$string['type:truefalse'] = 'vrai/faux';
