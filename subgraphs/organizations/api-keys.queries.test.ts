import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEngines } from '../../test/testkit/describe-engines.ts';
import { startSubgraph, type SubgraphClient } from '../../test/testkit/subgraph.ts';
import { principals, otherTenant } from '../../test/testkit/auth.ts';
import type { Principal } from '../../platform/auth/tokens.ts';
import { DEMO } from '../../seed/demo.ts';
import { definition } from './public.ts';

const WS = DEMO.workspaceId;
const admin = principals.apexAdmin;
const narrowedAdmin: Principal = { ...admin, workspaceId: WS };
const northwind = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);
const LIST = `query($first: Int, $after: String, $last: Int, $before: String, $all: Boolean) {
  apiKeys(first: $first, after: $after, last: $last, before: $before, includeRevoked: $all) {
    totalCount nodes { id name revokedAt } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
const NODE = 'query($id: ID!) { node(id: $id) { __typename id ... on ApiKey { name role tokenPrefix workspace { id name } createdBy } } }';

describeEngines('organizations subgraph: API key reads', (ctx) => {
  let client: SubgraphClient;
  /** In creation order: org-wide, narrowed to WS-26-000021, revoked, another workspace; then Northwind's. */
  const ids: string[] = [];
  let northwindKey = '';
  const q = (query: string, variables?: Record<string, unknown>, principal?: Principal | null) => client.query(query, variables, principal);
  const names = (res: { data?: any }) => res.data.apiKeys.nodes.map((n: { name: string }) => n.name);

  beforeAll(async () => {
    client = await startSubgraph(definition, ctx.database, admin);
    const create = async (input: Record<string, unknown>, principal: Principal = admin) =>
      (await q('mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } } }', { input }, principal)).data.createApiKey.apiKey.id;
    ids.push(await create({ name: 'org-wide', role: 'ADMIN' }));
    ids.push(await create({ name: 'payments', workspaceId: WS }));
    ids.push(await create({ name: 'revoked', workspaceId: WS }));
    ids.push(await create({ name: 'data', workspaceId: DEMO.dataWorkspaceId, role: 'VIEWER' }));
    northwindKey = await create({ name: 'northwind' }, northwind);
    await q('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: ids[2] });
  });
  afterAll(async () => {
    await client?.close();
  });

  it('lists the organization\'s live keys oldest first; revoked ones only when asked', async () => {
    const live = await q(LIST);
    expect(live.errors).toBeUndefined();
    expect(live.data.apiKeys.totalCount).toBe(3);
    expect(names(live)).toEqual(['org-wide', 'payments', 'data']);
    const all = await q(LIST, { all: true });
    expect(names(all)).toEqual(['org-wide', 'payments', 'revoked', 'data']);
    expect(all.data.apiKeys.totalCount).toBe(4);
    expect(all.data.apiKeys.nodes[2].revokedAt).not.toBeNull();
    expect(names(await q(LIST, { all: false }))).toEqual(['org-wide', 'payments', 'data']);
  });

  it('pages forward and backward with cursors', async () => {
    const first = await q(LIST, { first: 2, all: true });
    expect(names(first)).toEqual(['org-wide', 'payments']);
    expect(first.data.apiKeys.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const next = await q(LIST, { first: 2, after: first.data.apiKeys.pageInfo.endCursor, all: true });
    expect(names(next)).toEqual(['revoked', 'data']);
    expect(next.data.apiKeys.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const back = await q(LIST, { last: 1, before: next.data.apiKeys.pageInfo.startCursor, all: true });
    expect(names(back)).toEqual(['payments']);
    for (const [variables, argument] of [[{ first: 0 }, 'first'], [{ first: 101 }, 'first'], [{ first: 1, last: 1 }, 'last'],
      [{ after: 'eyJpZCI6IkxJTi0yNi0wODQ3MjkifQ' }, 'after']] as const) {
      expect((await q(LIST, variables)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    }
  });

  it('keeps keys within the tenancy: a narrowed admin sees its workspace\'s, another organization none of these', async () => {
    expect(names(await q(LIST, { all: true }, narrowedAdmin))).toEqual(['payments', 'revoked']);
    const other = await q(LIST, { all: true }, northwind);
    expect(names(other)).toEqual(['northwind']);
    expect(names(await q(LIST, {}))).not.toContain('northwind');
  });

  it('shows keys to admins only', async () => {
    for (const principal of [principals.apexMember, principals.apexViewer, principals.apexPayments]) {
      const list = await q(LIST, {}, principal);
      expect(list.data).toEqual({ apiKeys: null });
      expect(list.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const node = await q(NODE, { id: ids[0] }, principal);
      expect(node.data.node).toBeNull();
      expect(node.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('resolves node(id:) of a key; unknown, foreign and out-of-workspace keys are NOT_FOUND', async () => {
    const res = await q(NODE, { id: ids[1] });
    expect(res.data.node).toMatchObject({ __typename: 'ApiKey', id: ids[1], name: 'payments', role: 'MEMBER',
      workspace: { id: WS, name: 'Payments Engineering' }, createdBy: admin.actorId });
    expect(res.data.node.tokenPrefix).toMatch(/^[A-Za-z0-9]{10}$/);
    for (const [id, principal] of [['KEY-26-999999', admin], [northwindKey, admin], [ids[0], northwind], [ids[3], narrowedAdmin]] as const) {
      const missing = await q(NODE, { id }, principal);
      expect(missing.data.node).toBeNull();
      expect(missing.errors?.[0]).toMatchObject({ message: `API key ${id} not found.`, extensions: { code: 'NOT_FOUND' } });
    }
  });

  it('resolves _entities of ApiKey; unknown and other-tenant IDs are null', async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on ApiKey { id name } } }';
    const refs = [ids[0], 'KEY-26-999999', northwindKey].map((id) => ({ __typename: 'ApiKey', id }));
    const res = await q(query, { r: refs });
    expect(res.data._entities).toEqual([{ id: ids[0], name: 'org-wide' }, null, null]);
  });

  it('refuses a request without the signed principal with 401', async () => {
    const res = await q(LIST, {}, null);
    expect(res.status).toBe(401);
  });
});
