import { it, expect, beforeAll, afterAll } from 'vitest';
import { and, desc, eq, gte, isNull, like, lt, or, type SQL } from 'drizzle-orm';
import { describeEngines } from '../../test/testkit/describe-engines.ts';
import { startSubgraph, type SubgraphClient, type GraphQLResponse } from '../../test/testkit/subgraph.ts';
import { principals, otherTenant } from '../../test/testkit/auth.ts';
import type { Principal } from '../../platform/auth/tokens.ts';
import { DEMO } from '../../seed/demo.ts';
import { encodeCursor } from '../../platform/cursor.ts';
import { appendEvents, type EventInput } from '../../platform/event-log.ts';
import { definition } from './public.ts';
import { events } from '../../platform/event-log-table.ts';
import { GRAPH_TYPE_OF_SUBJECT } from './subjects.ts';

const other = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);
const SUBJECT_TYPES = [...Object.values(GRAPH_TYPE_OF_SUBJECT), 'ResourceRef'];
const FIELDS = `id type organization { id } workspace { id }
  actor { __typename ... on User { id } ... on ResourceRef { type id } ... on SystemActor { type } }
  subject { __typename ${SUBJECT_TYPES.map((t) => `... on ${t} { ${t === 'ResourceRef' ? 'type ' : ''}id }`).join(' ')} }
  actorType actorId subjectType subjectId payload createdAt`;
const PAGE = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';
const EVENT = `query($id: ID!) { event(id: $id) { ${FIELDS} } }`;
const LIST = `query($workspaceId: ID, $types: [String!], $subjectType: String, $subjectId: ID, $actorId: ID, $from: DateTime, $to: DateTime,
  $first: Int, $after: String, $last: Int, $before: String) {
  events(workspaceId: $workspaceId, types: $types, subjectType: $subjectType, subjectId: $subjectId, actorId: $actorId, from: $from, to: $to,
    first: $first, after: $after, last: $last, before: $before) { edges { cursor node { id } } nodes { ${FIELDS} } ${PAGE} } }`;
const ENTITY_VARS = { first: 'Int', after: 'String', types: '[String!]' };
/** An `_entities` query declaring the variables its selection uses (GraphQL refuses unused ones). */
const ENTITIES = (selection: string) => {
  const vars = Object.entries(ENTITY_VARS).filter(([name]) => selection.includes(`$${name}`)).map(([name, type]) => `, $${name}: ${type}`).join('');
  return `query($r: [_Any!]!${vars}) { _entities(representations: $r) { ${selection} } }`;
};
const TIMELINE = `events(first: $first, after: $after, types: $types) { nodes { id type } ${PAGE} }`;
const refs = (typename: string, ids: readonly string[]) => ids.map((id) => ({ __typename: typename, id }));

describeEngines('events subgraph', (ctx) => {
  let client: SubgraphClient;
  beforeAll(async () => {
    client = await startSubgraph(definition, ctx.database, principals.apexAdmin);
  });
  afterAll(() => client?.close());

  /** Event IDs in stream order (newest first), straight from the table. */
  const dbIds = async (where: SQL | undefined, limit = 10_000) =>
    (await ctx.database.db.select({ id: events.id }).from(events).where(where).orderBy(desc(events.seq)).limit(limit)).map((r) => r.id);
  const apex = eq(events.organizationId, DEMO.organizationId);
  const list = (vars: Record<string, unknown>, principal: Principal = principals.apexAdmin) => client.query(LIST, vars, principal);
  const ids = (res: GraphQLResponse) => res.data.events.nodes.map((n: { id: string }) => n.id);
  const badInput = (res: GraphQLResponse, argument: string) => {
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(res.errors![0].message).toContain(argument);
  };

  it('returns the docs\' service_line.activated event field by field', async () => {
    const res = await client.query(EVENT, { id: DEMO.activationEventId });
    expect(res.errors).toBeUndefined();
    expect(res.data.event).toEqual({
      id: 'EVT-26-044912', type: 'service_line.activated',
      organization: { id: 'ORG-26-090500' }, workspace: { id: 'WS-26-000021' },
      actor: { __typename: 'User', id: 'USR-26-000044' },
      subject: { __typename: 'ServiceLine', id: 'LIN-26-084729' },
      actorType: 'user', actorId: 'USR-26-000044', subjectType: 'service_line', subjectId: 'LIN-26-084729',
      payload: { previous_status: 'draft', new_status: 'active', execution_model: 'capacity', product_line: 'talent' },
      createdAt: '2026-01-15T09:00:00Z',
    });
  });

  it('returns the docs\' agent.run.completed event with a run subject and an agent actor as plain references', async () => {
    const res = await client.query(EVENT, { id: DEMO.agentRunEventId });
    expect(res.data.event).toEqual({
      id: 'EVT-26-044899', type: 'agent.run.completed',
      organization: { id: 'ORG-26-090500' }, workspace: { id: 'WS-26-000021' },
      actor: { __typename: 'ResourceRef', type: 'agent', id: 'AGT-26-000012' },
      subject: { __typename: 'ResourceRef', type: 'run', id: 'RUN-26-001812' },
      actorType: 'agent', actorId: 'AGT-26-000012', subjectType: 'run', subjectId: 'RUN-26-001812',
      payload: { service_line_id: 'LIN-26-091100', duration_ms: 2411, tokens_used: 1840, outcome: 'success' },
      createdAt: '2026-04-15T09:12:46Z',
    });
  });

  it('gives organization-level system events no workspace and the system as actor', async () => {
    const res = await list({ types: ['invoice.finalized'], first: 1 });
    expect(res.data.events.nodes[0]).toMatchObject({
      workspace: null, actor: { __typename: 'SystemActor', type: 'system' }, actorId: null, subject: { __typename: 'ResourceRef', type: 'invoice' },
    });
  });

  it('streams newest first by seq, not by ID, with cursors naming the event', async () => {
    const res = await list({ first: 100 });
    expect(ids(res)).toEqual(await dbIds(apex, 100));
    // The docs' agent run (EVT-26-044899) was recorded after the activation (EVT-26-044912): seq, not ID, orders them.
    const docs: string[] = [];
    for (let after: string | null = null, more = true; more;) {
      const page: GraphQLResponse = await list({ types: ['service_line.activated', 'agent.run.completed'], first: 100, after });
      docs.push(...ids(page));
      ({ hasNextPage: more, endCursor: after } = page.data.events.pageInfo);
    }
    expect(docs.indexOf(DEMO.agentRunEventId)).toBeGreaterThanOrEqual(0);
    expect(docs.indexOf(DEMO.activationEventId)).toBeGreaterThan(docs.indexOf(DEMO.agentRunEventId));
    expect(res.data.events.edges[0].cursor).toBe(encodeCursor(ids(res)[0]));
    const times = res.data.events.nodes.map((n: { createdAt: string }) => Date.parse(n.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('filters by exact types and by prefixes ending in a dot', async () => {
    const prefix = await list({ types: ['task.'], first: 100 });
    expect(ids(prefix)).toEqual(await dbIds(and(apex, like(events.type, 'task.%')), 100));
    const types = new Set(prefix.data.events.nodes.map((n: { type: string }) => n.type));
    expect([...types].every((t) => (t as string).startsWith('task.'))).toBe(true);
    expect(types.has('task.created') && types.has('task.status_changed')).toBe(true);
    const mixed = await list({ types: ['service_line.activated', 'agent.run.'], first: 100 });
    expect(ids(mixed)).toEqual(await dbIds(and(apex, or(eq(events.type, 'service_line.activated'), like(events.type, 'agent.run.%'))), 100));
    expect(ids(await list({ types: ['service_line.'], first: 100 }))).toEqual(await dbIds(and(apex, like(events.type, 'service\\_line.%'))));
  });

  it('answers the docs\' webhook-debugging query: one event for the activation of LIN-26-084729', async () => {
    const res = await list({ types: ['service_line.activated'], subjectId: DEMO.serviceLineId });
    expect(ids(res)).toEqual([DEMO.activationEventId]);
    expect(res.data.events.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it('filters by workspace, subject type, actor and a half-open time range', async () => {
    expect(ids(await list({ workspaceId: DEMO.dataWorkspaceId, first: 100 }))).toEqual(await dbIds(and(apex, eq(events.workspaceId, DEMO.dataWorkspaceId)), 100));
    expect(ids(await list({ subjectType: 'incident', first: 100 }))).toEqual(await dbIds(and(apex, eq(events.subjectType, 'incident')), 100));
    const byAgent = await list({ actorId: DEMO.agentId, first: 100 });
    expect(ids(byAgent)).toEqual(await dbIds(and(apex, eq(events.actorId, DEMO.agentId)), 100));
    expect(ids(byAgent)).toContain(DEMO.agentRunEventId);
    const [from, to] = ['2026-04-14T00:00:00Z', '2026-04-15T00:00:00Z'];
    const feed = await list({ workspaceId: DEMO.workspaceId, from, to, first: 100 });
    const expected = await dbIds(and(apex, eq(events.workspaceId, DEMO.workspaceId), gte(events.createdAt, new Date(from)), lt(events.createdAt, new Date(to))));
    expect(expected.length).toBeGreaterThan(20);
    expect(ids(feed)).toEqual(expected);
    expect(ids(await list({ from: '2026-04-15T09:12:46Z', to: '2026-04-15T09:12:46Z' }))).toEqual([]);
  });

  it('pages forward and backward over more than two pages with the cursors', async () => {
    const filter = { workspaceId: DEMO.workspaceId, from: '2026-04-14T00:00:00Z', to: '2026-04-15T00:00:00Z' };
    const all = ids(await list({ ...filter, first: 100 }));
    const forward: string[] = [];
    const flags: boolean[][] = [];
    let after: string | null = null;
    do {
      const page: GraphQLResponse = await list({ ...filter, first: 7, after });
      forward.push(...ids(page));
      flags.push([page.data.events.pageInfo.hasPreviousPage, page.data.events.pageInfo.hasNextPage]);
      after = page.data.events.pageInfo.hasNextPage ? page.data.events.pageInfo.endCursor : null;
    } while (after);
    expect(flags.length).toBeGreaterThan(2);
    expect(forward).toEqual(all);
    expect(flags[0]).toEqual([false, true]);
    expect(flags.at(-1)).toEqual([true, false]);

    const backward: string[] = [];
    let before: string | null = null;
    let pages = 0;
    do {
      const page: GraphQLResponse = await list({ ...filter, last: 7, before });
      backward.unshift(...ids(page));
      pages++;
      expect(page.data.events.pageInfo.hasNextPage).toBe(before !== null);
      before = page.data.events.pageInfo.hasPreviousPage ? page.data.events.pageInfo.startCursor : null;
    } while (before);
    expect(pages).toBeGreaterThan(2);
    expect(backward).toEqual(all);
  });

  it('reads a page in one statement, with a cursor too (the retention check runs only for an empty page)', async () => {
    const first = await ctx.database.statements.measure(() => list({ first: 5 }));
    expect(first.statements).toBe(1);
    const next = await ctx.database.statements.measure(() => list({ first: 5, after: first.result.data.events.pageInfo.endCursor }));
    expect(next.result.data.events.nodes).toHaveLength(5);
    expect(next.statements).toBe(1);
    // Past the end: the page is empty, so the cursor's event is looked up (it is there: an empty page, no error).
    const last = await list({ types: ['service_line.activated'], first: 100 });
    const beyond = await ctx.database.statements.measure(() => list({ types: ['service_line.activated'], first: 5, after: last.data.events.pageInfo.endCursor }));
    expect(beyond.result.errors).toBeUndefined();
    expect(beyond.result.data.events.nodes).toEqual([]);
    expect(beyond.statements).toBe(2);
  });

  it('refuses bad arguments with BAD_USER_INPUT naming the argument', async () => {
    badInput(await list({ first: 0 }), 'first');
    badInput(await list({ first: 101 }), 'first');
    badInput(await list({ first: 2, last: 2 }), 'last');
    badInput(await list({ after: 'not-a-cursor' }), 'after');
    badInput(await list({ after: encodeCursor(DEMO.taskId) }), 'after');
    badInput(await list({ workspaceId: DEMO.serviceLineId }), 'workspaceId');
    for (const types of [['Task.Created'], [''], ['task created'], ['x'.repeat(101)], Array.from({ length: 51 }, (_, i) => `t${i}.`)]) {
      badInput(await list({ types }), 'types');
    }
    badInput(await list({ subjectType: 'Service Line' }), 'subjectType');
    badInput(await list({ subjectId: 'LIN-084729' }), 'subjectId');
    badInput(await list({ actorId: DEMO.serviceLineId }), 'actorId');
    badInput(await list({ from: '2026-04-15T00:00:00Z', to: '2026-04-14T00:00:00Z' }), 'to');
    const badDate = await list({ from: 'yesterday' });
    expect(badDate.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(badDate.errors![0].message).toContain('from');
    badInput(await client.query(EVENT, { id: DEMO.taskId }), 'id');
  });

  it('answers an unknown event with null and NOT_FOUND', async () => {
    const res = await client.query(EVENT, { id: 'EVT-26-000001' });
    expect(res.data.event).toBeNull();
    expect(res.errors?.[0]).toMatchObject({ message: 'Event EVT-26-000001 not found.', extensions: { code: 'NOT_FOUND' } });
  });

  it('resolves _entities references: known, unknown and another organization\'s', async () => {
    const [otherEvent] = await dbIds(eq(events.organizationId, DEMO.otherOrganizationId), 1);
    const res = await client.query(ENTITIES('... on Event { id type subject { __typename } }'), { r: refs('Event', [DEMO.activationEventId, 'EVT-26-000001', otherEvent]) });
    expect(res.data._entities).toEqual([{ id: DEMO.activationEventId, type: 'service_line.activated', subject: { __typename: 'ServiceLine' } }, null, null]);
  });

  it('keeps the second organization apart through every field', async () => {
    const res = await list({ first: 100 }, other);
    expect(ids(res)).toEqual(await dbIds(eq(events.organizationId, DEMO.otherOrganizationId), 100));
    expect(res.data.events.nodes.every((n: { organization: { id: string } }) => n.organization.id === DEMO.otherOrganizationId)).toBe(true);
    expect((await client.query(EVENT, { id: DEMO.activationEventId }, other)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(ids(await list({ subjectId: DEMO.serviceLineId }, other))).toEqual([]);
    const timelines = await client.query(ENTITIES(`... on Organization { ${TIMELINE} } ... on Workspace { ${TIMELINE} } ... on ServiceLine { ${TIMELINE} }`), {
      r: [...refs('Organization', [DEMO.organizationId]), ...refs('Workspace', [DEMO.workspaceId]), ...refs('ServiceLine', [DEMO.serviceLineId])], first: 10,
    }, other);
    expect(timelines.data._entities.map((e: { events: { nodes: unknown[] } }) => e.events.nodes)).toEqual([[], [], []]);
  });

  it('shows a token narrowed to WS-26-000021 only that workspace\'s events', async () => {
    const res = await list({ first: 100 }, principals.apexPayments);
    expect(ids(res)).toEqual(await dbIds(and(apex, eq(events.workspaceId, DEMO.workspaceId)), 100));
    const [orgLevel] = await dbIds(and(apex, isNull(events.workspaceId)), 1);
    const [dataEvent] = await dbIds(eq(events.workspaceId, DEMO.dataWorkspaceId), 1);
    for (const id of [orgLevel, dataEvent]) {
      expect((await client.query(EVENT, { id }, principals.apexPayments)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect((await client.query(EVENT, { id })).data.event.id).toBe(id);
    }
    expect(ids(await list({ workspaceId: DEMO.dataWorkspaceId }, principals.apexPayments))).toEqual([]);
    const timelines = await client.query(ENTITIES(`... on Organization { ${TIMELINE} } ... on Workspace { ${TIMELINE} }`), {
      r: [...refs('Organization', [DEMO.organizationId]), ...refs('Workspace', [DEMO.dataWorkspaceId])], first: 100,
    }, principals.apexPayments);
    expect(timelines.data._entities[0].events.nodes.map((n: { id: string }) => n.id)).toEqual(await dbIds(and(apex, eq(events.workspaceId, DEMO.workspaceId)), 100));
    expect(timelines.data._entities[1].events.nodes).toEqual([]);
  });

  it('refuses a request without the gateway\'s principal with 401', async () => {
    const res = await client.query(LIST, { first: 1 }, null);
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('serves timelines of tasks, lines, workspaces and the organization newest first', async () => {
    const res = await client.query(ENTITIES(`... on Task { id ${TIMELINE} } ... on ServiceLine { id ${TIMELINE} } ... on Workspace { id ${TIMELINE} } ... on Organization { id ${TIMELINE} }`), {
      r: [...refs('Task', [DEMO.taskId]), ...refs('ServiceLine', [DEMO.serviceLineId]), ...refs('Workspace', [DEMO.workspaceId]), ...refs('Organization', [DEMO.organizationId])], first: 20,
    });
    const [task, line, ws, org] = res.data._entities.map((e: { events: { nodes: Array<{ id: string }> } }) => e.events.nodes.map((n) => n.id));
    expect(task).toEqual(await dbIds(eq(events.subjectId, DEMO.taskId), 20));
    expect(line).toEqual([DEMO.activationEventId]);
    expect(ws).toEqual(await dbIds(and(apex, eq(events.workspaceId, DEMO.workspaceId)), 20));
    expect(org).toEqual(await dbIds(apex, 20));
    const filtered = await client.query(ENTITIES(`... on Organization { events(types: ["invoice."], subjectType: "invoice", from: "2026-03-01T00:00:00Z", first: 10) { nodes { id } } }`), { r: refs('Organization', [DEMO.organizationId]) });
    expect(filtered.data._entities[0].events.nodes.map((n: { id: string }) => n.id))
      .toEqual(await dbIds(and(apex, like(events.type, 'invoice.%'), gte(events.createdAt, new Date('2026-03-01T00:00:00Z')))));
    badInput(await client.query(ENTITIES(`... on Task { ${TIMELINE} }`), { r: refs('Task', [DEMO.taskId]), first: 0 }), 'first');
  });

  it('batches nested timelines: one statement for any number of parents and any page size', async () => {
    const tasks = [...new Set((await ctx.database.db.select({ id: events.subjectId }).from(events).where(and(apex, eq(events.subjectType, 'task'))).limit(400)).map((r) => r.id))].slice(0, 40);
    const run = (first: number, after?: string) => ctx.database.statements.measure(() =>
      client.query(ENTITIES(`... on Task { id ${TIMELINE} }`), { r: refs('Task', tasks), first, after }));
    const small = await run(2);
    const large = await run(20);
    expect(small.statements).toBe(1);
    expect(large.statements).toBe(small.statements);
    for (const [i, id] of tasks.entries()) {
      expect(large.result.data._entities[i].events.nodes.map((n: { id: string }) => n.id)).toEqual(await dbIds(eq(events.subjectId, id), 20));
    }
    // With a cursor, the same statements whatever the page size (the retention check only when every page is empty).
    const cursor = encodeCursor(DEMO.agentRunEventId);
    expect((await run(2, cursor)).statements).toBe((await run(20, cursor)).statements);
    const workspaces = () => ctx.database.statements.measure(() => client.query(ENTITIES(`... on Workspace { ${TIMELINE} }`), { r: refs('Workspace', [DEMO.workspaceId, DEMO.dataWorkspaceId]), first: 50 }));
    expect((await workspaces()).statements).toBe(1);
  });

  it('refuses a cursor whose event is no longer retained, in lists and timelines', async () => {
    const page = await list({ types: ['task.'], first: 3 });
    const cursor = page.data.events.pageInfo.endCursor;
    const gone = page.data.events.nodes[2];
    await ctx.database.db.delete(events).where(eq(events.id, gone.id));
    for (const [res, argument] of [
      [await list({ types: ['task.'], first: 3, after: cursor }), 'after'],
      [await list({ last: 3, before: cursor }), 'before'],
      [await client.query(ENTITIES(`... on Workspace { ${TIMELINE} }`), { r: refs('Workspace', [DEMO.workspaceId]), first: 3, after: cursor }), 'after'],
    ] as const) {
      badInput(res, argument);
      expect(res.errors![0].message).toContain(`event ${gone.id} is no longer retained`);
    }
  });

  it('puts an event appended with a write first in the next query, its subject resolved to the graph\'s type', async () => {
    const base = { organizationId: DEMO.organizationId, workspaceId: DEMO.workspaceId, actor: { type: 'user', id: DEMO.adminUserId } };
    const subjects: Array<[string, string]> = [
      ['task', DEMO.taskId], ['service_line', DEMO.serviceLineId], ['pod', DEMO.podId], ['sla', DEMO.slaId], ['ticket', 'TKT-26-000001'],
      ['incident', DEMO.incidentId], ['integration', DEMO.githubIntegrationId], ['sync_run', DEMO.lastSyncRunId], ['workspace', DEMO.workspaceId],
      ['organization', DEMO.organizationId], ['user', DEMO.memberUserId], ['project', DEMO.projectId], ['invoice', 'INV-26-000999'],
    ];
    const inputs: EventInput[] = [
      { ...base, type: 'servicexline.probe', subject: { type: 'webhook', id: 'WHK-26-000004' } },
      ...subjects.map(([type, id]): EventInput => ({ ...base, type: `${type}.probed`, subject: { type, id }, payload: { probe: type } })),
    ];
    const appended = await ctx.database.db.transaction((tx) => appendEvents(tx, inputs));
    const res = await list({ first: subjects.length });
    expect(ids(res)).toEqual(appended.slice(1).map((e) => e.id).reverse());
    const bySubject = new Map(res.data.events.nodes.map((n: { subjectType: string; subject: unknown }) => [n.subjectType, n.subject]));
    for (const [type, id] of subjects) {
      const typename = GRAPH_TYPE_OF_SUBJECT[type as keyof typeof GRAPH_TYPE_OF_SUBJECT];
      expect(bySubject.get(type)).toEqual(typename ? { __typename: typename, id } : { __typename: 'ResourceRef', type, id });
    }
    expect(res.data.events.nodes[0]).toMatchObject({ id: appended.at(-1)!.id, type: 'invoice.probed', actor: { __typename: 'User', id: DEMO.adminUserId }, payload: { probe: 'invoice' } });

    // `_` in a prefix is literal: service_line. never matches servicexline.probe.
    expect((await list({ types: ['service_line.'], first: 1 })).data.events.nodes[0].type).toBe('service_line.probed');
    expect(ids(await list({ types: ['servicexline.'] }))).toEqual([appended[0].id]);

    const timelines = await client.query(ENTITIES(`... on Task { ${TIMELINE} } ... on Pod { ${TIMELINE} } ... on Integration { ${TIMELINE} }`), {
      r: [...refs('Task', [DEMO.taskId]), ...refs('Pod', [DEMO.podId]), ...refs('Integration', [DEMO.githubIntegrationId])], first: 1,
    });
    expect(timelines.data._entities.map((e: { events: { nodes: Array<{ type: string }> } }) => e.events.nodes[0].type)).toEqual(['task.probed', 'pod.probed', 'integration.probed']);
    expect(ids(await list({ first: 100 }, other)).some((id: string) => appended.some((e) => e.id === id))).toBe(false);
  });
});
