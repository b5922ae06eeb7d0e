/**
 * How webhooks are delivered, from the environment (the README lists each variable). The defaults
 * are the documented ones; tests shorten the retry schedule and allow loopback receivers.
 */
export interface WebhookSettings {
  /**
   * WEBHOOK_ALLOW_LOOPBACK: endpoints on this machine (127.0.0.0/8, ::1, localhost), over http or
   * https, for development and tests. Refused in production; private and link-local addresses
   * are refused always.
   */
  allowLoopback: boolean;
  /** WEBHOOK_TIMEOUT_SECONDS: longest one attempt may take, connecting to the last byte read. */
  timeoutMs: number;
  /** WEBHOOK_RETRY_BASE_SECONDS: the first retry's delay; each later one is 3 times the one before, at most a day. */
  retryBaseMs: number;
  /** WEBHOOK_MAX_ATTEMPTS: attempts of one delivery before it fails and its endpoint is disabled. */
  maxAttempts: number;
  /** WEBHOOK_CONCURRENCY: attempts one worker process has in flight at once (each to a different endpoint). */
  concurrency: number;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
  allowLoopback: false,
  timeoutMs: 10_000,
  retryBaseMs: 60_000,
  maxAttempts: 10,
  concurrency: 32,
};

export function loadWebhookSettings(env: NodeJS.ProcessEnv = process.env): WebhookSettings {
  const production = env.NODE_ENV === 'production';
  const allowLoopback = flag(env.WEBHOOK_ALLOW_LOOPBACK, 'WEBHOOK_ALLOW_LOOPBACK');
  if (allowLoopback && production) throw new Error('WEBHOOK_ALLOW_LOOPBACK is a development setting, refused when NODE_ENV=production');
  return {
    allowLoopback,
    timeoutMs: seconds(env.WEBHOOK_TIMEOUT_SECONDS, DEFAULT_WEBHOOK_SETTINGS.timeoutMs, 'WEBHOOK_TIMEOUT_SECONDS', 120),
    retryBaseMs: seconds(env.WEBHOOK_RETRY_BASE_SECONDS, DEFAULT_WEBHOOK_SETTINGS.retryBaseMs, 'WEBHOOK_RETRY_BASE_SECONDS', 3600),
    maxAttempts: count(env.WEBHOOK_MAX_ATTEMPTS, DEFAULT_WEBHOOK_SETTINGS.maxAttempts, 'WEBHOOK_MAX_ATTEMPTS', 20),
    concurrency: count(env.WEBHOOK_CONCURRENCY, DEFAULT_WEBHOOK_SETTINGS.concurrency, 'WEBHOOK_CONCURRENCY', 1000),
  };
}

function flag(value: string | undefined, name: string): boolean {
  if (value === undefined || value.trim() === '') return false;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new Error(`${name} must be true or false, got "${value}"`);
}

function seconds(value: string | undefined, fallbackMs: number, name: string, max: number): number {
  if (value === undefined || value.trim() === '') return fallbackMs;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > max) throw new Error(`${name} must be a number of seconds above 0 and at most ${max}, got "${value}"`);
  return Math.round(n * 1000);
}

function count(value: string | undefined, fallback: number, name: string, max: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${name} must be a whole number from 1 to ${max}, got "${value}"`);
  return n;
}
