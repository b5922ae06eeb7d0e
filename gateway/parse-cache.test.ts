import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLRUCache } from 'graphql-yoga';

/**
 * The gateway's parse and validation caches are Yoga's (useParserAndValidationCache), LRU caches
 * with an hour's TTL. lru-cache reads the clock for a TTL check and arms a timer to forget the
 * reading; by default it forgets it after a millisecond, so nearly every request armed a timer on
 * the parse cache's lookup (issue 13: 2.6% of an events page's CPU). patches/graphql-yoga+*.patch
 * keeps a reading for a thousandth of the TTL (a second for the hour, at least a millisecond).
 */
describe("Yoga's LRU caches", () => {
  afterEach(() => vi.restoreAllMocks());

  it('arm at most one timer over many lookups a few milliseconds apart', async () => {
    const cache = createLRUCache<string>();
    cache.set('query { a }', 'document');
    const timers = vi.spyOn(globalThis, 'setTimeout');
    for (let i = 0; i < 10; i++) {
      expect(cache.get('query { a }')).toBe('document');
      await new Promise<void>((resolve) => setImmediate(resolve));
      const until = performance.now() + 2;
      while (performance.now() < until);
    }
    expect(timers.mock.calls.length).toBeLessThanOrEqual(1);
  });

  it('still let entries expire with their TTL', async () => {
    const cache = createLRUCache<string>({ ttl: 40 });
    cache.set('query { a }', 'document');
    expect(cache.get('query { a }')).toBe('document');
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(cache.get('query { a }')).toBeUndefined();
  });
});
