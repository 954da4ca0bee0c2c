import type { Translations } from '../../../activities/src/i18n/localize.js';

/** What answering a question says (shared by attempts and live sessions). */
const fr = {
  chooseOne: 'Choisir…',
  false: 'Faux',
  true: 'Vrai',
  missingWord: 'Mot manquant',
  moveDownLabel: 'Descendre « {item} »',
  moveUpLabel: 'Monter « {item} »',
  movedTo: '« {item} » en position {position}.',
  yourAnswer: 'Votre réponse',
  partRight: 'juste',
  partWrong: 'faux',
  partPartial: 'en partie juste',
  rightAnswer: 'Bonne réponse\u00a0: {answer}',
  rightAnswerRange: 'entre {min} et {max}',
  rightAnswerTolerance: '{number} (à {tolerance} près)',
} as const;

export const questionStrings: Translations<typeof fr> = {
  fr,
  en: {
    chooseOne: 'Choose…',
    false: 'False',
    true: 'True',
    missingWord: 'Missing word',
    moveDownLabel: 'Move “{item}” down',
    moveUpLabel: 'Move “{item}” up',
    movedTo: '“{item}” at position {position}.',
    yourAnswer: 'Your answer',
    partRight: 'right',
    partWrong: 'wrong',
    partPartial: 'partly right',
    rightAnswer: 'Right answer: {answer}',
    rightAnswerRange: 'between {min} and {max}',
    rightAnswerTolerance: '{number} (± {tolerance})',
  },
};
