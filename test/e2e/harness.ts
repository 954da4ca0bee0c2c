/** Starts the reference host as a real child process and drives Chromium against it. */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.mjs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export const PASSWORD = 'magistere';
export const TRAINER = 'claire.martin';

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

export interface RunningHost {
  url: string;
  frameUrl: string;
  stop(): Promise<void>;
  /** Kills the process without a graceful shutdown (a crash). */
  kill(): Promise<void>;
}

/** Starts `host/src/main.ts` on `port` with `dataDir`; resolves when it says it is ready. */
export function startHost(dataDir: string, port: number, env: Record<string, string> = {}): Promise<RunningHost> {
  return new Promise((done, fail) => {
    const child: ChildProcess = fork(join(root, 'host/src/main.ts'), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, MAG_PORT: String(port), MAG_DATA_DIR: dataDir, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
    const timer = setTimeout(() => fail(new Error('The host did not start within 30 s')), 30_000);
    child.once('exit', (code) => fail(new Error(`The host exited early with code ${code}`)));
    child.on('message', (message: { type?: string; url?: string; publicOrigin?: string; frameUrl?: string }) => {
      if (message.type !== 'ready') return;
      clearTimeout(timer);
      done({
        url: message.publicOrigin ?? message.url!,
        frameUrl: message.frameUrl!,
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
        kill: async () => {
          child.kill('SIGKILL');
          await exited;
        },
      });
    });
  });
}

export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'mag-e2e-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** Logs a user in through the real login form, in a fresh browser context (its own cookies). */
export async function loginAs(
  browser: Browser,
  url: string,
  username: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page ${username}]`, error));
  await page.goto(`${url}/login`);
  await page.fill('#username', username);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForURL(/\/course/), page.click('form button[type="submit"]')]);
  return { context, page };
}

export const axePath = join(root, 'node_modules/axe-core/axe.min.js');
