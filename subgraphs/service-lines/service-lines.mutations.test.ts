import { it, expect, beforeAll, afterAll } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { describeEngines } from '../../test/testkit/describe-engines.ts';
import { startSubgraph, type SubgraphClient, type GraphQLResponse } from '../../test/testkit/subgraph.ts';
import { principals, otherTenant } from '../../test/testkit/auth.ts';
import type { Principal } from '../../platform/auth/tokens.ts';
import { events } from '../../platform/event-log-table.ts';
import { DEMO } from '../../seed/demo.ts';
import { serviceLines } from './tables.ts';
import { definition } from './public.ts';

const other = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);
const owner: Principal = { ...principals.apexAdmin, role: 'owner', actorId: DEMO.ownerUserId };
const adminKey: Principal = { organizationId: DEMO.organizationId, workspaceId: null, role: 'admin', actorId: 'KEY-26-000001', actorType: 'api_key' };
/** An admin token narrowed to WS-26-000021. */
const narrowedAdmin: Principal = { ...principals.apexAdmin, workspaceId: DEMO.workspaceId };

const FIELDS = 'id status activatedAt closedAt updatedAt workspace { id }';
const doc = (name: string) => `mutation($id: ID!) { ${name}(id: $id) { ${FIELDS} } }`;
const ACTIVATE = doc('activateServiceLine');
const PAUSE = doc('pauseServiceLine');
const RESUME = doc('resumeServiceLine');
const CLOSE = doc('closeServiceLine');

describeEngines('service-lines mutations', (ctx) => {
  let client: SubgraphClient;
  beforeAll(async () => {
    client = await startSubgraph(definition, ctx.database, principals.apexAdmin);
  });
  afterAll(() => client?.close());

  /** A fresh DRAFT line of the docs' organization, in `workspaceId`. */
  async function draftLine(workspaceId: string = DEMO.workspaceId, name = 'Checkout Rebuild') {
    const [row] = await ctx.database.db.insert(serviceLines).values({
      organizationId: DEMO.organizationId, workspaceId, name, productLine: 'talent', executionModel: 'capacity', billingModel: 'time_and_materials',
    }).returning();
    return row;
  }
  const lineRow = async (id: string) => (await ctx.database.db.select().from(serviceLines).where(eq(serviceLines.id, id)))[0];
  const eventsOf = (id: string) => ctx.database.db.select().from(events).where(eq(events.subjectId, id)).orderBy(events.seq);
  const counts = async () => (await ctx.database.rows(sql`select
    (select count(*)::int from events.events) as events,
    (select string_agg(id || ':' || status || ':' || updated_at::text, ',' order by id) from service_lines.service_lines) as lines`))[0];

  /** Runs a mutation that must fail with `code` and change nothing: no line, no event. */
  async function refused(query: string, id: string, code: string, principal?: Principal): Promise<GraphQLResponse> {
    const before = await counts();
    const res = await client.query(query, { id }, principal);
    expect(res.errors?.[0].extensions?.code, `${query} ${id}`).toBe(code);
    expect(res.data ?? null).toBeNull();
    expect(await counts()).toEqual(before);
    return res;
  }

  it('walks a line through draft → active → paused → active → closed, one event per transition', async () => {
    const line = await draftLine();
    const steps: Array<[string, string, string, string]> = [
      [ACTIVATE, 'activateServiceLine', 'ACTIVE', 'service_line.activated'],
      [PAUSE, 'pauseServiceLine', 'PAUSED', 'service_line.paused'],
      [RESUME, 'resumeServiceLine', 'ACTIVE', 'service_line.status_changed'],
      [CLOSE, 'closeServiceLine', 'CLOSED', 'service_line.closed'],
    ];
    let previous = 'draft';
    let activatedAt: string | null = null;
    for (const [query, field, status, type] of steps) {
      const res = await client.query(query, { id: line.id });
      expect(res.errors, field).toBeUndefined();
      const result = res.data[field];
      expect(result).toMatchObject({ id: line.id, status, workspace: { id: DEMO.workspaceId } });
      activatedAt ??= result.activatedAt;
      // activatedAt records the first activation; a resume keeps it.
      expect(result.activatedAt).toBe(activatedAt);
      const row = await lineRow(line.id);
      const all = await eventsOf(line.id);
      const event = all[all.length - 1];
      expect(event).toMatchObject({
        type, organizationId: DEMO.organizationId, workspaceId: DEMO.workspaceId, actorType: 'user', actorId: DEMO.adminUserId,
        subjectType: 'service_line', subjectId: line.id,
        payload: { previous_status: previous, new_status: status.toLowerCase(), execution_model: 'capacity', product_line: 'talent' },
      });
      // Written by the same transaction: the event's now() is the row's.
      expect(event.createdAt.getTime()).toBe(row.updatedAt.getTime());
      previous = status.toLowerCase();
    }
    expect((await eventsOf(line.id)).map((e) => e.type)).toEqual(steps.map((s) => s[3]));
    const closed = await lineRow(line.id);
    expect(closed.activatedAt).not.toBeNull();
    expect(closed.closedAt!.getTime()).toBe(closed.updatedAt.getTime());
  });

  it("appends the docs' service_line.activated envelope, seen through the events subgraph's log", async () => {
    const line = await draftLine(DEMO.workspaceId, 'Payments Platform Talent');
    const res = await client.query(ACTIVATE, { id: line.id }, owner);
    expect(res.data.activateServiceLine.status).toBe('ACTIVE');
    const row = await lineRow(line.id);
    expect(row.activatedAt!.getTime()).toBe(row.updatedAt.getTime());
    const [event] = await eventsOf(line.id);
    expect(event.id).toMatch(/^EVT-\d{2}-\d{6}$/);
    expect(event).toMatchObject({ type: 'service_line.activated', actorId: DEMO.ownerUserId, payload: { previous_status: 'draft', new_status: 'active' } });
    expect(event.createdAt.getTime()).toBe(row.activatedAt!.getTime());
  });

  it('closes a draft that was never activated, and an active or paused line', async () => {
    const draft = await draftLine();
    const res = await client.query(CLOSE, { id: draft.id }, adminKey);
    expect(res.data.closeServiceLine).toMatchObject({ status: 'CLOSED', activatedAt: null });
    expect(res.data.closeServiceLine.closedAt).not.toBeNull();
    expect((await eventsOf(draft.id))[0]).toMatchObject({ type: 'service_line.closed', actorType: 'api_key', actorId: adminKey.actorId, payload: { previous_status: 'draft', new_status: 'closed' } });

    const paused = await draftLine();
    await client.query(ACTIVATE, { id: paused.id });
    await client.query(PAUSE, { id: paused.id });
    expect((await client.query(CLOSE, { id: paused.id })).data.closeServiceLine.status).toBe('CLOSED');
    expect((await eventsOf(paused.id)).at(-1)).toMatchObject({ type: 'service_line.closed', payload: { previous_status: 'paused', new_status: 'closed' } });
  });

  it('refuses a transition from a status it does not leave as a conflict, and writes nothing', async () => {
    const line = await draftLine();
    const draftRefusals: Array<[string, string]> = [[PAUSE, 'only active lines can be paused'], [RESUME, 'only paused lines can be resumed']];
    for (const [query, message] of draftRefusals) {
      const res = await refused(query, line.id, 'CONFLICT');
      expect(res.errors?.[0].message).toBe(`Service Line ${line.id} is draft: ${message}.`);
    }
    await client.query(ACTIVATE, { id: line.id });
    for (const query of [ACTIVATE, RESUME]) await refused(query, line.id, 'CONFLICT');
    await client.query(PAUSE, { id: line.id });
    for (const query of [ACTIVATE, PAUSE]) await refused(query, line.id, 'CONFLICT');
    await client.query(CLOSE, { id: line.id });
    for (const query of [ACTIVATE, PAUSE, RESUME, CLOSE]) await refused(query, line.id, 'CONFLICT');
    const res = await refused(CLOSE, line.id, 'CONFLICT');
    expect(res.errors?.[0].message).toBe(`Service Line ${line.id} is closed: only draft, active or paused lines can be closed.`);
    expect((await eventsOf(line.id)).map((e) => e.type)).toEqual(['service_line.activated', 'service_line.paused', 'service_line.closed']);
  });

  it('leaves the lifecycle to owners and admins: members and viewers are forbidden', async () => {
    const line = await draftLine();
    for (const principal of [principals.apexMember, principals.apexViewer, principals.apexPayments]) {
      const res = await refused(ACTIVATE, line.id, 'FORBIDDEN', principal);
      expect(res.errors?.[0].message).toBe(`Role ${principal.role} may not administer this organization.`);
    }
    expect((await lineRow(line.id)).status).toBe('draft');
  });

  it("refuses another organization's line, or another workspace's under a narrowed token, exactly like a missing one", async () => {
    const missing = await refused(ACTIVATE, 'LIN-26-999999', 'NOT_FOUND');
    expect(missing.errors?.[0].message).toBe('Service Line LIN-26-999999 not found.');
    const foreign = await refused(PAUSE, DEMO.otherServiceLineId, 'NOT_FOUND');
    expect(foreign.errors?.[0].message).toBe(`Service Line ${DEMO.otherServiceLineId} not found.`);
    const ours = await draftLine();
    await refused(ACTIVATE, ours.id, 'NOT_FOUND', other);
    const elsewhere = await draftLine(DEMO.dataWorkspaceId);
    await refused(ACTIVATE, elsewhere.id, 'NOT_FOUND', narrowedAdmin);
    expect((await client.query(ACTIVATE, { id: ours.id }, narrowedAdmin)).data.activateServiceLine.status).toBe('ACTIVE');
    await refused(ACTIVATE, DEMO.podId, 'BAD_USER_INPUT');
  });

  it('rolls the status change back when its event cannot be appended', async () => {
    const line = await draftLine();
    await ctx.database.rows(sql.raw("create function events.refuse_append() returns trigger language plpgsql as $$ begin raise exception 'append refused'; end $$"));
    await ctx.database.rows(sql.raw('create trigger refuse_append before insert on events.events for each row execute function events.refuse_append()'));
    try {
      const res = await refused(ACTIVATE, line.id, 'INTERNAL_SERVER_ERROR');
      expect(res.errors?.[0].message).not.toContain('append refused');
    } finally {
      await ctx.database.rows(sql.raw('drop trigger refuse_append on events.events'));
      await ctx.database.rows(sql.raw('drop function events.refuse_append()'));
    }
    expect(await lineRow(line.id)).toEqual(line);
    expect(await eventsOf(line.id)).toEqual([]);
  });
});
