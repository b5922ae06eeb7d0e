import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../platform/db.ts';
import { advanceIdSequences } from './id-sequences.ts';
import * as t from '../schema/tables.ts';
import {
  ID_BASES, INTEGRATIONS_PER_WORKSPACE, PROJECTS, SCALE_ORG_ID, START_S, DAY, USERS, WORKSPACES, WORKSPACE_NAMES,
  integrationAt, lineCatalog, planScale, projectAt, scaleId, userAt, workspacesOfUser, type LineCatalog, type ScalePlan,
} from './scale-model.ts';
import { eventBatches, taskBatches, usageBatches, type EventBatch, type TaskBatch, type UsageBatch } from './scale-rows.ts';
import { insertManaged } from './scale-managed.ts';
import { arrayParam as p, epochAt as at } from './scale-sql.ts';

export { arrayLiteral } from './scale-sql.ts';
import { APPEND_LOCK as EVENT_APPEND_LOCK } from '../platform/event-log.ts';

export { SCALE_ORG_ID, REFERENCE_DATE, planScale } from './scale-model.ts';

/**
 * Benchmark-sized data: one organization of its own (ORG-26-100000) with `scale` events and a tenth
 * as many tasks, task history rows and usage records, spread over the 180 days before 2026-04-15.
 * Rows go in as multi-row `insert ... select from unnest(<typed arrays>)` statements, one batch per
 * statement, on a few connections at once; only the batches in flight are in memory.
 */

export interface ScaleOptions {
  /** Number of events; tasks, task history and usage records are each a tenth of it. */
  scale: number;
  onProgress?: (done: number, total: number) => void;
  /**
   * Rows per insert statement (default 2,500). On a 2-core machine 2,500 loaded PostgreSQL a few
   * percent faster than 5,000 or 10,000 (more lanes overlap); PGlite did not care.
   */
  batchSize?: number;
  /**
   * Statements in flight at once on PostgreSQL (default 3; PGlite has one connection and runs one).
   * Index upkeep (seven indexes on events) keeps one backend near 35k rows/s; on 2 cores three
   * lanes measured about 1.5 to 2 times that, four no better.
   */
  concurrency?: number;
}

export interface ScaleResult {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  organizationId: string;
  workspaceIds: string[];
}

export class ScaleDataLoadedError extends Error {
  constructor() {
    super(`Scale data is already loaded: organization ${SCALE_ORG_ID} exists. Use a fresh database to load it again.`);
    this.name = 'ScaleDataLoadedError';
  }
}

export async function seedScale(database: Database, options: ScaleOptions): Promise<ScaleResult> {
  const plan = planScale(options.scale);
  const batchSize = options.batchSize ?? 2_500;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
  const concurrency = database.engine === 'pglite' ? 1 : Math.max(1, Math.floor(options.concurrency ?? 3));
  const started = performance.now();

  if (await scaleOrgExists(database)) throw new ScaleDataLoadedError();
  await assertIdRangesFree(database, plan);
  await claimOrganization(database);
  let done = 1;
  const progress = (rows: number) => {
    done += rows;
    options.onProgress?.(done, plan.total);
  };
  try {
    const lines = lineCatalog();
    progress(await insertSmallTables(database, lines));
    const firstSeq = await reserveEventSeqs(database, plan.events);
    await runLanes(concurrency, bulkJobs(database, plan, lines, batchSize, firstSeq), progress);
    await finish(database);
  } catch (error) {
    await removeScaleData(database).catch(() => undefined);
    throw error;
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    rows: plan.total,
    seconds,
    rowsPerSecond: plan.total / seconds,
    organizationId: SCALE_ORG_ID,
    workspaceIds: Array.from({ length: WORKSPACES }, (_, w) => scaleId('WS', w)),
  };
}

async function scaleOrgExists(database: Database): Promise<boolean> {
  const rows = await database.rows(sql`select 1 from organizations.organizations where id = ${SCALE_ORG_ID}`);
  return rows.length > 0;
}

/** The org row goes in first and alone: of two loads racing, the second finds it and stops. */
async function claimOrganization(database: Database): Promise<void> {
  const claimed = await database.db.insert(t.organizations).values({
    id: SCALE_ORG_ID,
    name: 'Scale Benchmark Org',
    slug: 'scale-benchmark-org',
    billingEmail: 'billing@scale-bench.example.com',
    createdAt: new Date((START_S - 400 * DAY) * 1000),
  }).onConflictDoNothing().returning({ id: t.organizations.id });
  if (claimed.length === 0) throw new ScaleDataLoadedError();
}

/** Refuses to load when the database already minted IDs into the ranges the scale data uses. */
async function assertIdRangesFree(database: Database, plan: ScalePlan): Promise<void> {
  const ranges: Array<[keyof typeof ID_BASES, string]> = [
    ['WS', 'organizations.ws_id_seq'], ['USR', 'organizations.usr_id_seq'], ['PROJ', 'organizations.proj_id_seq'],
    ['LIN', 'service_lines.lin_id_seq'], ['INT', 'integrations.int_id_seq'], ['INC', 'managed_services.inc_id_seq'],
    ['POD', 'managed_services.pod_id_seq'], ['SLA', 'managed_services.sla_id_seq'], ['TKT', 'managed_services.tkt_id_seq'],
    ['SYNC', 'integrations.sync_id_seq'],
    ['TSK', 'tasks.tsk_id_seq'], ['EVT', 'events.evt_id_seq'],
  ];
  const [row] = await database.rows<Record<string, string | number>>(sql.raw(
    `select ${ranges.map(([p, seq]) => `(select last_value from ${seq}) as "${p}"`).join(', ')}`,
  ));
  for (const [prefix] of ranges) {
    const last = Number(row[prefix]);
    if (last >= ID_BASES[prefix]) {
      throw new Error(`Cannot load scale data: ${prefix} IDs were already minted up to ${last}, inside the range the scale data uses (from ${ID_BASES[prefix]}; scale ${plan.scale})`);
    }
  }
}

async function insertSmallTables(database: Database, lines: LineCatalog): Promise<number> {
  const org = SCALE_ORG_ID;
  const db = database.db;
  const date = (s: number | null) => (s === null ? null : new Date(s * 1000));
  const workspaces = Array.from({ length: WORKSPACES }, (_, w) => ({
    id: scaleId('WS', w), organizationId: org, name: `Scale ${WORKSPACE_NAMES[w % WORKSPACE_NAMES.length]}`,
    slug: `scale-${WORKSPACE_NAMES[w % WORKSPACE_NAMES.length].toLowerCase()}-${w + 1}`, createdAt: date(START_S - 300 * DAY + w * DAY)!,
  }));
  const users = Array.from({ length: USERS }, (_, u) => ({ ...userAt(u), organizationId: org }));
  const members = users.flatMap((user, u) => workspacesOfUser(u).map((w) => ({
    workspaceId: scaleId('WS', w), userId: user.id, role: user.role, joinedAt: user.createdAt,
  })));
  const projects = Array.from({ length: PROJECTS }, (_, j) => ({ ...projectAt(j), organizationId: org }));
  const serviceLines = lines.all.map((l) => ({
    id: l.id, organizationId: org, workspaceId: scaleId('WS', l.ws), name: l.name, productLine: l.productLine,
    executionModel: l.executionModel, billingModel: l.billingModel, status: l.status,
    projectIds: l.projects.map((j) => scaleId('PROJ', j)), activatedAt: date(l.activatedAt), closedAt: date(l.closedAt),
    createdAt: date(l.createdAt)!, updatedAt: date(l.closedAt ?? l.activatedAt ?? l.createdAt)!,
  }));
  const integrations = Array.from({ length: WORKSPACES * INTEGRATIONS_PER_WORKSPACE }, (_, n) => {
    const { ws, ...i } = integrationAt(n);
    return { ...i, organizationId: org, workspaceId: scaleId('WS', ws), config: {}, updatedAt: i.lastSyncedAt };
  });
  await db.insert(t.workspaces).values(workspaces);
  await db.insert(t.users).values(users);
  await db.insert(t.workspaceMembers).values(members);
  await db.insert(t.projects).values(projects);
  await db.insert(t.serviceLines).values(serviceLines);
  await db.insert(t.integrations).values(integrations);
  return workspaces.length + users.length + members.length + projects.length + serviceLines.length + integrations.length
    + await insertManaged(database, lines, org);
}

/**
 * Events carry explicit `seq` values, taken as one block from the identity sequence under the
 * event log's append lock, so lanes may insert batches in any order while seq still follows
 * created_at, and writers appending meanwhile get numbers after the block.
 */
async function reserveEventSeqs(database: Database, count: number): Promise<number> {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${EVENT_APPEND_LOCK})`);
    const seq = sql.raw(`pg_get_serial_sequence('events.events', 'seq')`);
    const [{ first }] = await rowsOf<{ first: string | number }>(database, await tx.execute(sql`select nextval(${seq}) as first`));
    await tx.execute(sql`select setval(${seq}, ${Number(first) + count - 1})`);
    return Number(first);
  });
}

/** The lock platform/event-log.ts takes before appending (it does not export it). */

function rowsOf<T>(database: Database, result: unknown): T[] {
  return database.engine === 'pglite' ? (result as { rows: T[] }).rows : [...(result as T[])];
}

/** One job = the statements of one batch, run in order on one lane; returns the rows it wrote. */
type Job = () => Promise<number>;

/**
 * Interleaves the tables' batches so they advance together; each generator makes its next batch
 * only when a lane asks for it.
 */
function* bulkJobs(database: Database, plan: ScalePlan, lines: LineCatalog, size: number, firstSeq: number): Generator<Job> {
  const batches = (rows: number) => Math.ceil(rows / size);
  const streams: Array<{ batches: number; done: number; jobs: Iterator<Job> }> = [
    { batches: batches(plan.events), done: 0, jobs: map(eventBatches(plan, lines, size), (b) => eventJob(database, b, firstSeq)) },
    { batches: batches(plan.tasks), done: 0, jobs: map(taskBatches(plan, lines, size), (b) => taskJob(database, b)) },
    { batches: batches(plan.usageRecords), done: 0, jobs: map(usageBatches(plan, lines, size), (b) => usageJob(database, b)) },
  ];
  for (;;) {
    const open = streams.filter((s) => s.done < s.batches);
    if (open.length === 0) return;
    const next = open.reduce((a, b) => (a.done / a.batches <= b.done / b.batches ? a : b));
    next.done++;
    const step = next.jobs.next();
    if (!step.done) yield step.value;
  }
}

function* map<A, B>(items: Iterable<A>, fn: (a: A) => B): Generator<B> {
  for (const a of items) yield fn(a);
}

/** Runs jobs on `lanes` concurrent connections; the first failure stops every lane. */
async function runLanes(lanes: number, jobs: Iterator<Job>, progress: (rows: number) => void): Promise<void> {
  let failed = false;
  const lane = async () => {
    while (!failed) {
      const next = jobs.next();
      if (next.done) return;
      try {
        progress(await next.value());
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: lanes }, lane));
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) throw rejected.reason;
}

function eventJob(database: Database, b: EventBatch, firstSeq: number): Job {
  const statements: SQL[] = [sql`
    insert into events.events (seq, id, type, organization_id, workspace_id, actor_type, actor_id, subject_type, subject_id, payload, created_at)
    overriding system value
    select ${firstSeq + b.first}::bigint + u.o - 1, 'EVT-26-' || (${ID_BASES.EVT + b.first}::bigint + u.o - 1), u.type, ${SCALE_ORG_ID},
      'WS-26-' || u.ws, 'user', 'USR-26-' || u.actor, u.subject_type, u.subject_id, u.payload::jsonb, ${at('u.at')}
    from unnest(${p(b.type)}::text[], ${p(b.ws)}::int[], ${p(b.actor)}::int[], ${p(b.subjectType)}::text[],
      ${p(b.subjectId)}::text[], ${p(b.payload)}::text[], ${p(b.at)}::int8[])
      with ordinality as u(type, ws, actor, subject_type, subject_id, payload, at, o)`];
  const i = b.incidents;
  if (i.number.length > 0) {
    statements.push(sql`
      insert into managed_services.incidents (id, organization_id, workspace_id, service_line_id, type, title, severity, status,
        raised_by, opened_at, resolved_at, created_at, updated_at)
      select 'INC-26-' || u.n, ${SCALE_ORG_ID}, 'WS-26-' || u.ws, 'LIN-26-' || u.line, u.type::managed_services.incident_type,
        u.title, u.severity::managed_services.incident_severity, u.status::managed_services.incident_status,
        'USR-26-' || u.raised_by, ${at('u.opened')}, ${at('u.resolved')}, ${at('u.opened')}, ${at('coalesce(u.resolved, u.opened)')}
      from unnest(${p(i.number)}::int[], ${p(i.ws)}::int[], ${p(i.line)}::int[], ${p(i.type)}::text[], ${p(i.title)}::text[],
        ${p(i.severity)}::text[], ${p(i.status)}::text[], ${p(i.raisedBy)}::int[], ${p(i.openedAt)}::int8[], ${p(i.resolvedAt)}::int8[])
        as u(n, ws, line, type, title, severity, status, raised_by, opened, resolved)`);
  }
  return () => execute(database, statements, b.rows + i.number.length);
}

function taskJob(database: Database, b: TaskBatch): Job {
  const h = b.history;
  return () => execute(database, [sql`
    insert into tasks.tasks (id, organization_id, workspace_id, service_line_id, project_id, title, status, priority, assignee_id,
      external_id, external_source, external_url, created_by, created_at, updated_at, completed_at)
    select 'TSK-26-' || u.n, ${SCALE_ORG_ID}, 'WS-26-' || u.ws, 'LIN-26-' || u.line, 'PROJ-26-' || u.project, u.title,
      u.status::tasks.task_status, u.priority::tasks.task_priority, 'USR-26-' || u.assignee, u.ext_id, u.ext_source, u.ext_url,
      'USR-26-' || u.creator, ${at('u.created')}, ${at('u.updated')}, ${at('u.completed')}
    from unnest(${p(b.number)}::int[], ${p(b.ws)}::int[], ${p(b.line)}::int[], ${p(b.project)}::int[], ${p(b.title)}::text[],
      ${p(b.status)}::text[], ${p(b.priority)}::text[], ${p(b.assignee)}::int[], ${p(b.extId)}::text[], ${p(b.extSource)}::text[],
      ${p(b.extUrl)}::text[], ${p(b.creator)}::int[], ${p(b.createdAt)}::int8[], ${p(b.updatedAt)}::int8[], ${p(b.completedAt)}::int8[])
      as u(n, ws, line, project, title, status, priority, assignee, ext_id, ext_source, ext_url, creator, created, updated, completed)`,
  sql`
    insert into tasks.task_history (task_id, at, change, "from", "to", by)
    select 'TSK-26-' || u.n, ${at('u.at')}, 'status', u.f, u.t, 'USR-26-' || u.by
    from unnest(${p(b.number)}::int[], ${p(h.at)}::int8[], ${p(h.from)}::text[], ${p(h.to)}::text[], ${p(h.by)}::int[])
      as u(n, at, f, t, by)`,
  ], b.rows * 2);
}

function usageJob(database: Database, b: UsageBatch): Job {
  return () => execute(database, [sql`
    insert into service_lines.usage_records (organization_id, workspace_id, service_line_id, metric, quantity, cost, currency, recorded_at)
    select ${SCALE_ORG_ID}, 'WS-26-' || u.ws, 'LIN-26-' || u.line, u.metric, u.quantity, u.cost, 'USD', ${at('u.at')}
    from unnest(${p(b.ws)}::int[], ${p(b.line)}::int[], ${p(b.metric)}::text[], ${p(b.quantity)}::numeric[],
      ${p(b.cost)}::numeric[], ${p(b.recordedAt)}::int8[]) as u(ws, line, metric, quantity, cost, at)`,
  ], b.rows);
}

async function execute(database: Database, statements: SQL[], rows: number): Promise<number> {
  for (const statement of statements) await database.db.execute(statement);
  return rows;
}

/** Derived columns, and ID sequences moved past the new IDs. */
async function finish(database: Database): Promise<void> {
  await database.db.execute(sql`
    update service_lines.service_lines l set delivery_velocity = c.n
    from (select service_line_id, count(*)::int as n from tasks.tasks
          where organization_id = ${SCALE_ORG_ID} and status in ('done', 'cancelled') group by service_line_id) c
    where l.id = c.service_line_id`);
  await advanceIdSequences(database);
}

/**
 * Planner statistics for the tables the load grew. Not part of `seedScale` (it costs a constant
 * half second, a tenth of a 200k load): PostgreSQL's autovacuum analyzes them within a minute,
 * while PGlite has no autovacuum, so call this before querying a freshly loaded PGlite database.
 */
export async function analyzeScaleTables(database: Database): Promise<void> {
  await database.db.execute(sql`analyze events.events, tasks.tasks, tasks.task_history, service_lines.usage_records, managed_services.incidents,
    managed_services.tickets, managed_services.sla_reports, integrations.sync_runs`);
}

/**
 * Deletes everything the scale load wrote; a failed load calls it so the next attempt starts clean
 * rather than finding a half-loaded organization.
 */
export async function removeScaleData(database: Database): Promise<void> {
  const org = SCALE_ORG_ID;
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`delete from tasks.task_history where task_id in (select id from tasks.tasks where organization_id = ${org})`);
    for (const table of ['tasks.tasks', 'events.events', 'service_lines.usage_records', 'managed_services.incidents', 'managed_services.tickets',
      'managed_services.sla_reports', 'managed_services.slas', 'managed_services.pods', 'integrations.sync_runs', 'integrations.integrations',
      'service_lines.health_states', 'service_lines.service_lines', 'organizations.projects']) {
      await tx.execute(sql`delete from ${sql.raw(table)} where organization_id = ${org}`);
    }
    await tx.execute(sql`delete from organizations.workspace_members where workspace_id in (select id from organizations.workspaces where organization_id = ${org})`);
    await tx.execute(sql`delete from organizations.workspaces where organization_id = ${org}`);
    await tx.execute(sql`delete from organizations.users where organization_id = ${org}`);
    await tx.execute(sql`delete from organizations.organizations where id = ${org}`);
  });
}
