import { beforeAll, afterAll } from 'vitest';
import type { Principal } from '../../platform/auth/tokens.ts';
import type { EngineContext } from './describe-engines.ts';
import { startTestSystem, type TestSystem } from './system.ts';
import { principals, bearer, otherTenant } from './auth.ts';
import { DEMO } from '../../seed/demo.ts';
import { writeSnapshots } from './writes.ts';

/** `[[[...]]]` nested `levels` deep, as JSON text (a value this deep cannot go through JSON.stringify). */
export const nestedJson = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

/**
 * The system the bad-input and fuzz suites send their hundreds of requests to: the whole system
 * over this file's database, its rate limit out of the way, a bearer token for the docs'
 * organization's admin (and, in `tokens`, for each kind of caller: a member, a viewer, a token
 * narrowed to one workspace, the other tenant's admin), and snapshots of everything written
 * (testkit/writes.ts).
 */
/** The kinds of caller the fuzz suite sends as. */
export const CALLERS = ['admin', 'member', 'viewer', 'narrowed', 'otherTenant'] as const;
export type Caller = (typeof CALLERS)[number];

export function badInputSystem(ctx: EngineContext) {
  let sys: TestSystem | undefined;
  let token = '';
  const tokens: Record<Caller, string> = { admin: '', member: '', viewer: '', narrowed: '', otherTenant: '' };
  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin, { limits: { rateLimitPoints: 1_000_000 } });
    token = await bearer(principals.apexAdmin, '2h');
    const callers: Record<Caller, Principal> = {
      admin: principals.apexAdmin,
      member: principals.apexMember,
      viewer: principals.apexViewer,
      narrowed: principals.apexPayments,
      otherTenant: otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId),
    };
    for (const [caller, principal] of Object.entries(callers)) tokens[caller as Caller] = await bearer(principal, '2h');
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
    tokens,
    snapshot: writeSnapshots(() => ctx.database),
  };
}
