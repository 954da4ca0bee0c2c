import type { Translations } from './localize.js';

const fr = {
  connecting: 'Connexion à la plateforme…',
  lost: 'Connexion perdue. Nouvelle tentative en cours…',
  offline: 'La plateforme ne répond plus. Vos actions seront envoyées dès son retour.',
  incompatible:
    "Cette activité n'est pas compatible avec cette plateforme (version du protocole). Prévenez l'administrateur.",
  error: 'Une erreur est survenue\u00a0: {message}',
  retry: 'Réessayer',
} as const;

export const coreStrings: Translations<typeof fr> = {
  fr,
  en: {
    connecting: 'Connecting to the platform…',
    lost: 'Connection lost. Trying again…',
    offline: 'The platform is not answering. Your actions will be sent as soon as it is back.',
    incompatible: 'This activity is not compatible with this platform (protocol version). Tell the administrator.',
    error: 'Something went wrong: {message}',
    retry: 'Try again',
  },
};
