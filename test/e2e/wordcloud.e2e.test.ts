/**
 * The word cloud the whole way, as a session runs it: a trainer projects the cloud, twenty trainees answer from
 * their own browsers, the host is killed and restarted in the middle, the trainer merges, undoes and hides.
 * Everything runs for real: the reference host as a child process on SQLite, Chromium through playwright-core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_TRAINEES } from '../../host/src/server/seed.js';
import { TRAINER, freePort, launchBrowser, loginAs, startHost, tempDataDir, type RunningHost } from './harness.js';

const PAGE = '/course/activity/wordcloud-1';
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

interface Person {
  username: string;
  context: BrowserContext;
  page: Page;
  /** Every URL the page fetched. */
  requests: string[];
  /** Console errors (a CSP violation, an exception). */
  errors: string[];
}

/** What each trainee answers: 3 answers at most per person in the demo cloud. */
function answersOf(index: number): string[] {
  const answers: string[][] = [
    ['partage', 'école', "l'école"],
    ['Partage', "l'école"],
    ['partage', 'écrans'],
    ['coopération'],
    ['partage', 'coopération'],
    [HOSTILE, 'partage'],
    ['Coopération', 'école'],
    ['partage'],
    ['réseau', "L'école"],
    ['partage', 'réseau'],
  ];
  return answers[index % answers.length]!;
}

async function open(browser: Browser, url: string, username: string): Promise<Person> {
  const { context, page } = await loginAs(browser, url, username);
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`${url}${PAGE}`);
  await ready(page);
  return { username, context, page, requests, errors };
}

async function ready(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const element = document.querySelector('mag-wordcloud') as (HTMLElement & { connectionStatus?: string }) | null;
      return element?.connectionStatus === 'connected' && element.shadowRoot?.querySelector('form') !== null;
    },
    undefined,
    { timeout: 20_000 },
  );
}

/** Opens the table of words with its summary (its rows exist only while it is open). */
async function openTable(page: Page): Promise<void> {
  await page.locator('mag-wordcloud details.table > summary').click();
  await page.waitForFunction(() =>
    document.querySelector('mag-wordcloud')?.shadowRoot?.querySelector('details.table[open]'),
  );
}

async function answer(person: Person, text: string): Promise<void> {
  const element = person.page.locator('mag-wordcloud');
  await element.locator('#answer').fill(text);
  await element.locator('button[type="submit"]').click();
}

async function waitForTable(page: Page, expected: Record<string, number>, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    (wanted) => {
      const rows = document.querySelector('mag-wordcloud')?.shadowRoot?.querySelectorAll('tr[data-row]') ?? [];
      const seen = Object.fromEntries(
        [...rows].map((row) => [row.getAttribute('data-row'), Number(row.querySelector('td:last-child')!.textContent)]),
      );
      return JSON.stringify(seen, Object.keys(seen).sort()) === JSON.stringify(wanted, Object.keys(wanted).sort());
    },
    expected,
    { timeout },
  );
}

/** The words drawn in the SVG of the page (trainee cloud or projection). */
async function drawn(page: Page): Promise<string[]> {
  return page
    .locator('mag-wordcloud')
    .evaluate((element) => [...element.shadowRoot!.querySelectorAll('svg.cloud text')].map((t) => t.textContent!));
}

async function trainerTool(page: Page, selector: string): Promise<void> {
  await page.locator('mag-wordcloud mag-wordcloud-trainer').locator(selector).click();
}

describe('reference host: the word cloud with a trainer and twenty trainees', () => {
  let browser: Browser;
  let host: RunningHost;
  let port: number;
  const data = tempDataDir();
  const people: Person[] = [];

  beforeAll(async () => {
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

  it('counts every answer once across a host crash, renders hostile text as text, merges, undoes and hides', async () => {
    const trainer = await open(browser, host.url, TRAINER);
    people.push(trainer);
    await openTable(trainer.page);
    const trainees: Person[] = [];
    for (const { username } of DEMO_TRAINEES) trainees.push(await open(browser, host.url, username));
    people.push(...trainees);
    expect(trainees).toHaveLength(20);

    // The first half answers.
    for (const [index, trainee] of trainees.slice(0, 10).entries()) {
      for (const text of answersOf(index)) await answer(trainee, text);
    }
    await waitForTable(trainer.page, {
      partage: 7,
      école: 2,
      "l'école": 3,
      écrans: 1,
      coopération: 3,
      [HOSTILE]: 1,
      réseau: 2,
    });

    // A crash in the middle of the session: nothing acknowledged may be lost, and answers written while the host
    // is down wait in the trainees' pages and are sent, once, when it is back.
    await host.kill();
    for (const [offset, trainee] of trainees.slice(10, 13).entries()) {
      for (const text of answersOf(10 + offset)) await answer(trainee, text);
    }
    await trainees[10]!.page.waitForFunction(
      () => document.querySelector('mag-wordcloud')?.shadowRoot?.querySelector('[data-queued]') !== null,
    );
    host = await startHost(data.dir, port);
    for (const trainee of trainees.slice(10, 13)) {
      await trainee.page.waitForFunction(
        () => document.querySelector('mag-wordcloud')?.shadowRoot?.querySelector('[data-queued]') === null,
        undefined,
        { timeout: 40_000 },
      );
    }
    for (const [offset, trainee] of trainees.slice(13).entries()) {
      for (const text of answersOf(13 + offset)) await answer(trainee, text);
    }
    const expected = {
      partage: 14,
      école: 4,
      "l'école": 6,
      écrans: 2,
      coopération: 6,
      [HOSTILE]: 2,
      réseau: 4,
    };
    // The trainer's page reconnects to the live stream by itself.
    await waitForTable(trainer.page, expected, 40_000);

    // Hostile text is text: in the trainer's table and cloud, in a trainee's cloud; nothing ran.
    expect(await drawn(trainer.page)).toContain(HOSTILE);
    expect(await drawn(trainees[19]!.page)).toContain(HOSTILE);
    for (const person of [trainer, trainees[5]!, trainees[19]!]) {
      const injected = await person.page.evaluate(() => {
        const element = document.querySelector('mag-wordcloud')!;
        const inner = element.shadowRoot!.querySelector('mag-wordcloud-trainer')?.shadowRoot;
        return {
          images: element.shadowRoot!.querySelectorAll('img').length + (inner?.querySelectorAll('img').length ?? 0),
          pwned: (window as { __pwned?: number }).__pwned ?? null,
        };
      });
      expect(injected).toEqual({ images: 0, pwned: null });
    }

    // Merge from the suggestion ("école" under "l'école", the heavier): two people wrote both, and count once.
    await trainer.page.locator('mag-wordcloud mag-wordcloud-trainer [data-list="suggestions"] li button').click();
    await waitForTable(trainer.page, { ...withoutKey(expected, 'école'), "l'école": 8 });
    // Undo.
    await trainer.page.locator('mag-wordcloud mag-wordcloud-trainer [data-merge] button').click();
    await waitForTable(trainer.page, expected);
    // Hide the hostile entry: gone from every cloud, the trainees' too.
    await trainer.page
      .locator(
        `mag-wordcloud mag-wordcloud-trainer tr[data-moderate="${HOSTILE.replace(/"/g, '\\"')}"] [data-action="hide"]`,
      )
      .click();
    await waitForTable(trainer.page, withoutKey(expected, HOSTILE));
    await trainees[0]!.page.waitForFunction(
      (hostile) =>
        ![...(document.querySelector('mag-wordcloud')?.shadowRoot?.querySelectorAll('svg.cloud text') ?? [])].some(
          (t) => t.textContent === hostile,
        ),
      HOSTILE,
      { timeout: 10_000 },
    );

    // The stored data agrees after a graceful restart too.
    await host.stop();
    host = await startHost(data.dir, port);
    await trainer.page.reload();
    await ready(trainer.page);
    await openTable(trainer.page);
    await waitForTable(trainer.page, withoutKey(expected, HOSTILE));

    // A trainee never downloads the trainer's tools; no page broke its Content-Security-Policy.
    for (const trainee of trainees) {
      expect(trainee.requests.some((url) => /trainer-panel/.test(url))).toBe(false);
    }
    expect(trainer.requests.some((url) => /trainer-panel/.test(url))).toBe(true);
    for (const person of people) {
      expect(person.errors.filter((text) => /Content Security Policy/i.test(text))).toEqual([]);
    }
  }, 240_000);

  it('updates the projection within a second of a submission', async () => {
    const trainer = people[0]!;
    await trainerTool(trainer.page, '[data-action="project"]');
    await trainer.page.waitForFunction(() =>
      document.querySelector('mag-wordcloud')?.shadowRoot?.querySelector('.projection svg.cloud text'),
    );
    // The projection has its own board: let its first layout settle, as in a room before the question is asked.
    await trainer.page.waitForTimeout(1_000);
    const delays: number[] = [];
    for (const [index, word] of ['ponctualité', 'bienveillance', 'rigueur'].entries()) {
      const trainee = people[18 + index]!;
      await trainee.page.locator('mag-wordcloud #answer').fill(word);
      // Watch for the word on the projection from the trainer's page, then submit, and time both on one clock.
      const seen = trainer.page.evaluate(
        (wanted) =>
          new Promise<number>((resolve) => {
            const check = () => {
              const texts =
                document.querySelector('mag-wordcloud')?.shadowRoot?.querySelectorAll('.projection svg.cloud text') ??
                [];
              if ([...texts].some((t) => t.textContent === wanted)) resolve(Date.now());
              else requestAnimationFrame(check);
            };
            check();
          }),
        word,
      );
      const sent = await trainee.page.evaluate(() => {
        const element = document.querySelector('mag-wordcloud')!;
        element.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
        return Date.now();
      });
      delays.push((await seen) - sent);
      await trainer.page.waitForTimeout(500);
    }
    expect(Math.max(...delays), `delays ${delays.join(', ')} ms`).toBeLessThan(1_000);
  });
});

function withoutKey<T extends Record<string, number>>(record: T, key: string): Record<string, number> {
  return Object.fromEntries(Object.entries(record).filter(([name]) => name !== key));
}
