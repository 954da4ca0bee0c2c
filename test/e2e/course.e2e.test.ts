/**
 * The demo activity the whole way: element → bridge → host page → server → SQLite → live event
 * back to every connected page, for a trainer and trainees in separate browser contexts.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame, Page } from 'playwright-core';
import {
  TRAINER,
  axePath,
  freePort,
  launchBrowser,
  loginAs,
  startHost,
  tempDataDir,
  type RunningHost,
} from './harness.js';

const count = (page: Page | Frame, reaction: string) =>
  page.locator(`mag-reactions [data-count="${reaction}"]`).evaluate((el) => parseInt(el.textContent ?? '', 10));
const total = (page: Page | Frame) =>
  page.locator('mag-reactions [data-total]').evaluate((el) => Number(el.getAttribute('data-total')));

async function connected(page: Page | Frame): Promise<void> {
  await page.waitForFunction(() => {
    const element = document.querySelector('mag-reactions') as (HTMLElement & { connectionStatus?: string }) | null;
    return (
      element?.connectionStatus === 'connected' && !element.shadowRoot?.querySelector('button[data-reaction]:disabled')
    );
  });
}

async function waitForTotal(page: Page | Frame, expected: number): Promise<void> {
  await page.waitForFunction(
    (n) => document.querySelector('mag-reactions')?.shadowRoot?.querySelector(`[data-total="${n}"]`) !== null,
    expected,
    { timeout: 15_000 },
  );
}

describe('reference host: the demo activity, live, for a trainer and trainees', () => {
  let browser: Browser;
  let host: RunningHost;
  let port: number;
  const data = tempDataDir();

  beforeAll(async () => {
    port = await freePort();
    host = await startHost(data.dir, port);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    data.remove();
  });

  it('updates the trainer live when trainees react, and trainees when the trainer resets', async () => {
    const trainer = await loginAs(browser, host.url, TRAINER);
    const lucas = await loginAs(browser, host.url, 'lucas.bernard');
    const emma = await loginAs(browser, host.url, 'emma.petit');
    for (const user of [trainer, lucas, emma]) await connected(user.page);

    await lucas.page.click('mag-reactions button[data-reaction="slower"]');
    await emma.page.click('mag-reactions button[data-reaction="slower"]');
    await emma.page.click('mag-reactions button[data-reaction="question"]');
    await waitForTotal(trainer.page, 3);
    expect(await count(trainer.page, 'slower')).toBe(2);
    expect(await count(trainer.page, 'question')).toBe(1);
    await waitForTotal(lucas.page, 3);

    // Trainees have no reset button, and the server refuses the subject to them anyway.
    expect(await lucas.page.locator('mag-reactions [data-action="reset"]').count()).toBe(0);
    const refused = await lucas.page.evaluate(async () => {
      const response = await fetch('/api/bridge/reactions-1', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ subject: 'reactions.reset', payload: {} }),
      });
      return { status: response.status, body: await response.json() };
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('unauthorized');
    expect(await total(trainer.page)).toBe(3);

    await trainer.page.click('mag-reactions [data-action="reset"]');
    await trainer.page.click('mag-reactions [data-action="confirm-reset"]');
    await waitForTotal(lucas.page, 0);
    await waitForTotal(emma.page, 0);

    for (const user of [trainer, lucas, emma]) await user.context.close();
  });

  it('hosts the activity in an iframe served from another origin', async () => {
    const trainer = await loginAs(browser, host.url, TRAINER);
    const lucas = await loginAs(browser, host.url, 'lucas.bernard');
    await trainer.page.goto(`${host.url}/course/frame`);
    await lucas.page.goto(`${host.url}/course/frame`);
    const frameOrigin = new URL(host.frameUrl).origin;
    expect(frameOrigin).not.toBe(new URL(host.url).origin);

    const frameOf = async (page: Page): Promise<Frame> => {
      const handle = await page.waitForSelector('iframe[data-mag-instance]');
      const frame = await handle.contentFrame();
      if (!frame) throw new Error('no frame');
      expect(new URL(frame.url()).origin).toBe(frameOrigin);
      return frame;
    };
    const trainerFrame = await frameOf(trainer.page);
    const lucasFrame = await frameOf(lucas.page);
    await connected(trainerFrame);
    await connected(lucasFrame);

    const before = await total(trainerFrame);
    await lucasFrame.click('mag-reactions button[data-reaction="understood"]');
    await waitForTotal(trainerFrame, before + 1);
    // The iframe follows its content's height.
    const height = await trainer.page
      .locator('iframe[data-mag-instance]')
      .evaluate((el) => (el as HTMLElement).style.height);
    expect(parseInt(height, 10)).toBeGreaterThan(100);

    for (const user of [trainer, lucas]) await user.context.close();
  });

  it('passes axe on the course page', async () => {
    const trainer = await loginAs(browser, host.url, TRAINER);
    await connected(trainer.page);
    // Evaluated through the DevTools protocol: the page's CSP (script-src 'self') rightly blocks a script tag.
    await trainer.page.evaluate(readFileSync(axePath, 'utf8'));
    const violations = await trainer.page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } })
        .axe;
      const result = await axe.run();
      return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
    });
    expect(violations).toEqual([]);
    await trainer.context.close();
  });

  it('loses nothing acknowledged across a restart, and open pages catch up', async () => {
    const trainer = await loginAs(browser, host.url, TRAINER);
    const lucas = await loginAs(browser, host.url, 'lucas.bernard');
    await connected(trainer.page);
    await connected(lucas.page);
    const before = await total(trainer.page);
    await lucas.page.click('mag-reactions button[data-reaction="lost"]');
    await waitForTotal(trainer.page, before + 1);

    // A crash, not a graceful stop: what was acknowledged must already be on disk.
    await host.kill();
    host = await startHost(data.dir, port);

    // Sessions survive; the trainee's page reconnects and the trainer's live stream resumes.
    await lucas.page.click('mag-reactions button[data-reaction="lost"]');
    await waitForTotal(trainer.page, before + 2);
    await trainer.page.reload();
    await connected(trainer.page);
    expect(await total(trainer.page)).toBe(before + 2);
    expect(await count(trainer.page, 'lost')).toBeGreaterThanOrEqual(2);

    for (const user of [trainer, lucas]) await user.context.close();
  });
});
