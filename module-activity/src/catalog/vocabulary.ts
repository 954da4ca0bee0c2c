/**
 * The controlled vocabularies of the catalog: what a module's nature, domain, target public and origin may
 * be, with a French and an English label for each code. Codes are stable ASCII identifiers (they are stored
 * in hosts and used as facet values); labels are what people read.
 *
 * The lists follow what Magistère's course offer shows and filters on (see docs/catalog.md, "Why these
 * fields"); a publisher who needs a new value asks for it here, so that every host and the browser's facets
 * agree on it.
 */
import type { Locale } from '../../../activities/src/i18n/localize.js';

type Labels<K extends string> = Readonly<Record<K, Readonly<Record<Locale, string>>>>;

function codes<K extends string>(labels: Labels<K>): readonly [K, ...K[]] {
  return Object.keys(labels) as unknown as readonly [K, ...K[]];
}

/** How the module is followed (Magistère's "nature du parcours" / "collection", reduced to what a module is). */
export const NATURE_LABELS = {
  'self-paced': { fr: 'Autoformation', en: 'Self-paced' },
  tutored: { fr: 'Parcours accompagné', en: 'Tutored course' },
  'hybrid-part': { fr: 'Volet distant d’une formation hybride', en: 'Distance part of a hybrid training' },
  discovery: { fr: 'Découverte', en: 'Discovery' },
  'practice-analysis': { fr: 'Analyse de pratique', en: 'Practice analysis' },
} as const satisfies Labels<string>;
export const NATURES = codes(NATURE_LABELS);
export type Nature = keyof typeof NATURE_LABELS;

/** The main field of the module: one per module, the browser's "domaine" facet. */
export const DOMAIN_LABELS = {
  'teaching-practice': { fr: 'Pédagogie et didactique', en: 'Teaching practice' },
  assessment: { fr: 'Évaluation des élèves', en: 'Student assessment' },
  'digital-education': { fr: 'Numérique éducatif', en: 'Digital education' },
  'inclusive-school': { fr: 'École inclusive', en: 'Inclusive school' },
  'language-skills': { fr: 'Maîtrise de la langue et oral', en: 'Language and speaking skills' },
  'media-literacy': {
    fr: 'Éducation aux médias et à l’information',
    en: 'Media and information literacy',
  },
  'school-climate': { fr: 'Climat scolaire et vie scolaire', en: 'School climate and student life' },
  'republican-values': { fr: 'Valeurs de la République et laïcité', en: 'Republican values and secularism' },
  'sciences-maths': { fr: 'Sciences et mathématiques', en: 'Science and mathematics' },
  'guidance-health': { fr: 'Orientation, santé et bien-être', en: 'Guidance, health and well-being' },
  leadership: { fr: 'Pilotage et encadrement', en: 'Leadership and management' },
} as const satisfies Labels<string>;
export const DOMAINS = codes(DOMAIN_LABELS);
export type Domain = keyof typeof DOMAIN_LABELS;

/** Who the module is for: one or several per module. */
export const PUBLIC_LABELS = {
  primary: { fr: 'Premier degré', en: 'Primary school' },
  secondary: { fr: 'Second degré', en: 'Secondary school' },
  vocational: { fr: 'Lycée professionnel', en: 'Vocational high school' },
  'student-life': { fr: 'Vie scolaire (CPE, AED)', en: 'Student life staff' },
  'support-staff': { fr: 'AESH', en: 'Teaching assistants for disabled students (AESH)' },
  trainers: { fr: 'Formateurs', en: 'Trainers' },
  leadership: { fr: 'Personnels d’encadrement', en: 'School leaders and inspectors' },
  newcomers: { fr: 'Néo-titulaires et contractuels', en: 'New and contract teachers' },
} as const satisfies Labels<string>;
export const PUBLICS = codes(PUBLIC_LABELS);
export type Public = keyof typeof PUBLIC_LABELS;

/** The académies (regional education authorities) that publish on Magistère. */
export const ACADEMY_LABELS = {
  'aix-marseille': { fr: 'Aix-Marseille', en: 'Aix-Marseille' },
  amiens: { fr: 'Amiens', en: 'Amiens' },
  besancon: { fr: 'Besançon', en: 'Besançon' },
  bordeaux: { fr: 'Bordeaux', en: 'Bordeaux' },
  'clermont-ferrand': { fr: 'Clermont-Ferrand', en: 'Clermont-Ferrand' },
  corse: { fr: 'Corse', en: 'Corsica' },
  creteil: { fr: 'Créteil', en: 'Créteil' },
  dijon: { fr: 'Dijon', en: 'Dijon' },
  grenoble: { fr: 'Grenoble', en: 'Grenoble' },
  guadeloupe: { fr: 'Guadeloupe', en: 'Guadeloupe' },
  guyane: { fr: 'Guyane', en: 'French Guiana' },
  'la-reunion': { fr: 'La Réunion', en: 'Réunion' },
  lille: { fr: 'Lille', en: 'Lille' },
  limoges: { fr: 'Limoges', en: 'Limoges' },
  lyon: { fr: 'Lyon', en: 'Lyon' },
  martinique: { fr: 'Martinique', en: 'Martinique' },
  mayotte: { fr: 'Mayotte', en: 'Mayotte' },
  montpellier: { fr: 'Montpellier', en: 'Montpellier' },
  'nancy-metz': { fr: 'Nancy-Metz', en: 'Nancy-Metz' },
  nantes: { fr: 'Nantes', en: 'Nantes' },
  nice: { fr: 'Nice', en: 'Nice' },
  normandie: { fr: 'Normandie', en: 'Normandy' },
  'orleans-tours': { fr: 'Orléans-Tours', en: 'Orléans-Tours' },
  paris: { fr: 'Paris', en: 'Paris' },
  poitiers: { fr: 'Poitiers', en: 'Poitiers' },
  reims: { fr: 'Reims', en: 'Reims' },
  rennes: { fr: 'Rennes', en: 'Rennes' },
  strasbourg: { fr: 'Strasbourg', en: 'Strasbourg' },
  toulouse: { fr: 'Toulouse', en: 'Toulouse' },
  versailles: { fr: 'Versailles', en: 'Versailles' },
} as const satisfies Labels<string>;
export const ACADEMIES = codes(ACADEMY_LABELS);
export type Academy = keyof typeof ACADEMY_LABELS;

/** Which of the in-person and distance durations a module has: the browser's "modalité" facet. */
export const MODALITY_LABELS = {
  distance: { fr: 'À distance', en: 'Distance' },
  'in-person': { fr: 'En présence', en: 'In person' },
  hybrid: { fr: 'Hybride', en: 'Hybrid' },
} as const satisfies Labels<string>;
export const MODALITIES = codes(MODALITY_LABELS);
export type Modality = keyof typeof MODALITY_LABELS;

/**
 * Bands of a module's whole duration (distance plus in person), in minutes: a module is in the first band
 * whose upper bound it does not exceed. The catalog's modules are mostly about an hour, hence the bands.
 */
export const DURATION_BANDS = [
  { code: 'up-to-30', max: 30, label: { fr: '30 min ou moins', en: '30 min or less' } },
  { code: '31-60', max: 60, label: { fr: '31 min à 1 h', en: '31 min to 1 h' } },
  { code: '61-120', max: 120, label: { fr: '1 h à 2 h', en: '1 h to 2 h' } },
  { code: 'over-120', max: Infinity, label: { fr: 'Plus de 2 h', en: 'More than 2 h' } },
] as const;
export type DurationBand = (typeof DURATION_BANDS)[number]['code'];

export function durationBand(minutes: number): DurationBand {
  return (DURATION_BANDS.find((band) => minutes <= band.max) ?? DURATION_BANDS[DURATION_BANDS.length - 1]!).code;
}

export function modality(durations: { distance: number; inPerson: number }): Modality {
  if (durations.inPerson === 0) return 'distance';
  if (durations.distance === 0) return 'in-person';
  return 'hybrid';
}
