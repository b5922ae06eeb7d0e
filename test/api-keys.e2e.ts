import { it, expect, beforeAll, afterAll, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals } from './testkit/auth.ts';
import { mintToken, signingKeyFromSecret } from '../platform/auth/tokens.ts';
import { mintApiKey } from '../platform/auth/api-keys.ts';
import { DEMO } from '../seed/demo.ts';

const WS = DEMO.workspaceId;
const RETIRED_SECRET = 'a-secret-the-gateway-signed-with-last-month-0123456789';
const CREATE = 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }';
const VIEWER = '{ viewer { role actorId workspace { id } user { id } } }';
const CREATE_TASK = `mutation($title: String!) { createTask(input: { serviceLineId: "${DEMO.serviceLineId}", title: $title }) { id } }`;

/** API keys and rotated signing secrets as clients meet them: the same Bearer header, over HTTP. */
describeEngines('gateway: API keys and signing-secret rotation', (ctx) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin, { previousSecrets: [RETIRED_SECRET] });
  });
  afterAll(() => sys?.close());

  const createKey = async (input: Record<string, unknown>) => {
    const res = await sys.graphql(CREATE, { input });
    expect(res.errors).toBeUndefined();
    return { id: res.data.createApiKey.apiKey.id as string, bearer: `Bearer ${res.data.createApiKey.secret}` };
  };
  const lastUsedAt = async (id: string) =>
    (await ctx.database.rows<{ at: Date | string | null }>(sql`select last_used_at as at from organizations.api_keys where id = ${id}`))[0].at;
  async function expect401(authorization: string, message: string) {
    const res = await sys.graphqlWith(authorization, VIEWER);
    expect(res.status, authorization).toBe(401);
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0]).toMatchObject({ message, extensions: { code: 'UNAUTHENTICATED' } });
  }

  it('authenticates a created key, which acts with its role inside its workspace', async () => {
    const key = await createKey({ name: 'payments bot', role: 'MEMBER', workspaceId: WS });
    const viewer = await sys.graphqlWith(key.bearer, VIEWER);
    expect(viewer.status).toBe(200);
    expect(viewer.data.viewer).toEqual({ role: 'MEMBER', actorId: key.id, workspace: { id: WS }, user: null });
    const elsewhere = await sys.graphqlWith(key.bearer, `{ workspace(id: "${DEMO.dataWorkspaceId}") { id } }`);
    expect(elsewhere.data.workspace).toBeNull();
    expect(elsewhere.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const task = await sys.graphqlWith(key.bearer, CREATE_TASK, { title: 'Created by a key' });
    expect(task.errors).toBeUndefined();
    const [event] = await ctx.database.rows<{ actor_type: string; actor_id: string }>(
      sql`select actor_type, actor_id from events.events where subject_id = ${task.data.createTask.id}`);
    expect(event).toEqual({ actor_type: 'api_key', actor_id: key.id });
    // A member key is no administrator: it can neither see nor mint keys.
    expect((await sys.graphqlWith(key.bearer, '{ apiKeys(first: 10) { totalCount } }')).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await sys.graphqlWith(key.bearer, CREATE, { input: { name: 'x' } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('holds a viewer key to reading and an admin key to its own rank', async () => {
    const viewerKey = await createKey({ name: 'dashboard', role: 'VIEWER' });
    expect((await sys.graphqlWith(viewerKey.bearer, `{ workspace(id: "${DEMO.dataWorkspaceId}") { id } }`)).data.workspace).toEqual({ id: DEMO.dataWorkspaceId });
    expect((await sys.graphqlWith(viewerKey.bearer, CREATE_TASK, { title: 'nope' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const adminKey = await createKey({ name: 'provisioning', role: 'ADMIN' });
    const child = await sys.graphqlWith(adminKey.bearer, CREATE, { input: { name: 'child', role: 'VIEWER' } });
    expect(child.errors).toBeUndefined();
    const owner = await sys.graphqlWith(adminKey.bearer, CREATE, { input: { name: 'root', role: 'OWNER' } });
    expect(owner.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses revoked, expired, unknown and malformed keys with 401', async () => {
    const revoked = await createKey({ name: 'to revoke' });
    expect((await sys.graphqlWith(revoked.bearer, VIEWER)).status).toBe(200);
    expect((await sys.graphql('mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', { id: revoked.id })).errors).toBeUndefined();
    await expect401(revoked.bearer, 'API key has been revoked.');

    const expired = await createKey({ name: 'short-lived', expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect((await sys.graphqlWith(expired.bearer, VIEWER)).status).toBe(200);
    await ctx.database.rows(sql`update organizations.api_keys set expires_at = now() - interval '1 second' where id = ${expired.id}`);
    await expect401(expired.bearer, 'API key has expired.');

    await expect401(`Bearer ${mintApiKey().token}`, 'API key is invalid.');
    const real = revoked.bearer.slice('Bearer '.length);
    for (const malformed of ['sk_', 'sk_short_secret', `${real}x`, `${real.slice(0, 13)}-${real.slice(14)}`, `sk_${'A'.repeat(10)}_${'b'.repeat(42)}`]) {
      await expect401(`Bearer ${malformed}`, 'API key is malformed.');
    }
  });

  it('records last_used_at off the request path, at most once a minute per key', async () => {
    const key = await createKey({ name: 'usage' });
    expect(await lastUsedAt(key.id)).toBeNull();
    expect((await sys.graphqlWith(key.bearer, VIEWER)).status).toBe(200);
    const first = await vi.waitFor(async () => {
      const at = await lastUsedAt(key.id);
      if (!at) throw new Error('last_used_at not written yet');
      return new Date(at);
    }, { timeout: 5_000, interval: 20 });
    expect(Math.abs(first.getTime() - Date.now())).toBeLessThan(60_000);
    for (let i = 0; i < 3; i++) expect((await sys.graphqlWith(key.bearer, VIEWER)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(new Date((await lastUsedAt(key.id))!)).toEqual(first);
    const listed = await sys.graphql('{ apiKeys(first: 100) { nodes { id lastUsedAt } } }');
    expect(listed.data.apiKeys.nodes.find((n: { id: string }) => n.id === key.id).lastUsedAt).not.toBeNull();
  });

  it('accepts tokens signed with a secret in AUTH_PREVIOUS_SECRETS, and none signed with an unknown one', async () => {
    const retired = await mintToken(signingKeyFromSecret(RETIRED_SECRET), principals.apexMember);
    const ok = await sys.graphqlWith(`Bearer ${retired}`, VIEWER);
    expect(ok.status).toBe(200);
    expect(ok.data.viewer).toMatchObject({ role: 'MEMBER', actorId: principals.apexMember.actorId });
    expect((await sys.graphql(VIEWER)).data.viewer.role).toBe('ADMIN');
    const unknown = await mintToken(signingKeyFromSecret('a-secret-this-gateway-never-had-0123456789'), principals.apexAdmin);
    await expect401(`Bearer ${unknown}`, 'Token is invalid.');
    await expect401('Bearer not-a-token-nor-a-key', 'Token is invalid.');
  });
});
