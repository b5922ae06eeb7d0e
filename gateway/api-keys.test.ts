import { it, expect, vi } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { describeEngines } from '../test/testkit/describe-engines.ts';
import { mintApiKey } from '../platform/auth/api-keys.ts';
import { apiKeys } from '../subgraphs/organizations/tables.ts';
import { DEMO } from '../seed/demo.ts';
import { apiKeyAuthenticator } from './api-keys.ts';
import { bearerAuthenticator } from './auth.ts';

/** The gateway's side of API keys, against a real database: lookup, refusals and the use throttle. */
describeEngines('gateway: API key authentication', (ctx) => {
  async function storeKey(values: Partial<typeof apiKeys.$inferInsert> = {}) {
    const minted = mintApiKey();
    const [row] = await ctx.database.db.insert(apiKeys).values({
      organizationId: DEMO.organizationId, name: 'unit', role: 'viewer', tokenPrefix: minted.tokenPrefix, secretHash: minted.secretHash, ...values,
    }).returning();
    return { ...row, token: minted.token };
  }
  const lastUsed = async (id: string) => (await ctx.database.db.select().from(apiKeys).where(eq(apiKeys.id, id)))[0].lastUsedAt;

  it('turns a stored key into the principal of that key, valid until the key expires', async () => {
    const key = await storeKey({ workspaceId: DEMO.workspaceId, role: 'member' });
    expect(await apiKeyAuthenticator(ctx.database.db)(key.token)).toEqual({
      principal: {
        organizationId: DEMO.organizationId, workspaceId: DEMO.workspaceId, role: 'member', actorId: key.id, actorType: 'api_key',
        // The key's non-secret prefix, for the audit trail; the gateway fills in the rest of the origin.
        origin: { keyPrefix: key.tokenPrefix, clientAddress: null, userAgent: null, channel: 'graphql' },
      },
      expiresAt: null,
    });
    const expiresAt = new Date(Date.now() + 3_600_000);
    const expiring = await storeKey({ expiresAt });
    expect((await apiKeyAuthenticator(ctx.database.db)(expiring.token)).expiresAt).toBe(expiresAt.getTime());
  });

  it('writes last_used_at at most once per interval per key, without the caller waiting for it', async () => {
    let now = Date.now();
    const authenticate = apiKeyAuthenticator(ctx.database.db, { now: () => now });
    const key = await storeKey();
    const other = await storeKey();
    const first = await ctx.database.statements.measure(() => authenticate(key.token));
    expect(first.queries[0]).toContain('select');
    await vi.waitFor(async () => expect(await lastUsed(key.id)).not.toBeNull());
    const soon = await ctx.database.statements.measure(async () => {
      now += 59_000;
      await authenticate(key.token);
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect(soon.queries.filter((q) => q.startsWith('update'))).toEqual([]);
    // Another key has its own budget; the first key is due again a minute after its last write.
    await authenticate(other.token);
    await vi.waitFor(async () => expect(await lastUsed(other.id)).not.toBeNull());
    now += 2_000;
    const later = await ctx.database.statements.measure(async () => {
      await authenticate(key.token);
      await vi.waitFor(() => expect(ctx.database.statements.recent.some((q) => q.startsWith('update'))).toBe(true));
    });
    expect(later.queries.filter((q) => q.startsWith('update'))).toHaveLength(1);
  });

  it('refuses malformed keys without a lookup, and unknown, revoked and expired ones after it', async () => {
    let now = Date.now();
    const authenticate = apiKeyAuthenticator(ctx.database.db, { now: () => now });
    const malformed = await ctx.database.statements.measure(() => authenticate('sk_nope').catch((e) => e));
    expect(malformed).toMatchObject({ statements: 0, result: { code: 'unauthorized', message: 'API key is malformed.' } });
    await expect(authenticate(mintApiKey().token)).rejects.toMatchObject({ code: 'unauthorized', message: 'API key is invalid.' });
    const revoked = await storeKey({ revokedAt: sql`now()` as never });
    await expect(authenticate(revoked.token)).rejects.toMatchObject({ code: 'unauthorized', message: 'API key has been revoked.' });
    const expiring = await storeKey({ expiresAt: new Date(now + 1_000) });
    await expect(authenticate(expiring.token)).resolves.toMatchObject({ principal: { actorId: expiring.id } });
    now += 1_000;
    await expect(authenticate(expiring.token)).rejects.toMatchObject({ code: 'unauthorized', message: 'API key has expired.' });
  });

  it('routes sk_ credentials to keys and refuses them where keys are not accepted', async () => {
    const key = await storeKey();
    const withKeys = bearerAuthenticator([], apiKeyAuthenticator(ctx.database.db));
    await expect(withKeys.authenticate(`Bearer ${key.token}`)).resolves.toMatchObject({ principal: { actorType: 'api_key', actorId: key.id } });
    await expect(bearerAuthenticator([]).authenticate(`Bearer ${key.token}`)).rejects.toMatchObject({ code: 'unauthorized' });
  });
});
