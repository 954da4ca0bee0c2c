import type { Translations } from '../../../activities/src/i18n/localize.js';

/** What `<mag-quiz>` says before an attempt or a live session; the views have their own tables, loaded with them. */
const fr = {
  defaultTitle: 'Quiz',
  questions: '{count} questions',
  questions_one: '{count} question',
  behaviour_deferred: 'Vous verrez vos résultats à la fin de la tentative.',
  behaviour_immediate: 'Vérifiez chaque réponse pour voir tout de suite si elle est juste.',
  behaviour_interactive:
    'Plusieurs essais par question, avec des indices\u00a0; chaque essai manqué coûte un peu de la note.',
  timeLimit: 'Temps limité\u00a0: {minutes} min',
  attempts: 'Tentatives\u00a0: {used} sur {allowed}',
  attemptsUnlimited: 'Tentatives\u00a0: {used} (sans limite)',
  passGrade: 'Note pour réussir\u00a0: {pass} sur {max}',
  yourGrade: 'Votre note\u00a0: {grade} sur {max}',
  passed: 'Réussi',
  notPassed: 'Pas encore réussi',
  start: 'Commencer une tentative',
  startAgain: 'Faire une nouvelle tentative',
  continue: 'Reprendre la tentative',
  review: 'Revoir la tentative {number}',
  failed: "L'action n'a pas abouti\u00a0: {message}",
  timeWarning: 'Il reste {minutes} minutes.',
  timeWarning_one: 'Il reste {minutes} minute.',
} as const;

export const quizElementStrings: Translations<typeof fr> = {
  fr,
  en: {
    defaultTitle: 'Quiz',
    questions: '{count} questions',
    questions_one: '{count} question',
    behaviour_deferred: 'You will see your results at the end of the attempt.',
    behaviour_immediate: 'Check each answer to see at once whether it is right.',
    behaviour_interactive: 'Several tries per question, with hints; each missed try costs a little of the mark.',
    timeLimit: 'Time limit: {minutes} min',
    attempts: 'Attempts: {used} of {allowed}',
    attemptsUnlimited: 'Attempts: {used} (unlimited)',
    passGrade: 'Grade to pass: {pass} out of {max}',
    yourGrade: 'Your grade: {grade} out of {max}',
    passed: 'Passed',
    notPassed: 'Not passed yet',
    start: 'Start an attempt',
    startAgain: 'Make a new attempt',
    continue: 'Continue the attempt',
    review: 'Review attempt {number}',
    failed: 'That did not work: {message}',
    timeWarning: '{minutes} minutes left.',
    timeWarning_one: '{minutes} minute left.',
  },
};
