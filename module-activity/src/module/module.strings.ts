/** Strings of `<mag-module>`'s first paint (the list of module steps), French first. */
import type { Translations } from '../../../activities/src/i18n/localize.js';

const fr = {
  defaultTitle: 'Modules à distance',
  empty: 'Aucun module à distance dans le programme pour l’instant.',
  noProgramme: 'Ce cours n’a pas de programme de formation.',
  opens: 'Ouvert du {from} au {to}',
  opensFrom: 'Ouvert à partir du {from}',
  opensUntil: 'À faire avant le {to}',
  expected: 'Durée prévue\u00a0: {duration}',
  reach_open: 'Ouvert',
  reach_upcoming: 'Pas encore ouvert',
  reach_closed: 'Fermé (consultation seule)',
  progress: 'Votre progression\u00a0: {percent} %',
  timeSpent: 'Temps passé\u00a0: {duration}',
  completed: 'Module terminé',
  start: 'Commencer',
  continue: 'Continuer',
  review: 'Revoir',
  startLabel: 'Commencer le module « {title} »',
  continueLabel: 'Continuer le module « {title} »',
  reviewLabel: 'Revoir le module « {title} »',
  back: 'Retour aux modules',
  minutes: '{minutes} min',
  hours: '{hours} h',
  hoursMinutes: '{hours} h {minutes}',
  failed: 'Échec\u00a0: {message}',
  loading: 'Chargement…',
  problem: 'Le catalogue de ce module est indisponible pour le moment. Réessayez plus tard.',
} as const;

export const moduleStrings: Translations<typeof fr> = {
  fr,
  en: {
    defaultTitle: 'Distance modules',
    empty: 'No distance module in the programme yet.',
    noProgramme: 'This course has no training programme.',
    opens: 'Open from {from} to {to}',
    opensFrom: 'Open from {from}',
    opensUntil: 'To do by {to}',
    expected: 'Expected time: {duration}',
    reach_open: 'Open',
    reach_upcoming: 'Not open yet',
    reach_closed: 'Closed (read only)',
    progress: 'Your progress: {percent}%',
    timeSpent: 'Time spent: {duration}',
    completed: 'Module completed',
    start: 'Start',
    continue: 'Continue',
    review: 'Review',
    startLabel: 'Start the module “{title}”',
    continueLabel: 'Continue the module “{title}”',
    reviewLabel: 'Review the module “{title}”',
    back: 'Back to the modules',
    minutes: '{minutes} min',
    hours: '{hours} h',
    hoursMinutes: '{hours} h {minutes}',
    failed: 'Failed: {message}',
    loading: 'Loading…',
    problem: 'The catalog of this module is unavailable at the moment. Try again later.',
  },
};

export type ModuleKey = keyof typeof fr;

/** "1 h 05", "45 min": a duration in minutes, in words of the locale. */
export function formatMinutes(
  t: (key: 'minutes' | 'hours' | 'hoursMinutes', params: Record<string, string | number>) => string,
  minutes: number,
): string {
  const whole = Math.round(minutes);
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  if (hours === 0) return t('minutes', { minutes: rest });
  if (rest === 0) return t('hours', { hours });
  return t('hoursMinutes', { hours, minutes: String(rest).padStart(2, '0') });
}

/** A calendar date (`YYYY-MM-DD`) in words: "lundi 2 mars 2026". */
export function formatDate(locale: 'fr' | 'en', date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, month - 1, day)));
}
