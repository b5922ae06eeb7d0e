import { it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEngines } from '../../test/testkit/describe-engines.ts';
import { startSubgraph, type SubgraphClient } from '../../test/testkit/subgraph.ts';
import { principals, otherTenant } from '../../test/testkit/auth.ts';
import { DEMO } from '../../seed/demo.ts';
import { definition } from './public.ts';

const STATS = 'total byStatus { status count } byPriority { priority count } completionRate';
const STATUSES = ['BACKLOG', 'IN_PROGRESS', 'IN_REVIEW', 'DONE', 'CANCELLED'];
const PRIORITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const reps = (typename: string, ids: string[]) =>
  JSON.stringify(ids.map((id) => ({ __typename: typename, id }))).replace(/"(__typename|id)":/g, '$1:');

describeEngines('task aggregates', (ctx) => {
  let client: SubgraphClient;
  beforeAll(async () => {
    client = await startSubgraph(definition, ctx.database, principals.apexAdmin);
  });
  afterAll(() => client.close());

  /** The stats a set of tasks should have, counted with plain SQL over the demo data. */
  async function expected(column: 'workspace_id' | 'service_line_id' | 'project_id', id: string) {
    const rows = await ctx.database.rows<{ status: string; priority: string; n: number }>(sql`
      select status::text, priority::text, count(*)::int as n from tasks.tasks
      where ${sql.identifier(column)} = ${id} and organization_id = ${DEMO.organizationId} group by 1, 2`);
    const count = (keep: (r: { status: string; priority: string }) => boolean) => rows.filter(keep).reduce((n, r) => n + r.n, 0);
    const total = count(() => true);
    const cancelled = count((r) => r.status === 'cancelled');
    return {
      total,
      byStatus: STATUSES.map((s) => ({ status: s, count: count((r) => r.status === s.toLowerCase()) })),
      byPriority: PRIORITIES.map((p) => ({ priority: p, count: count((r) => r.priority === p.toLowerCase()) })),
      completionRate: total - cancelled === 0 ? 0 : count((r) => r.status === 'done') / (total - cancelled),
    };
  }

  /** Completed tasks per bucket, zero buckets included, with generate_series and a correlated count. */
  async function expectedVelocity(column: string, id: string, period: string, from: string, to: string) {
    return ctx.database.rows<{ periodStart: string; completed: number }>(sql`
      select to_char(b, 'YYYY-MM-DD') as "periodStart", (select count(*)::int from tasks.tasks t
        where ${sql.identifier(column)} = ${id} and t.organization_id = ${DEMO.organizationId} and t.status in ('done', 'cancelled')
          and t.completed_at >= (b at time zone 'UTC') and t.completed_at < ((b + ${sql.raw(`interval '1 ${period}'`)}) at time zone 'UTC')
          and t.completed_at >= (${from}::date::timestamp at time zone 'UTC') and t.completed_at < ((${to}::date + 1)::timestamp at time zone 'UTC')) as completed
      from generate_series(date_trunc(${period}, ${from}::date::timestamp), ${to}::date::timestamp, ${sql.raw(`interval '1 ${period}'`)}) b order by b`);
  }

  const ids = async (query: ReturnType<typeof sql>) => (await ctx.database.rows<{ id: string }>(query)).map((r) => r.id);

  it('counts a workspace, a line and a project from the root field, as SQL does', async () => {
    for (const [arg, column, id] of [['workspaceId', 'workspace_id', 'WS-26-000021'], ['serviceLineId', 'service_line_id', 'LIN-26-084729'], ['projectId', 'project_id', 'PROJ-26-004281']] as const) {
      const { data, errors } = await client.query(`{ taskStats(${arg}: "${id}") { ${STATS} } }`);
      expect(errors, arg).toBeUndefined();
      const want = await expected(column, id);
      expect(want.total, arg).toBeGreaterThan(0);
      expect(data.taskStats, arg).toEqual({ ...want, completionRate: expect.closeTo(want.completionRate, 10) });
    }
  });

  it('counts many parents in one statement, each as SQL does', async () => {
    const lines = await ids(sql`select id from service_lines.service_lines where organization_id = ${DEMO.organizationId} order by id limit 25`);
    const workspaces = await ids(sql`select distinct workspace_id as id from tasks.tasks where organization_id = ${DEMO.organizationId} order by 1`);
    const q = `{ lines: _entities(representations: ${reps('ServiceLine', lines)}) { ... on ServiceLine { id taskStats { ${STATS} } } }
      workspaces: _entities(representations: ${reps('Workspace', workspaces)}) { ... on Workspace { id taskStats { ${STATS} } } } }`;
    const { result, statements } = await ctx.database.statements.measure(() => client.query(q));
    expect(result.errors).toBeUndefined();
    expect(statements).toBe(2);
    for (const line of result.data.lines) {
      const want = await expected('service_line_id', line.id);
      expect(line.taskStats, line.id).toEqual({ ...want, completionRate: expect.closeTo(want.completionRate, 10) });
    }
    for (const ws of result.data.workspaces) expect(ws.taskStats.total, ws.id).toBe((await expected('workspace_id', ws.id)).total);
  });

  it('gives velocity per bucket with zero buckets, for a root query and for many parents in one statement', async () => {
    const [{ first, last }] = await ctx.database.rows<{ first: string; last: string }>(sql`
      select to_char(min(completed_at) at time zone 'UTC', 'YYYY-MM-DD') as first, to_char(max(completed_at) at time zone 'UTC', 'YYYY-MM-DD') as last
      from tasks.tasks where workspace_id = 'WS-26-000021' and status in ('done', 'cancelled')`);
    for (const period of ['DAY', 'WEEK', 'MONTH']) {
      const q = `{ taskStats(workspaceId: "WS-26-000021") { velocity(period: ${period}, from: "${first}", to: "${last}") { periodStart completed } } }`;
      const { data, errors } = await client.query(q);
      expect(errors, period).toBeUndefined();
      const want = await expectedVelocity('workspace_id', 'WS-26-000021', period.toLowerCase(), first, last);
      expect(data.taskStats.velocity, period).toEqual(want);
      expect(want.reduce((n, p) => n + p.completed, 0), period).toBeGreaterThan(0);
    }
    const lines = await ids(sql`select distinct service_line_id as id from tasks.tasks where organization_id = ${DEMO.organizationId} and service_line_id is not null order by 1 limit 20`);
    const q = `{ _entities(representations: ${reps('ServiceLine', lines)}) { ... on ServiceLine { id taskStats { velocity(period: WEEK, from: "${first}", to: "${last}") { periodStart completed } } } } }`;
    const { result, statements } = await ctx.database.statements.measure(() => client.query(q));
    expect(result.errors).toBeUndefined();
    expect(statements).toBe(2);
    for (const line of result.data._entities) {
      expect(line.taskStats.velocity, line.id).toEqual(await expectedVelocity('service_line_id', line.id, 'week', first, last));
    }
  });

  it('counts nothing of another organization, nor of another workspace for a narrowed token', async () => {
    const other = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);
    const zero = { total: 0, byStatus: STATUSES.map((status) => ({ status, count: 0 })), byPriority: PRIORITIES.map((priority) => ({ priority, count: 0 })), completionRate: 0 };
    const root = await client.query(`{ taskStats(workspaceId: "WS-26-000021") { ${STATS} velocity(period: MONTH, from: "2026-01-01", to: "2026-12-31") { completed } } }`, {}, other);
    expect(root.errors).toBeUndefined();
    const { velocity, ...stats } = root.data.taskStats;
    expect(stats).toEqual(zero);
    expect(velocity).toHaveLength(12);
    expect(velocity.every((p: { completed: number }) => p.completed === 0)).toBe(true);
    const entities = await client.query(`{ _entities(representations: ${reps('ServiceLine', ['LIN-26-084729'])}) { ... on ServiceLine { taskStats { ${STATS} } } } }`, {}, other);
    expect(entities.data._entities[0].taskStats).toEqual(zero);

    const [elsewhere] = await ids(sql`select workspace_id as id from tasks.tasks where organization_id = ${DEMO.organizationId} and workspace_id <> 'WS-26-000021' limit 1`);
    expect(elsewhere).toBeDefined();
    const narrowed = await client.query(`{ taskStats(workspaceId: "${elsewhere}") { ${STATS} } }`, {}, principals.apexPayments);
    expect(narrowed.data.taskStats).toEqual(zero);
  });

  it('refuses bad arguments, naming them', async () => {
    const cases: Array<[string, string]> = [
      ['taskStats { total }', 'workspaceId'],
      ['taskStats(workspaceId: "LIN-26-084729") { total }', 'workspaceId'],
      ['taskStats(projectId: "WS-26-000021") { total }', 'projectId'],
      ['taskStats(workspaceId: "WS-26-000021") { velocity(period: WEEK, from: "2026-05-01", to: "2026-04-01") { completed } }', 'to'],
      ['taskStats(workspaceId: "WS-26-000021") { velocity(period: DAY, from: "2025-01-01", to: "2026-12-31") { completed } }', 'to'],
      ['taskStats(workspaceId: "WS-26-000021") { velocity(period: YEAR, from: "2026-01-01", to: "2026-12-31") { completed } }', 'YEAR'],
      ['taskStats(workspaceId: "WS-26-000021") { velocity(period: DAY, from: "2026-02-30", to: "2026-12-31") { completed } }', 'date'],
    ];
    for (const [field, argument] of cases) {
      const { data, errors } = await client.query(`{ ${field} }`);
      expect(data?.taskStats ?? null, field).toBeNull();
      expect(errors?.[0].extensions?.code, field).toBe('BAD_USER_INPUT');
      expect(errors?.[0].message, field).toContain(argument);
    }
    const noWorkspace = await client.query('{ taskStats { total } }');
    expect(noWorkspace.errors?.[0].extensions?.argument).toBe('workspaceId');
  });
});
