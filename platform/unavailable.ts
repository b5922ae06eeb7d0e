import { isPlatformError, serviceUnavailable, type PlatformError } from './errors.ts';

/**
 * Errors that say the database is out of reach rather than that a statement was wrong: no
 * connection could be had in time (postgres.js CONNECT_TIMEOUT, a socket refused or reset, the wait
 * for a pooled connection cut short: 57014, see db.ts), the connection was lost, or the server is
 * shutting down or starting up (57P01-57P03, class 08). PGlite runs inside the process and cannot
 * go away, so only PostgreSQL raises these.
 */
const UNAVAILABLE_CODES = new Set([
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  '57014',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

/** Whether `error` (or an error it wraps: drizzle wraps the driver's) says the database does not answer. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  }
  return false;
}

/**
 * The error a caller may be shown for `error`: a PlatformError as it is, an unreachable database as
 * service_unavailable (503, Retry-After); anything else is not the caller's business (undefined).
 */
export function callerError(error: unknown): PlatformError | undefined {
  if (isPlatformError(error)) return error;
  if (isDatabaseUnavailable(error)) return serviceUnavailable('The database is unavailable; nothing was done. Retry shortly.');
  return undefined;
}
