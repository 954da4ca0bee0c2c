/**
 * Starts the reference host: `node --import tsx host/src/main.ts` (or `npm start`).
 * When started as a child process with an IPC channel, it reports `{ type: 'ready', url, frameUrl }`.
 */
import { createApp } from './server/app.js';
import { ConfigError, loadConfig } from './server/config.js';
import { DEMO_PASSWORD, DEMO_TRAINEES, DEMO_TRAINER } from './server/seed.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const app = await createApp(config);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: shutting down…`);
    const force = setTimeout(() => {
      console.error('Shutdown took too long; exiting.');
      process.exit(1);
    }, 10_000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('disconnect', () => stop('disconnect'));

  if (process.send) {
    process.send({ type: 'ready', url: app.url, publicOrigin: app.publicOrigin, frameUrl: app.frameUrl });
    return;
  }
  console.log(`Magistère reference host: ${app.publicOrigin}/`);
  console.log(`Activity frames served from ${app.frameUrl}`);
  console.log(`Data: ${config.dataDir}`);
  console.log('Demo accounts (demo only, password "%s"):', DEMO_PASSWORD);
  console.log(`  trainer   ${DEMO_TRAINER.username} (${DEMO_TRAINER.name})`);
  console.log(
    `  trainees  ${DEMO_TRAINEES.slice(0, 3)
      .map((u) => u.username)
      .join(', ')}, … (${DEMO_TRAINEES.length} in all)`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
