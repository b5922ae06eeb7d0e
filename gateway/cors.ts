import type http from 'node:http';
import cors from 'cors';
import type { CorsSettings } from '../platform/config.ts';

/** Response headers a page on an allowed origin may read, beyond the ones every browser exposes. */
export const EXPOSED_HEADERS = [
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'Retry-After',
  'Idempotent-Replayed',
  'Content-Disposition',
  // Says the wait an export's GET honoured (Prefer: wait=N).
  'Preference-Applied',
  // Not set by the gateway; exposed for a proxy in front of it that sets one.
  'X-Request-Id',
];

/** Request headers a page may send: credentials, bodies, idempotency, waiting for an export, and the client names of persisted documents. */
export const ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'Accept',
  'Idempotency-Key',
  'Prefer',
  'Apollographql-Client-Name',
  'Apollographql-Client-Version',
  'X-Request-Id',
];

export const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'];

/**
 * Cross-origin access for browsers (the `cors` middleware of Express, on the plain Node server):
 * the answer to a preflight (any OPTIONS request) and the CORS headers of every other answer.
 * Runs before authentication, so a preflight (which never carries a credential) is answered 204
 * on every path; whether the browser then sends the real request depends on the origin being
 * allowed. With no origins configured nothing is allowed: preflights get 204 without
 * Access-Control-Allow-Origin, and browsers refuse cross-origin reads.
 *
 * Resolves `true` when the request has been answered (a preflight).
 */
export function createCors(settings: CorsSettings): (req: http.IncomingMessage, res: http.ServerResponse) => Promise<boolean> {
  const anyOrigin = settings.origins.includes('*');
  const middleware = cors({
    // A list (even of one) is matched against the request's Origin and echoed with `Vary: Origin`,
    // so a cache never hands one origin's answer to another.
    origin: anyOrigin ? '*' : settings.origins,
    credentials: settings.credentials,
    maxAge: settings.maxAgeSeconds,
    methods: ALLOWED_METHODS,
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    preflightContinue: false,
    optionsSuccessStatus: 204,
  });
  return (req, res) =>
    new Promise<boolean>((resolve, reject) => {
      middleware(req, res, (error?: unknown) => (error ? reject(error) : resolve(false)));
      // The middleware answers a preflight itself, without calling next.
      if (res.writableEnded) resolve(true);
    });
}
