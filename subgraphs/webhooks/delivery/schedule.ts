import type { WebhookSettings } from '../../../platform/webhook-settings.ts';

/**
 * The retry schedule of an event delivery: after failed attempt n (1-based), the next one waits
 * base × 3^(n-1), at most a day, with ±20% jitter so that endpoints which failed together do not
 * retry in lockstep. With the defaults (60 s base, 10 attempts): 1 min, 3 min, 9 min, 27 min,
 * 81 min, ~4 h, ~12 h, 24 h, 24 h: the tenth attempt comes about 2.8 days after the first, and if
 * it fails too the delivery has failed and its endpoint is disabled.
 */
export const RETRY_FACTOR = 3;
export const MAX_RETRY_DELAY_MS = 24 * 3600 * 1000;
export const JITTER = 0.2;

/** The nominal delay after failed attempt `attempt`, before jitter. */
export function nominalDelayMs(settings: Pick<WebhookSettings, 'retryBaseMs'>, attempt: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, settings.retryBaseMs * RETRY_FACTOR ** (attempt - 1));
}

/**
 * When attempt `attempt + 1` is due, or null when `attempt` was the last one. `random` is in [0, 1).
 */
export function retryDelayMs(settings: Pick<WebhookSettings, 'retryBaseMs' | 'maxAttempts'>, attempt: number, random = Math.random()): number | null {
  if (attempt >= settings.maxAttempts) return null;
  return Math.round(nominalDelayMs(settings, attempt) * (1 - JITTER + 2 * JITTER * random));
}
