/** The pages' strings, in French (default) and English, and the choice of language for a request. */
import type { Locale } from '../../../activities/src/bridge/protocol.js';

export type { Locale };
export const LOCALES: readonly Locale[] = ['fr', 'en'];
export const DEFAULT_LOCALE: Locale = 'fr';

/** `?lang=` wins, then the browser's `Accept-Language` by preference order, then French. */
export function pickLocale(langParam: unknown, acceptLanguage: string | undefined): Locale {
  if (typeof langParam === 'string' && isLocale(langParam)) return langParam;
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((value) => value !== undefined);
      return { lang: tag.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((entry) => entry.lang).find(isLocale) ?? DEFAULT_LOCALE;
}

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

const fr = {
  siteName: 'Magistère',
  skipToContent: 'Aller au contenu',
  otherLanguage: 'English',
  otherLanguageCode: 'en',
  loginTitle: 'Connexion',
  loginIntro: 'Connectez-vous pour accéder à vos formations.',
  username: "Nom d'utilisateur",
  password: 'Mot de passe',
  signIn: 'Se connecter',
  loginError: "Nom d'utilisateur ou mot de passe incorrect.",
  loginThrottled: 'Trop de tentatives de connexion. Réessayez dans une minute.',
  demoNote:
    'Hôte de démonstration : formatrice « claire.martin », stagiaires « lucas.bernard », « emma.petit »… Mot de passe de tous les comptes de démonstration : « magistere ».',
  signedInAs: 'Connecté·e\u00a0:',
  roles: { trainer: 'formateur·rice', trainee: 'stagiaire' },
  logout: 'Se déconnecter',
  courseKicker: 'Formation hybride',
  programme: 'Programme',
  programmeItems: [
    ['Séance en présentiel (3 h)', 'Découvrir des usages du numérique en classe et partager vos pratiques.'],
    ['Travail à distance (1 h)', 'Un module en autonomie, puis un échange en ligne avec la formatrice.'],
  ],
  /** A label's colon: French puts a no-break space before it, English none. */
  colon: '\u00a0: ',
  activityHeading: 'Activité de la séance',
  activityIntro: 'Dites où vous en êtes : la formatrice suit les réponses en direct.',
  activityIntros: {
    wordcloud: 'Répondez en un ou quelques mots : le nuage grandit en direct, projeté pendant la séance.',
    quiz: 'Un quiz à faire à votre rythme, ou en direct pendant la séance quand la formatrice le lance.',
    programme:
      'Les étapes de la formation, en présentiel et à distance\u00a0: où vous en êtes et ce qui vient ensuite. La formatrice le compose ici.',
    module:
      'Les modules à distance de la formation, à suivre ici à votre rythme. La formatrice y choisit des modules du catalogue et suit votre progression.',
  },
  activities: 'Activités du cours',
  frameHeading: 'Activité du travail à distance',
  frameIntro: 'Cette activité est affichée dans un cadre isolé (iframe), servi depuis une autre origine.',
  frameLink: 'Voir l’activité affichée dans un cadre (iframe)',
  backToCourse: 'Retour au cours',
  assetsMissing:
    'Les scripts des activités ne sont pas encore construits. Lancez « npm run build:bundles » puis rechargez la page.',
  noscript: 'Cette activité a besoin de JavaScript.',
  frameTitle: 'Activité',
};

type Messages = typeof fr;

const en: Messages = {
  siteName: 'Magistère',
  skipToContent: 'Skip to content',
  otherLanguage: 'Français',
  otherLanguageCode: 'fr',
  loginTitle: 'Sign in',
  loginIntro: 'Sign in to reach your courses.',
  username: 'Username',
  password: 'Password',
  signIn: 'Sign in',
  loginError: 'Wrong username or password.',
  loginThrottled: 'Too many sign-in attempts. Try again in a minute.',
  demoNote:
    'Demo host: trainer "claire.martin", trainees "lucas.bernard", "emma.petit"… Password of every demo account: "magistere".',
  signedInAs: 'Signed in:',
  roles: { trainer: 'trainer', trainee: 'trainee' },
  logout: 'Sign out',
  courseKicker: 'Blended course',
  programme: 'Programme',
  programmeItems: [
    ['In-person session (3 h)', 'Discover digital practices in the classroom and share your own.'],
    ['Distance work (1 h)', 'A self-paced module, then an online discussion with the trainer.'],
  ],
  colon: ': ',
  activityHeading: 'Session activity',
  activityIntro: 'Tell how you are doing: the trainer follows the answers live.',
  activityIntros: {
    wordcloud: 'Answer in one or a few words: the cloud grows live, projected during the session.',
    quiz: 'A quiz to take at your own pace, or live during the session when the trainer starts it.',
    programme:
      'The steps of the training, in person and at a distance: where you are and what comes next. The trainer plans it here.',
    module:
      'The distance modules of the training, to follow here at your own pace. The trainer picks modules from the catalog here and follows your progress.',
  },
  activities: 'Course activities',
  frameHeading: 'Distance work activity',
  frameIntro: 'This activity is shown in an isolated frame (iframe), served from another origin.',
  frameLink: 'See the activity shown in a frame (iframe)',
  backToCourse: 'Back to the course',
  assetsMissing: 'The activity scripts are not built yet. Run "npm run build:bundles", then reload the page.',
  noscript: 'This activity needs JavaScript.',
  frameTitle: 'Activity',
};

export const MESSAGES: Record<Locale, Messages> = { fr, en };
export type { Messages };
