import pRetry from 'p-retry';
import { isPlatformError, PlatformError } from '../../platform/errors.ts';
import { isDatabaseUnavailable } from '../../platform/unavailable.ts';
import { DEFAULT_EXPORT_RETRY_SECONDS } from '../../platform/config.ts';

/**
 * How an export job rides out a part that is briefly away: a page read (or written) that fails
 * because a subgraph or the database does not answer is tried again, waiting `firstDelayMs`, then
 * twice as long each time (with jitter, at most `maxDelayMs`), until it succeeds or `maxSeconds`
 * have passed since the first attempt; only then does the job fail, saying what was unavailable.
 */
export interface RetryPolicy {
  /** EXPORT_RETRY_SECONDS: the longest one page may keep failing for a part that is away. */
  maxSeconds: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxSeconds: DEFAULT_EXPORT_RETRY_SECONDS, firstDelayMs: 500, maxDelayMs: 10_000 };

/** An unexplained failure (not the caller's, not an outage) is tried this many times in all. */
const UNEXPLAINED_ATTEMPTS = 3;

/**
 * Whether a failure says that a part the job needs is away for now (503 SERVICE_UNAVAILABLE from
 * the graph: a subgraph, or a subgraph's database; or the gateway's own database out of reach),
 * rather than that the job itself is wrong.
 */
export function isUnavailable(error: unknown): boolean {
  if (isPlatformError(error)) return error.code === 'service_unavailable';
  return isDatabaseUnavailable(error);
}

export interface RetryHooks {
  /** Aborts the waiting between attempts (the worker is stopping): the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Called after each failed attempt that will be retried (the worker keeps its job's heartbeat fresh with it). */
  onRetry?(error: unknown, attempt: number): void | Promise<void>;
}

/**
 * Runs `operation` under the policy. A refusal that is the caller's (a PlatformError other than
 * service_unavailable: a bad filter, a revoked key) is final at once; an outage is retried with
 * backoff until the policy's bound, then rethrown as service_unavailable saying how long it was
 * tried; anything unexplained is tried UNEXPLAINED_ATTEMPTS times.
 */
export async function withRetries<T>(policy: RetryPolicy, operation: () => Promise<T>, hooks: RetryHooks = {}): Promise<T> {
  try {
    return await pRetry(operation, {
      retries: Number.POSITIVE_INFINITY,
      factor: 2,
      minTimeout: policy.firstDelayMs,
      maxTimeout: policy.maxDelayMs,
      randomize: true,
      maxRetryTime: policy.maxSeconds * 1000,
      signal: hooks.signal,
      unref: true,
      shouldRetry: ({ error, attemptNumber }) => isUnavailable(error) || (!isPlatformError(error) && attemptNumber < UNEXPLAINED_ATTEMPTS),
      onFailedAttempt: async ({ error, attemptNumber }) => {
        if (isUnavailable(error) || (!isPlatformError(error) && attemptNumber < UNEXPLAINED_ATTEMPTS)) await hooks.onRetry?.(error, attemptNumber);
      },
    });
  } catch (error) {
    if (hooks.signal?.aborted || !isUnavailable(error)) throw error;
    const what = isPlatformError(error) ? error.message : 'The database is unavailable.';
    throw new PlatformError('service_unavailable', `${what.replace(/\s*$/, '')} The export gave up after retrying for ${policy.maxSeconds} seconds; submit it again.`);
  }
}
