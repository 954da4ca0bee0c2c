/**
 * Demo content, written on the first start (empty database): one course, one trainer, twenty trainees, two
 * "reactions" instances, a word cloud, a quiz, the hybrid programme and the module player of its catalog modules. DEMO ONLY: every demo account has the password `magistere`.
 */
import type { Role } from '../../../activities/src/bridge/protocol.js';
import { hashPassword } from './auth.js';
import type { SessionUser } from './auth.js';
import type { Db } from './db.js';
import { DEMO_LIVE_SETTINGS, DEMO_QUIZ } from './demo-quiz.js';

export const DEMO_PASSWORD = 'magistere';
export const DEMO_COURSE = { id: 'enseigner-numerique', title: 'Enseigner avec le numérique' } as const;
export const DEMO_TRAINER = { username: 'claire.martin', name: 'Claire Martin', role: 'trainer' } as const;

const TRAINEE_NAMES = [
  'Lucas Bernard',
  'Emma Petit',
  'Hugo Dubois',
  'Léa Moreau',
  'Louis Laurent',
  'Chloé Simon',
  'Gabriel Michel',
  'Manon Lefebvre',
  'Arthur Leroy',
  'Camille Roux',
  'Jules David',
  'Inès Bertrand',
  'Nathan Morel',
  'Sarah Fournier',
  'Raphaël Girard',
  'Jade Bonnet',
  'Théo Dupont',
  'Zoé Lambert',
  'Paul Fontaine',
  'Louise Rousseau',
] as const;

export const DEMO_TRAINEES: readonly NewUser[] = TRAINEE_NAMES.map((name) => ({
  username: usernameOf(name),
  name,
  role: 'trainee',
}));

/** `days` from today, as a calendar date (the demo programme is laid out around the day it is seeded). */
function dayFrom(days: number, now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days))
    .toISOString()
    .slice(0, 10);
}

/** The demo hybrid programme: a session last week, a module open now, a live session and a module to come. */
export function demoProgrammeSteps(now = new Date()): unknown[] {
  return [
    {
      kind: 'inperson',
      id: 'seance-1',
      title: 'Séance 1 : le numérique dans nos classes',
      date: dayFrom(-7, now),
      start: '09:00',
      durationMinutes: 180,
      place: 'INSPÉ de Lyon, site de la Croix-Rousse, salle 204',
    },
    {
      kind: 'module',
      id: 'module-1',
      title: 'Différencier avec le numérique',
      catalog: { entryId: 'differencier-numerique', version: '1.0.0' },
      opens: dayFrom(-6, now),
      closes: dayFrom(7, now),
      durationMinutes: 60,
    },
    {
      kind: 'synchronous',
      id: 'classe-virtuelle-1',
      title: 'Classe virtuelle : retours sur le module',
      date: dayFrom(8, now),
      start: '17:30',
      durationMinutes: 45,
      link: 'https://visio.example.org/magistere/enseigner-numerique',
    },
    {
      kind: 'module',
      id: 'module-2',
      title: 'EMI : vérifier une information avec ses élèves',
      catalog: { entryId: 'emi-verifier-information', version: '1.0.0' },
      opens: dayFrom(9, now),
      closes: dayFrom(23, now),
      durationMinutes: 60,
    },
    {
      kind: 'inperson',
      id: 'seance-2',
      title: 'Séance 2 : construire une séquence',
      date: dayFrom(28, now),
      start: '09:00',
      durationMinutes: 180,
      place: 'INSPÉ de Lyon, site de la Croix-Rousse, salle 204',
    },
  ];
}

export const DEMO_INSTANCES: readonly {
  id: string;
  type: string;
  title: string;
  position: number;
  settings?: Record<string, unknown>;
}[] = [
  {
    id: 'programme-1',
    type: 'programme',
    title: 'Programme de la formation',
    position: 0,
    get settings() {
      return { steps: demoProgrammeSteps() };
    },
  },
  { id: 'reactions-1', type: 'reactions', title: 'Baromètre de la séance', position: 1 },
  { id: 'reactions-2', type: 'reactions', title: 'Baromètre du travail à distance', position: 2 },
  {
    id: 'wordcloud-1',
    type: 'wordcloud',
    title: 'Nuage de mots : le numérique et vous',
    position: 3,
    settings: { question: 'Un mot pour décrire votre usage du numérique ?', maxPerPerson: 3 },
  },
  {
    id: 'quiz-1',
    type: 'quiz',
    title: 'Quiz : le cadre du numérique éducatif',
    position: 4,
    settings: { quiz: DEMO_QUIZ, live: DEMO_LIVE_SETTINGS },
  },
  {
    id: 'modules-1',
    type: 'module',
    title: 'Modules à distance de la formation',
    position: 5,
    settings: { programme: 'programme-1' },
  },
];

export interface NewUser {
  username: string;
  name: string;
  role: Role;
  /** Defaults to the demo password. */
  password?: string;
}

/** "Léa Moreau" → "lea.moreau". */
export function usernameOf(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
}

/**
 * Creates users. Hashing is the slow part; `sharedHash` lets a load test create hundreds of accounts
 * without hashing the same password hundreds of times.
 */
export async function createUsers(
  db: Db,
  users: readonly NewUser[],
  options: { sharedHash?: boolean } = {},
): Promise<SessionUser[]> {
  let hashes: string[];
  if (options.sharedHash) {
    const hash = await hashPassword(users[0]?.password ?? DEMO_PASSWORD);
    hashes = users.map(() => hash);
  } else {
    hashes = await Promise.all(users.map((user) => hashPassword(user.password ?? DEMO_PASSWORD)));
  }
  const insert = db.prepare<[string, string, Role, string], { id: number }>(
    'INSERT INTO users (username, display_name, role, password_hash) VALUES (?, ?, ?, ?) RETURNING id',
  );
  return db.transaction(() =>
    users.map((user, i) => {
      const { id } = insert.get(user.username, user.name, user.role, hashes[i]!)!;
      return { id, username: user.username, name: user.name, role: user.role };
    }),
  )();
}

/** Seeds the demo content when the database holds no user and no course. Returns whether it did. */
export async function seedIfEmpty(db: Db): Promise<boolean> {
  const isEmpty = () =>
    db.prepare<[], number>('SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM courses)').pluck().get() === 0;
  if (!isEmpty()) return false;
  const users = [DEMO_TRAINER, ...DEMO_TRAINEES];
  const hashes = await Promise.all(users.map(() => hashPassword(DEMO_PASSWORD)));
  const insertUser = db.prepare<[string, string, Role, string]>(
    'INSERT INTO users (username, display_name, role, password_hash) VALUES (?, ?, ?, ?)',
  );
  const insertInstance = db.prepare<[string, string, string, string, number, string]>(
    'INSERT INTO activity_instances (id, course_id, type, title, position, settings) VALUES (?, ?, ?, ?, ?, ?)',
  );
  return db
    .transaction(() => {
      if (!isEmpty()) return false; // another process seeded while we were hashing
      users.forEach((user, i) => insertUser.run(user.username, user.name, user.role, hashes[i]!));
      db.prepare('INSERT INTO courses (id, title) VALUES (?, ?)').run(DEMO_COURSE.id, DEMO_COURSE.title);
      for (const instance of DEMO_INSTANCES) {
        const settings = JSON.stringify(instance.settings ?? {});
        insertInstance.run(instance.id, DEMO_COURSE.id, instance.type, instance.title, instance.position, settings);
      }
      return true;
    })
    .immediate();
}
