import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { eq, gt, sql } from 'drizzle-orm';
import { describeEngines } from '../../test/testkit/describe-engines.ts';
import { startSubgraph, type SubgraphClient, type GraphQLResponse } from '../../test/testkit/subgraph.ts';
import { principals, otherTenant } from '../../test/testkit/auth.ts';
import type { Principal } from '../../platform/auth/tokens.ts';
import { DEMO } from '../../seed/demo.ts';
import { events } from '../../platform/event-log-table.ts';
import { apiKeys } from './tables.ts';
import { definition } from './public.ts';

const WS = DEMO.workspaceId;
const admin = principals.apexAdmin;
const owner: Principal = { ...admin, role: 'owner', actorId: DEMO.ownerUserId };
const narrowedAdmin: Principal = { ...admin, workspaceId: WS };
const adminKey: Principal = { ...admin, actorType: 'api_key', actorId: 'KEY-26-000900' };
const northwind = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);
const yy = String(new Date().getUTCFullYear() % 100).padStart(2, '0');
const errorOf = (res: GraphQLResponse) => ({ ...res.errors?.[0]?.extensions, message: res.errors?.[0]?.message });

const FIELDS = 'id name role workspace { id } tokenPrefix createdBy createdAt lastUsedAt expiresAt revokedAt';
const CREATE = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { ${FIELDS} } } }`;
const REVOKE = `mutation($id: ID!) { revokeApiKey(id: $id) { ${FIELDS} } }`;

describeEngines('organizations subgraph: API key writes', (ctx) => {
  let client: SubgraphClient;
  beforeAll(async () => {
    client = await startSubgraph(definition, ctx.database, admin);
  });
  afterAll(async () => {
    await client?.close();
  });

  const db = () => ctx.database.db;
  const counts = async () => (await ctx.database.rows<{ k: number; e: number }>(
    sql`select (select count(*) from organizations.api_keys)::int as k, (select count(*) from events.events)::int as e`))[0];
  const lastSeq = async () => (await db().select({ seq: sql<number>`coalesce(max(seq), 0)::int` }).from(events))[0].seq;
  const eventsAfter = (seq: number) => db().select().from(events).where(gt(events.seq, seq)).orderBy(events.seq);
  const create = async (input: Record<string, unknown>, principal: Principal = admin) => {
    const res = await client.query(CREATE, { input }, principal);
    expect(res.errors, JSON.stringify(input)).toBeUndefined();
    return res.data.createApiKey as { secret: string; apiKey: Record<string, any> };
  };

  /** Sends a mutation that must fail, and checks its code, its field and that nothing was written. */
  async function refused(query: string, variables: Record<string, unknown>, code: string, argument?: string, principal: Principal = admin) {
    const before = await counts();
    const res = await client.query(query, variables, principal);
    expect(errorOf(res), JSON.stringify(variables)).toMatchObject({ code, ...(argument ? { argument } : {}) });
    expect(res.data?.[Object.keys(res.data ?? {})[0]] ?? null).toBeNull();
    expect(await counts()).toEqual(before);
    return errorOf(res);
  }

  it('creates a key shown once, stores only its hash, and appends api_key.created without the secret', async () => {
    const seq = await lastSeq();
    const { secret, apiKey } = await create({ name: ' CI deploys ', role: 'MEMBER', workspaceId: WS, expiresAt: '2099-01-01T00:00:00Z' });
    expect(apiKey).toMatchObject({ name: 'CI deploys', role: 'MEMBER', workspace: { id: WS }, createdBy: admin.actorId,
      lastUsedAt: null, expiresAt: '2099-01-01T00:00:00Z', revokedAt: null });
    expect(apiKey.id).toMatch(new RegExp(`^KEY-${yy}-\\d{6}$`));
    expect(secret).toMatch(/^sk_[A-Za-z0-9]{10}_[A-Za-z0-9_-]{43}$/);
    expect(secret.startsWith(`sk_${apiKey.tokenPrefix}_`)).toBe(true);
    const [row] = await db().select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(row).toMatchObject({ organizationId: DEMO.organizationId, workspaceId: WS, role: 'member', createdBy: admin.actorId,
      secretHash: createHash('sha256').update(secret).digest('hex') });
    const appended = await eventsAfter(seq);
    expect(appended).toHaveLength(1);
    expect(appended[0]).toMatchObject({ type: 'api_key.created', organizationId: DEMO.organizationId, workspaceId: WS, actorType: 'user',
      actorId: admin.actorId, subjectType: 'api_key', subjectId: apiKey.id,
      payload: { name: 'CI deploys', role: 'member', token_prefix: apiKey.tokenPrefix, expires_at: '2099-01-01T00:00:00Z' } });
    // The secret, or its random part alone, is nowhere in the database: not in a key row, not in an event.
    const everything = JSON.stringify([await db().select().from(apiKeys), await db().select().from(events)]);
    for (const part of [secret, secret.slice(-43)]) expect(everything).not.toContain(part);
    expect(everything).toContain(row.secretHash);
    // Keys read back never carry a secret: no field of ApiKey exposes one.
    const read = await client.query(`query($id: ID!) { node(id: $id) { ... on ApiKey { ${FIELDS} } } }`, { id: apiKey.id });
    expect(JSON.stringify(read)).not.toContain(secret.slice(-43));
  });

  it('defaults to a MEMBER key for the whole organization, and mints a new secret every time', async () => {
    const a = await create({ name: 'reporting' });
    const b = await create({ name: 'reporting' });
    expect(a.apiKey).toMatchObject({ role: 'MEMBER', workspace: null, expiresAt: null });
    expect(a.secret).not.toBe(b.secret);
    expect(a.apiKey.tokenPrefix).not.toBe(b.apiKey.tokenPrefix);
  });

  it('never hands out a role above the creator\'s own', async () => {
    expect((await create({ name: 'root', role: 'OWNER' }, owner)).apiKey.role).toBe('OWNER');
    expect((await create({ name: 'ops', role: 'ADMIN' })).apiKey.role).toBe('ADMIN');
    const error = await refused(CREATE, { input: { name: 'escalate', role: 'OWNER' } }, 'FORBIDDEN');
    expect(error.message).toContain('owner');
    await refused(CREATE, { input: { name: 'escalate', role: 'OWNER' } }, 'FORBIDDEN', undefined, adminKey);
  });

  it('lets an admin-role key create keys, recorded as the key that acted', async () => {
    const seq = await lastSeq();
    const { apiKey } = await create({ name: 'child', role: 'VIEWER' }, adminKey);
    expect(apiKey).toMatchObject({ createdBy: adminKey.actorId, role: 'VIEWER' });
    expect((await eventsAfter(seq))[0]).toMatchObject({ actorType: 'api_key', actorId: adminKey.actorId, type: 'api_key.created' });
  });

  it('refuses members and viewers: creating and revoking keys is administration', async () => {
    const { apiKey } = await create({ name: 'victim' });
    for (const principal of [principals.apexMember, principals.apexViewer, principals.apexPayments]) {
      await refused(CREATE, { input: { name: 'mine', role: 'VIEWER' } }, 'FORBIDDEN', undefined, principal);
      await refused(REVOKE, { id: apiKey.id }, 'FORBIDDEN', undefined, principal);
    }
  });

  it('validates everything before writing anything', async () => {
    const input = (patch: Record<string, unknown>) => ({ input: { name: 'valid', ...patch } });
    await refused(CREATE, input({ name: '   ' }), 'UNPROCESSABLE', 'name');
    await refused(CREATE, input({ name: 'x'.repeat(201) }), 'UNPROCESSABLE', 'name');
    await refused(CREATE, input({ workspaceId: DEMO.taskId }), 'BAD_USER_INPUT', 'workspaceId');
    await refused(CREATE, input({ workspaceId: 'WS-26-999999' }), 'UNPROCESSABLE', 'workspaceId');
    await refused(CREATE, input({ workspaceId: DEMO.otherWorkspaceId }), 'UNPROCESSABLE', 'workspaceId');
    await refused(CREATE, input({ expiresAt: '2020-01-01T00:00:00Z' }), 'UNPROCESSABLE', 'expiresAt');
    await refused(CREATE, input({ expiresAt: 'tomorrow' }), 'BAD_USER_INPUT');
    await refused(CREATE, input({ role: 'SUPERUSER' }), 'BAD_USER_INPUT');
  });

  it('keeps a narrowed creator\'s keys inside its own workspace', async () => {
    expect((await create({ name: 'implicit' }, narrowedAdmin)).apiKey.workspace).toEqual({ id: WS });
    expect((await create({ name: 'explicit', workspaceId: WS }, narrowedAdmin)).apiKey.workspace).toEqual({ id: WS });
    await refused(CREATE, { input: { name: 'elsewhere', workspaceId: DEMO.dataWorkspaceId } }, 'UNPROCESSABLE', 'workspaceId', narrowedAdmin);
  });

  it('revokes a key once, appending api_key.revoked; again is a CONFLICT', async () => {
    const { apiKey } = await create({ name: 'to revoke', workspaceId: WS });
    const seq = await lastSeq();
    const res = await client.query(REVOKE, { id: apiKey.id });
    expect(res.errors).toBeUndefined();
    const revoked = res.data.revokeApiKey;
    expect(revoked).toMatchObject({ id: apiKey.id, name: 'to revoke', tokenPrefix: apiKey.tokenPrefix });
    expect(Math.abs(Date.parse(revoked.revokedAt) - Date.now())).toBeLessThan(60_000);
    const appended = await eventsAfter(seq);
    expect(appended).toHaveLength(1);
    expect(appended[0]).toMatchObject({ type: 'api_key.revoked', organizationId: DEMO.organizationId, workspaceId: WS, actorType: 'user',
      actorId: admin.actorId, subjectType: 'api_key', subjectId: apiKey.id, payload: { name: 'to revoke', token_prefix: apiKey.tokenPrefix } });
    expect((await refused(REVOKE, { id: apiKey.id }, 'CONFLICT')).message).toContain('already revoked');
    await refused(REVOKE, { id: apiKey.id }, 'CONFLICT', undefined, narrowedAdmin);
  });

  it('finds no key to revoke outside the caller\'s tenancy, and checks the ID', async () => {
    const orgWide = (await create({ name: 'org-wide' })).apiKey;
    expect((await refused(REVOKE, { id: orgWide.id }, 'NOT_FOUND', undefined, northwind)).message).toBe(`API key ${orgWide.id} not found.`);
    await refused(REVOKE, { id: orgWide.id }, 'NOT_FOUND', undefined, narrowedAdmin);
    await refused(REVOKE, { id: 'KEY-26-999999' }, 'NOT_FOUND');
    await refused(REVOKE, { id: DEMO.workspaceId }, 'BAD_USER_INPUT', 'id');
    expect((await db().select().from(apiKeys).where(eq(apiKeys.id, orgWide.id)))[0].revokedAt).toBeNull();
  });
});
