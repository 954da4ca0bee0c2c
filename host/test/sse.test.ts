import { afterEach, describe, expect, it } from 'vitest';
import { EventStream, bridge, key, login, openEvents, startApp, tempDir } from './helpers.js';
import type { TestApp } from './helpers.js';

const running: TestApp[] = [];
const streams: EventStream[] = [];
afterEach(async () => {
  for (const stream of streams.splice(0)) stream.close();
  await Promise.all(running.splice(0).map((app) => app.close()));
});

async function start(dataDir?: string): Promise<TestApp> {
  const app = await startApp({}, dataDir);
  running.push(app);
  return app;
}

function events(app: TestApp, cookie: string, instances: string, lastEventId?: string): EventStream {
  const stream = openEvents(app, cookie, instances, lastEventId);
  streams.push(stream);
  return stream;
}

describe('server-sent events', () => {
  it('streams reactions.updated to every subscriber after a react', async () => {
    const app = await start();
    const [trainee, trainer] = await Promise.all([login(app, 'lucas.bernard'), login(app, 'claire.martin')]);
    const subscribers = [events(app, trainee, 'reactions-1'), events(app, trainer, 'reactions-1,reactions-2')];
    const other = events(app, trainee, 'reactions-2');
    await Promise.all([...subscribers, other].map((s) => s.opened));
    for (const s of subscribers) await s.waitFor((x) => x.lastEventId !== undefined);

    const response = await bridge(app, trainee, 'reactions-1', 'reactions.react', {
      reaction: 'understood',
      key: key(),
    });
    const state = (response.body.result as { state: unknown }).state;
    for (const subscriber of subscribers) {
      expect(subscriber.status).toBe(200);
      await subscriber.waitFor((s) => s.events.length > 0);
      expect(subscriber.events).toEqual([
        { id: expect.any(Number), instance: 'reactions-1', subject: 'reactions.updated', data: state },
      ]);
      expect(subscriber.lastEventId).toBe(String(subscriber.events[0]!.id));
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(other.events).toEqual([]); // not subscribed to reactions-1
  });

  it('sends the retry delay and nothing old to a new subscriber', async () => {
    const app = await start();
    const cookie = await login(app, 'lucas.bernard');
    await bridge(app, cookie, 'reactions-1', 'reactions.react', { reaction: 'lost', key: key() });
    const response = await fetch(`${app.url}/api/events?instances=reactions-1`, { headers: { cookie } });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = response.body!.getReader();
    const { value } = await reader.read();
    const text = new TextDecoder().decode(value);
    expect(text).toMatch(/^retry: 2000\n\nid: \d+\n\n$/);
    await reader.cancel();
  });

  it('refuses anonymous and unknown streams', async () => {
    const app = await start();
    const cookie = await login(app, 'lucas.bernard');
    expect((await fetch(`${app.url}/api/events?instances=reactions-1`)).status).toBe(401);
    expect((await fetch(`${app.url}/api/events?instances=nope`, { headers: { cookie } })).status).toBe(404);
    expect((await fetch(`${app.url}/api/events`, { headers: { cookie } })).status).toBe(400);
    const badId = await fetch(`${app.url}/api/events?instances=reactions-1`, {
      headers: { cookie, 'last-event-id': 'x' },
    });
    expect(badId.status).toBe(400);
  });

  it('replays the newest missed snapshot after a server restart (Last-Event-ID)', async () => {
    const dataDir = tempDir();
    const first = await start(dataDir);
    const cookie = await login(first, 'lucas.bernard');
    const stream = events(first, cookie, 'reactions-1,reactions-2');
    await stream.opened;
    await stream.waitFor((s) => s.lastEventId !== undefined);
    await bridge(first, cookie, 'reactions-1', 'reactions.react', { reaction: 'understood', key: key() });
    await stream.waitFor((s) => s.events.length === 1);
    const seen = stream.lastEventId!;

    // The client drops off; changes happen that it does not see; the server restarts.
    stream.close();
    await bridge(first, cookie, 'reactions-1', 'reactions.react', { reaction: 'question', key: key() });
    const missed = await bridge(first, cookie, 'reactions-1', 'reactions.react', { reaction: 'slower', key: key() });
    await first.close();
    running.splice(running.indexOf(first), 1);
    const second = await start(dataDir);

    // Sessions survive the restart; the stream resumes from the id the client saw.
    const resumed = events(second, cookie, 'reactions-1,reactions-2', seen);
    await resumed.waitFor((s) => s.events.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(resumed.status).toBe(200);
    expect(resumed.events).toEqual([
      {
        id: expect.any(Number),
        instance: 'reactions-1',
        subject: 'reactions.updated',
        data: (missed.body.result as { state: unknown }).state,
      },
    ]);
    expect(resumed.events[0]!.id).toBeGreaterThan(Number(seen));

    // Resuming from the newest id replays nothing.
    const upToDate = events(second, cookie, 'reactions-1', resumed.lastEventId);
    await upToDate.waitFor((s) => s.lastEventId !== undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(upToDate.events).toEqual([]);

    // And live events keep flowing after the replay.
    await bridge(second, cookie, 'reactions-2', 'reactions.react', { reaction: 'lost', key: key() });
    await resumed.waitFor((s) => s.events.length === 2);
    expect(resumed.events[1]).toMatchObject({ instance: 'reactions-2', subject: 'reactions.updated' });
  });

  it('accepts the last event id as a query parameter', async () => {
    const app = await start();
    const cookie = await login(app, 'lucas.bernard');
    await bridge(app, cookie, 'reactions-1', 'reactions.react', { reaction: 'understood', key: key() });
    const stream = new EventStream(`${app.url}/api/events?instances=reactions-1&lastEventId=0`, { cookie });
    streams.push(stream);
    await stream.waitFor((s) => s.events.length === 1);
    expect(stream.events[0]!.data).toMatchObject({ counts: { understood: 1 } });
  });

  it('ends streams on shutdown so that close() returns', async () => {
    const app = await start();
    const cookie = await login(app, 'lucas.bernard');
    const stream = events(app, cookie, 'reactions-1');
    await stream.waitFor((s) => s.lastEventId !== undefined);
    const started = Date.now();
    await app.close();
    running.splice(running.indexOf(app), 1);
    expect(Date.now() - started).toBeLessThan(3000);
    await stream.waitFor((s) => s.ended);
  });
});
