/** HTTP plumbing shared by the routes: errors in the bridge's shape, CSRF and security headers. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BridgeError } from '../../../activities/src/bridge/protocol.js';
import type { ErrorCode } from '../../../activities/src/bridge/protocol.js';
import type { SessionUser } from './auth.js';
import { WriterClosedError } from './writer.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** From the session cookie; null when not logged in. */
    user: SessionUser | null;
  }
}

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 403,
  unsupported_subject: 404,
  too_large: 413,
  rate_limited: 429,
  internal: 500,
  closed: 503,
  timeout: 504,
  version_mismatch: 400,
};

/** A bridge error with its HTTP status (when it is not the code's usual one) and headers. */
export class HttpError extends BridgeError {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  constructor(status: number, code: ErrorCode, message: string, headers: Record<string, string> = {}) {
    super(code, message);
    this.status = status;
    this.headers = headers;
  }
}

export const notLoggedIn = () => new HttpError(401, 'unauthorized', 'Not logged in.');

interface ApiError {
  status: number;
  code: ErrorCode;
  message: string;
  headers: Readonly<Record<string, string>>;
}

/** Maps anything thrown while serving an API request to `{ error: { code, message } }` and a status. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof HttpError)
    return { status: err.status, code: err.code, message: err.message, headers: err.headers };
  if (err instanceof BridgeError)
    return { status: STATUS[err.code], code: err.code, message: err.message, headers: {} };
  if (err instanceof WriterClosedError) {
    return { status: 503, code: 'closed', message: 'The server is shutting down.', headers: { 'retry-after': '2' } };
  }
  const fastifyError = err as { code?: string; statusCode?: number };
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fastifyError.statusCode === 413) {
    return { status: 413, code: 'too_large', message: 'The request body is too large.', headers: {} };
  }
  if (fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fastifyError.statusCode === 415) {
    return { status: 415, code: 'bad_request', message: 'Content-Type must be application/json.', headers: {} };
  }
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, code: 'bad_request', message: 'Malformed request.', headers: {} };
  }
  return { status: 500, code: 'internal', message: 'Internal error.', headers: {} };
}

export function sendApiError(err: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const error = toApiError(err);
  if (error.status >= 500 && error.code === 'internal') request.log.error({ err }, 'API request failed');
  // Validation messages may quote what the client sent; a short message is enough to debug.
  const message = error.message.length > 300 ? `${error.message.slice(0, 299)}…` : error.message;
  void reply
    .code(error.status)
    .headers(error.headers)
    .send({ error: { code: error.code, message } });
}

/** A state-changing request must come from our own pages: when the browser says where from, check it. */
export function checkOrigin(request: FastifyRequest, publicOrigin: string): void {
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== publicOrigin) {
    throw new HttpError(403, 'unauthorized', 'Cross-origin request refused.');
  }
}

/** JSON only: an HTML form cannot send it cross-site without a CORS preflight, which we never grant. */
export function checkJsonContentType(request: FastifyRequest): void {
  const type = request.headers['content-type']?.split(';', 1)[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new HttpError(415, 'bad_request', 'Content-Type must be application/json.');
  }
}

export interface CspOptions {
  frameSrc?: string;
  frameAncestors: string;
  /** More image sources (module pages show catalogs' images). */
  imgSrc?: string;
  /** Media sources (module pages play catalogs' videos and captions); none by default. */
  mediaSrc?: string;
}

export function contentSecurityPolicy({ frameSrc, frameAncestors, imgSrc, mediaSrc }: CspOptions): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "worker-src 'self'",
    "style-src 'self'",
    `img-src 'self' data: blob:${imgSrc ? ` ${imgSrc}` : ''}`,
    ...(mediaSrc ? [`media-src ${mediaSrc}`] : []),
    "font-src 'self'",
    "connect-src 'self'",
    `frame-src ${frameSrc ?? "'none'"}`,
    `frame-ancestors ${frameAncestors}`,
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}
