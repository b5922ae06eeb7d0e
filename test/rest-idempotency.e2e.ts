import { randomUUID } from 'node:crypto';
import { it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, otherTenant, bearer } from './testkit/auth.ts';
import type { Principal } from '../platform/auth/tokens.ts';
import { DEMO } from '../seed/demo.ts';

/** Idempotency-Key on real /v1 writes (POST /v1/tasks, PATCH /v1/tasks/{id}) over HTTP. */
describeEngines('REST Idempotency-Key over HTTP', (ctx) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin);
  });
  afterAll(() => sys.close());

  async function send(method: string, path: string, body: unknown, key?: string, principal: Principal = principals.apexAdmin) {
    const headers: Record<string, string> = { authorization: `Bearer ${await bearer(principal)}`, 'content-type': 'application/json' };
    if (key !== undefined) headers['idempotency-key'] = key;
    const res = await fetch(`${sys.url}${path}`, { method, headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: res.status, text: await res.text(), replayed: res.headers.get('idempotent-replayed') };
  }

  /** How many tasks of the agent line carry this title, counted through GraphQL. */
  async function tasksTitled(title: string): Promise<number> {
    const { data, errors } = await sys.graphql<{ tasks: { nodes: { title: string }[] } }>(
      'query($line: ID!) { tasks(serviceLineId: $line, first: 100) { nodes { title } } }',
      { line: DEMO.agentServiceLineId },
    );
    expect(errors).toBeUndefined();
    return data!.tasks.nodes.filter((t) => t.title === title).length;
  }

  const task = (title: string) => ({ service_line_id: DEMO.agentServiceLineId, title });

  it('creates once and replays the first response for the same request', async () => {
    const key = randomUUID();
    const title = `idem-${key}`;
    const first = await send('POST', '/v1/tasks', task(title), key);
    expect(first.status).toBe(201);
    expect(first.replayed).toBeNull();
    expect(JSON.parse(first.text).data).toMatchObject({ title, service_line_id: DEMO.agentServiceLineId });
    // Same fields in another order: the same request.
    const again = await send('POST', '/v1/tasks', `{"title":${JSON.stringify(title)},"service_line_id":"${DEMO.agentServiceLineId}"}`, key);
    expect(again.status).toBe(201);
    expect(again.replayed).toBe('true');
    expect(again.text).toBe(first.text);
    expect(await tasksTitled(title)).toBe(1);
  });

  it('refuses the key with a different request with 409, creating nothing', async () => {
    const key = randomUUID();
    const title = `idem-${key}`;
    expect((await send('POST', '/v1/tasks', task(title), key)).status).toBe(201);
    const other = await send('POST', '/v1/tasks', task(`${title}-b`), key);
    expect(other.status).toBe(409);
    expect(JSON.parse(other.text)).toEqual({ error: { code: 'conflict', status: 409, message: expect.stringMatching(/different request/) } });
    expect(await tasksTitled(`${title}-b`)).toBe(0);
  });

  it('lets exactly one of many parallel requests with one key create the task', async () => {
    const key = randomUUID();
    const title = `idem-parallel-${key}`;
    const answers = await Promise.all(Array.from({ length: 8 }, () => send('POST', '/v1/tasks', task(title), key)));
    expect(await tasksTitled(title)).toBe(1);
    const executed = answers.filter((a) => a.status === 201 && a.replayed === null);
    expect(executed).toHaveLength(1);
    for (const answer of answers.filter((a) => a !== executed[0])) {
      if (answer.status === 409) {
        expect(JSON.parse(answer.text).error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/still in progress/) });
      } else {
        expect(answer).toEqual({ status: 201, text: executed[0].text, replayed: 'true' });
      }
    }
    // Once it finished, the key replays.
    const after = await send('POST', '/v1/tasks', task(title), key);
    expect(after).toEqual({ status: 201, text: executed[0].text, replayed: 'true' });
  });

  it('keeps nothing for a body refused by its shape: the corrected request may use the key', async () => {
    const key = randomUUID();
    const title = `idem-${key}`;
    const invalid = await send('POST', '/v1/tasks', { service_line_id: DEMO.agentServiceLineId }, key);
    expect(invalid.status).toBe(422);
    expect(JSON.parse(invalid.text).error.message).toMatch(/title/);
    const badJson = await send('POST', '/v1/tasks', '{"title":', key);
    expect(badJson.status).toBe(400);
    const fixed = await send('POST', '/v1/tasks', task(title), key);
    expect(fixed.status).toBe(201);
    expect(fixed.replayed).toBeNull();
  });

  it("keeps and replays a 4xx the graph answered (the task command refuses another tenant's Service Line)", async () => {
    const key = randomUUID();
    const body = { service_line_id: DEMO.otherServiceLineId, title: `idem-${key}` };
    const first = await send('POST', '/v1/tasks', body, key);
    // The body's shape is valid, so this is the subgraph command's answer, after execution began.
    expect(first.status).toBe(422);
    expect(JSON.parse(first.text).error).toMatchObject({ code: 'unprocessable', message: expect.stringContaining('service_line_id') });
    const replay = await send('POST', '/v1/tasks', body, key);
    expect(replay).toEqual({ status: 422, text: first.text, replayed: 'true' });
  });

  it('replays a PATCH without applying it twice', async () => {
    const created = JSON.parse((await send('POST', '/v1/tasks', task(`idem-patch-${randomUUID()}`))).text).data;
    const key = randomUUID();
    const first = await send('PATCH', `/v1/tasks/${created.id}`, { status: 'in_progress' }, key);
    expect(first.status).toBe(200);
    const history = JSON.parse(first.text).data.history.length;
    const replay = await send('PATCH', `/v1/tasks/${created.id}`, { status: 'in_progress' }, key);
    expect(replay).toEqual({ status: 200, text: first.text, replayed: 'true' });
    const { data } = await sys.graphql<{ task: { history: unknown[] } }>('query($id: ID!) { task(id: $id) { history { at } } }', { id: created.id });
    expect(data!.task.history).toHaveLength(history);
  });

  it('scopes keys to the caller: another tenant using the same key creates its own', async () => {
    const key = randomUUID();
    const mine = await send('POST', '/v1/tasks', task(`idem-${key}`), key);
    expect(mine.status).toBe(201);
    const other = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);
    const theirs = await send('POST', '/v1/tasks', { service_line_id: DEMO.otherServiceLineId, title: `idem-${key}` }, key, other);
    expect(theirs.replayed).toBeNull();
    expect(theirs.text).not.toBe(mine.text);
    const rows = await ctx.database.rows<{ organization_id: string }>(sql`select organization_id from gateway.idempotency_keys where key = ${key} order by organization_id`);
    expect(rows.map((r) => r.organization_id)).toEqual([DEMO.organizationId, DEMO.otherOrganizationId]);
  });

  it('refuses a malformed key with 400 and executes nothing', async () => {
    const title = `idem-bad-${randomUUID()}`;
    const answer = await send('POST', '/v1/tasks', task(title), 'k'.repeat(256));
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toEqual({
      error: { code: 'bad_request', status: 400, message: 'Idempotency-Key must be 1 to 255 printable ASCII characters.' },
    });
    expect(await tasksTitled(title)).toBe(0);
  });

  it('a key on a read is ignored', async () => {
    const res = await fetch(`${sys.url}/v1/tasks?service_line_id=${DEMO.agentServiceLineId}`, {
      headers: { authorization: `Bearer ${await bearer(principals.apexAdmin)}`, 'idempotency-key': 'read-key' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('idempotent-replayed')).toBeNull();
    expect(await ctx.database.rows(sql`select 1 from gateway.idempotency_keys where key = 'read-key'`)).toEqual([]);
  });
});
