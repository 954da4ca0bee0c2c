/**
 * The reference host's page glue: the host SDK wired to this server. Requests go to
 * `POST /api/bridge/:instance` (the server checks the session, role and payload), live events come
 * from Server-Sent Events and are pushed to the activities of their instance.
 */
import { BridgeError, BridgeHost } from '../../../activities/src/host/host.js';
import { ERROR_CODES, type ErrorCode, type HostContext } from '../../../activities/src/bridge/protocol.js';

interface PageConfig {
  user: HostContext['user'];
  role: HostContext['role'];
  locale: HostContext['locale'];
  frameOrigin: string;
  instances: { id: string; type: string }[];
}

function readConfig(): PageConfig {
  const element = document.getElementById('mag-host-config');
  if (!element?.textContent) throw new Error('The page has no #mag-host-config.');
  return JSON.parse(element.textContent) as PageConfig;
}

function toBridgeError(body: unknown, status: number): BridgeError {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = ERROR_CODES.includes(error?.code as ErrorCode) ? (error!.code as ErrorCode) : 'internal';
  const message = typeof error?.message === 'string' ? error.message : `HTTP ${status}`;
  return new BridgeError(code, message);
}

async function forward(instance: string, subject: string, payload: unknown, signal: AbortSignal): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`/api/bridge/${encodeURIComponent(instance)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ subject, payload }),
      signal,
    });
  } catch {
    // The server is unreachable: the activity may retry with the same idempotency key.
    throw new BridgeError('timeout', 'The server did not answer.');
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw toBridgeError(body, response.status);
  return (body as { result?: unknown } | null)?.result;
}

function subscribe(host: BridgeHost, instances: string[]): EventSource | null {
  if (instances.length === 0) return null;
  const source = new EventSource(`/api/events?instances=${instances.map(encodeURIComponent).join(',')}`);
  source.addEventListener('open', () => host.setOnline(true));
  source.addEventListener('error', () => host.setOnline(false));
  source.addEventListener('bridge', (event) => {
    try {
      const { instance, subject, data } = JSON.parse((event as MessageEvent<string>).data) as {
        instance: string;
        subject: string;
        data: unknown;
      };
      host.emit(instance, subject, data);
    } catch {
      console.warn('[reference-host] dropped a malformed server event');
    }
  });
  return source;
}

export function start(config: PageConfig = readConfig()): BridgeHost {
  const host = new BridgeHost({ context: { locale: config.locale, role: config.role, user: config.user } });
  const known = new Set(config.instances.map((instance) => instance.id));
  host.fallback((subject, payload, call) => {
    if (!known.has(call.instance)) throw new BridgeError('unauthorized', 'This activity is not part of this page.');
    return forward(call.instance, subject, payload, call.signal);
  });
  host.listen(document);
  for (const iframe of document.querySelectorAll<HTMLIFrameElement>('iframe[data-mag-instance]')) {
    host.allowFrame(iframe, config.frameOrigin, iframe.dataset['magInstance']);
  }
  subscribe(host, [...known]);
  return host;
}

start();
