import { describe, it, expect, vi, afterEach } from 'vitest';
import { jobFinished, MAX_WAIT_SECONDS, preferredWait, waitForJob } from './wait.ts';

describe('Prefer: wait (RFC 7240)', () => {
  it('reads the wait preference in seconds, capped, and ignores what it cannot honour', () => {
    expect(preferredWait(undefined)).toBeUndefined();
    expect(preferredWait('wait=10')).toBe(10);
    expect(preferredWait('respond-async, WAIT = 5')).toBe(5);
    expect(preferredWait('wait="7"; foo=bar')).toBe(7);
    expect(preferredWait(['return=minimal', 'wait=0'])).toBe(0);
    // Only the first occurrence counts.
    expect(preferredWait('wait=3, wait=9')).toBe(3);
    expect(preferredWait(`wait=${MAX_WAIT_SECONDS + 1}`)).toBe(MAX_WAIT_SECONDS);
    expect(preferredWait('wait=99999999999999')).toBeUndefined();
    for (const ignored of ['wait', 'wait=', 'wait=-1', 'wait=1.5', 'wait=abc', 'waiting=3', 'return=minimal']) expect(preferredWait(ignored), ignored).toBeUndefined();
  });

  describe('a wait', () => {
    afterEach(() => vi.useRealTimers());

    it('ends as soon as this process finishes the job, without waiting for its next look', async () => {
      vi.useFakeTimers();
      let status = 'running';
      const look = vi.fn(async () => ({ status }));
      const waiting = waitForJob('EXP-1', { status }, 60, look, (job) => job.status !== 'running', new AbortController().signal);
      await vi.advanceTimersByTimeAsync(0);
      status = 'completed';
      jobFinished('EXP-1');
      await expect(waiting).resolves.toEqual({ status: 'completed' });
      expect(look).toHaveBeenCalledTimes(1);
    });

    it('looks again every WAIT_RECHECK_MS until the job is finished or the time is up', async () => {
      vi.useFakeTimers();
      const look = vi.fn(async () => ({ status: 'running' }));
      const waiting = waitForJob('EXP-2', { status: 'running' }, 3, look, (job) => job.status !== 'running', new AbortController().signal);
      await vi.advanceTimersByTimeAsync(3_000);
      await expect(waiting).resolves.toEqual({ status: 'running' });
      expect(look).toHaveBeenCalledTimes(3);
    });

    it('ends when the client goes away, and answers a finished job without looking', async () => {
      const gone = new AbortController();
      const look = vi.fn(async () => ({ status: 'running' }));
      const waiting = waitForJob('EXP-3', { status: 'running' }, 60, look, (job) => job.status !== 'running', gone.signal);
      gone.abort();
      await expect(waiting).resolves.toEqual({ status: 'running' });
      expect(look).not.toHaveBeenCalled();
      await expect(waitForJob('EXP-4', { status: 'failed' }, 60, look, (job) => job.status !== 'running', gone.signal)).resolves.toEqual({ status: 'failed' });
      expect(look).not.toHaveBeenCalled();
    });
  });
});
