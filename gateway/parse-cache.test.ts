import { describe, expect, it, vi } from 'vitest';
import { createLRUCache } from 'graphql-yoga';

/**
 * The gateway's parse and validation caches are Yoga's (useParserAndValidationCache), LRU caches
 * with an hour's TTL. lru-cache reads the clock for a TTL check and arms a timer to forget the
 * reading; by default it forgets it after a millisecond, so nearly every request armed a timer on
 * the parse cache's lookup (issue 13: 3.7% of an events page's main thread; 1.0% after).
 * patches/graphql-yoga+*.patch keeps a reading for a thousandth of the TTL (a second for the hour,
 * at least a millisecond).
 */
describe("Yoga's LRU caches", () => {
  it('arm at most one timer over many lookups a few milliseconds apart', async () => {
    const cache = createLRUCache<string>();
    cache.set('query { a }', 'document');
    let armed = 0;
    for (let i = 0; i < 10; i++) {
      // Watched only while the lookup runs, synchronously: whatever it arms is the cache's.
      const timers = vi.spyOn(globalThis, 'setTimeout');
      expect(cache.get('query { a }')).toBe('document');
      armed += timers.mock.calls.length;
      timers.mockRestore();
      await new Promise<void>((resolve) => setImmediate(resolve));
      const until = performance.now() + 2;
      while (performance.now() < until);
    }
    expect(armed).toBeLessThanOrEqual(1);
  });

  it('still let entries expire with their TTL', async () => {
    const cache = createLRUCache<string>({ ttl: 40 });
    cache.set('query { a }', 'document');
    expect(cache.get('query { a }')).toBe('document');
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(cache.get('query { a }')).toBeUndefined();
  });
});
