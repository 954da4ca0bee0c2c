/**
 * What a trainee reads about the quiz's trusted logic, in French and English: the codes that grading,
 * responses, attempts and views return (the element and the hosts translate them with `translate()`).
 * Keys are the codes themselves, so that a code always has its sentence (quiz/test/strings.test.ts).
 */
import type { Translations } from '../../activities/src/i18n/localize.js';

const fr = {
  // Grade states.
  right: 'Correct',
  partial: 'Partiellement correct',
  wrong: 'Incorrect',
  unanswered: 'Sans réponse',
  needsGrading: 'En attente de correction',
  noMark: 'Information',
  // Why a check does not count.
  answer_required: 'Répondez à la question avant de la vérifier.',
  not_a_number: 'Saisissez un nombre (par exemple 3,14).',
  all_parts_required: 'Répondez à chaque partie de la question.',
  // Refused responses.
  wrong_shape: 'Cette réponse n’a pas la forme attendue.',
  out_of_range: 'Ce choix n’existe pas.',
  duplicate_choice: 'Un même choix est donné deux fois.',
  not_a_permutation: 'Chaque élément doit être placé une fois.',
  too_long: 'Cette réponse est trop longue.',
  invalid_text: 'Ce texte contient des caractères invalides.',
  no_response_expected: 'Cet élément n’attend pas de réponse.',
  // Refused actions.
  bad_action: 'Action inconnue.',
  no_such_slot: 'Cette question n’existe pas.',
  finished: 'Cette tentative est terminée.',
  time_over: 'Le temps est écoulé.',
  not_allowed: 'Cette action n’est pas possible ici.',
  read_only: 'Cette réponse ne peut plus être modifiée.',
  no_attempts_left: 'Vous n’avez plus de tentative.',
  attempt_in_progress: 'Une tentative est déjà en cours.',
  closed: 'Ce test est fermé.',
  // Hints and marks.
  tries_left: 'Essais restants\u00a0: {count}',
  tries_left_one: 'Essai restant\u00a0: {count}',
  num_correct: 'Vous avez {right} bonne(s) réponse(s) sur {total}.',
  mark: 'Note\u00a0: {mark} sur {max}',
} as const;

export const quizStrings: Translations<typeof fr> = {
  fr,
  en: {
    right: 'Correct',
    partial: 'Partially correct',
    wrong: 'Incorrect',
    unanswered: 'Not answered',
    needsGrading: 'Waiting to be graded',
    noMark: 'Information',
    answer_required: 'Answer the question before checking it.',
    not_a_number: 'Enter a number (for example 3.14).',
    all_parts_required: 'Answer every part of the question.',
    wrong_shape: 'This response is not in the expected form.',
    out_of_range: 'This choice does not exist.',
    duplicate_choice: 'The same choice is given twice.',
    not_a_permutation: 'Every item must be placed once.',
    too_long: 'This response is too long.',
    invalid_text: 'This text contains invalid characters.',
    no_response_expected: 'This item expects no response.',
    bad_action: 'Unknown action.',
    no_such_slot: 'This question does not exist.',
    finished: 'This attempt is finished.',
    time_over: 'Time is up.',
    not_allowed: 'This action is not possible here.',
    read_only: 'This response can no longer be changed.',
    no_attempts_left: 'You have no attempts left.',
    attempt_in_progress: 'An attempt is already in progress.',
    closed: 'This quiz is closed.',
    tries_left: 'Tries remaining: {count}',
    tries_left_one: 'Try remaining: {count}',
    num_correct: 'You have {right} correct out of {total}.',
    mark: 'Mark: {mark} out of {max}',
  },
};
