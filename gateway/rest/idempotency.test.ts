import type http from 'node:http';
import { it, expect, beforeAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEngines } from '../../test/testkit/describe-engines.ts';
import type { Principal } from '../../platform/auth/tokens.ts';
import { conflict, isPlatformError, notFound, serviceUnavailable, unprocessable } from '../../platform/errors.ts';
import { createIdempotency, requestHash, type Execute } from './idempotency.ts';
import type { RestAnswer } from './router.ts';

const alice: Principal = { organizationId: 'ORG-26-090500', workspaceId: null, role: 'admin', actorId: 'USR-26-000044', actorType: 'user' };
const bob: Principal = { ...alice, actorId: 'USR-26-000081' };
const otherOrg: Principal = { ...alice, organizationId: 'ORG-26-090777' };

function request(method: string, url: string, key?: string): http.IncomingMessage {
  return { method, url, headers: key === undefined ? {} : { 'idempotency-key': key } } as unknown as http.IncomingMessage;
}

/** A stand-in for the router: validates (before the hook), then "executes" by calling `run`. */
function executor(run: () => Promise<RestAnswer> | RestAnswer = () => ({ status: 201, body: { data: { id: 'TSK-1' } } })) {
  const calls = { executed: 0 };
  const execute: Execute = async (beforeExecute) => {
    await beforeExecute();
    calls.executed++;
    return run();
  };
  return { execute, calls };
}

async function caught(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describeEngines('Idempotency-Key', (ctx) => {
  let idem: ReturnType<typeof createIdempotency>;
  let n = 0;
  /** A fresh key per test, so tests never see each other's rows. */
  const freshKey = () => `key-${++n}-${Math.random().toString(36).slice(2)}`;
  const rowsOf = (key: string) => ctx.database.rows<{ state: string; response_status: number | null }>(
    sql`select state, response_status from gateway.idempotency_keys where key = ${key}`,
  );

  beforeAll(() => {
    idem = createIdempotency(ctx.database);
  });

  it('passes reads and keyless writes straight through, keeping nothing', async () => {
    const { execute, calls } = executor();
    await idem.serve(request('GET', '/v1/tasks'), alice, '', execute);
    await idem.serve(request('POST', '/v1/tasks'), alice, '{}', execute);
    await idem.serve(request('POST', '/v1/tasks'), alice, '{}', execute);
    // A key on a GET means nothing, as with Stripe.
    const key = freshKey();
    await idem.serve(request('GET', '/v1/tasks', key), alice, '', execute);
    expect(calls.executed).toBe(4);
    expect(await rowsOf(key)).toEqual([]);
  });

  it('replays the first response for the same request, status and body byte for byte, marked as replayed', async () => {
    const key = freshKey();
    // Key order that jsonb would not keep: the replay must still be the same text.
    const { execute, calls } = executor(() => ({ status: 201, body: { data: { title: 'x', id: 'TSK-26-1', a: [3, 1], zz: null } } }));
    const first = await idem.serve(request('POST', '/v1/tasks', key), alice, '{"title":"x","service_line_id":"LIN-26-091100"}', execute);
    expect(first.headers).toBeUndefined();
    // The same request: JSON keys in another order, other whitespace.
    const again = await idem.serve(request('POST', '/v1/tasks/', key), alice, '{ "service_line_id": "LIN-26-091100",\n "title": "x" }', execute);
    expect(calls.executed).toBe(1);
    expect(again.status).toBe(201);
    expect(JSON.stringify(again.body)).toBe(JSON.stringify(first.body));
    expect(again.headers).toEqual({ 'Idempotent-Replayed': 'true' });
    expect(await rowsOf(key)).toEqual([{ state: 'completed', response_status: 201 }]);
  });

  it('treats query parameters in any order as one request', async () => {
    const key = freshKey();
    const { execute, calls } = executor(() => ({ status: 200, body: { data: 1 } }));
    await idem.serve(request('POST', '/v1/things?b=2&a=1', key), alice, '', execute);
    const again = await idem.serve(request('POST', '/v1/things?a=1&b=2', key), alice, '', execute);
    expect(calls.executed).toBe(1);
    expect(again.headers).toEqual({ 'Idempotent-Replayed': 'true' });
  });

  it('refuses the same key with a different method, path, query or body with 409 conflict', async () => {
    const key = freshKey();
    const { execute, calls } = executor();
    await idem.serve(request('POST', '/v1/tasks?x=1', key), alice, '{"title":"x"}', execute);
    const variants: Array<[string, string, string]> = [
      ['POST', '/v1/tasks?x=1', '{"title":"y"}'],
      ['POST', '/v1/tasks?x=2', '{"title":"x"}'],
      ['POST', '/v1/tasks', '{"title":"x"}'],
      ['POST', '/v1/projects?x=1', '{"title":"x"}'],
      ['PATCH', '/v1/tasks?x=1', '{"title":"x"}'],
    ];
    for (const [method, url, body] of variants) {
      const error = await caught(idem.serve(request(method, url, key), alice, body, execute));
      expect(isPlatformError(error) && error.toRest(), `${method} ${url} ${body}`).toEqual({
        error: { code: 'conflict', status: 409, message: expect.stringMatching(/already used with a different request/) },
      });
    }
    expect(calls.executed).toBe(1);
  });

  it('refuses a replay to a token narrowed differently (workspace or role)', async () => {
    const key = freshKey();
    const { execute, calls } = executor();
    await idem.serve(request('POST', '/v1/tasks', key), alice, '{}', execute);
    for (const narrowed of [{ ...alice, workspaceId: 'WS-26-000021' }, { ...alice, role: 'member' as const }]) {
      expect(await caught(idem.serve(request('POST', '/v1/tasks', key), narrowed, '{}', execute))).toMatchObject({ code: 'conflict' });
    }
    expect(calls.executed).toBe(1);
  });

  it('scopes keys to the caller: another actor or organization with the same key executes on its own', async () => {
    const key = freshKey();
    const { execute, calls } = executor();
    for (const principal of [alice, bob, otherOrg]) {
      const answer = await idem.serve(request('POST', '/v1/tasks', key), principal, '{}', execute);
      expect(answer.headers).toBeUndefined();
    }
    expect(calls.executed).toBe(3);
    expect(await rowsOf(key)).toHaveLength(3);
  });

  it('takes keys of 1 to 255 printable characters and refuses others with 400', async () => {
    const { execute, calls } = executor();
    for (const bad of ['', 'x'.repeat(256), 'tab\there', 'new\nline', 'naïve']) {
      const error = await caught(idem.serve(request('POST', '/v1/tasks', bad), alice, '{}', execute));
      expect(isPlatformError(error) && error.toRest(), JSON.stringify(bad)).toEqual({
        error: { code: 'bad_request', status: 400, message: 'Idempotency-Key must be 1 to 255 printable ASCII characters.' },
      });
    }
    expect(calls.executed).toBe(0);
    for (const good of ['x'.repeat(255), 'a', '550e8400-e29b-41d4-a716-446655440000', `~ !"#$%&'()*+,-./:;<=>?@[\\]^_\`{|}`]) {
      await ctx.database.rows(sql`delete from gateway.idempotency_keys where key = ${good}`);
      await idem.serve(request('POST', '/v1/tasks', good), alice, '{}', execute);
      expect(await rowsOf(good), good).toEqual([{ state: 'completed', response_status: 201 }]);
    }
    expect(calls.executed).toBe(4);
  });

  it('releases the key on a 5xx, so a retry executes again', async () => {
    const key = freshKey();
    let fail = true;
    const { execute, calls } = executor(() => {
      if (fail) throw new Error('subgraph down');
      return { status: 201, body: { data: { id: 'TSK-2' } } };
    });
    expect(await caught(idem.serve(request('POST', '/v1/tasks', key), alice, '{}', execute))).toMatchObject({ message: 'subgraph down' });
    expect(await rowsOf(key)).toEqual([]);
    fail = false;
    const retry = await idem.serve(request('POST', '/v1/tasks', key), alice, '{}', execute);
    expect(retry).toEqual({ status: 201, body: { data: { id: 'TSK-2' } } });
    expect(calls.executed).toBe(2);
  });

  it('releases the key of a request refused as service_unavailable (it did nothing), so a retry executes', async () => {
    const key = freshKey();
    let down = true;
    const { execute, calls } = executor(() => {
      if (down) throw serviceUnavailable('This part of the graph is unavailable right now; retry shortly.');
      return { status: 201, body: { data: { id: 'TSK-4' } } };
    });
    expect(await caught(idem.serve(request('POST', '/v1/tasks', key), alice, '{}', execute))).toMatchObject({ code: 'service_unavailable', status: 503, retryAfter: 5 });
    expect(await rowsOf(key)).toEqual([]);
    down = false;
    expect(await idem.serve(request('POST', '/v1/tasks', key), alice, '{}', execute)).toEqual({ status: 201, body: { data: { id: 'TSK-4' } } });
    expect(calls.executed).toBe(2);
  });

  it('answers a write whose outcome the database would not take yet, records it once it does, and replays it: never executed twice', async () => {
    // The database goes away between the write and the record of its outcome: the first two
    // attempts to record fail as a lost connection would.
    let failures = 2;
    const lost = () => Object.assign(new Error('write CONNECTION_CLOSED 127.0.0.1:5432'), { code: 'CONNECTION_CLOSED' });
    const db = new Proxy(ctx.database.db, {
      get(target, property) {
        if (property === 'update' && failures > 0) {
          failures--;
          return () => { throw lost(); };
        }
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const flaky = createIdempotency({ ...ctx.database, db }, { recordRetryMs: 20 });
    const key = freshKey();
    const { execute, calls } = executor(() => ({ status: 201, body: { data: { id: 'TSK-5' } } }));
    const first = await flaky.serve(request('POST', '/v1/tasks', key), alice, '{}', execute);
    expect(first).toEqual({ status: 201, body: { data: { id: 'TSK-5' } } });
    // Until the outcome lands, a retry is told the request is still in progress, never run again.
    if (failures > 0) expect(await caught(flaky.serve(request('POST', '/v1/tasks', key), alice, '{}', execute))).toMatchObject({ code: 'conflict' });
    await flaky.settled();
    expect(await rowsOf(key)).toEqual([{ state: 'completed', response_status: 201 }]);
    const retry = await flaky.serve(request('POST', '/v1/tasks', key), alice, '{}', execute);
    expect(retry).toEqual({ ...first, headers: { 'Idempotent-Replayed': 'true' } });
    expect(calls.executed).toBe(1);
  });

  it('keeps a 4xx the endpoint answered once it executed, and replays it', async () => {
    const key = freshKey();
    const { execute, calls } = executor(() => {
      throw notFound('Service Line LIN-26-999999 not found.');
    });
    const first = await caught(idem.serve(request('POST', '/v1/tasks', key), alice, '{"service_line_id":"LIN-26-999999"}', execute));
    expect(first).toMatchObject({ code: 'not_found' });
    const replay = await idem.serve(request('POST', '/v1/tasks', key), alice, '{"service_line_id":"LIN-26-999999"}', execute);
    expect(replay).toEqual({
      status: 404,
      body: { error: { code: 'not_found', message: 'Service Line LIN-26-999999 not found.', status: 404 } },
      headers: { 'Idempotent-Replayed': 'true' },
    });
    expect(calls.executed).toBe(1);
  });

  it('keeps nothing for a request refused before it executed (shape validation), so the fixed request may reuse the key', async () => {
    const key = freshKey();
    let executed = 0;
    const validating: Execute = async (beforeExecute) => {
      throw unprocessable('title is required.', 'title');
      await beforeExecute();
      executed++;
      return { status: 201, body: {} };
    };
    expect(await caught(idem.serve(request('POST', '/v1/tasks', key), alice, '{}', validating))).toMatchObject({ code: 'unprocessable' });
    expect(await rowsOf(key)).toEqual([]);
    expect(executed).toBe(0);
    const { execute, calls } = executor();
    const fixed = await idem.serve(request('POST', '/v1/tasks', key), alice, '{"title":"x"}', execute);
    expect(fixed.status).toBe(201);
    expect(calls.executed).toBe(1);
  });

  it('answers a second request with the key while the first runs with 409 "still in progress", then replays', async () => {
    const key = freshKey();
    let finish!: () => void;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const { execute, calls } = executor(async () => {
      started();
      await gate;
      return { status: 201, body: { data: { id: 'TSK-3' } } };
    });
    const first = idem.serve(request('POST', '/v1/tasks', key), alice, '{}', execute);
    await running;
    expect(await rowsOf(key)).toEqual([{ state: 'pending', response_status: null }]);
    const error = await caught(idem.serve(request('POST', '/v1/tasks', key), alice, '{}', execute));
    expect(isPlatformError(error) && error.toRest()).toEqual({
      error: { code: 'conflict', status: 409, message: `A request with Idempotency-Key "${key}" is still in progress; retry once it has finished.` },
    });
    // A different request with a key in use is a mismatch, pending or not.
    expect(await caught(idem.serve(request('POST', '/v1/tasks', key), alice, '{"title":"other"}', execute))).toMatchObject({
      message: expect.stringMatching(/different request/),
    });
    finish();
    expect((await first).status).toBe(201);
    expect((await idem.serve(request('POST', '/v1/tasks', key), alice, '{}', execute)).headers).toEqual({ 'Idempotent-Replayed': 'true' });
    expect(calls.executed).toBe(1);
  });

  it('lets exactly one of many simultaneous requests with one key execute; the others are refused while it runs', async () => {
    const key = freshKey();
    const N = 8;
    let finish!: () => void;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    let settled = 0;
    let allButOne!: () => void;
    const losersDone = new Promise<void>((resolve) => (allButOne = resolve));
    const { execute, calls } = executor(async () => {
      // A second execution would be the bug under test: let everything finish so the test fails instead of hanging.
      if (calls.executed > 1) finish();
      await gate;
      return { status: 201, body: { data: { id: 'TSK-4' } } };
    });
    const attempts = Array.from({ length: N }, () =>
      idem.serve(request('POST', '/v1/tasks', key), alice, '{}', execute).then(
        (answer) => ({ answer, error: undefined as unknown }),
        (error: unknown) => ({ answer: undefined, error }),
      ).finally(() => {
        if (++settled === N - 1) allButOne();
      }),
    );
    // The winner holds the key until the gate opens; every other request settles meanwhile.
    await Promise.race([losersDone, gate]);
    finish();
    const results = await Promise.all(attempts);
    expect(calls.executed).toBe(1);
    expect(results.filter((r) => r.answer)).toEqual([{ answer: { status: 201, body: { data: { id: 'TSK-4' } } }, error: undefined }]);
    for (const { error } of results.filter((r) => r.error)) {
      expect(error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/still in progress/) });
    }
    expect(await rowsOf(key)).toEqual([{ state: 'completed', response_status: 201 }]);
  });

  it('replaces an expired key: the same key then serves a new request', async () => {
    const key = freshKey();
    const { execute, calls } = executor();
    await idem.serve(request('POST', '/v1/tasks', key), alice, '{"title":"old"}', execute);
    await ctx.database.rows(sql`update gateway.idempotency_keys set expires_at = now() - interval '1 second' where key = ${key}`);
    const fresh = await idem.serve(request('POST', '/v1/tasks', key), alice, '{"title":"new"}', execute);
    expect(fresh.headers).toBeUndefined();
    expect(calls.executed).toBe(2);
    const [row] = await ctx.database.rows<{ hash: string; live: boolean; day: boolean }>(sql`
      select request_hash as hash, expires_at > now() as live,
             expires_at - created_at = interval '24 hours' as day
      from gateway.idempotency_keys where key = ${key}`);
    expect(row).toEqual({ hash: requestHash('POST', new URL('http://x/v1/tasks'), '{"title":"new"}', alice), live: true, day: true });
  });

  it('purges expired rows and only those', async () => {
    const [expired, live] = [freshKey(), freshKey()];
    const { execute } = executor();
    await idem.serve(request('POST', '/v1/tasks', expired), alice, '{}', execute);
    await idem.serve(request('POST', '/v1/tasks', live), alice, '{}', execute);
    await ctx.database.rows(sql`update gateway.idempotency_keys set expires_at = now() - interval '1 second' where key = ${expired}`);
    expect(await idem.purgeExpired()).toBeGreaterThanOrEqual(1);
    expect(await rowsOf(expired)).toEqual([]);
    expect(await rowsOf(live)).toHaveLength(1);
    expect(await idem.purgeExpired()).toBe(0);
  });

  it('lets a retry take over a pending row abandoned past its lease; the stale request then records nothing', async () => {
    const key = freshKey();
    let finishStale!: () => void;
    const staleGate = new Promise<void>((resolve) => (finishStale = resolve));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const stale = executor(async () => {
      started();
      await staleGate;
      return { status: 201, body: { data: { id: 'STALE' } } };
    });
    const staleAnswer = idem.serve(request('POST', '/v1/tasks', key), alice, '{}', stale.execute);
    await running;
    // Within the lease: refused.
    const retry = executor(() => ({ status: 201, body: { data: { id: 'RETRY' } } }));
    expect(await caught(idem.serve(request('POST', '/v1/tasks', key), alice, '{}', retry.execute))).toMatchObject({ code: 'conflict' });
    // A different request still may not take an abandoned key.
    await ctx.database.rows(sql`update gateway.idempotency_keys set created_at = now() - interval '1 hour' where key = ${key}`);
    expect(await caught(idem.serve(request('POST', '/v1/tasks', key), alice, '{"title":"x"}', retry.execute))).toMatchObject({ code: 'conflict' });
    // The same request takes it over once the lease is over.
    expect(await idem.serve(request('POST', '/v1/tasks', key), alice, '{}', retry.execute)).toEqual({ status: 201, body: { data: { id: 'RETRY' } } });
    finishStale();
    expect((await staleAnswer).body).toEqual({ data: { id: 'STALE' } });
    const replay = await idem.serve(request('POST', '/v1/tasks', key), alice, '{}', retry.execute);
    expect(replay.body).toEqual({ data: { id: 'RETRY' } });
    expect(retry.calls.executed).toBe(1);
  });

  it('answers a conflict raised inside the endpoint like any 4xx: kept and replayed', async () => {
    const key = freshKey();
    const { execute, calls } = executor(() => {
      throw conflict('Task TSK-26-018841 is already done.');
    });
    await caught(idem.serve(request('PATCH', '/v1/tasks/TSK-26-018841', key), alice, '{"status":"done"}', execute));
    const replay = await idem.serve(request('PATCH', '/v1/tasks/TSK-26-018841', key), alice, '{"status":"done"}', execute);
    expect(replay.status).toBe(409);
    expect(calls.executed).toBe(1);
  });
});
