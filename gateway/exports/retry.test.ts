import { describe, it, expect } from 'vitest';
import { PlatformError, notFound, serviceUnavailable, unauthorized } from '../../platform/errors.ts';
import { isUnavailable, withRetries, type RetryPolicy } from './retry.ts';

const FAST: RetryPolicy = { maxSeconds: 5, firstDelayMs: 1, maxDelayMs: 2 };

/** An operation failing with each of `failures` in turn, then answering 'done'; counts its attempts. */
function flaky(...failures: unknown[]) {
  const calls = { n: 0 };
  const operation = async () => {
    const failure = failures[calls.n++];
    if (failure !== undefined) throw failure;
    return 'done';
  };
  return { calls, operation };
}

/** PostgreSQL going away as postgres.js and drizzle report it: the driver's code, wrapped. */
const databaseDown = (code: string) => Object.assign(new Error('Failed query'), { cause: Object.assign(new Error('terminating connection'), { code }) });

describe('export retries', () => {
  it('waits out a part of the graph or the database that is away, however many attempts it takes within the bound', async () => {
    const unavailable = serviceUnavailable('This part of the graph is unavailable right now; retry shortly.');
    const { calls, operation } = flaky(unavailable, databaseDown('57P01'), databaseDown('ECONNREFUSED'), unavailable, databaseDown('08006'));
    const retried: number[] = [];
    expect(await withRetries(FAST, operation, { onRetry: (_error, attempt) => void retried.push(attempt) })).toBe('done');
    expect(calls.n).toBe(6);
    expect(retried).toEqual([1, 2, 3, 4, 5]);
  });

  it('gives up past the bound, saying what was away and for how long', async () => {
    const { calls, operation } = flaky(...Array.from({ length: 10_000 }, () => serviceUnavailable('The database is unavailable; nothing was done. Retry shortly.')));
    const error = await withRetries({ maxSeconds: 0.05, firstDelayMs: 1, maxDelayMs: 5 }, operation).catch((e: unknown) => e);
    expect(calls.n).toBeGreaterThan(1);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ code: 'service_unavailable', message: 'The database is unavailable; nothing was done. Retry shortly. The export gave up after retrying for 0.05 seconds; submit it again.' });
  });

  it("stops at once on the caller's own refusals, and tries an unexplained failure three times", async () => {
    for (const refusal of [notFound('No workspace WS-26-999999.'), unauthorized('API key has been revoked.'), new PlatformError('bad_request', 'first must be an integer between 1 and 100, got 500.')]) {
      const { calls, operation } = flaky(refusal);
      await expect(withRetries(FAST, operation)).rejects.toBe(refusal);
      expect(calls.n).toBe(1);
    }
    const unexplained = new Error('graph error: something odd');
    const { calls, operation } = flaky(unexplained, unexplained, unexplained);
    await expect(withRetries(FAST, operation)).rejects.toBe(unexplained);
    expect(calls.n).toBe(3);
    expect(isUnavailable(unexplained)).toBe(false);
  });

  it('ends a wait at once when the worker stops, without turning it into a failure of the job', async () => {
    const stopping = new AbortController();
    const { operation } = flaky(...Array.from({ length: 100 }, () => serviceUnavailable('away')));
    const pending = withRetries({ maxSeconds: 60, firstDelayMs: 60_000, maxDelayMs: 60_000 }, operation, { signal: stopping.signal });
    stopping.abort(new Error('the export worker is stopping'));
    await expect(pending).rejects.toThrow('the export worker is stopping');
  });
});
