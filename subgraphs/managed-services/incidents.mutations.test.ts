import { it, expect, beforeAll, afterAll } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { describeEngines } from '../../test/testkit/describe-engines.ts';
import { startSubgraph, type SubgraphClient, type GraphQLResponse } from '../../test/testkit/subgraph.ts';
import { principals, otherTenant } from '../../test/testkit/auth.ts';
import type { Principal } from '../../platform/auth/tokens.ts';
import { events } from '../../platform/event-log-table.ts';
import { DEMO } from '../../seed/demo.ts';
import { incidents } from './tables.ts';
import { definition } from './public.ts';

const other = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);

const FIELDS = 'id status severity openedAt resolvedAt pod { id } serviceLine { id }';
const RAISE = `mutation($input: RaiseIncidentInput!) { raiseIncident(input: $input) { ${FIELDS} } }`;
const RESOLVE = `mutation($id: ID!, $resolution: String) { resolveIncident(id: $id, resolution: $resolution) { ${FIELDS} } }`;
const SEVERITY = `mutation($id: ID!, $severity: IncidentSeverity!) { updateIncidentSeverity(id: $id, severity: $severity) { ${FIELDS} } }`;

describeEngines('incident mutations', (ctx) => {
  let client: SubgraphClient;
  beforeAll(async () => {
    client = await startSubgraph(definition, ctx.database, principals.apexAdmin);
  });
  afterAll(() => client?.close());

  /** A fresh open incident on the docs' pod POD-26-000008 (line LIN-26-088401). */
  async function openIncident(severity = 'MEDIUM'): Promise<string> {
    const res = await client.query(RAISE, { input: { podId: DEMO.podId, title: 'Quality gate below target', severity } });
    expect(res.errors).toBeUndefined();
    return res.data.raiseIncident.id;
  }
  const incidentRow = async (id: string) => (await ctx.database.db.select().from(incidents).where(eq(incidents.id, id)))[0];
  const eventsOf = (id: string) => ctx.database.db.select().from(events).where(eq(events.subjectId, id)).orderBy(events.seq);
  const snapshot = async () => (await ctx.database.rows(sql`select
    (select count(*)::int from events.events) as events,
    (select string_agg(id || ':' || status || ':' || severity || ':' || updated_at::text, ',' order by id) from managed_services.incidents) as incidents`))[0];

  /** Runs a mutation that must fail with `code` (naming `field`, when given) and change nothing. */
  async function refused(query: string, variables: Record<string, unknown>, code: string, principal?: Principal, field?: string): Promise<GraphQLResponse> {
    const before = await snapshot();
    const res = await client.query(query, variables, principal);
    expect(res.errors?.[0].extensions?.code, JSON.stringify(variables)).toBe(code);
    if (field) expect(res.errors?.[0].extensions?.argument).toBe(field);
    expect(res.data ?? null).toBeNull();
    expect(await snapshot()).toEqual(before);
    return res;
  }

  it('resolves an open incident and appends incident.resolved with the resolution, in one transaction', async () => {
    const id = await openIncident('HIGH');
    const res = await client.query(RESOLVE, { id, resolution: '  Quality gate restored after adding contract tests.  ' }, principals.apexMember);
    expect(res.errors).toBeUndefined();
    expect(res.data.resolveIncident).toMatchObject({ id, status: 'RESOLVED', severity: 'HIGH', pod: { id: DEMO.podId }, serviceLine: { id: DEMO.podServiceLineId } });
    const row = await incidentRow(id);
    expect(row.resolvedAt).not.toBeNull();
    const [opened, resolved] = await eventsOf(id);
    expect(opened.type).toBe('incident.opened');
    expect(resolved).toMatchObject({
      type: 'incident.resolved', organizationId: DEMO.organizationId, workspaceId: DEMO.workspaceId, actorType: 'user', actorId: DEMO.memberUserId,
      subjectType: 'incident', subjectId: id,
      payload: { previous_status: 'open', severity: 'high', pod_id: DEMO.podId, service_line_id: DEMO.podServiceLineId, resolution: 'Quality gate restored after adding contract tests.' },
    });
    expect(resolved.createdAt.getTime()).toBe(row.resolvedAt!.getTime());
    expect(Date.parse(res.data.resolveIncident.resolvedAt)).toBe(row.resolvedAt!.getTime());
  });

  it('resolves an investigating incident without a note, and refuses one already resolved as a conflict', async () => {
    const id = await openIncident();
    await ctx.database.db.update(incidents).set({ status: 'investigating' }).where(eq(incidents.id, id));
    const res = await client.query(RESOLVE, { id });
    expect(res.data.resolveIncident.status).toBe('RESOLVED');
    expect((await eventsOf(id)).at(-1)).toMatchObject({ type: 'incident.resolved', payload: { previous_status: 'investigating', resolution: null } });
    const again = await refused(RESOLVE, { id, resolution: 'Twice' }, 'CONFLICT');
    expect(again.errors?.[0].message).toBe(`Incident ${id} is already resolved.`);
    expect((await eventsOf(id)).map((e) => e.type)).toEqual(['incident.opened', 'incident.resolved']);
  });

  it('changes the severity and appends incident.severity_changed with the previous and new one', async () => {
    const id = await openIncident('MEDIUM');
    const res = await client.query(SEVERITY, { id, severity: 'CRITICAL' });
    expect(res.errors).toBeUndefined();
    expect(res.data.updateIncidentSeverity).toMatchObject({ id, severity: 'CRITICAL', status: 'OPEN' });
    const row = await incidentRow(id);
    expect(row.severity).toBe('critical');
    const changed = (await eventsOf(id)).at(-1)!;
    expect(changed).toMatchObject({
      type: 'incident.severity_changed', organizationId: DEMO.organizationId, workspaceId: DEMO.workspaceId, actorId: DEMO.adminUserId, subjectType: 'incident',
      payload: { previous_severity: 'medium', new_severity: 'critical', status: 'open', pod_id: DEMO.podId, service_line_id: DEMO.podServiceLineId },
    });
    expect(changed.createdAt.getTime()).toBe(row.updatedAt.getTime());

    // The same severity is no change: the incident comes back as it is and nothing is appended.
    const before = await snapshot();
    const same = await client.query(SEVERITY, { id, severity: 'CRITICAL' });
    expect(same.data.updateIncidentSeverity.severity).toBe('CRITICAL');
    expect(await snapshot()).toEqual(before);
  });

  it("refuses to change a resolved incident's severity", async () => {
    const id = await openIncident('LOW');
    await client.query(RESOLVE, { id });
    const res = await refused(SEVERITY, { id, severity: 'HIGH' }, 'CONFLICT');
    expect(res.errors?.[0].message).toBe(`Incident ${id} is resolved: its severity is final.`);
  });

  it('refuses viewers, bad input, and incidents outside the caller\'s scope like missing ones', async () => {
    const id = await openIncident();
    await refused(RESOLVE, { id }, 'FORBIDDEN', principals.apexViewer);
    await refused(SEVERITY, { id, severity: 'LOW' }, 'FORBIDDEN', principals.apexViewer);
    await refused(RESOLVE, { id, resolution: '   ' }, 'UNPROCESSABLE', undefined, 'resolution');
    await refused(RESOLVE, { id: DEMO.podId }, 'BAD_USER_INPUT', undefined, 'id');
    await refused(SEVERITY, { id, severity: 'SEVERE' }, 'BAD_USER_INPUT');

    const missing = await refused(RESOLVE, { id: 'INC-26-999999' }, 'NOT_FOUND');
    expect(missing.errors?.[0].message).toBe('Incident INC-26-999999 not found.');
    await refused(RESOLVE, { id }, 'NOT_FOUND', other);
    await refused(SEVERITY, { id, severity: 'LOW' }, 'NOT_FOUND', other);
    const [foreign] = await ctx.database.db.select().from(incidents).where(eq(incidents.organizationId, DEMO.otherOrganizationId)).limit(1);
    const theirs = await refused(RESOLVE, { id: foreign.id }, 'NOT_FOUND');
    expect(theirs.errors?.[0].message).toBe(`Incident ${foreign.id} not found.`);

    // A token narrowed to WS-26-000021 does not see WS-26-000022's incidents.
    const [elsewhere] = await ctx.database.db.insert(incidents).values({
      organizationId: DEMO.organizationId, workspaceId: DEMO.dataWorkspaceId, title: 'Pipeline lag', severity: 'low', status: 'open',
    }).returning();
    await refused(RESOLVE, { id: elsewhere.id }, 'NOT_FOUND', principals.apexPayments);
    await refused(SEVERITY, { id: elsewhere.id, severity: 'HIGH' }, 'NOT_FOUND', principals.apexPayments);
    expect((await client.query(RESOLVE, { id }, principals.apexPayments)).data.resolveIncident.status).toBe('RESOLVED');
  });

  it('rolls the resolution back when its event cannot be appended', async () => {
    const id = await openIncident();
    const before = await incidentRow(id);
    await ctx.database.rows(sql.raw("create function events.refuse_append() returns trigger language plpgsql as $$ begin raise exception 'append refused'; end $$"));
    await ctx.database.rows(sql.raw('create trigger refuse_append before insert on events.events for each row execute function events.refuse_append()'));
    try {
      await refused(RESOLVE, { id }, 'INTERNAL_SERVER_ERROR');
      await refused(SEVERITY, { id, severity: 'CRITICAL' }, 'INTERNAL_SERVER_ERROR');
    } finally {
      await ctx.database.rows(sql.raw('drop trigger refuse_append on events.events'));
      await ctx.database.rows(sql.raw('drop function events.refuse_append()'));
    }
    expect(await incidentRow(id)).toEqual(before);
  });
});
