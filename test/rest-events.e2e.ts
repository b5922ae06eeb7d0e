import { it, expect, beforeAll, afterAll } from 'vitest';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, otherTenant, bearer } from './testkit/auth.ts';
import type { Principal } from '../platform/auth/tokens.ts';
import { DEMO } from '../seed/demo.ts';
import { encodeCursor } from '../platform/cursor.ts';

// The two events of the docs' example (events.txt), verbatim.
const DOCS_ACTIVATION = {
  id: 'EVT-26-044912',
  type: 'service_line.activated',
  organization_id: 'ORG-26-090500',
  workspace_id: 'WS-26-000021',
  actor: { type: 'user', id: 'USR-26-000044' },
  subject: { type: 'service_line', id: 'LIN-26-084729' },
  payload: { previous_status: 'draft', new_status: 'active', execution_model: 'capacity', product_line: 'talent' },
  created_at: '2026-01-15T09:00:00Z',
};
const DOCS_AGENT_RUN = {
  id: 'EVT-26-044899',
  type: 'agent.run.completed',
  organization_id: 'ORG-26-090500',
  workspace_id: 'WS-26-000021',
  actor: { type: 'agent', id: 'AGT-26-000012' },
  subject: { type: 'run', id: 'RUN-26-001812' },
  payload: { service_line_id: 'LIN-26-091100', duration_ms: 2411, tokens_used: 1840, outcome: 'success' },
  created_at: '2026-04-15T09:12:46Z',
};
const EVENT_KEYS = Object.keys(DOCS_ACTIVATION).sort();
const ORG = `organization_id=${DEMO.organizationId}`;
const EMPTY = { data: [], meta: { cursor: null, has_more: false } };

/** The Events routes of the /v1 shim, against the docs' examples, over HTTP. */
describeEngines('REST /v1 events', (ctx) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin);
  });
  afterAll(() => sys.close());

  async function get(path: string, principal: Principal | null = principals.apexAdmin) {
    const headers: Record<string, string> = principal ? { authorization: `Bearer ${await bearer(principal)}` } : {};
    const res = await fetch(`${sys.url}${path}`, { headers });
    return { status: res.status, body: (await res.json()) as any };
  }
  async function expectError(path: string, status: number, code: string, message?: string | RegExp, principal?: Principal | null) {
    const { status: actual, body } = await get(path, principal);
    expect(actual, `${path}: ${JSON.stringify(body)}`).toBe(status);
    expect(body).toEqual({ error: { code, message: expect.any(String), status } });
    if (message) expect(body.error.message, path).toMatch(message);
  }
  /** Every event of a filtered list, all pages. */
  async function all(query: string): Promise<any[]> {
    const out: any[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: any } = await get(`/v1/events?${query}&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      out.push(...page.body.data);
      cursor = page.body.meta.cursor;
    } while (cursor);
    return out;
  }

  it("answers the docs' request with events of that type from that day on, in the docs' shape", async () => {
    const { status, body } = await get(`/v1/events?${ORG}&type=service_line.activated&from=2026-04-01`);
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['data', 'meta']);
    for (const event of body.data) {
      expect(Object.keys(event).sort()).toEqual(EVENT_KEYS);
      expect(event.type).toBe('service_line.activated');
      expect(Date.parse(event.created_at)).toBeGreaterThanOrEqual(Date.parse('2026-04-01T00:00:00Z'));
    }
    // The docs' first event was recorded on 2026-01-15: the same request from the start of the year finds it, exactly.
    const fromJanuary = await all(`${ORG}&type=service_line.activated&from=2026-01-01`);
    expect(fromJanuary).toContainEqual(DOCS_ACTIVATION);
  });

  it("holds both of the docs' events, exactly, in the list and one by one", async () => {
    expect(await get(`/v1/events/${DEMO.activationEventId}`)).toEqual({ status: 200, body: { data: DOCS_ACTIVATION } });
    expect(await get(`/v1/events/${DEMO.agentRunEventId}`)).toEqual({ status: 200, body: { data: DOCS_AGENT_RUN } });
    // Debugging a webhook: the activation by its subject.
    const bySubject = await get(`/v1/events?${ORG}&type=service_line.activated&subject_id=LIN-26-084729`);
    expect(bySubject.body.data).toContainEqual(DOCS_ACTIVATION);
    for (const e of bySubject.body.data) expect(e.subject.id).toBe('LIN-26-084729');
    // The agent run by its snake_case subject type, its actor and its instant.
    const runs = await get(`/v1/events?${ORG}&subject_type=run&actor_id=${DEMO.agentId}&from=2026-04-15T09:12:46Z&to=2026-04-15T09:12:47Z`);
    expect(runs.body).toEqual({ data: [DOCS_AGENT_RUN], meta: { cursor: null, has_more: false } });
    // A domain prefix finds it too.
    expect(await all(`${ORG}&type=agent.&from=2026-04-15`)).toContainEqual(DOCS_AGENT_RUN);
  });

  it('builds the activity feed of the docs (one workspace, one day) with a date or a date-time range', async () => {
    const feed = await all(`${ORG}&workspace_id=${DEMO.workspaceId}&from=2026-04-14T00:00:00Z&to=2026-04-15T00:00:00Z`);
    expect(feed.length).toBeGreaterThan(0);
    for (const e of feed) {
      expect(e.workspace_id).toBe(DEMO.workspaceId);
      expect(e.created_at >= '2026-04-14T00:00:00' && e.created_at < '2026-04-15T00:00:00').toBe(true);
    }
    // A date as `to` includes that whole day: the same feed.
    expect(await all(`${ORG}&workspace_id=${DEMO.workspaceId}&from=2026-04-14&to=2026-04-14`)).toEqual(feed);
    // Offsets are instants: 02:00+02:00 is midnight UTC.
    expect(await all(`${ORG}&workspace_id=${DEMO.workspaceId}&from=2026-04-14T02:00:00%2B02:00&to=2026-04-15T00:00:00Z`)).toEqual(feed);
  });

  it('pages newest first with meta.cursor naming the last event of the page', async () => {
    const everything = await all(`${ORG}&from=2026-04-01`);
    expect(everything.length).toBeGreaterThan(4);
    const times = everything.map((e) => Date.parse(e.created_at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const first = await get(`/v1/events?${ORG}&from=2026-04-01&limit=2`);
    expect(first.body.data.map((e: any) => e.id)).toEqual(everything.slice(0, 2).map((e) => e.id));
    expect(first.body.meta).toEqual({ cursor: encodeCursor(everything[1].id), has_more: true });
    const second = await get(`/v1/events?${ORG}&from=2026-04-01&limit=2&cursor=${first.body.meta.cursor}`);
    expect(second.body.data.map((e: any) => e.id)).toEqual(everything.slice(2, 4).map((e) => e.id));
  });

  it('refuses bad parameters with 400 naming the parameter', async () => {
    await expectError('/v1/events', 400, 'bad_request', /organization_id is required/);
    await expectError(`/v1/events?workspace_id=${DEMO.workspaceId}`, 400, 'bad_request', /organization_id/);
    await expectError('/v1/events?organization_id=WS-26-000021', 400, 'bad_request', /organization_id/);
    for (const limit of ['0', '101', 'x', '2.5']) await expectError(`/v1/events?${ORG}&limit=${limit}`, 400, 'bad_request', /limit/);
    await expectError(`/v1/events?${ORG}&cursor=nope`, 400, 'bad_request', /cursor/);
    await expectError(`/v1/events?${ORG}&cursor=${encodeCursor(DEMO.podId)}`, 400, 'bad_request', /cursor/);
    for (const bad of ['yesterday', '2026-02-30', '2026-04-01T25:00:00Z', '2026-04-01T10:00']) {
      await expectError(`/v1/events?${ORG}&from=${bad}`, 400, 'bad_request', /^from must be/);
    }
    await expectError(`/v1/events?${ORG}&to=04/15/2026`, 400, 'bad_request', /^to must be/);
    await expectError(`/v1/events?${ORG}&from=2026-04-15&to=2026-04-01`, 400, 'bad_request', /\bto\b/);
    // The graph's own checks, its argument names renamed to the REST parameters.
    await expectError(`/v1/events?${ORG}&actor_id=${DEMO.podId}`, 400, 'bad_request', /^actor_id must be/);
    await expectError(`/v1/events?${ORG}&subject_id=whatever`, 400, 'bad_request', /^subject_id must be/);
    await expectError(`/v1/events?${ORG}&subject_type=Service-Line`, 400, 'bad_request', /^subject_type must be/);
    await expectError(`/v1/events?${ORG}&type=`, 400, 'bad_request', /\btype\b/);
    await expectError(`/v1/events?${ORG}&kind=task`, 400, 'bad_request', /kind/);
    await expectError('/v1/events/EVT-26-044912?limit=3', 400, 'bad_request', /limit/);
  });

  it('refuses a missing token with 401', async () => {
    await expectError(`/v1/events?${ORG}`, 401, 'unauthorized', undefined, null);
    await expectError(`/v1/events/${DEMO.activationEventId}`, 401, 'unauthorized', undefined, null);
  });

  it("lists nothing of another organization (as /v1/workspaces does) and answers 404 for another tenant's event", async () => {
    expect((await get(`/v1/events?organization_id=${DEMO.otherOrganizationId}`)).body).toEqual(EMPTY);
    expect((await get(`/v1/events?organization_id=${DEMO.otherOrganizationId}&type=service_line.activated`)).body).toEqual(EMPTY);
    await expectError('/v1/events/EVT-26-999999', 404, 'not_found', 'Event EVT-26-999999 not found.');
    await expectError('/v1/events/LIN-26-084729', 400, 'bad_request', /\bid\b/);

    const other = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);
    const theirs = await get(`/v1/events?organization_id=${DEMO.otherOrganizationId}&limit=5`, other);
    expect(theirs.status).toBe(200);
    expect(theirs.body.data.length).toBeGreaterThan(0);
    for (const e of theirs.body.data) expect(e.organization_id).toBe(DEMO.otherOrganizationId);
    // Their event is not ours to read, and ours is not theirs.
    await expectError(`/v1/events/${theirs.body.data[0].id}`, 404, 'not_found');
    await expectError(`/v1/events/${DEMO.activationEventId}`, 404, 'not_found', undefined, other);
    expect((await get(`/v1/events?${ORG}`, other)).body).toEqual(EMPTY);
  });
});
