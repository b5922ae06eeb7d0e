import { it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, otherTenant, bearer } from './testkit/auth.ts';
import type { Principal } from '../platform/auth/tokens.ts';
import { DEMO } from '../seed/demo.ts';
import { encodeCursor } from '../platform/cursor.ts';
import { restClient, expectRestError } from './testkit/rest.ts';

const KEY_FIELDS = ['created_at', 'created_by', 'expires_at', 'id', 'last_used_at', 'name', 'revoked_at', 'role', 'token_prefix', 'workspace_id'];

/** The API Keys routes of the /v1 shim: owners and admins manage keys, and a key works until revoked. */
describeEngines('REST /v1 API keys', (ctx) => {
  let sys: TestSystem;
  const other = () => otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);
  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin);
  });
  afterAll(() => sys.close());

  const { call } = restClient(() => sys.url);
  const expectError = expectRestError;
  const keyCount = async () => (await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from organizations.api_keys`))[0].n;
  const create = async (body: Record<string, unknown>, as: Principal = principals.apexAdmin) => {
    const res = await call('POST', '/v1/api-keys', body, as);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.data;
  };

  it('creates a key (201) whose secret shows once, lists it without the secret, and the key authenticates REST calls', async () => {
    const created = await create({ name: 'payments reporting', role: 'member', workspace_id: DEMO.workspaceId, expires_at: '2099-01-01T00:00:00Z' });
    expect(Object.keys(created).sort()).toEqual([...KEY_FIELDS, 'secret'].sort());
    expect(created).toMatchObject({
      id: expect.stringMatching(/^KEY-26-\d{6}$/),
      name: 'payments reporting',
      role: 'member',
      workspace_id: DEMO.workspaceId,
      created_by: DEMO.adminUserId,
      expires_at: '2099-01-01T00:00:00Z',
      last_used_at: null,
      revoked_at: null,
    });
    expect(created.secret).toMatch(new RegExp(`^sk_${created.token_prefix}_`));

    const listed = await call('GET', '/v1/api-keys?limit=100');
    expect(listed.status).toBe(200);
    const { secret, ...record } = created;
    expect(listed.body.data).toContainEqual(record);
    for (const key of listed.body.data) expect(Object.keys(key).sort()).toEqual(KEY_FIELDS);
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    // The key is a Bearer credential for /v1, acting as a member inside its workspace.
    const asKey = `Bearer ${secret}`;
    const pods = await call('GET', `/v1/managed-services/pods?workspace_id=${DEMO.workspaceId}`, undefined, asKey);
    expect(pods.status).toBe(200);
    expect(pods.body.data.map((p: any) => p.id)).toContain(DEMO.podId);
    expect((await call('GET', `/v1/events/${DEMO.activationEventId}`, undefined, asKey)).status).toBe(200);
    // A member key is no administrator.
    await expectError(call('GET', '/v1/api-keys', undefined, asKey), 403, 'forbidden');
  });

  it('revokes a key with DELETE (200, the revoked record); it then authenticates nothing and is listed only on request', async () => {
    const key = await create({ name: 'nightly export', role: 'viewer' });
    const asKey = `Bearer ${key.secret}`;
    expect((await call('GET', `/v1/workspaces/${DEMO.workspaceId}`, undefined, asKey)).status).toBe(200);

    const revoked = await call('DELETE', `/v1/api-keys/${key.id}`);
    expect(revoked.status).toBe(200);
    expect(Object.keys(revoked.body.data).sort()).toEqual(KEY_FIELDS);
    expect(revoked.body.data).toMatchObject({ id: key.id, name: 'nightly export', role: 'viewer', revoked_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });

    await expectError(call('GET', `/v1/workspaces/${DEMO.workspaceId}`, undefined, asKey), 401, 'unauthorized', /revoked/);
    await expectError(call('DELETE', `/v1/api-keys/${key.id}`), 409, 'conflict', /already revoked/);

    expect((await call('GET', '/v1/api-keys?limit=100')).body.data.map((k: any) => k.id)).not.toContain(key.id);
    const withRevoked = await call('GET', '/v1/api-keys?include_revoked=true&limit=100');
    expect(withRevoked.body.data).toContainEqual(revoked.body.data);
  });

  it('pages the keys oldest first', async () => {
    for (const name of ['a', 'b', 'c']) await create({ name: `paging ${name}` });
    const all = (await call('GET', '/v1/api-keys?include_revoked=true&limit=100')).body.data.map((k: any) => k.id);
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect([...all].sort()).toEqual(all);
    const first = await call('GET', '/v1/api-keys?include_revoked=true&limit=2');
    expect(first.body.meta).toEqual({ cursor: encodeCursor(all[1]), has_more: true });
    const second = await call('GET', `/v1/api-keys?include_revoked=true&limit=2&cursor=${first.body.meta.cursor}`);
    expect(second.body.data.map((k: any) => k.id)).toEqual(all.slice(2, 4));
  });

  it('lets only owners and admins manage keys: 403 for a member or viewer, 401 without a token, and nothing changes', async () => {
    const key = await create({ name: 'to keep' });
    const before = await keyCount();
    for (const who of [principals.apexMember, principals.apexViewer]) {
      await expectError(call('GET', '/v1/api-keys', undefined, who), 403, 'forbidden');
      await expectError(call('POST', '/v1/api-keys', { name: 'mine' }, who), 403, 'forbidden');
      await expectError(call('DELETE', `/v1/api-keys/${key.id}`, undefined, who), 403, 'forbidden');
    }
    // No key outranks its creator.
    await expectError(call('POST', '/v1/api-keys', { name: 'root', role: 'owner' }), 403, 'forbidden', /outranks/);
    for (const [method, path, body] of [['GET', '/v1/api-keys'], ['POST', '/v1/api-keys', { name: 'x' }], ['DELETE', `/v1/api-keys/${key.id}`]] as const) {
      await expectError(call(method, path, body, null), 401, 'unauthorized');
    }
    await expectError(call('GET', '/v1/api-keys', undefined, 'Bearer sk_nope_nope'), 401, 'unauthorized');
    expect(await keyCount()).toBe(before);
    expect((await call('GET', '/v1/api-keys?limit=100')).body.data.find((k: any) => k.id === key.id).revoked_at).toBeNull();
  });

  it("answers 404 for an unknown key and another tenant's, whose keys stay apart", async () => {
    const theirs = await create({ name: 'their key' }, other());
    await expectError(call('DELETE', '/v1/api-keys/KEY-26-999999'), 404, 'not_found', 'API key KEY-26-999999 not found.');
    await expectError(call('DELETE', `/v1/api-keys/${theirs.id}`), 404, 'not_found', `API key ${theirs.id} not found.`);
    expect((await call('GET', '/v1/api-keys?include_revoked=true&limit=100')).body.data.map((k: any) => k.id)).not.toContain(theirs.id);
    const theirList = await call('GET', '/v1/api-keys?limit=100', undefined, other());
    expect(theirList.body.data.map((k: any) => k.id)).toEqual([theirs.id]);
    // Their key works for them, and sees none of our organization.
    await expectError(call('GET', `/v1/managed-services/pods/${DEMO.podId}`, undefined, `Bearer ${theirs.secret}`), 404, 'not_found');
    expect((await call('GET', '/v1/api-keys', undefined, other())).body.data.map((k: any) => k.revoked_at)).toEqual([null]);
  });

  it('refuses bad parameters with 400, bad bodies with 422 naming the REST field and malformed JSON with 400; nothing is written', async () => {
    await expectError(call('GET', '/v1/api-keys?limit=0'), 400, 'bad_request', /limit/);
    await expectError(call('GET', '/v1/api-keys?limit=abc'), 400, 'bad_request', /limit/);
    await expectError(call('GET', '/v1/api-keys?cursor=zzz'), 400, 'bad_request', /cursor/);
    await expectError(call('GET', `/v1/api-keys?cursor=${encodeCursor(DEMO.podId)}`), 400, 'bad_request', /cursor/);
    await expectError(call('GET', '/v1/api-keys?include_revoked=yes'), 400, 'bad_request', /include_revoked/);
    await expectError(call('DELETE', '/v1/api-keys/not-a-key'), 400, 'bad_request', /\bid\b/);
    await expectError(call('DELETE', '/v1/api-keys/KEY-26-999999', '{"reason":"x"}'), 400, 'bad_request', /no request body/);

    const before = await keyCount();
    const post = (body: unknown) => call('POST', '/v1/api-keys', body);
    await expectError(post({}), 422, 'unprocessable', /^name is required/);
    await expectError(post({ name: 7 }), 422, 'unprocessable', /^name must be a string/);
    await expectError(post({ name: 'x', role: 'superuser' }), 422, 'unprocessable', /^role must be one of/);
    await expectError(post({ name: 'x', workspace_id: DEMO.podId }), 422, 'unprocessable', /^workspace_id must be a Workspace ID/);
    await expectError(post({ name: 'x', workspace_id: DEMO.otherWorkspaceId }), 422, 'unprocessable', /^workspace_id: Workspace WS-26-000090 not found/);
    await expectError(post({ name: 'x', expires_at: 'next week' }), 422, 'unprocessable', /^expires_at must be/);
    await expectError(post({ name: 'x', expires_at: '2020-01-01T00:00:00Z' }), 422, 'unprocessable', /^expires_at must lie in the future/);
    await expectError(post({ name: 'x', scopes: ['read'] }), 422, 'unprocessable', /scopes/);
    await expectError(post('{"name":'), 400, 'bad_request', /not valid JSON/);
    await expectError(post('"a key"'), 400, 'bad_request', /JSON object/);
    expect(await keyCount()).toBe(before);
  });
});
