/**
 * Catalog modules the whole way, in the real reference host and Chromium: a trainer adds a module from the catalog
 * in one click (and the programme shows it), a trainee plays an H5P item in its sandboxed frame, goes from the
 * programme's timeline to the player and does the module's quiz and word cloud, and the score reaches the trainer's
 * report, then the trainer applies the newer catalog version and the trainee's progress on
 * the items that still exist is kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { TRAINER, freePort, launchBrowser, loginAs, startHost, tempDataDir, type RunningHost } from './harness.js';

const MODULES = '/course/activity/modules-1';

async function connected(page: Page, selector: string): Promise<void> {
  await page.waitForFunction(
    (wanted) => {
      const element = document.querySelector('mag-module') as (HTMLElement & { connectionStatus?: string }) | null;
      return element?.connectionStatus === 'connected' && !!element.shadowRoot?.querySelector(wanted);
    },
    selector,
    { timeout: 20_000 },
  );
}

describe('reference host: catalog modules, the player and the report', () => {
  let browser: Browser;
  let host: RunningHost;
  const data = tempDataDir();
  const errors: string[] = [];

  beforeAll(async () => {
    host = await startHost(data.dir, await freePort());
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    data.remove();
  });

  const watch = (page: Page, who: string) => {
    page.on('pageerror', (error) => errors.push(`${who}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${who}: ${message.text()}`);
    });
  };

  it('lets a trainer add a module from the catalog in one click, into the programme', async () => {
    const { page } = await loginAs(browser, host.url, TRAINER);
    watch(page, 'trainer');
    await page.goto(`${host.url}${MODULES}`);
    await connected(page, 'mag-module-trainer');
    await page.click('mag-module-trainer #tab-catalog');
    await page.fill('mag-module-trainer #catalog-search', 'ecole inclusive');
    const card = page.locator('mag-module-trainer li[data-entry="ecole-inclusive"]');
    await expect.poll(() => page.locator('mag-module-trainer li[data-entry]').count(), { timeout: 10_000 }).toBe(1);
    await card.locator('[data-action="add"]').click();
    await card.locator('.badge').waitFor({ timeout: 10_000 });
    await expect.poll(() => page.locator('mag-module-trainer #tab-steps').textContent()).toContain('(3)');

    // The same storage <mag-programme> reads: the planner shows the new module step.
    await page.goto(`${host.url}/course/activity/programme-1`);
    await page.locator('mag-programme li[data-kind="module"] h3', { hasText: 'École inclusive' }).waitFor();
    await page.context().close();
  });

  it('plays a trainee’s module, H5P in a sandboxed frame, without loading h5p-standalone before it', async () => {
    const { page } = await loginAs(browser, host.url, 'lucas.bernard');
    watch(page, 'lucas');
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${host.url}${MODULES}`);
    await connected(page, 'li[data-step="module-1"] [data-action="play"]');
    await page.click('mag-module li[data-step="module-1"] [data-action="play"]');
    await page.locator('mag-module-player .page').waitFor({ timeout: 10_000 });
    expect(requests.some((url) => url.includes('/h5p/'))).toBe(false);
    // "Suivant": the first page is done; the next one shows its image from the catalog, on the frame origin.
    await page.click('mag-module-player [data-action="next"]');
    const image = page.locator('mag-module-player .page img').first();
    await image.waitFor({ timeout: 10_000 });
    expect(await image.getAttribute('src')).toMatch(new RegExp(`^${host.frameUrl}/catalog/sample/modules/`));
    expect(await image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect(requests.some((url) => url.includes('/h5p/'))).toBe(false);

    await page.click('mag-module-player nav [data-item="choix-outil"]');
    const frameElement = page.locator('mag-module-player iframe.h5p');
    await frameElement.waitFor();
    expect(await frameElement.getAttribute('sandbox')).toBe('allow-scripts');
    const frame = page.frameLocator('mag-module-player iframe.h5p');
    await frame.locator('input[type="radio"]').first().check({ timeout: 20_000 });
    await frame.locator('.h5p-magchoice-button').first().click();
    await expect
      .poll(() => page.locator('mag-module-player nav [data-item="choix-outil"]').textContent(), { timeout: 10_000 })
      .toContain('✓');
    expect(requests.some((url) => url.endsWith('/h5p/standalone/main.bundle.js'))).toBe(true);
    // The sandboxed frame has no way into the course page: its own origin is opaque.
    const origin = await page
      .frames()
      .find((candidate) => candidate.url().includes('/h5p/player'))!
      .evaluate(() => self.origin);
    expect(origin).toBe('null');

    // H5P's state is saved (the frame reports it within two seconds, the player sends it when it closes) and resumed.
    await page.waitForTimeout(2_500);
    await page.click('mag-module-player .content [data-action="back"]');
    await page.click('mag-module li[data-step="module-1"] [data-action="play"]');
    await page.click('mag-module-player nav [data-item="choix-outil"]');
    const resumed = page.frameLocator('mag-module-player iframe.h5p').locator('input[type="radio"]');
    await resumed.first().waitFor({ timeout: 20_000 });
    await expect
      .poll(() => resumed.evaluateAll((radios) => radios.map((radio) => (radio as HTMLInputElement).checked)))
      .toEqual([true, false, false]);
    expect(await resumed.first().isDisabled()).toBe(true);

    // Two of five items done (a page and the H5P content): the programme's timeline shows it.
    await page.goto(`${host.url}/course/activity/programme-1`);
    const timelineProgress = page.locator('mag-programme li[data-step="module-1"] progress');
    await timelineProgress.waitFor();
    expect(await timelineProgress.evaluate((el) => (el as HTMLProgressElement).value)).toBe(40);
    await page.context().close();
  });

  it('takes a trainee from the timeline to the player, where a quiz and a word cloud count', async () => {
    const { page } = await loginAs(browser, host.url, 'lucas.bernard');
    watch(page, 'lucas');
    // From the timeline, by the keyboard: the module step's link opens the module's page with the step in the player.
    await page.goto(`${host.url}/course/activity/programme-1`);
    const link = page.locator('mag-programme li[data-step="module-1"] a[data-action="play"]');
    expect(await link.getAttribute('aria-label')).toBe(
      'Reprendre le module « Différencier avec le numérique » dans le lecteur',
    );
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/course\/activity\/modules-1\?step=module-1$/);
    await page.locator('mag-module-player .content h4').waitFor({ timeout: 15_000 });

    // The quiz item: the course's own quiz, graded by the server; one question of four answered right.
    await page.click('mag-module-player nav [data-item="quiz-bilan"]');
    const quiz = (selector: string) => page.locator(`mag-module-player mag-quiz ${selector}`);
    await quiz('[data-action="start"]').click({ timeout: 20_000 });
    await quiz('.attempt .question').first().waitFor();
    await quiz('.question .choice').filter({ hasText: 'Faire atteindre les mêmes objectifs' }).locator('input').check();
    // Nothing of the key before the end.
    expect(await quiz('.question').first().textContent()).not.toContain('Non\u00a0: les objectifs restent');
    await quiz('[data-action="finish"]').click();
    await quiz('[data-action="confirm-finish"]').click();
    await quiz('[data-info="result"]').waitFor();
    expect(await quiz('[data-info="result"]').textContent()).toMatch(/2,5 sur 10/);
    await expect
      .poll(() => page.locator('mag-module-player nav [data-item="quiz-bilan"]').textContent(), { timeout: 10_000 })
      .toContain('✓');

    // The word cloud item: shared by the programme's trainees.
    await page.click('mag-module-player nav [data-item="nuage-freins"]');
    const answer = page.locator('mag-module-player mag-wordcloud input#answer');
    await answer.fill('Le temps', { timeout: 20_000 });
    await answer.press('Enter');
    await expect
      .poll(() => page.locator('mag-module-player nav [data-item="nuage-freins"]').textContent(), { timeout: 10_000 })
      .toContain('✓');
    await expect
      .poll(() => page.locator('mag-module-player progress').evaluate((el) => (el as HTMLProgressElement).value))
      .toBe(80);
    await page.context().close();
  });

  it('shows the trainee’s score in the trainer’s report, then applies the newer version keeping it', async () => {
    const { page } = await loginAs(browser, host.url, TRAINER);
    watch(page, 'trainer');
    await page.goto(`${host.url}${MODULES}`);
    await connected(page, 'mag-module-trainer');
    await page.click('mag-module-trainer #tab-report');
    const lucas = page.locator('mag-module-trainer tr', { hasText: 'Lucas Bernard' });
    await expect
      .poll(() => lucas.locator('td[data-step="module-1"]').textContent(), { timeout: 10_000 })
      .toMatch(/80\s%.*score 63\s%/);

    // The step's word cloud, from the trainer's view of the module: the trainees' words, with the moderation tools.
    await page.click('mag-module-trainer #tab-steps');
    await page.click('mag-module-trainer li[data-step="module-1"] [data-action="preview-step"]');
    await page.click('mag-module-player nav [data-item="nuage-freins"]');
    await page
      .locator('mag-module-player mag-wordcloud mag-wordcloud-trainer tr[data-moderate]', { hasText: /temps/i })
      .waitFor({ timeout: 20_000 });
    await page.click('mag-module-player .content [data-action="back"]');
    await connected(page, 'mag-module-trainer');

    await page.click('mag-module-trainer #tab-steps');
    const offer = page.locator('mag-module-trainer li[data-step="module-1"] .offer');
    expect(await offer.locator('h4').textContent()).toContain('Version 1.1.0 disponible');
    await offer.locator('[data-action="update"]').click();
    await expect
      .poll(() => page.locator('mag-module-trainer li[data-step="module-1"]').textContent(), { timeout: 10_000 })
      .toContain('Version utilisée\u00a0: 1.1.0');
    expect(await page.locator('mag-module-trainer li[data-step="module-1"] .offer').count()).toBe(0);

    // One more page in 1.1.0: four of six items now, and the H5P and quiz scores are kept.
    await page.click('mag-module-trainer #tab-report');
    await expect
      .poll(() => lucas.locator('td[data-step="module-1"]').textContent(), { timeout: 10_000 })
      .toMatch(/67\s%.*score 63\s%/);
    expect(await page.locator('mag-module-trainer th', { hasText: '(1.1.0)' }).count()).toBe(1);
    await page.context().close();
    expect(errors).toEqual([]);
  });
});
