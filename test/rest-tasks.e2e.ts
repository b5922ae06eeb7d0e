import { it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, otherTenant, bearer } from './testkit/auth.ts';
import type { Principal } from '../platform/auth/tokens.ts';
import { DEMO } from '../seed/demo.ts';
import { restClient, expectRestError, measureRest, ISO } from './testkit/rest.ts';

/** The docs' list fields, in the docs' order; the detail adds description, external_url and history. */
const LIST_KEYS = ['id', 'workspace_id', 'service_line_id', 'project_id', 'title', 'status', 'priority', 'assignee_id', 'external_id', 'external_source', 'created_at', 'updated_at'];
const DETAIL_KEYS = [
  'id', 'workspace_id', 'service_line_id', 'project_id', 'title', 'description', 'status', 'priority', 'assignee_id',
  'external_id', 'external_source', 'external_url', 'history', 'created_at', 'updated_at',
];

/** tasks.txt, GET /v1/tasks/{id}: the documented task as the docs print it. */
const DOCUMENTED_TASK = {
  id: 'TSK-26-018841',
  workspace_id: 'WS-26-000021',
  service_line_id: 'LIN-26-084729',
  project_id: 'PROJ-26-004281',
  title: 'Implement idempotency key validation on payment endpoint',
  description: 'Payment endpoint must reject duplicate requests within 24 hours using the idempotency key.',
  status: 'in_progress',
  priority: 'high',
  assignee_id: 'USR-26-000044',
  external_id: 'APEX-1042',
  external_source: 'jira',
  external_url: 'https://apexdigital.atlassian.net/browse/APEX-1042',
  history: [{ at: '2026-04-10T10:00:00Z', change: 'status', from: 'backlog', to: 'in_progress', by: 'USR-26-000044' }],
  created_at: '2026-04-10T10:00:00Z',
  updated_at: '2026-04-14T16:00:00Z',
};
const { description: _d, external_url: _u, history: _h, ...DOCUMENTED_LIST_ITEM } = DOCUMENTED_TASK;


/** Tasks routes of tasks.txt over real HTTP, each docs example against the demo data. */
describeEngines('REST /v1/tasks', (ctx) => {
  let sys: TestSystem;
  const other = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);

  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin);
  });
  afterAll(() => sys.close());

  const { call, get } = restClient(() => sys.url);
  const expectError = expectRestError;
  const measure = <T>(fn: () => Promise<T>) => measureRest(sys, ctx.database, fn);

  const counts = async () => {
    const [row] = await ctx.database.rows<{ tasks: number; history: number; events: number }>(sql`
      select (select count(*)::int from tasks.tasks) as tasks, (select count(*)::int from tasks.task_history) as history,
             (select count(*)::int from events.events) as events`);
    return row;
  };
  const readTask = async (id: string) => (await ctx.database.rows<Record<string, unknown>>(sql`select * from tasks.tasks where id = ${id}`))[0];

  /** The events of one task, newest first, read through the graph (the events routes are not ours). */
  async function taskEvents(taskId: string) {
    const res = await sys.graphql<{ events: { nodes: any[] } }>(
      `query($id: ID!) { events(subjectId: $id, types: ["task."], first: 50) { nodes { type actorId subjectType subjectId workspace { id } payload } } }`,
      { id: taskId },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.events.nodes;
  }

  it("answers the docs' list example with the documented task and nothing else", async () => {
    const { status, body } = await get(`/v1/tasks?workspace_id=${DEMO.workspaceId}&service_line_id=${DEMO.serviceLineId}&status=in_progress`);
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['data', 'meta']);
    // The docs print one task; the demo line has a second one in progress (TSK-26-018850), after it in ID order.
    expect(body.data[0]).toEqual(DOCUMENTED_LIST_ITEM);
    expect(body.data.length).toBeGreaterThan(1);
    for (const task of body.data) {
      expect(Object.keys(task)).toEqual(LIST_KEYS);
      expect(task).toMatchObject({ workspace_id: DEMO.workspaceId, service_line_id: DEMO.serviceLineId, status: 'in_progress' });
    }
    expect(body.meta).toEqual({ cursor: null, has_more: false });
  });

  it("answers the docs' detail example exactly, history included", async () => {
    const { status, body } = await get(`/v1/tasks/${DEMO.taskId}`);
    expect(status).toBe(200);
    expect(body).toEqual({ data: DOCUMENTED_TASK });
    expect(Object.keys(body.data)).toEqual(DETAIL_KEYS);
  });

  it("answers the docs' workflow lists: a project's open work, and a line's without a workspace", async () => {
    const project = await get(`/v1/tasks?workspace_id=${DEMO.workspaceId}&project_id=${DEMO.projectId}&status=in_progress,backlog&limit=100`);
    expect(project.status).toBe(200);
    expect(project.body.data).toContainEqual(DOCUMENTED_LIST_ITEM);
    for (const task of project.body.data) {
      expect(Object.keys(task)).toEqual(LIST_KEYS);
      expect(task).toMatchObject({ workspace_id: DEMO.workspaceId, project_id: DEMO.projectId });
      expect(['in_progress', 'backlog']).toContain(task.status);
    }
    expect(project.body.meta).toEqual({ cursor: null, has_more: false });

    // Without workspace_id the line alone scopes the list: the same answer as the docs' first example.
    const line = await get(`/v1/tasks?service_line_id=${DEMO.serviceLineId}&status=in_progress`);
    expect(line.status).toBe(200);
    expect(line.body).toEqual((await get(`/v1/tasks?workspace_id=${DEMO.workspaceId}&service_line_id=${DEMO.serviceLineId}&status=in_progress`)).body);
    expect(line.body.data[0]).toEqual(DOCUMENTED_LIST_ITEM);
  });

  it('filters by assignee and comma-separated priorities, and pages with meta.cursor', async () => {
    const { body } = await get(`/v1/tasks?workspace_id=${DEMO.workspaceId}&assignee_id=${DEMO.adminUserId}&priority=high,critical&limit=100`);
    expect(body.data.map((t: any) => t.id)).toContain(DEMO.taskId);
    for (const task of body.data) {
      expect(task.assignee_id).toBe(DEMO.adminUserId);
      expect(['high', 'critical']).toContain(task.priority);
    }

    // Every task of the workspace, 100 at a time, then the default page of 25 and the next from its cursor.
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await get(`/v1/tasks?workspace_id=${DEMO.workspaceId}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.status).toBe(200);
      all.push(...page.body.data.map((t: any) => t.id));
      expect(page.body.meta.cursor === null).toBe(!page.body.meta.has_more);
      cursor = page.body.meta.cursor;
    } while (cursor && all.length < 10_000);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBeGreaterThan(125);
    const first = await get(`/v1/tasks?workspace_id=${DEMO.workspaceId}`);
    expect(first.body.data.map((t: any) => t.id)).toEqual(all.slice(0, 25));
    expect(first.body.meta.has_more).toBe(true);
    const second = await get(`/v1/tasks?workspace_id=${DEMO.workspaceId}&cursor=${encodeURIComponent(first.body.meta.cursor)}&limit=100`);
    expect(second.body.data.map((t: any) => t.id)).toEqual(all.slice(25, 125));
    expect(second.body.meta.has_more).toBe(true);
  });

  it('reads a page or a task in one subgraph fetch and one statement per table, however long the page', async () => {
    // A first call of a fresh system loads what later calls reuse; count the steady state.
    await get(`/v1/tasks?workspace_id=${DEMO.workspaceId}&limit=1`);
    const small = await measure(() => get(`/v1/tasks?workspace_id=${DEMO.workspaceId}&limit=5`));
    const large = await measure(() => get(`/v1/tasks?workspace_id=${DEMO.workspaceId}&limit=100`));
    expect(large.result.body.data).toHaveLength(100);
    expect(small.fetches).toBe(1);
    expect(large.fetches).toBe(1);
    // One keyset page; no count (meta needs only hasNextPage).
    expect([small.statements, large.statements]).toEqual([1, 1]);
    const one = await measure(() => get(`/v1/tasks/${DEMO.taskId}`));
    expect(one.fetches).toBe(1);
    // The task, then its history.
    expect(one.statements).toBe(2);
  });

  it("creates the docs' POST example: 201, the detail shape, history empty, task.created emitted", async () => {
    const before = await counts();
    const request = {
      workspace_id: 'WS-26-000021',
      service_line_id: 'LIN-26-084729',
      project_id: 'PROJ-26-004281',
      title: 'Add distributed tracing to payment service',
      description: 'Instrument the payments API with OpenTelemetry spans to support end-to-end trace correlation.',
      priority: 'medium',
      assignee_id: 'USR-26-000044',
      status: 'backlog',
    };
    const { status, body } = await call('POST', '/v1/tasks', request);
    expect(status).toBe(201);
    expect(Object.keys(body)).toEqual(['data']);
    expect(Object.keys(body.data)).toEqual(DETAIL_KEYS);
    const { workspace_id, service_line_id, project_id, title, description, priority, assignee_id, status: taskStatus } = body.data;
    expect({ workspace_id, service_line_id, project_id, title, description, priority, assignee_id, status: taskStatus }).toEqual(request);
    expect(body.data).toMatchObject({ external_id: null, external_source: null, external_url: null, history: [] });
    expect(body.data.id).toMatch(/^TSK-26-\d{6}$/);
    expect(body.data.created_at).toMatch(ISO);

    // The record is what GET returns, and it is stored once.
    expect((await get(`/v1/tasks/${body.data.id}`)).body).toEqual(body);
    expect((await counts()).tasks).toBe(before.tasks + 1);
    const events = await taskEvents(body.data.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'task.created', actorId: DEMO.adminUserId, subjectType: 'task', subjectId: body.data.id, workspace: { id: DEMO.workspaceId },
      payload: { title: request.title, status: 'backlog', priority: 'medium', service_line_id: DEMO.serviceLineId, project_id: DEMO.projectId, assignee_id: DEMO.adminUserId },
    });
  });

  it("runs the docs' agent workflow: create on a line alone, then PATCH to done emits task.status_changed", async () => {
    const created = await call('POST', '/v1/tasks', { service_line_id: 'LIN-26-091100', title: 'Fix memory leak in worker process - identified by analysis', priority: 'high' });
    expect(created.status).toBe(201);
    // The workspace comes from the line; status defaults to backlog.
    expect(created.body.data).toMatchObject({ workspace_id: DEMO.workspaceId, service_line_id: 'LIN-26-091100', priority: 'high', status: 'backlog', project_id: null, assignee_id: null });
    const id = created.body.data.id;

    const [velocityBefore] = await ctx.database.rows<{ v: number }>(sql`select delivery_velocity::int as v from service_lines.service_lines where id = 'LIN-26-091100'`);
    const done = await call('PATCH', `/v1/tasks/${id}`, { status: 'done' });
    expect(done.status).toBe(200);
    expect(Object.keys(done.body.data)).toEqual(DETAIL_KEYS);
    expect(done.body.data.status).toBe('done');
    expect(done.body.data.history).toEqual([{ at: expect.stringMatching(ISO), change: 'status', from: 'backlog', to: 'done', by: DEMO.adminUserId }]);
    const [velocityAfter] = await ctx.database.rows<{ v: number }>(sql`select delivery_velocity::int as v from service_lines.service_lines where id = 'LIN-26-091100'`);
    expect(velocityAfter.v).toBe(velocityBefore.v + 1);

    const events = await taskEvents(id);
    expect(events.map((e) => e.type)).toEqual(['task.status_changed', 'task.created']);
    expect(events[0].payload).toEqual({ previous_status: 'backlog', new_status: 'done', service_line_id: 'LIN-26-091100' });
  });

  it("applies the docs' PATCH example and records both changes in history", async () => {
    const created = await call('POST', '/v1/tasks', { workspace_id: DEMO.workspaceId, service_line_id: DEMO.serviceLineId, title: 'Review retry budget', status: 'in_progress', assignee_id: DEMO.adminUserId });
    const id = created.body.data.id;
    const { status, body } = await call('PATCH', `/v1/tasks/${id}`, { status: 'in_review', assignee_id: 'USR-26-000081' });
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ id, status: 'in_review', assignee_id: 'USR-26-000081' });
    expect(body.data.history.map((h: any) => [h.change, h.from, h.to, h.by])).toEqual(
      expect.arrayContaining([['status', 'in_progress', 'in_review', DEMO.adminUserId], ['assignee', DEMO.adminUserId, 'USR-26-000081', DEMO.adminUserId]]),
    );
    expect(body.data.history).toHaveLength(2);
    expect((await taskEvents(id)).map((e) => e.type).sort()).toEqual(['task.assigned', 'task.created', 'task.status_changed']);

    // null unassigns and removes the project label; description can be cleared; the rest is renamed back.
    const labelled = await call('PATCH', `/v1/tasks/${id}`, { project_id: DEMO.projectId, title: 'Review the retry budget', priority: 'critical', description: 'Was empty' });
    expect(labelled.body.data).toMatchObject({ project_id: DEMO.projectId, title: 'Review the retry budget', priority: 'critical', description: 'Was empty' });
    const cleared = await call('PATCH', `/v1/tasks/${id}`, { assignee_id: null, project_id: null, description: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.data).toMatchObject({ assignee_id: null, project_id: null, description: null });
    const moved = await call('PATCH', `/v1/tasks/${id}`, { service_line_id: DEMO.agentServiceLineId });
    expect(moved.body.data.service_line_id).toBe(DEMO.agentServiceLineId);
  });

  it('refuses bad query parameters with 400 naming the REST parameter', async () => {
    // The graph's rule ("workspaceId or serviceLineId"), in REST names.
    const message = await expectError(get('/v1/tasks'), 400, 'bad_request', /workspace_id/);
    expect(message).toMatch(/service_line_id/);
    expect(message).not.toMatch(/workspaceId|serviceLineId/);
    await expectError(get('/v1/tasks?status=in_progress'), 400, 'bad_request', /workspace_id/);
    await expectError(get(`/v1/tasks?workspace_id=${DEMO.workspaceId}&status=in_progress,finished`), 400, 'bad_request', /status.*finished/);
    await expectError(get(`/v1/tasks?workspace_id=${DEMO.workspaceId}&priority=HIGH`), 400, 'bad_request', /priority/);
    await expectError(get(`/v1/tasks?workspace_id=${DEMO.workspaceId}&limit=101`), 400, 'bad_request', /limit/);
    await expectError(get(`/v1/tasks?workspace_id=${DEMO.workspaceId}&cursor=nope`), 400, 'bad_request', /cursor/);
    await expectError(get(`/v1/tasks?workspace_id=${DEMO.serviceLineId}`), 400, 'bad_request', /workspace_id/);
    await expectError(get(`/v1/tasks?workspace_id=${DEMO.workspaceId}&assignee_id=PROJ-26-004281`), 400, 'bad_request', /assignee_id/);
    await expectError(get(`/v1/tasks?workspace_id=${DEMO.workspaceId}&colour=blue`), 400, 'bad_request', /colour/);
    await expectError(get('/v1/tasks/not-a-task'), 400, 'bad_request');
    await expectError(get(`/v1/tasks/${DEMO.taskId}?limit=5`), 400, 'bad_request', /limit/);
  });

  it('refuses a missing token with 401 on every route', async () => {
    for (const [method, path, body] of [
      ['GET', `/v1/tasks?workspace_id=${DEMO.workspaceId}`],
      ['GET', `/v1/tasks/${DEMO.taskId}`],
      ['POST', '/v1/tasks', { service_line_id: DEMO.serviceLineId, title: 'x' }],
      ['PATCH', `/v1/tasks/${DEMO.taskId}`, { status: 'done' }],
    ] as const) {
      await expectError(call(method, path, body, null), 401, 'unauthorized');
    }
  });

  it('answers 404 for an unknown task and for another tenant\'s, both ways', async () => {
    await expectError(get('/v1/tasks/TSK-26-999999'), 404, 'not_found', 'Task TSK-26-999999 not found.');
    await expectError(call('PATCH', '/v1/tasks/TSK-26-999999', { status: 'done' }), 404, 'not_found', 'Task TSK-26-999999 not found.');
    const [theirs] = await ctx.database.rows<{ id: string }>(sql`select id from tasks.tasks where organization_id = ${DEMO.otherOrganizationId} order by id limit 1`);
    expect(theirs).toBeDefined();
    const before = await readTask(theirs.id);
    await expectError(get(`/v1/tasks/${theirs.id}`), 404, 'not_found', `Task ${theirs.id} not found.`);
    await expectError(call('PATCH', `/v1/tasks/${theirs.id}`, { status: 'cancelled' }), 404, 'not_found', `Task ${theirs.id} not found.`);
    expect(await readTask(theirs.id)).toEqual(before);
    // Their lists of our workspace are empty; our task is not theirs to read or change.
    expect((await get(`/v1/tasks?workspace_id=${DEMO.workspaceId}`, other)).body).toEqual({ data: [], meta: { cursor: null, has_more: false } });
    await expectError(get(`/v1/tasks/${DEMO.taskId}`, other), 404, 'not_found');
    await expectError(call('PATCH', `/v1/tasks/${DEMO.taskId}`, { status: 'done' }, other), 404, 'not_found');
    expect((await get(`/v1/tasks/${DEMO.taskId}`)).body).toEqual({ data: DOCUMENTED_TASK });
  });

  it('refuses writes by a viewer with 403 and writes nothing', async () => {
    const before = await counts();
    await expectError(call('POST', '/v1/tasks', { service_line_id: DEMO.serviceLineId, title: 'Viewer task' }, principals.apexViewer), 403, 'forbidden');
    await expectError(call('PATCH', `/v1/tasks/${DEMO.taskId}`, { status: 'done' }, principals.apexViewer), 403, 'forbidden');
    expect(await counts()).toEqual(before);
    expect((await get(`/v1/tasks/${DEMO.taskId}`, principals.apexViewer)).body).toEqual({ data: DOCUMENTED_TASK });
  });

  it('refuses invalid bodies with 422 naming the REST field (or 400 for malformed JSON) and changes nothing', async () => {
    const before = await counts();
    const taskBefore = await readTask(DEMO.taskId);
    const post = (body: unknown) => call('POST', '/v1/tasks', body);
    const patch = (body: unknown) => call('PATCH', `/v1/tasks/${DEMO.taskId}`, body);

    await expectError(post({ service_line_id: DEMO.serviceLineId }), 422, 'unprocessable', /^title is required/);
    await expectError(post({ service_line_id: DEMO.serviceLineId, title: '   ' }), 422, 'unprocessable', /title/);
    await expectError(post({ service_line_id: DEMO.serviceLineId, title: 42 }), 422, 'unprocessable', /^title must be a string/);
    await expectError(post({ service_line_id: DEMO.serviceLineId, title: 'x', priority: 'urgent' }), 422, 'unprocessable', /^priority must be one of low, medium, high, critical/);
    await expectError(post({ service_line_id: DEMO.serviceLineId, title: 'x', status: 'IN_PROGRESS' }), 422, 'unprocessable', /^status/);
    await expectError(post({ service_line_id: DEMO.serviceLineId, title: 'x', owner: 'me' }), 422, 'unprocessable', /^Unknown field owner/);
    await expectError(post({ service_line_id: DEMO.workspaceId, title: 'x' }), 422, 'unprocessable', /^service_line_id must be a ServiceLine ID/);
    await expectError(post({ service_line_id: DEMO.serviceLineId, title: 'x', project_id: null }), 422, 'unprocessable', /^project_id must not be null/);

    // Rules of the graph, in REST names: a line of another workspace, a workspace without a line, foreign references.
    const message = await expectError(post({ workspace_id: DEMO.dataWorkspaceId, service_line_id: DEMO.serviceLineId, title: 'x' }), 422, 'unprocessable', /service_line_id/);
    expect(message).not.toMatch(/serviceLineId|workspaceId/);
    expect(message).toContain(DEMO.dataWorkspaceId);
    await expectError(post({ title: 'x' }), 422, 'unprocessable', /workspace_id or service_line_id is required/);
    await expectError(post({ workspace_id: DEMO.workspaceId, title: 'x' }), 422, 'unprocessable', /^service_line_id is required/);
    await expectError(post({ service_line_id: DEMO.otherServiceLineId, title: 'x' }), 422, 'unprocessable', `service_line_id: Service Line ${DEMO.otherServiceLineId} not found.`);
    await expectError(post({ workspace_id: DEMO.otherWorkspaceId, title: 'x' }), 422, 'unprocessable', /^workspace_id: Workspace/);
    await expectError(post({ service_line_id: DEMO.serviceLineId, title: 'x', assignee_id: DEMO.otherAdminUserId }), 422, 'unprocessable', /^assignee_id: User/);
    await expectError(post({ service_line_id: DEMO.serviceLineId, title: 'x', project_id: DEMO.otherProjectId }), 422, 'unprocessable', /^project_id: Project/);

    await expectError(patch({ service_line_id: DEMO.otherServiceLineId }), 422, 'unprocessable', /^service_line_id: Service Line/);
    const lineOfDataWorkspace = (await ctx.database.rows<{ id: string }>(sql`select id from service_lines.service_lines where workspace_id = ${DEMO.dataWorkspaceId} limit 1`))[0].id;
    const moved = await expectError(patch({ service_line_id: lineOfDataWorkspace }), 422, 'unprocessable', /^service_line_id: /);
    expect(moved).not.toMatch(/serviceLineId/);
    await expectError(patch({ service_line_id: null }), 422, 'unprocessable', /^service_line_id must not be null/);
    await expectError(patch({ title: null }), 422, 'unprocessable', /^title must not be null/);
    await expectError(patch({ assignee_id: 44 }), 422, 'unprocessable', /^assignee_id must be a User ID/);
    await expectError(patch({ status: 'finished' }), 422, 'unprocessable', /^status must be one of backlog, in_progress, in_review, done, cancelled/);
    await expectError(patch({ external_id: 'APEX-1' }), 422, 'unprocessable', /^Unknown field external_id/);
    await expectError(patch({}), 422, 'unprocessable');
    await expectError(patch({ status: 'done', assignee_id: DEMO.otherAdminUserId }), 422, 'unprocessable', /^assignee_id: User/);

    for (const raw of ['{"title": ', '[]', '"done"', 'null']) {
      await expectError(post(raw), 400, 'bad_request', /JSON/);
      await expectError(patch(raw), 400, 'bad_request', /JSON/);
    }

    expect(await counts()).toEqual(before);
    expect(await readTask(DEMO.taskId)).toEqual(taskBefore);
  });
});
