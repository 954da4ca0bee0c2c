/** Strings of the module player (loaded with it), French first. */
import type { Translations } from '../../../activities/src/i18n/localize.js';

const fr = {
  version: 'Version {version}',
  preview: 'Aperçu formateur\u00a0: rien de ce que vous faites ici n’est enregistré.',
  closed: 'Ce module est fermé\u00a0: vous pouvez le consulter, mais votre progression n’est plus enregistrée.',
  upcoming: 'Ce module n’est pas encore ouvert.',
  outline: 'Sommaire du module',
  itemDone: 'terminé',
  itemCurrent: 'en cours',
  kind_page: 'Page',
  kind_video: 'Vidéo',
  kind_h5p: 'Activité interactive',
  kind_quiz: 'Quiz',
  kind_wordcloud: 'Nuage de mots',
  position: 'Élément {position} sur {count}',
  minutes: '{minutes} min',
  previous: 'Précédent',
  next: 'Suivant',
  finish: 'Terminer le module',
  back: 'Retour aux modules',
  progress: 'Progression\u00a0: {percent} %',
  loading: 'Chargement…',
  transcript: 'Transcription',
  h5pFrame: 'Activité interactive\u00a0: {title}',
  h5pLoading: 'Chargement de l’activité interactive…',
  h5pFailed: 'L’activité interactive n’a pas pu se charger\u00a0: {message}',
  h5pHint: 'Votre réponse est enregistrée dès que vous la validez.',
  answerSaved: 'Réponse enregistrée.',
  notPlayable_quiz:
    'Ce quiz ({count} questions) se fait dans l’activité Quiz du cours ou pendant la séance\u00a0: il n’est pas encore jouable dans le lecteur de module et ne compte pas dans la progression.',
  notPlayable_wordcloud:
    'Ce nuage de mots («\u00a0{question}\u00a0») se fait pendant la séance\u00a0: il n’est pas encore jouable dans le lecteur de module et ne compte pas dans la progression.',
  finished: 'Vous avez terminé ce module. Bravo\u00a0!',
  finishedPartly:
    'Vous êtes arrivé·e au bout du module. Les éléments non terminés restent accessibles depuis le sommaire.',
  failed: 'Échec\u00a0: {message}',
  problem: 'Le catalogue de ce module est indisponible pour le moment. Réessayez plus tard.',
  invalidItem: 'Cet élément du module est illisible et ne peut pas être affiché.',
} as const;

export const playerStrings: Translations<typeof fr> = {
  fr,
  en: {
    version: 'Version {version}',
    preview: 'Trainer preview: nothing you do here is recorded.',
    closed: 'This module is closed: you may look at it, but your progress is no longer recorded.',
    upcoming: 'This module is not open yet.',
    outline: 'Module outline',
    itemDone: 'done',
    itemCurrent: 'current',
    kind_page: 'Page',
    kind_video: 'Video',
    kind_h5p: 'Interactive activity',
    kind_quiz: 'Quiz',
    kind_wordcloud: 'Word cloud',
    position: 'Item {position} of {count}',
    minutes: '{minutes} min',
    previous: 'Previous',
    next: 'Next',
    finish: 'Finish the module',
    back: 'Back to the modules',
    progress: 'Progress: {percent}%',
    loading: 'Loading…',
    transcript: 'Transcript',
    h5pFrame: 'Interactive activity: {title}',
    h5pLoading: 'Loading the interactive activity…',
    h5pFailed: 'The interactive activity could not load: {message}',
    h5pHint: 'Your answer is recorded as soon as you check it.',
    answerSaved: 'Answer recorded.',
    notPlayable_quiz:
      'This quiz ({count} questions) is taken in the course’s Quiz activity or during the session: the module player does not play it yet, and it does not count in the progress.',
    notPlayable_wordcloud:
      'This word cloud (“{question}”) is done during the session: the module player does not play it yet, and it does not count in the progress.',
    finished: 'You have finished this module. Well done!',
    finishedPartly: 'You reached the end of the module. Items not finished yet stay open from the outline.',
    failed: 'Failed: {message}',
    problem: 'The catalog of this module is unavailable at the moment. Try again later.',
    invalidItem: 'This item of the module is unreadable and cannot be shown.',
  },
};

export type PlayerKey = keyof typeof fr;
