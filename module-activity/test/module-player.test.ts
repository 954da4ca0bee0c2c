/** The module player's trusted rules (progress.ts) and the items it receives (player-items.ts). */
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import type { Item } from '../src/catalog/schema.js';
import { PlayableItem, absolutizePage, splitParts, toPlayable } from '../src/module/player-items.js';
import {
  StatementResult,
  applyStatement,
  completesItem,
  parseDuration,
  programmeFigures,
  reachOf,
  isPlayable,
  stepFigures,
  type ItemRecord,
} from '../src/module/progress.js';
import type { ModuleStep } from '../src/programme/model.js';

const step = (opens?: string, closes?: string): ModuleStep => ({
  kind: 'module',
  id: 'm1',
  title: 'Module',
  catalog: { entryId: 'differencier-numerique', version: '1.0.0' },
  durationMinutes: 60,
  ...(opens ? { opens } : {}),
  ...(closes ? { closes } : {}),
});

describe('reach', () => {
  it('opens a step between its dates, inclusive, in the training’s wall-clock time', () => {
    expect(reachOf(step('2026-03-02', '2026-03-10'), '2026-03-01T23:59')).toBe('upcoming');
    expect(reachOf(step('2026-03-02', '2026-03-10'), '2026-03-02T00:00')).toBe('open');
    expect(reachOf(step('2026-03-02', '2026-03-10'), '2026-03-10T23:59')).toBe('open');
    expect(reachOf(step('2026-03-02', '2026-03-10'), '2026-03-11T00:00')).toBe('closed');
    expect(reachOf(step(), '2026-03-11T00:00')).toBe('open');
    expect(reachOf(step(undefined, '2026-03-10'), '2026-01-01T08:00')).toBe('open');
    // 23:30 UTC on 1 March is already 2 March in Paris.
    expect(reachOf(step('2026-03-02'), new Date('2026-03-01T23:30:00Z'))).toBe('open');
  });
});

describe('xAPI statements to attempts (mod_h5pactivity’s shape)', () => {
  const result = (raw: number, max = 1, extra: Partial<StatementResult> = {}) =>
    v.parse(StatementResult, { score: { min: 0, raw, max }, completion: true, success: raw === max, ...extra });

  it('reads ISO 8601 durations, and refuses what is not one', () => {
    expect(parseDuration('PT12.5S')).toBe(12.5);
    expect(parseDuration('PT1M5S')).toBe(65);
    expect(parseDuration('P1DT2H')).toBe(86_400);
    expect(parseDuration('PT30H')).toBe(86_400);
    for (const text of ['', 'P', 'PT', '12', 'PT-3S', 'soon']) expect(parseDuration(text), text).toBeNull();
  });

  it('merges H5P’s answered and completed of one answer into one attempt, and opens a new one after', () => {
    const first = applyStatement(null, 'answered', result(1, 1, { duration: 'PT4S' }), 'session-a');
    expect(first).toEqual({
      kind: 'insert',
      attempt: {
        attempt: 1,
        session: 'session-a',
        rawScore: 1,
        maxScore: 1,
        scaled: 1,
        duration: 4,
        completion: true,
        success: true,
        verbs: ['answered'],
      },
    });
    const merged = applyStatement(first.attempt, 'completed', result(1, 1, { duration: 'PT5S' }), 'session-a');
    expect(merged.kind).toBe('update');
    expect(merged.attempt).toMatchObject({ attempt: 1, duration: 5, verbs: ['answered', 'completed'] });
    // The same verb again, or another player session: a new attempt.
    expect(applyStatement(merged.attempt, 'answered', result(0), 'session-a')).toMatchObject({
      kind: 'insert',
      attempt: { attempt: 2, scaled: 0, success: false },
    });
    expect(applyStatement(first.attempt, 'completed', result(0), 'session-b')).toMatchObject({
      kind: 'insert',
      attempt: { attempt: 2 },
    });
  });

  it('computes the scaled score when H5P leaves it out, and keeps earlier values when a statement has none', () => {
    expect(applyStatement(null, 'answered', result(3, 4), 's').attempt.scaled).toBe(0.75);
    expect(applyStatement(null, 'answered', result(0, 0), 's').attempt.scaled).toBeNull();
    const scored = applyStatement(null, 'answered', result(2, 4), 's').attempt;
    const bare = v.parse(StatementResult, {});
    const merged = applyStatement(scored, 'completed', bare, 's').attempt;
    expect(merged).toMatchObject({ rawScore: 2, maxScore: 4, scaled: 0.5, completion: true });
    expect(completesItem('completed', bare)).toBe(true);
    expect(completesItem('answered', bare)).toBe(false);
    expect(completesItem('answered', result(0))).toBe(true);
  });

  it('refuses forged or impossible results', () => {
    for (const bad of [
      { score: { raw: 2, max: 1 } },
      { score: { raw: -1, max: 1 } },
      { score: { raw: 1, max: 1_000_000 } },
      { score: { raw: 1, max: 1, scaled: 1.5 } },
      { score: { raw: Number.NaN, max: 1 } },
      { duration: 'PT' },
      { completion: 'yes' },
    ]) {
      expect(v.safeParse(StatementResult, bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(v.safeParse(StatementResult, { score: { min: -2, raw: -1, max: 3 } }).success).toBe(true);
  });
});

describe('progress and scores', () => {
  const items = [
    { id: 'intro', kind: 'page' as const },
    { id: 'video', kind: 'video' as const },
    { id: 'h5p-a', kind: 'h5p' as const },
    { id: 'h5p-b', kind: 'h5p' as const },
    { id: 'quiz', kind: 'quiz' as const },
    { id: 'cloud', kind: 'wordcloud' as const },
  ];
  const record = (completed: boolean, seconds: number, bestScaled: number | null = null): ItemRecord => ({
    completed,
    seconds,
    bestScaled,
  });

  it('counts every item of the version in use only, and scores its H5P and quiz items', () => {
    expect(stepFigures(items, new Map())).toEqual({ percent: 0, completed: false, seconds: 0, score: null });
    const records = new Map([
      ['intro', record(true, 60)],
      ['h5p-a', record(true, 30, 0.5)],
      ['removed-in-this-version', record(true, 600, 1)],
    ]);
    // Two of six; the score is the mean over the three scored items (H5P, H5P, quiz), unattempted ones at 0.
    expect(stepFigures(items, records)).toEqual({ percent: 33.3, completed: false, seconds: 90, score: 16.7 });
    records.set('video', record(true, 100));
    records.set('h5p-b', record(true, 20, 1));
    expect(stepFigures(items, records)).toEqual({ percent: 66.7, completed: false, seconds: 210, score: 50 });
    // The quiz's grade (scaled) and an entry in the word cloud, as the host reads them from its own records.
    records.set('quiz', record(true, 0, 0.7));
    records.set('cloud', record(true, 0));
    expect(stepFigures(items, records)).toEqual({ percent: 100, completed: true, seconds: 210, score: 73.3 });
    expect(stepFigures([{ id: 'quiz', kind: 'quiz' }], new Map()).completed).toBe(false);
    expect(stepFigures([{ id: 'cloud', kind: 'wordcloud' }], records)).toMatchObject({ percent: 100, score: null });
  });

  it('leaves quiz and word-cloud items out where the host does not play them', () => {
    const records = new Map([
      ['intro', record(true, 60)],
      ['video', record(true, 100)],
      ['h5p-a', record(true, 30, 0.5)],
      ['h5p-b', record(true, 20, 1)],
    ]);
    const without = { activities: false };
    expect(stepFigures(items, records, without)).toEqual({ percent: 100, completed: true, seconds: 210, score: 75 });
    expect(stepFigures(items, records)).toEqual({ percent: 66.7, completed: false, seconds: 210, score: 50 });
    expect(isPlayable('quiz', without) || isPlayable('wordcloud', without)).toBe(false);
    expect(isPlayable('h5p', without) && isPlayable('quiz')).toBe(true);
  });

  it('sums a programme: mean progress, total time, mean of the scores there are', () => {
    expect(
      programmeFigures([
        { percent: 100, completed: true, seconds: 600, score: 80 },
        { percent: 50, completed: false, seconds: 300, score: null },
        { percent: 0, completed: false, seconds: 0, score: 40 },
      ]),
    ).toEqual({ percent: 50, completed: false, seconds: 900, score: 60 });
    expect(programmeFigures([])).toEqual({ percent: 0, completed: false, seconds: 0, score: null });
  });
});

describe('items as the player receives them', () => {
  const context = {
    packageUrl: 'https://catalogue.example.fr/c/modules/m/1.0.0/module.json',
    librariesUrl: 'https://catalogue.example.fr/c/h5p-libraries/',
  };

  it('makes a page’s relative addresses absolute and leaves the rest to the sanitiser', () => {
    const html =
      '<p><img src="images/a.svg" alt=""> <a href="pages/b.html?x=1&amp;y=2">b</a> <a href="#top">top</a> ' +
      '<a href="javascript:alert(1)">x</a> <a href="https://ailleurs.example/">c</a><!-- <img src="hidden.png"> --></p>';
    expect(absolutizePage(html, context.packageUrl)).toBe(
      '<p><img src="https://catalogue.example.fr/c/modules/m/1.0.0/images/a.svg" alt=""> ' +
        '<a href="https://catalogue.example.fr/c/modules/m/1.0.0/pages/b.html?x=1&amp;y=2">b</a> <a href="#top">top</a> ' +
        '<a href="javascript:alert(1)">x</a> <a href="https://ailleurs.example/">c</a><!-- <img src="hidden.png"> --></p>',
    );
  });

  it('resolves videos, captions and H5P folders, and passes its own schema', () => {
    const items: Item[] = [
      {
        kind: 'video',
        id: 'v',
        title: 'Vidéo',
        duration: 3,
        src: 'media/v.webm',
        poster: 'https://images.example/p.png',
        captions: [{ src: 'media/v.fr.vtt', lang: 'fr', label: 'Français' }],
        transcript: 'Texte.',
      },
      { kind: 'h5p', id: 'h', title: 'H5P', duration: 5, path: 'h5p/choix' },
      { kind: 'wordcloud', id: 'w', title: 'Nuage', duration: 2, question: 'Un mot ?' },
    ];
    const [video, h5p, cloud] = items.map((item) => toPlayable(item, context));
    expect(video).toMatchObject({
      src: 'https://catalogue.example.fr/c/modules/m/1.0.0/media/v.webm',
      poster: 'https://images.example/p.png',
      captions: [{ src: 'https://catalogue.example.fr/c/modules/m/1.0.0/media/v.fr.vtt', lang: 'fr' }],
    });
    expect(h5p).toMatchObject({
      h5pJsonPath: 'https://catalogue.example.fr/c/modules/m/1.0.0/h5p/choix',
      librariesPath: 'https://catalogue.example.fr/c/h5p-libraries',
    });
    for (const item of [video, h5p, cloud]) expect(v.is(PlayableItem, item)).toBe(true);
    expect(v.is(PlayableItem, { ...h5p, h5pJsonPath: 'javascript:alert(1)' })).toBe(false);
  });

  it('cuts a large item in parts that join back exactly, surrogate pairs included', () => {
    const text = JSON.stringify({ html: `${'é'.repeat(10)}😀${'x'.repeat(50)}` });
    const parts = splitParts(text, 7);
    expect(parts.every((part) => part.length <= 7)).toBe(true);
    expect(parts.join('')).toBe(text);
    // Each part crosses JSON on its way (HTTP, then the bridge), lone surrogate halves included.
    expect(parts.map((part) => JSON.parse(JSON.stringify(part)) as string).join('')).toBe(text);
    expect(splitParts('', 10)).toEqual(['']);
  });
});

describe('the report as CSV', () => {
  it('writes French decimals, neutralises formulas in names and titles, and leaves missing scores empty', async () => {
    const { reportCsv } = await import('../src/module/report.js');
    const csv = reportCsv(
      [{ stepId: 'm1', title: '+Module', version: '1.0.0', scored: true }],
      [
        {
          userId: '1',
          name: 'Léa; "la" Moreau',
          steps: { m1: { percent: 66.7, completed: false, seconds: 95, score: null } },
          programme: { percent: 66.7, completed: false, seconds: 95, score: null },
        },
      ],
      {
        trainee: 'Stagiaire',
        programme: 'Formation',
        progress: (title) => `${title} — progression (%)`,
        time: (title) => `${title} — temps (min)`,
        score: (title) => `${title} — score (%)`,
      },
      'fr',
    );
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      "Stagiaire;'+Module — progression (%);'+Module — temps (min);'+Module — score (%);Formation — progression (%);Formation — temps (min);Formation — score (%)",
      '"Léa; ""la"" Moreau";66,7;1,6;;66,7;1,6;',
      '',
    ]);
  });
});
