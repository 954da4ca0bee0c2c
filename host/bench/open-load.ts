/**
 * An open load at a fixed rate: each client (one keep-alive HTTP/1.1 connection, one request in flight, like a
 * trainee's phone) sends `ratePerClient` requests per second, evenly spaced, starting at a random phase so that
 * the clients are not in step. A request is due at its scheduled time; if the previous answer has not come back
 * yet it waits, and its latency is counted from when it was due, not from when it left (no coordinated omission:
 * a server that stalls is charged for every request that could not be sent meanwhile).
 *
 * autocannon's `connectionRate` is not used for this: it sends a connection's whole second's quota back to back,
 * then waits for the next second, so 500 connections made together send 5,000 requests in one burst each second.
 * That measures a burst, not a rate.
 *
 * Requests are raw bytes on `net` sockets, built when due, and answers are parsed just enough (status, headers,
 * `content-length` body): the load generator shares the machine's cores with the server and must stay cheap.
 */
import net from 'node:net';

export interface OpenLoadRequest {
  method: 'POST' | 'GET';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface OpenLoadOptions {
  url: string;
  clients: number;
  ratePerClient: number;
  durationSec: number;
  /** The `n`-th request of `client` (from 0). */
  request(client: number, n: number): OpenLoadRequest;
  /** Called with each answer's status. */
  onResponse?(client: number, n: number, status: number): void;
}

export interface OpenLoadResult {
  /** Requests answered (any status; one still unanswered at the end counts, late), 2xx among them. */
  answered: number;
  ok: number;
  errors: number;
  durationSec: number;
  /** Latency from when each request was due to its answer, in ms. */
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function encode(host: string, req: OpenLoadRequest): Buffer {
  const body = req.body === undefined ? null : Buffer.from(req.body);
  const lines = [`${req.method} ${req.path} HTTP/1.1`, `host: ${host}`, 'connection: keep-alive'];
  for (const [name, value] of Object.entries(req.headers)) lines.push(`${name}: ${value}`);
  if (body) lines.push(`content-length: ${body.length}`);
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`);
  return body ? Buffer.concat([head, body]) : head;
}

/** Parses answers off one connection's byte stream; calls `onAnswer(status)` for each complete one. */
function answerParser(onAnswer: (status: number) => void): (chunk: Buffer) => void {
  let buffer: Buffer = Buffer.alloc(0);
  return (chunk) => {
    buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
    for (;;) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buffer.subarray(0, end).toString('latin1');
      const status = Number(head.slice(9, 12));
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
      if (!length) throw new Error(`open load: an answer without content-length (${head.split('\r\n')[0]})`);
      const total = end + 4 + Number(length[1]);
      if (buffer.length < total) return;
      buffer = buffer.subarray(total);
      onAnswer(status);
    }
  };
}

export async function runOpenLoad(options: OpenLoadOptions): Promise<OpenLoadResult> {
  const { hostname, port, host } = new URL(options.url);
  const intervalMs = 1000 / options.ratePerClient;
  const latencies: number[] = [];
  let ok = 0;
  let errors = 0;
  const start = performance.now() + 200;
  const end = start + options.durationSec * 1000;

  const clientRun = (client: number) =>
    new Promise<void>((resolve) => {
      const socket = net.connect({ host: hostname, port: Number(port) });
      socket.setNoDelay(true);
      const phase = Math.random() * intervalMs;
      let n = 0;
      let dueAt = 0;
      let inFlight = false;
      let timer: NodeJS.Timeout | undefined;
      let closed = false;
      const close = () => {
        if (closed) return;
        closed = true;
        clearTimeout(timer);
        socket.destroy();
        resolve();
      };
      const dueTime = (k: number) => start + phase + k * intervalMs;
      const send = () => {
        dueAt = dueTime(n);
        inFlight = true;
        socket.write(encode(host, options.request(client, n)));
      };
      const next = () => {
        if (closed) return;
        const at = dueTime(n);
        if (at >= end) return close();
        const wait = at - performance.now();
        if (wait > 0) timer = setTimeout(send, wait);
        else send();
      };
      socket.on(
        'data',
        answerParser((status) => {
          if (!inFlight) return;
          inFlight = false;
          latencies.push(performance.now() - dueAt);
          if (status >= 200 && status < 300) ok++;
          options.onResponse?.(client, n, status);
          n++;
          next();
        }),
      );
      socket.on('error', () => {
        errors++;
        close();
      });
      socket.on('close', close);
      socket.on('connect', next);
      // A request still unanswered when the run ends counts as due and answered late, at the end.
      setTimeout(
        () => {
          if (inFlight) latencies.push(performance.now() - dueAt);
          close();
        },
        end - performance.now() + 5_000,
      );
    });

  await Promise.all(Array.from({ length: options.clients }, (_, client) => clientRun(client)));
  const sorted = latencies.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    answered: latencies.length,
    ok,
    errors,
    durationSec: options.durationSec,
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? NaN),
  };
}
