/**
 * A large, varied catalog index for the search's tests and benchmark: `count` module entries made of
 * French teacher-training words, deterministic for a given seed.
 */
import type { ModuleEntry } from '../src/catalog/schema.js';
import { ACADEMIES, DOMAINS, NATURES, PUBLICS } from '../src/catalog/vocabulary.js';

const SUBJECTS = [
  'évaluation',
  'différenciation',
  'compétences',
  'oral',
  'lecture',
  'écriture',
  'numérique',
  'inclusion',
  'harcèlement',
  'laïcité',
  'climat scolaire',
  'mathématiques',
  'sciences',
  'géographie',
  'éducation aux médias',
  'orientation',
  'coopération',
  'autorité',
  'mémorisation',
  'attention',
  'motivation',
  'œuvres littéraires',
  'problèmes',
  'calcul mental',
  'langues vivantes',
  'éloquence',
  'citoyenneté',
  'développement durable',
  'égalité filles-garçons',
  'accueil des familles',
];
const VERBS = ['Enseigner', 'Évaluer', 'Comprendre', 'Construire', 'Accompagner', 'Prévenir', 'Développer', 'Animer'];
const PLACES = [
  'au cycle 2',
  'au cycle 3',
  'au collège',
  'au lycée',
  'en maternelle',
  'en lycée professionnel',
  'en classe',
];
const EXTRA = [
  'gestes professionnels',
  'analyse de pratique',
  'neurosciences',
  'travail en équipe',
  'projet',
  'tutorat',
  'formation hybride',
  'ressources',
  'sciences cognitives',
  'rituels',
  'feedback',
  'autonomie',
];

export function generateEntries(count: number, seed = 1): ModuleEntry[] {
  // mulberry32: small and well mixed (a plain LCG's consecutive draws are correlated).
  let state = seed >>> 0;
  const random = (n: number): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * n);
  };
  const pick = <T>(list: readonly T[]): T => list[random(list.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const subject = pick(SUBJECTS);
    const other = pick(SUBJECTS);
    const title = `${pick(VERBS)} ${subject} ${pick(PLACES)}`;
    const distance = [20, 30, 45, 60, 60, 60, 90, 120, 180][random(9)]!;
    const inPerson = random(3) === 0 ? [90, 180, 360][random(3)]! : 0;
    const year = 2024 + random(3);
    const month = String(1 + random(12)).padStart(2, '0');
    const versions = Array.from({ length: 1 + random(3) }, (_, v) => ({
      version: `1.${v}.0`,
      date: `${year}-${month}-${String(1 + v * 7).padStart(2, '0')}`,
      releaseNotes: v === 0 ? 'Première version.' : 'Mise à jour des contenus.',
      package: `modules/module-${i}/1.${v}.0/module.json`,
    }));
    return {
      id: `module-${i}`,
      title,
      summary: `Un module pour travailler ${subject} et ${other}, avec des exemples concrets, des ${pick(EXTRA)} et un temps de ${pick(EXTRA)}.`,
      objectives: [`Identifier les enjeux de ${subject}`, `Mettre en œuvre ${other} ${pick(PLACES)}`],
      nature: pick(NATURES),
      domain: pick(DOMAINS),
      publics: [...new Set([pick(PUBLICS), pick(PUBLICS)])],
      durations: { distance, inPerson },
      rhythm: 'À son rythme',
      origin: random(2) === 0 ? { kind: 'national', body: 'DGESCO' } : { kind: 'academic', academy: pick(ACADEMIES) },
      authors: [{ name: `Auteur ${i}` }],
      keywords: [subject, other, pick(EXTRA)],
      language: 'fr',
      thumbnail: `modules/module-${i}/1.0.0/thumbnail.svg`,
      latest: versions.at(-1)!.version,
      versions,
    };
  });
}
