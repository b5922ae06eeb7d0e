import { it, expect, beforeAll, afterAll } from 'vitest';
import { sql, eq } from 'drizzle-orm';
import { describeEngines } from '../../test/testkit/describe-engines.ts';
import { startSubgraph, type SubgraphClient } from '../../test/testkit/subgraph.ts';
import { principals, otherTenant } from '../../test/testkit/auth.ts';
import { DEMO } from '../../seed/demo.ts';
import { definition } from './public.ts';
import { tasks, taskHistory } from './tables.ts';
import { serviceLines } from '../service-lines/tables.ts';
import { events } from '../../platform/event-log-table.ts';
import { workspaces } from '../organizations/tables.ts';

const TASK_FIELDS = `id title description status priority workspace { id } serviceLine { id } project { id } assignee { id }
  external { id source url } history { at change from to by } createdAt updatedAt`;

describeEngines('tasks subgraph', (ctx) => {
  let client: SubgraphClient;
  beforeAll(async () => {
    client = await startSubgraph(definition, ctx.database, principals.apexAdmin);
  });
  afterAll(() => client.close());

  const counts = async () => ({
    tasks: (await ctx.database.db.select({ n: sql<number>`count(*)::int` }).from(tasks))[0].n,
    history: (await ctx.database.db.select({ n: sql<number>`count(*)::int` }).from(taskHistory))[0].n,
    events: (await ctx.database.db.select({ n: sql<number>`count(*)::int` }).from(events))[0].n,
  });

  it('reads the docs task field by field', async () => {
    const { data, errors } = await client.query(`{ task(id: "TSK-26-018841") { ${TASK_FIELDS} } }`);
    expect(errors).toBeUndefined();
    expect(data.task).toEqual({
      id: 'TSK-26-018841',
      title: 'Implement idempotency key validation on payment endpoint',
      description: 'Payment endpoint must reject duplicate requests within 24 hours using the idempotency key.',
      status: 'IN_PROGRESS',
      priority: 'HIGH',
      workspace: { id: 'WS-26-000021' },
      serviceLine: { id: 'LIN-26-084729' },
      project: { id: 'PROJ-26-004281' },
      assignee: { id: 'USR-26-000044' },
      external: { id: 'APEX-1042', source: 'jira', url: 'https://apexdigital.atlassian.net/browse/APEX-1042' },
      history: [{ at: '2026-04-10T10:00:00Z', change: 'status', from: 'backlog', to: 'in_progress', by: 'USR-26-000044' }],
      createdAt: '2026-04-10T10:00:00Z',
      updatedAt: '2026-04-14T16:00:00Z',
    });
  });

  it('lists with the REST filters and pages both ways with cursors', async () => {
    const q = `query($after: String, $before: String, $first: Int, $last: Int) {
      tasks(workspaceId: "WS-26-000021", serviceLineId: "LIN-26-084729", status: [IN_PROGRESS, BACKLOG], first: $first, after: $after, last: $last, before: $before) {
        totalCount nodes { id status } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    const all = (await client.query(q, { first: 100 })).data.tasks;
    expect(all.nodes.length).toBeGreaterThan(2);
    expect(all.totalCount).toBe(all.nodes.length);
    expect(all.nodes.every((t: { status: string }) => ['IN_PROGRESS', 'BACKLOG'].includes(t.status))).toBe(true);
    expect(all.nodes.map((t: { id: string }) => t.id)).toContain('TSK-26-018841');

    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await client.query(q, { first: 2, after })).data.tasks;
      seen.push(...page.nodes.map((t: { id: string }) => t.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.nodes.map((t: { id: string }) => t.id));

    const lastTwo = (await client.query(q, { last: 2 })).data.tasks;
    expect(lastTwo.nodes.map((t: { id: string }) => t.id)).toEqual(seen.slice(-2));
    expect(lastTwo.pageInfo.hasPreviousPage).toBe(seen.length > 2);
    const before = (await client.query(q, { last: 2, before: lastTwo.pageInfo.startCursor })).data.tasks;
    expect(before.nodes.map((t: { id: string }) => t.id)).toEqual(seen.slice(-4, -2));
    expect(before.pageInfo.hasNextPage).toBe(true);
  });

  it('refuses bad input naming the argument', async () => {
    const cases: Array<[string, string]> = [
      ['tasks(workspaceId: "WS-26-000021", first: 0)', 'first'],
      ['tasks(workspaceId: "WS-26-000021", first: 101)', 'first'],
      ['tasks(workspaceId: "WS-26-000021", first: 1, last: 1)', 'last'],
      ['tasks(workspaceId: "WS-26-000021", after: "bm9wZQ")', 'after'],
      ['tasks(workspaceId: "LIN-26-084729")', 'workspaceId'],
      ['tasks(first: 5)', 'workspaceId'],
    ];
    for (const [field, argument] of cases) {
      const { data, errors } = await client.query(`{ ${field} { nodes { id } } }`);
      expect(data?.tasks ?? null, field).toBeNull();
      expect(errors?.[0].extensions?.code, field).toBe('BAD_USER_INPUT');
      expect(errors?.[0].message, field).toContain(argument);
    }
    const badEnum = await client.query('{ tasks(workspaceId: "WS-26-000021", status: [FINISHED]) { nodes { id } } }');
    expect(badEnum.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(badEnum.errors?.[0].message).toContain('FINISHED');
  });

  it('answers unknown and foreign IDs with null and NOT_FOUND', async () => {
    const unknown = await client.query('{ task(id: "TSK-26-999999") { id } }');
    expect(unknown.data.task).toBeNull();
    expect(unknown.errors?.[0]).toMatchObject({ message: 'Task TSK-26-999999 not found.', extensions: { code: 'NOT_FOUND' } });
    const other = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);
    const foreign = await client.query('{ task(id: "TSK-26-018841") { id } }', {}, other);
    expect(foreign.data.task).toBeNull();
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const wrongType = await client.query('{ task(id: "LIN-26-084729") { id } }');
    expect(wrongType.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('keeps tenants apart in lists and entity references', async () => {
    const other = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);
    const list = await client.query('{ tasks(workspaceId: "WS-26-000021") { nodes { id } } }', {}, other);
    expect(list.data.tasks.nodes).toEqual([]);
    const entities = `{ _entities(representations: [{ __typename: "Task", id: "TSK-26-018841" }, { __typename: "Task", id: "TSK-26-000001" }]) { ... on Task { id title } } }`;
    expect((await client.query(entities)).data._entities).toEqual([{ id: 'TSK-26-018841', title: 'Implement idempotency key validation on payment endpoint' }, null]);
    expect((await client.query(entities, {}, other)).data._entities).toEqual([null, null]);
    // A token narrowed to another workspace sees nothing of WS-26-000021.
    const [otherWs] = await ctx.database.db.select().from(workspaces).where(eq(workspaces.organizationId, 'ORG-26-090500')).orderBy(sql`id desc`).limit(1);
    const narrowed = { ...principals.apexPayments, workspaceId: otherWs.id };
    expect((await client.query('{ task(id: "TSK-26-018841") { id } }', {}, narrowed)).data.task).toBeNull();
    const nested = await client.query(`{ _entities(representations: [{ __typename: "Workspace", id: "WS-26-000021" }]) { ... on Workspace { tasks(first: 5) { nodes { id } } } } }`, {}, narrowed);
    expect(nested.data._entities[0].tasks.nodes).toEqual([]);
  });

  it('refuses calls without the gateway principal', async () => {
    const res = await client.query('{ task(id: "TSK-26-018841") { id } }', {}, null);
    expect(res.status).toBe(401);
    expect(res.data).toBeUndefined();
  });

  it('loads a nested connection for many parents in one statement, whatever the page size', async () => {
    const lines = await ctx.database.db.select({ id: serviceLines.id }).from(serviceLines)
      .where(eq(serviceLines.workspaceId, 'WS-26-000021')).limit(25);
    const reps = JSON.stringify(lines.map((l) => ({ __typename: 'ServiceLine', id: l.id }))).replace(/"(__typename|id)":/g, '$1:');
    const q = (n: number) => `{ _entities(representations: ${reps}) { ... on ServiceLine { id tasks(first: ${n}, status: [BACKLOG, IN_PROGRESS, IN_REVIEW]) {
      totalCount nodes { id history { change } } pageInfo { hasNextPage } } } } }`;
    const small = await ctx.database.statements.measure(() => client.query(q(2)));
    const large = await ctx.database.statements.measure(() => client.query(q(20)));
    expect(small.result.errors).toBeUndefined();
    expect(small.statements).toBe(large.statements);
    expect(small.statements).toBeLessThanOrEqual(2);
    const entity = small.result.data._entities.find((e: any) => e.tasks.totalCount > 2);
    expect(entity.tasks.nodes).toHaveLength(2);
    expect(entity.tasks.pageInfo.hasNextPage).toBe(true);
  });

  const CREATE = `mutation($input: CreateTaskInput!) { createTask(input: $input) { id status priority workspace { id } serviceLine { id } assignee { id } } }`;
  const UPDATE = `mutation($id: ID!, $input: UpdateTaskInput!) { updateTask(id: $id, input: $input) { id status assignee { id } history { change from to by } } }`;

  it('creates a task with its event in one transaction', async () => {
    const before = await counts();
    const { data, errors } = await client.query(CREATE, { input: {
      workspaceId: 'WS-26-000021', serviceLineId: 'LIN-26-084729', projectId: 'PROJ-26-004281',
      title: 'Add distributed tracing to payment service', description: 'Instrument the payments API with OpenTelemetry spans.',
      priority: 'MEDIUM', assigneeId: 'USR-26-000044', status: 'BACKLOG',
    } });
    expect(errors).toBeUndefined();
    expect(data.createTask).toMatchObject({ status: 'BACKLOG', priority: 'MEDIUM', workspace: { id: 'WS-26-000021' }, serviceLine: { id: 'LIN-26-084729' } });
    expect(data.createTask.id).toMatch(/^TSK-\d{2}-\d{6}$/);
    const [event] = await ctx.database.db.select().from(events).where(eq(events.subjectId, data.createTask.id));
    expect(event).toMatchObject({ type: 'task.created', organizationId: 'ORG-26-090500', workspaceId: 'WS-26-000021', actorType: 'user', actorId: 'USR-26-000044', subjectType: 'task' });
    expect(await counts()).toEqual({ ...before, tasks: before.tasks + 1, events: before.events + 1 });
  });

  it('takes the workspace from the line, as the agent example does', async () => {
    const { data } = await client.query(CREATE, { input: { serviceLineId: 'LIN-26-091100', title: 'Fix memory leak in worker process - identified by analysis', priority: 'HIGH' } });
    expect(data.createTask).toMatchObject({ workspace: { id: 'WS-26-000021' }, serviceLine: { id: 'LIN-26-091100' }, priority: 'HIGH' });
  });

  it('validates creation and writes nothing when it refuses', async () => {
    const before = await counts();
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ workspaceId: 'WS-26-000021', title: 'No line' }, 'UNPROCESSABLE', 'serviceLineId'],
      [{ serviceLineId: 'LIN-26-084729', title: '   ' }, 'UNPROCESSABLE', 'title'],
      [{ serviceLineId: 'LIN-26-999999', title: 'Unknown line' }, 'UNPROCESSABLE', 'serviceLineId'],
      [{ serviceLineId: 'LIN-26-084729', title: 'x', assigneeId: 'USR-26-999999' }, 'UNPROCESSABLE', 'assigneeId'],
      [{ serviceLineId: 'LIN-26-084729', title: 'x', projectId: 'PROJ-26-999999' }, 'UNPROCESSABLE', 'projectId'],
      [{ serviceLineId: 'TSK-26-018841', title: 'x' }, 'BAD_USER_INPUT', 'serviceLineId'],
      [{ title: 'x' }, 'UNPROCESSABLE', 'workspaceId'],
    ];
    for (const [input, code, field] of cases) {
      const { errors } = await client.query(CREATE, { input });
      expect(errors?.[0].extensions?.code, JSON.stringify(input)).toBe(code);
      expect(errors?.[0].message, JSON.stringify(input)).toContain(field);
    }
    const other = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);
    const foreign = await client.query(CREATE, { input: { serviceLineId: 'LIN-26-084729', title: 'Cross-tenant' } }, other);
    expect(foreign.errors?.[0].extensions?.code).toBe('UNPROCESSABLE');
    const viewer = await client.query(CREATE, { input: { serviceLineId: 'LIN-26-084729', title: 'Viewer' } }, principals.apexViewer);
    expect(viewer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
  });

  it('follows the workspace setting that makes the line optional', async () => {
    await ctx.database.db.update(workspaces).set({ settings: { require_task_service_line: false } }).where(eq(workspaces.id, 'WS-26-000021'));
    try {
      const { data, errors } = await client.query(CREATE, { input: { workspaceId: 'WS-26-000021', title: 'Unlinked task' } });
      expect(errors).toBeUndefined();
      expect(data.createTask.serviceLine).toBeNull();
    } finally {
      await ctx.database.db.update(workspaces).set({ settings: { require_task_service_line: true } }).where(eq(workspaces.id, 'WS-26-000021'));
    }
  });

  it('updates with history and events; done increments delivery velocity once', async () => {
    const velocity = async () => (await ctx.database.db.select().from(serviceLines).where(eq(serviceLines.id, 'LIN-26-084729')))[0].deliveryVelocity;
    const v0 = await velocity();
    const review = await client.query(UPDATE, { id: 'TSK-26-018841', input: { status: 'IN_REVIEW', assigneeId: 'USR-26-000081' } });
    expect(review.errors).toBeUndefined();
    expect(review.data.updateTask.status).toBe('IN_REVIEW');
    expect(review.data.updateTask.history.slice(-2)).toEqual([
      { change: 'status', from: 'in_progress', to: 'in_review', by: 'USR-26-000044' },
      { change: 'assignee', from: 'USR-26-000044', to: 'USR-26-000081', by: 'USR-26-000044' },
    ]);
    const evts = await ctx.database.db.select().from(events).where(eq(events.subjectId, 'TSK-26-018841')).orderBy(events.seq);
    expect(evts.slice(-2).map((e) => [e.type, e.payload])).toEqual([
      ['task.status_changed', { previous_status: 'in_progress', new_status: 'in_review', service_line_id: 'LIN-26-084729' }],
      ['task.assigned', { previous_assignee_id: 'USR-26-000044', assignee_id: 'USR-26-000081' }],
    ]);
    expect(await velocity()).toBe(v0);
    await client.query(UPDATE, { id: 'TSK-26-018841', input: { status: 'DONE' } });
    expect(await velocity()).toBe(v0 + 1);
    await client.query(UPDATE, { id: 'TSK-26-018841', input: { status: 'CANCELLED' } });
    expect(await velocity()).toBe(v0 + 1);
  });

  it('edits the description alone (or clears it): its task.updated event, no history row', async () => {
    const before = await counts();
    const edited = await client.query(`mutation($id: ID!, $input: UpdateTaskInput!) { updateTask(id: $id, input: $input) { id description history { change } } }`,
      { id: 'TSK-26-018841', input: { description: 'hello' } });
    expect(edited.errors).toBeUndefined();
    expect(edited.data.updateTask.description).toBe('hello');
    const cleared = await client.query(`mutation($id: ID!) { updateTask(id: $id, input: { description: null }) { description } }`, { id: 'TSK-26-018841' });
    expect(cleared.errors).toBeUndefined();
    expect(cleared.data.updateTask.description).toBeNull();
    expect(await counts()).toEqual({ ...before, events: before.events + 2 });
    const evts = await ctx.database.db.select().from(events).where(eq(events.subjectId, 'TSK-26-018841')).orderBy(events.seq);
    expect(evts.slice(-2).map((e) => [e.type, e.payload])).toEqual([
      ['task.updated', { changed: ['description'] }],
      ['task.updated', { changed: ['description'] }],
    ]);
  });

  it('refuses bad updates and writes nothing', async () => {
    const before = await counts();
    expect((await client.query(UPDATE, { id: 'TSK-26-999999', input: { status: 'DONE' } })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await client.query(UPDATE, { id: 'TSK-26-018901', input: {} })).errors?.[0].extensions?.code).toBe('UNPROCESSABLE');
    expect((await client.query(UPDATE, { id: 'TSK-26-018901', input: { title: '' } })).errors?.[0].message).toContain('title');
    expect((await client.query(UPDATE, { id: 'TSK-26-018901', input: { assigneeId: 'USR-26-999999' } })).errors?.[0].message).toContain('assigneeId');
    const other = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);
    expect((await client.query(UPDATE, { id: 'TSK-26-018901', input: { status: 'DONE' } }, other)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await counts()).toEqual(before);
  });
});
