/**
 * The quiz the whole way: a trainer runs a live quiz with twenty trainees in their own browsers, the host is
 * killed and restarted in the middle, and one trainee's browser records every message it receives (HTTP answers,
 * live events, bridge messages to the element): none may hold an answer key, a right flag, feedback or another
 * trainee's answer before the reveal. Then a self-paced attempt, graded by the server into the gradebook, and a
 * timed one whose trainee the trainer gives extra time (accommodations): that trainee's page shows it.
 *
 * The quiz of this test plants a marker in every secret field, so that a leak is found whatever its shape.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Quiz } from '../../quiz/src/attempt.js';
import { openDatabase } from '../../host/src/server/db.js';
import { DEMO_COURSE, DEMO_TRAINEES, seedIfEmpty } from '../../host/src/server/seed.js';
import { TRAINER, freePort, launchBrowser, loginAs, startHost, tempDataDir, type RunningHost } from './harness.js';

const SECRET = 'SECRETKEY';
const QUIZ: Quiz = {
  settings: { behaviour: 'deferred', shuffleAnswers: true, maxGrade: 10, passGrade: 5 },
  slots: [
    {
      question: {
        type: 'single',
        text: 'Quelle est la capitale de la France ?',
        textFormat: 'plain',
        answers: [
          { text: 'Lyon', fraction: 0, feedback: `${SECRET} Lyon` },
          { text: 'Paris', fraction: 100, feedback: `${SECRET} Paris` },
          { text: 'Marseille', fraction: 0, feedback: `${SECRET} Marseille` },
        ],
        generalFeedback: `${SECRET} général`,
      },
    },
    {
      question: {
        type: 'truefalse',
        text: 'Le CRCN compte cinq domaines.',
        textFormat: 'plain',
        correct: true,
        feedbackTrue: `${SECRET} vrai`,
        feedbackFalse: `${SECRET} faux`,
      },
    },
  ],
};
const INSTANCE = 'quiz-e2e';
const PAGE = `/course/activity/${INSTANCE}`;
/** The same questions with a 10-minute time limit. */
const TIMED = 'quiz-e2e-timed';

interface Person {
  context: BrowserContext;
  page: Page;
}

/** Records, in the page, every bridge message the element receives and every HTTP answer and live event. */
const RECORDER = `
  window.__received = [];
  const record = (kind, data) => { try { window.__received.push(kind + ' ' + (typeof data === 'string' ? data : JSON.stringify(data))); } catch {} };
  const post = MessagePort.prototype.postMessage;
  MessagePort.prototype.postMessage = function (message, ...rest) { record('port', message); return post.call(this, message, ...rest); };
  const fetchOriginal = window.fetch;
  window.fetch = async (...args) => { const response = await fetchOriginal(...args); response.clone().text().then((text) => record('http', text), () => {}); return response; };
  const addListener = EventSource.prototype.addEventListener;
  EventSource.prototype.addEventListener = function (type, listener, options) {
    return addListener.call(this, type, (event) => { record('sse', event.data); return listener(event); }, options);
  };
`;

async function open(browser: Browser, url: string, username: string, recorder = false, path = PAGE): Promise<Person> {
  const { context, page } = await loginAs(browser, url, username);
  if (recorder) await page.addInitScript(RECORDER);
  await page.goto(`${url}${path}`);
  await page.waitForFunction(
    () => {
      const element = document.querySelector('mag-quiz') as (HTMLElement & { connectionStatus?: string }) | null;
      return element?.connectionStatus === 'connected' && element.shadowRoot?.querySelector('.intro, .live') !== null;
    },
    undefined,
    // Generous: twenty-one browser contexts share this machine's two cores with the host.
    { timeout: 60_000 },
  );
  return { context, page };
}

const inQuiz = (person: Person, selector: string) => person.page.locator(`mag-quiz ${selector}`);
const inTools = (person: Person, selector: string) => person.page.locator(`mag-quiz mag-quiz-trainer ${selector}`);

async function waitIn(person: Person, selector: string, timeout = 45_000): Promise<void> {
  await person.page.waitForFunction(
    (wanted) => document.querySelector('mag-quiz')?.shadowRoot?.querySelector(wanted) !== null,
    selector,
    { timeout },
  );
}

async function answerLive(person: Person, text: string): Promise<void> {
  await waitIn(person, '.live-question [data-action="send"]');
  await inQuiz(person, '.live-question .choice').filter({ hasText: text }).locator('input').check();
  await inQuiz(person, '[data-action="send"]').click();
  await waitIn(person, '.live-question [role="status"]');
}

describe('reference host: a live quiz with a trainer and twenty trainees, and a self-paced attempt', () => {
  let browser: Browser;
  let host: RunningHost;
  let port: number;
  const data = tempDataDir();
  const people: Person[] = [];

  beforeAll(async () => {
    // The course as seeded, plus this test's quiz.
    const db = openDatabase(data.dir);
    await seedIfEmpty(db);
    db.prepare(
      'INSERT INTO activity_instances (id, course_id, type, title, position, settings) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(INSTANCE, DEMO_COURSE.id, 'quiz', 'Quiz de bout en bout', 50, JSON.stringify({ quiz: QUIZ }));
    const timed: Quiz = { ...QUIZ, settings: { ...QUIZ.settings, timeLimitSeconds: 600 } };
    db.prepare(
      'INSERT INTO activity_instances (id, course_id, type, title, position, settings) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(TIMED, DEMO_COURSE.id, 'quiz', 'Quiz chronométré', 51, JSON.stringify({ quiz: timed }));
    db.close();
    port = await freePort();
    host = await startHost(data.dir, port);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const person of people) await person.context.close();
    await browser?.close();
    await host?.stop();
    data.remove();
  });

  it('runs live: join, answer once, reveal, a crash in the middle; no trainee receives a key before the reveal', async () => {
    const trainer = await open(browser, host.url, TRAINER);
    people.push(trainer);
    await waitIn(trainer, 'mag-quiz-trainer');
    await inTools(trainer, 'button[data-live="open"]').click();
    await trainer.page.waitForFunction(
      () =>
        document
          .querySelector('mag-quiz')
          ?.shadowRoot?.querySelector('mag-quiz-trainer')
          ?.shadowRoot?.querySelector('svg.qr') != null,
    );

    const trainees: Person[] = [];
    for (const [index, { username }] of DEMO_TRAINEES.entries()) {
      // The last one joins late, after the first question opened.
      if (index === DEMO_TRAINEES.length - 1) break;
      const person = await open(browser, host.url, username, index === 0);
      await inQuiz(person, '[data-action="join"]').click();
      await waitIn(person, '[data-info="lobby"]');
      trainees.push(person);
    }
    people.push(...trainees);
    await trainer.page.waitForFunction(
      (n) =>
        document
          .querySelector('mag-quiz')
          ?.shadowRoot?.querySelector('.live-title')
          ?.textContent?.includes(`${n} participants`),
      19,
    );

    await inTools(trainer, 'button[data-live="start"]').click();
    const late = await open(browser, host.url, DEMO_TRAINEES.at(-1)!.username);
    people.push(late);
    await inQuiz(late, '[data-action="join"]').click();
    trainees.push(late);
    // The late joiner lands on the current question.
    await waitIn(late, '.live-question');

    // Half the room answers, then the host crashes; the rest answer once it is back.
    const answers = (i: number) => (i % 4 === 0 ? 'Lyon' : 'Paris');
    for (const [i, person] of trainees.slice(0, 10).entries()) await answerLive(person, answers(i));
    await host.kill();
    host = await startHost(data.dir, port);
    for (const [i, person] of trainees.slice(10).entries()) await answerLive(person, answers(i + 10));
    await trainer.page.waitForFunction(
      () =>
        document
          .querySelector('mag-quiz')
          ?.shadowRoot?.querySelector('[data-info="responses"]')
          ?.textContent?.includes('20 réponses'),
      undefined,
      { timeout: 30_000 },
    );

    // Before the reveal: the recording trainee never received a secret, a right flag or a result.
    const before =
      (await trainees[0]!.page.evaluate(() => (window as unknown as { __received: string[] }).__received)) ?? [];
    expect(before.length).toBeGreaterThan(10);
    const leaks = before.filter(
      (text) => text.includes(SECRET) || /"right"|rightAnswer|"results"|"outcome"/.test(text),
    );
    expect(leaks).toEqual([]);

    await inTools(trainer, 'button[data-live="reveal"]').click();
    for (const [i, person] of trainees.entries()) {
      await waitIn(person, '[data-info="outcome"]');
      const outcome = await inQuiz(person, '[data-info="outcome"]').textContent();
      expect(outcome).toContain(answers(i) === 'Paris' ? 'Correct' : 'Incorrect');
    }
    const counts = await inQuiz(trainer, '[data-info="results"]').textContent();
    expect(counts?.replace(/\s+/g, ' ')).toMatch(/✓ Paris 15 fois/);
    expect(counts?.replace(/\s+/g, ' ')).toMatch(/Lyon 5 fois/);
    // After the reveal the recorder sees the results: it would have seen a leak.
    const after = await trainees[0]!.page.evaluate(() => (window as unknown as { __received: string[] }).__received);
    expect(after.some((text) => text.includes('"results"'))).toBe(true);

    // Next question, then the end; every trainee's page follows.
    await inTools(trainer, 'button[data-live="next"]').click();
    await waitIn(trainees[5]!, '.live-question [data-action="send"]');
    await inTools(trainer, 'button[data-live="end"]').first().click();
    await waitIn(trainees[5]!, '.live.ended');
  }, 300_000);

  it('grades a self-paced attempt on the server and reveals feedback only once finished', async () => {
    const trainee = await open(browser, host.url, 'emma.petit', true);
    people.push(trainee);
    await waitIn(trainee, '[data-action="start"]');
    await inQuiz(trainee, '[data-action="start"]').click();
    await waitIn(trainee, '.attempt .question');
    await inQuiz(trainee, '.question .choice').filter({ hasText: 'Paris' }).locator('input').check();
    await inQuiz(trainee, '.attempt > .actions button').filter({ hasText: 'Suivante' }).click();
    await inQuiz(trainee, '.question .choice').filter({ hasText: 'Vrai' }).locator('input').check();
    await inQuiz(trainee, '[data-action="finish"]').click();
    const during = await trainee.page.evaluate(() => (window as unknown as { __received: string[] }).__received);
    expect(during.filter((text) => text.includes(SECRET))).toEqual([]);
    await inQuiz(trainee, '[data-action="confirm-finish"]').click();
    await waitIn(trainee, '[data-info="result"]');
    expect(await inQuiz(trainee, '[data-info="result"]').textContent()).toMatch(/10 sur 10/);
    // Feedback comes with the review.
    expect(await trainee.page.locator('mag-quiz').evaluate((e) => e.shadowRoot!.textContent)).toContain(
      `${SECRET} Paris`,
    );
  }, 120_000);

  it('gives a trainee extra time from the trainer panel; their page shows the longer remaining time', async () => {
    const minutesLeft = async (person: Person): Promise<number> => {
      const text = (await inQuiz(person, '.timer').textContent()) ?? '';
      const match = /(\d+):(\d\d)/.exec(text);
      return match ? Number(match[1]) + Number(match[2]) / 60 : NaN;
    };
    const trainee = await open(browser, host.url, 'hugo.dubois', false, `/course/activity/${TIMED}`);
    people.push(trainee);
    await waitIn(trainee, '[data-action="start"]');
    await inQuiz(trainee, '[data-action="start"]').click();
    await waitIn(trainee, '.attempt .timer');
    // (The page counts from when it received the state: a second of rounding either way.)
    expect(await minutesLeft(trainee)).toBeLessThan(10.1);

    const trainer = await open(browser, host.url, TRAINER, false, `/course/activity/${TIMED}`);
    people.push(trainer);
    const form = trainer.page.locator('mag-quiz mag-quiz-trainer .accommodations form').filter({
      hasText: 'Hugo Dubois',
    });
    await form.getByLabel('Temps supplémentaire pour Hugo Dubois (minutes)').fill('15');
    await form.getByLabel('Temps supplémentaire pour Hugo Dubois (minutes)').press('Enter');
    await trainer.page.locator('mag-quiz [role="status"]').filter({ hasText: 'Hugo Dubois' }).waitFor();

    // The trainee's page learns it from the host (a live event, then quiz.state) and counts down from 25 minutes.
    await trainee.page.waitForFunction(
      () => {
        const text = document.querySelector('mag-quiz')?.shadowRoot?.querySelector('.timer')?.textContent ?? '';
        const match = /(\d+):\d\d/.exec(text);
        return match !== null && Number(match[1]) >= 20;
      },
      undefined,
      { timeout: 30_000 },
    );
    const left = await minutesLeft(trainee);
    expect(left).toBeGreaterThan(24);
    expect(left).toBeLessThan(25.1);
  }, 120_000);
});
