import { beforeAll, afterAll } from 'vitest';
import type { EngineContext } from './describe-engines.ts';
import { startTestSystem, type TestSystem } from './system.ts';
import { principals, bearer } from './auth.ts';
import { writeSnapshots } from './writes.ts';

/** `[[[...]]]` nested `levels` deep, as JSON text (a value this deep cannot go through JSON.stringify). */
export const nestedJson = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

/**
 * The system the bad-input and fuzz suites send their hundreds of requests to: the whole system
 * over this file's database, its rate limit out of the way, a bearer token for the docs'
 * organization's admin, and snapshots of everything written (testkit/writes.ts).
 */
export function badInputSystem(ctx: EngineContext) {
  let sys: TestSystem | undefined;
  let token = '';
  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin, { limits: { rateLimitPoints: 1_000_000 } });
    token = await bearer(principals.apexAdmin, '2h');
  });
  afterAll(() => sys?.close());
  return {
    get sys(): TestSystem {
      if (!sys) throw new Error('the system starts in beforeAll');
      return sys;
    },
    get token() {
      return token;
    },
    snapshot: writeSnapshots(() => ctx.database),
  };
}
