import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db.ts';
import { appendEvent } from '../platform/event-log.ts';
import { parseId } from '../platform/ids.ts';
import * as t from '../schema/tables.ts';
import { describeEngines } from '../test/testkit/describe-engines.ts';
import { createTestDatabase } from '../test/testkit/engines.ts';
import { SCALE_ORG_ID, ScaleDataLoadedError, arrayLiteral, seedScale, type ScaleResult } from './scale.ts';

const SCALE = 2_000;
/** What scale 2,000 must write, table by table: counted by hand from the plan, not by the code under test. */
const EXPECTED: Record<string, number> = {
  'organizations.organizations': 1,
  'organizations.workspaces': 4,
  'organizations.users': 200,
  'organizations.workspace_members': 200 + 40 * 3, // every fifth user is in all four workspaces
  'organizations.projects': 20,
  'service_lines.service_lines': 4 * 124,
  'integrations.integrations': 4 * 3,
  'integrations.sync_runs': 4 * 3 * 60 * 4, // every six hours for the last 60 days
  'tasks.tasks': 200,
  'tasks.task_history': 200,
  'service_lines.usage_records': 200,
  'events.events': 2_000,
  'managed_services.incidents': 10, // one per 199 non-task events: ceil(1,800 / 199)
};

/** Rows per pod, and a pod for every active or paused managed-services line (how many, the line catalog's draw says). */
const PER_POD: Record<string, number> = {
  'managed_services.pods': 1,
  'managed_services.slas': 1,
  'managed_services.sla_reports': 6, // 2025-11 to 2026-04
  'managed_services.tickets': 12,
};
const TABLES = [...Object.keys(EXPECTED), ...Object.keys(PER_POD)];

const ID_TABLES: Array<[table: string, prefix: string]> = [
  ['organizations.organizations', 'ORG'], ['organizations.workspaces', 'WS'], ['organizations.users', 'USR'],
  ['organizations.projects', 'PROJ'], ['service_lines.service_lines', 'LIN'], ['integrations.integrations', 'INT'],
  ['tasks.tasks', 'TSK'], ['events.events', 'EVT'], ['managed_services.incidents', 'INC'], ['managed_services.pods', 'POD'],
  ['managed_services.slas', 'SLA'], ['managed_services.tickets', 'TKT'], ['integrations.sync_runs', 'SYNC'],
];

async function count(database: Database, query: string): Promise<number> {
  const [row] = await database.rows<{ n: string | number }>(sql.raw(query));
  return Number(row.n);
}

describeEngines('seedScale', (ctx) => {
  let result: ScaleResult;
  const progress: Array<[number, number]> = [];

  beforeAll(async () => {
    // Small, uneven batches: many statements per table, a short last batch, lanes overlapping on PostgreSQL.
    result = await seedScale(ctx.database, { scale: SCALE, batchSize: 333, onProgress: (done, total) => progress.push([done, total]) });
  });

  it('writes exactly the planned rows per table and reports them', async () => {
    const pods = await count(ctx.database, `select count(*) as n from service_lines.service_lines
      where product_line = 'managed_services' and status in ('active', 'paused')`);
    expect(pods).toBeGreaterThan(20);
    const expected = { ...EXPECTED, ...Object.fromEntries(Object.entries(PER_POD).map(([table, n]) => [table, n * pods])) };
    const counts: Record<string, number> = {};
    for (const table of TABLES) counts[table] = await count(ctx.database, `select count(*) as n from ${table}`);
    expect(counts).toEqual(expected);
    expect(result.rows).toBe(Object.values(expected).reduce((a, b) => a + b, 0));
    expect(result).toMatchObject({ organizationId: SCALE_ORG_ID, workspaceIds: ['WS-26-100000', 'WS-26-100001', 'WS-26-100002', 'WS-26-100003'] });
    expect(result.rowsPerSecond).toBeGreaterThan(0);
  });

  it('reports progress up to the total', () => {
    // The small tables, then 7 event batches, 1 task batch and 1 usage batch of at most 333 rows.
    expect(progress.length).toBe(10);
    expect(progress.at(-1)).toEqual([result.rows, result.rows]);
    for (let i = 1; i < progress.length; i++) expect(progress[i][0]).toBeGreaterThanOrEqual(progress[i - 1][0]);
  });

  it('gives every row a platform ID of its own prefix, in the high range', async () => {
    for (const [table, prefix] of ID_TABLES) {
      const rows = await ctx.database.rows<{ id: string }>(sql.raw(`select id from ${table}`));
      for (const { id } of rows) {
        expect(id).toMatch(/^[A-Z]+-\d{2}-\d{6,}$/);
        expect(parseId(id)).toMatchObject({ prefix, year: 26 });
        expect(parseId(id)!.number).toBeGreaterThanOrEqual(100_000);
      }
    }
    const subjects = await ctx.database.rows<{ id: string }>(sql`select distinct subject_id as id from events.events`);
    for (const { id } of subjects) expect(id).toMatch(/^(TSK|LIN|INT|INC|USR)-26-\d{6,}$/);
  });

  it('puts every row in the scale organization', async () => {
    for (const table of TABLES) {
      if (['organizations.organizations', 'organizations.workspace_members', 'tasks.task_history'].includes(table)) continue;
      expect(await count(ctx.database, `select count(*) as n from ${table} where organization_id <> '${SCALE_ORG_ID}'`), table).toBe(0);
    }
    expect(await count(ctx.database, `select count(*) as n from tasks.task_history h join tasks.tasks t on t.id = h.task_id
      where t.organization_id = '${SCALE_ORG_ID}'`)).toBe(EXPECTED['tasks.task_history']);
    expect(await count(ctx.database, `select count(*) as n from organizations.workspace_members m join organizations.workspaces w
      on w.id = m.workspace_id where w.organization_id = '${SCALE_ORG_ID}'`)).toBe(EXPECTED['organizations.workspace_members']);
  });

  it('appends events in created_at order, one task.created per task at its creation', async () => {
    expect(await count(ctx.database, `select count(*) as n from (
      select created_at < lag(created_at) over (order by seq) as back, id < lag(id) over (order by seq) as id_back from events.events) e
      where back or id_back`)).toBe(0);
    expect(await count(ctx.database, `select count(*) as n from tasks.tasks t join events.events e
      on e.subject_id = t.id and e.type = 'task.created' and e.created_at = t.created_at`)).toBe(EXPECTED['tasks.tasks']);
    // No event touches a task before it exists, and all lie in the 180 days before 2026-04-15.
    expect(await count(ctx.database, `select count(*) as n from events.events e join tasks.tasks t on t.id = e.subject_id
      where e.created_at < t.created_at`)).toBe(0);
    const [span] = await ctx.database.rows<{ first: string; last: string }>(sql`
      select to_char(min(created_at) at time zone 'UTC', 'YYYY-MM-DD') as first, to_char(max(created_at) at time zone 'UTC', 'YYYY-MM-DD') as last from events.events`);
    expect(span.first >= '2025-10-17' && span.last < '2026-04-15').toBe(true);
    const types = await ctx.database.rows<{ type: string }>(sql`select distinct type from events.events`);
    expect(types.map((r) => r.type)).toEqual(expect.arrayContaining(['task.created', 'task.status_changed', 'task.assigned',
      'service_line.status_changed', 'integration.sync_failed', 'incident.opened', 'agent.run.completed']));
  });

  it('points tasks, usage, history and events at rows that exist', async () => {
    const dangling = {
      taskLine: `select count(*) as n from tasks.tasks t left join service_lines.service_lines l
        on l.id = t.service_line_id and l.workspace_id = t.workspace_id where l.id is null`,
      taskPeople: `select count(*) as n from tasks.tasks t left join organizations.users a on a.id = t.assignee_id
        left join organizations.users c on c.id = t.created_by where (t.assignee_id is not null and a.id is null) or c.id is null`,
      taskProject: `select count(*) as n from tasks.tasks t left join organizations.projects p on p.id = t.project_id
        where t.project_id is not null and p.id is null`,
      usageLine: `select count(*) as n from service_lines.usage_records u left join service_lines.service_lines l
        on l.id = u.service_line_id and l.workspace_id = u.workspace_id where l.id is null`,
      eventActor: `select count(*) as n from events.events e left join organizations.users u on u.id = e.actor_id where u.id is null`,
      eventSubject: `select count(*) as n from events.events e
        left join tasks.tasks t on e.subject_type = 'task' and t.id = e.subject_id
        left join service_lines.service_lines l on e.subject_type = 'service_line' and l.id = e.subject_id
        left join integrations.integrations i on e.subject_type = 'integration' and i.id = e.subject_id
        left join managed_services.incidents c on e.subject_type = 'incident' and c.id = e.subject_id
        left join organizations.users u on e.subject_type = 'user' and u.id = e.subject_id
        where coalesce(t.id, l.id, i.id, c.id, u.id) is null`,
      eventWorkspace: `select count(*) as n from events.events e left join organizations.workspaces w on w.id = e.workspace_id
        where e.workspace_id is not null and w.id is null`,
      podLine: `select count(*) as n from managed_services.pods p left join service_lines.service_lines l
        on l.id = p.service_line_id and l.workspace_id = p.workspace_id and l.product_line = 'managed_services' where l.id is null`,
      ticketPod: `select count(*) as n from managed_services.tickets x left join managed_services.pods p
        on p.id = x.pod_id and p.workspace_id = x.workspace_id where p.id is null`,
      ticketDue: `select count(*) as n from managed_services.tickets where sla_response_due_at <> created_at + interval '4 hours'`,
      reportPod: `select count(*) as n from managed_services.sla_reports r left join managed_services.slas s on s.id = r.sla_id and s.pod_id = r.pod_id where s.id is null`,
      runIntegration: `select count(*) as n from integrations.sync_runs r left join integrations.integrations i on i.id = r.integration_id where i.id is null`,
    };
    for (const [name, query] of Object.entries(dangling)) expect(await count(ctx.database, query), name).toBe(0);
    // Most lines are active, and the three enums are mixed.
    const [lines] = await ctx.database.rows<Record<string, string | number>>(sql`
      select count(*) filter (where status = 'active') as active, count(distinct product_line) as products,
        count(distinct execution_model) as executions, count(distinct billing_model) as billings from service_lines.service_lines`);
    expect(Number(lines.active)).toBeGreaterThan(EXPECTED['service_lines.service_lines'] / 2);
    expect(Number(lines.products)).toBeGreaterThan(3);
    expect(Number(lines.executions)).toBeGreaterThan(3);
    expect(Number(lines.billings)).toBeGreaterThan(3);
    // A workspace of 100 active lines: what the health benchmark assesses in one request.
    expect(await count(ctx.database, `select count(*) as n from service_lines.service_lines where workspace_id = 'WS-26-100000' and status = 'active'`)).toBe(100);
  });

  it('sends array literals that survive quotes, backslashes, commas and NULL', async () => {
    const texts = ['plain', 'with "quotes"', 'back\\slash', 'a,b', '{braces}', '', 'NULL', null, 'ünïcode ✓', '{"json":"\\u00e9"}'];
    const rows = await ctx.database.rows<{ v: string | null }>(sql`select unnest(${arrayLiteral(texts)}::text[]) as v`);
    expect(rows.map((r) => r.v)).toEqual(texts);
    const numbers = await ctx.database.rows<{ v: string | null }>(sql`select unnest(${arrayLiteral([1, null, 2.25, 2_000_000])}::numeric[])::text as v`);
    expect(numbers.map((r) => r.v)).toEqual(['1', null, '2.25', '2000000']);
  });

  it('refuses a second load and leaves the first intact', async () => {
    await expect(seedScale(ctx.database, { scale: 10 })).rejects.toThrow(/already loaded/);
    await expect(seedScale(ctx.database, { scale: 10 })).rejects.toBeInstanceOf(ScaleDataLoadedError);
    expect(await count(ctx.database, 'select count(*) as n from events.events')).toBe(EXPECTED['events.events']);
  });

  it('leaves the sequences past the loaded IDs, so minted IDs and seqs are new', async () => {
    const minted = await ctx.database.db.insert(t.tasks).values([1, 2].map((n) => ({
      organizationId: SCALE_ORG_ID, workspaceId: 'WS-26-100000', serviceLineId: 'LIN-26-100000', title: `Minted after the scale load ${n}`,
    }))).returning();
    for (const task of minted) expect(parseId(task.id)!.number).toBeGreaterThan(2_000_000 + EXPECTED['tasks.tasks'] - 1);
    const task = minted[0];
    const event = await ctx.database.db.transaction((tx) => appendEvent(tx, {
      type: 'task.created', organizationId: SCALE_ORG_ID, workspaceId: 'WS-26-100000',
      actor: { type: 'user', id: 'USR-26-100000' }, subject: { type: 'task', id: task.id },
    }));
    const [max] = await ctx.database.rows<{ seq: string | number; id: string }>(sql`
      select max(seq) as seq, max(id) as id from events.events where id <> ${event.id}`);
    expect(event.seq).toBeGreaterThan(Number(max.seq));
    expect(parseId(event.id)!.number).toBeGreaterThan(parseId(max.id)!.number);
  });
}, { seed: false });

describe('seedScale on failure', () => {
  it('removes what it wrote, so the next load starts clean', async () => {
    const test = await createTestDatabase('pglite', { seed: false });
    try {
      let calls = 0;
      const failing = seedScale(test.database, {
        scale: 500,
        batchSize: 100,
        onProgress: () => {
          if (++calls === 3) throw new Error('interrupted');
        },
      });
      await expect(failing).rejects.toThrow('interrupted');
      for (const table of TABLES) expect(await count(test.database, `select count(*) as n from ${table}`), table).toBe(0);
      const again = await seedScale(test.database, { scale: 500 });
      expect(await count(test.database, 'select count(*) as n from events.events')).toBe(500);
      expect(again.rows).toBeGreaterThan(500);
    } finally {
      await test.drop();
    }
  });
});

describe('seedScale determinism', () => {
  async function digest(batchSize: number): Promise<Record<string, string>> {
    const test = await createTestDatabase('pglite', { seed: false });
    try {
      await seedScale(test.database, { scale: 1_500, batchSize });
      const out: Record<string, string> = {};
      for (const table of TABLES) {
        const [row] = await test.database.rows<{ md5: string }>(sql.raw(
          `select md5(string_agg(x::text, '|' order by x::text)) as md5 from ${table} x`));
        out[table] = row.md5;
      }
      return out;
    } finally {
      await test.drop();
    }
  }

  it('writes the same content on two empty databases, whatever the batch size', async () => {
    const a = await digest(5_000);
    const b = await digest(97);
    expect(b).toEqual(a);
  });
});
