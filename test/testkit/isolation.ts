import { createHash } from 'node:crypto';
import { eq, getTableName, is } from 'drizzle-orm';
import { PgTable, getTableConfig } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/db.ts';
import type { Principal } from '../../platform/auth/tokens.ts';
import * as t from '../../schema/tables.ts';

/**
 * The tenant-isolation kit: who owns every ID of the database, which IDs a response carries, and
 * whether any of them belongs to someone the caller is not. The suites themselves are test/isolation*.e2e.ts.
 */

/** Where an object lives; `workspaceId` null means organization-wide (users, projects, the organization). */
export interface Owner {
  organizationId: string;
  workspaceId: string | null;
}

type OwnedRow = { id: string; organizationId: string; workspaceId?: string | null };

/**
 * Every table whose rows carry a platform ID, and how to find each row's tenant. A table that gains
 * a text `id` column and is missing here fails the suite (see `unindexedTables`), so no new kind of
 * object escapes the leak check.
 */
const OWNED: Array<[PgTable, (db: Db) => Promise<OwnedRow[]>]> = [
  [t.organizations, (db) => db.select({ id: t.organizations.id, organizationId: t.organizations.id }).from(t.organizations)],
  [t.workspaces, (db) => db.select({ id: t.workspaces.id, organizationId: t.workspaces.organizationId, workspaceId: t.workspaces.id }).from(t.workspaces)],
  [t.users, (db) => db.select({ id: t.users.id, organizationId: t.users.organizationId }).from(t.users)],
  [t.projects, (db) => db.select({ id: t.projects.id, organizationId: t.projects.organizationId }).from(t.projects)],
  [t.subscriptions, (db) => db.select({ id: t.subscriptions.id, organizationId: t.subscriptions.organizationId }).from(t.subscriptions)],
  [t.apiKeys, (db) => db.select({ id: t.apiKeys.id, organizationId: t.apiKeys.organizationId, workspaceId: t.apiKeys.workspaceId }).from(t.apiKeys)],
  [t.serviceLines, (db) => db.select({ id: t.serviceLines.id, organizationId: t.serviceLines.organizationId, workspaceId: t.serviceLines.workspaceId }).from(t.serviceLines)],
  [t.tasks, (db) => db.select({ id: t.tasks.id, organizationId: t.tasks.organizationId, workspaceId: t.tasks.workspaceId }).from(t.tasks)],
  [t.pods, (db) => db.select({ id: t.pods.id, organizationId: t.pods.organizationId, workspaceId: t.pods.workspaceId }).from(t.pods)],
  [t.slas, (db) => db.select({ id: t.slas.id, organizationId: t.slas.organizationId, workspaceId: t.pods.workspaceId }).from(t.slas).innerJoin(t.pods, eq(t.pods.id, t.slas.podId))],
  [t.tickets, (db) => db.select({ id: t.tickets.id, organizationId: t.tickets.organizationId, workspaceId: t.tickets.workspaceId }).from(t.tickets)],
  [t.incidents, (db) => db.select({ id: t.incidents.id, organizationId: t.incidents.organizationId, workspaceId: t.incidents.workspaceId }).from(t.incidents)],
  [t.integrations, (db) => db.select({ id: t.integrations.id, organizationId: t.integrations.organizationId, workspaceId: t.integrations.workspaceId }).from(t.integrations)],
  [t.syncRuns, (db) => db.select({ id: t.syncRuns.id, organizationId: t.syncRuns.organizationId, workspaceId: t.integrations.workspaceId }).from(t.syncRuns).innerJoin(t.integrations, eq(t.integrations.id, t.syncRuns.integrationId))],
  [t.events, (db) => db.select({ id: t.events.id, organizationId: t.events.organizationId, workspaceId: t.events.workspaceId }).from(t.events)],
  [t.exportJobs, (db) => db.select({ id: t.exportJobs.id, organizationId: t.exportJobs.organizationId, workspaceId: t.exportJobs.workspaceId }).from(t.exportJobs)],
  [t.endpoints, (db) => db.select({ id: t.endpoints.id, organizationId: t.endpoints.organizationId, workspaceId: t.endpoints.workspaceId }).from(t.endpoints)],
  [t.deliveries, (db) => db.select({ id: t.deliveries.id, organizationId: t.deliveries.organizationId, workspaceId: t.deliveries.workspaceId }).from(t.deliveries)],
  [t.auditLogs, (db) => db.select({ id: t.auditLogs.id, organizationId: t.auditLogs.organizationId, workspaceId: t.auditLogs.workspaceId }).from(t.auditLogs)],
];

/** Tables of the platform's own catalogue, the same for every tenant: their IDs are no one's secret. */
const SHARED: PgTable[] = [t.plans];

/** Every table of every subgraph. */
const ALL_TABLES: PgTable[] = (Object.values(t) as unknown[]).filter((value): value is PgTable => is(value, PgTable));
const tableName = (table: PgTable) => `${getTableConfig(table).schema}.${getTableName(table)}`;

export const PLATFORM_ID = /^[A-Z]{2,5}-\d{2}-\d{6,}$/;
export const PLATFORM_ID_IN_TEXT = /\b[A-Z]{2,5}-\d{2}-\d{6,}\b/g;

export class OwnershipIndex {
  constructor(
    private readonly owners: Map<string, Owner | null>,
    /** The table-backed IDs by prefix (event-only references such as AGT-/RUN- are left out). */
    readonly idsByPrefix: Map<string, string[]>,
    /** Lists paged by a key their nodes do not carry as an ID, by GraphQL type: SLA reports page by their row number, health assessments by their line's ID. */
    private readonly rowKeys: Map<string, Array<{ key: string; owner: Owner }>>,
  ) {}

  /** The owner of an ID; null for the shared catalogue; undefined when the database never heard of it. */
  ownerOf(id: string): Owner | null | undefined {
    return this.owners.get(id);
  }

  /** Whether `principal` must never see `id`: another organization's, or another workspace's for a narrowed token. */
  isForeign(principal: Principal, id: string): boolean {
    const owner = this.owners.get(id);
    if (!owner) return false;
    if (owner.organizationId !== principal.organizationId) return true;
    return !!principal.workspaceId && !!owner.workspaceId && owner.workspaceId !== principal.workspaceId;
  }

  /** Whether the object lives inside `scope` (an organization, or one workspace of it). */
  isWithin(id: string, scope: Owner): boolean {
    const owner = this.owners.get(id);
    return !!owner && owner.organizationId === scope.organizationId && (!scope.workspaceId || owner.workspaceId === scope.workspaceId);
  }

  /** Table-backed IDs of one prefix inside a scope, in ID order. */
  idsWithin(prefix: string, scope: Owner): string[] {
    return (this.idsByPrefix.get(prefix) ?? []).filter((id) => this.isWithin(id, scope));
  }

  /** What cursors of a list of `typename` name, for the rows inside a scope: their IDs, or their row keys. */
  cursorKeysWithin(typename: string, prefix: string | undefined, scope: Owner): string[] {
    if (prefix) return this.idsWithin(prefix, scope);
    return (this.rowKeys.get(typename) ?? [])
      .filter(({ owner }) => owner.organizationId === scope.organizationId && (!scope.workspaceId || owner.workspaceId === scope.workspaceId))
      .map(({ key }) => key);
  }

  /** Who owns the row a cursor key names. */
  ownerOfCursorKey(typename: string, key: string): Owner | null | undefined {
    return this.owners.get(key) ?? this.rowKeys.get(typename)?.find((row) => row.key === key)?.owner;
  }

  /** An ID of `prefix` that does not exist: the twin that a foreign ID must be indistinguishable from. */
  missing(prefix: string, k = 0): string {
    for (let n = 999_990 - k * 10; ; n--) {
      const id = `${prefix}-26-${String(n).padStart(6, '0')}`;
      if (!this.owners.has(id)) return id;
    }
  }
}

/**
 * Reads the whole database into an index of who owns what. IDs that only events mention (agents,
 * agent runs, invoices, webhooks) belong to the organization whose events name them.
 */
export async function buildOwnershipIndex(db: Db): Promise<OwnershipIndex> {
  const owners = new Map<string, Owner | null>();
  const idsByPrefix = new Map<string, string[]>();
  for (const [, read] of OWNED) {
    for (const row of await read(db)) {
      owners.set(row.id, { organizationId: row.organizationId, workspaceId: row.workspaceId ?? null });
      const prefix = row.id.split('-')[0];
      if (!idsByPrefix.has(prefix)) idsByPrefix.set(prefix, []);
      idsByPrefix.get(prefix)!.push(row.id);
    }
  }
  for (const table of SHARED) {
    for (const row of await db.select().from(table) as Array<{ id: string }>) owners.set(row.id, null);
  }
  const mentions = await db.select({ organizationId: t.events.organizationId, actorId: t.events.actorId, subjectId: t.events.subjectId }).from(t.events);
  for (const { organizationId, actorId, subjectId } of mentions) {
    for (const id of [actorId, subjectId]) {
      if (id && PLATFORM_ID.test(id) && !owners.has(id)) owners.set(id, { organizationId, workspaceId: null });
    }
  }
  for (const ids of idsByPrefix.values()) ids.sort();
  const reports = await db.select({ id: t.slaReports.id, organizationId: t.slaReports.organizationId, workspaceId: t.pods.workspaceId })
    .from(t.slaReports).innerJoin(t.pods, eq(t.pods.id, t.slaReports.podId)).orderBy(t.slaReports.id);
  // Health assessments page by the ID of the line they assess.
  const lines = await db.select({ id: t.serviceLines.id, organizationId: t.serviceLines.organizationId, workspaceId: t.serviceLines.workspaceId }).from(t.serviceLines).orderBy(t.serviceLines.id);
  const rowKeys = new Map([
    ['SlaReport', reports.map((r) => ({ key: String(r.id), owner: { organizationId: r.organizationId, workspaceId: r.workspaceId } }))],
    ['ServiceLineHealth', lines.map((l) => ({ key: l.id, owner: { organizationId: l.organizationId, workspaceId: l.workspaceId } }))],
  ]);
  return new OwnershipIndex(owners, idsByPrefix, rowKeys);
}

/** Tables with a text `id` column that the index does not cover: must be empty. */
export function unindexedTables(): string[] {
  const covered = new Set([...OWNED.map(([table]) => table), ...SHARED]);
  return ALL_TABLES
    .filter((table) => getTableConfig(table).columns.some((c) => c.name === 'id' && c.getSQLType() === 'text'))
    .filter((table) => !covered.has(table))
    .map(tableName);
}

export interface FoundId {
  id: string;
  path: string;
}

/**
 * An audit entry of a refused write (GraphQL `outcome: REFUSED`, REST `"outcome": "refused"`) names
 * the object the caller aimed at, as the caller sent it: a foreign ID there is the caller's own
 * input, recorded, not something the graph revealed (the write was refused alike for a foreign and a
 * missing ID). Its `resourceId` / `resource` are left out of the search for IDs.
 */
const ECHOED_BY_REFUSED_AUDIT = new Set(['resourceId', 'resource']);
const isRefusedAudit = (value: object) => /^refused$/i.test(String((value as { outcome?: unknown }).outcome)) && ('resourceId' in value || 'resource' in value);

/** Every string of a JSON value that is exactly a platform ID, with where it was found. */
export function platformIds(value: unknown, path = '$'): FoundId[] {
  if (typeof value === 'string') return PLATFORM_ID.test(value) ? [{ id: value, path }] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => platformIds(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    const echoes = isRefusedAudit(value);
    return Object.entries(value).flatMap(([k, v]) => (echoes && ECHOED_BY_REFUSED_AUDIT.has(k) ? [] : platformIds(v, `${path}.${k}`)));
  }
  return [];
}

/** Platform IDs written inside free text, such as error messages. */
export function idsInText(text: string): string[] {
  return text.match(PLATFORM_ID_IN_TEXT) ?? [];
}

export interface Leak extends FoundId {
  owner: Owner;
}

/** The IDs of a response that `principal` must not see, each with its path and real owner. */
export function foreignIds(index: OwnershipIndex, principal: Principal, value: unknown, allowed: ReadonlySet<string> = new Set()): Leak[] {
  return platformIds(value)
    .filter(({ id }) => !allowed.has(id) && index.isForeign(principal, id))
    .map((found) => ({ ...found, owner: index.ownerOf(found.id)! }));
}

/** IDs that match the platform's shape but that no table or event knows: the index is blind to them. */
export function unknownIds(index: OwnershipIndex, value: unknown, sent: ReadonlySet<string>): FoundId[] {
  return platformIds(value).filter(({ id }) => index.ownerOf(id) === undefined && !sent.has(id));
}

/**
 * Connections that count rows they do not return: a page shorter than `pageSize` holds every row
 * there is, so its totalCount must be its length (a count can betray what the list hides).
 */
export function countMismatches(value: unknown, pageSize: number, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => countMismatches(v, pageSize, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  const { nodes, totalCount } = value as { nodes?: unknown; totalCount?: unknown };
  const own = Array.isArray(nodes) && typeof totalCount === 'number' && nodes.length < pageSize && totalCount !== nodes.length
    ? [`${path}: totalCount ${totalCount}, ${nodes.length} nodes`] : [];
  return [...own, ...Object.entries(value).flatMap(([k, v]) => countMismatches(v, pageSize, `${path}.${k}`))];
}

/**
 * Every row of every table, counted and hashed, so a refused write provably changed nothing. The
 * audit trail is left out: a refused write is audited, as refused, the one row it adds; callers
 * check with `succeededAudits` that no write was audited as succeeded.
 */
export async function snapshotTables(db: Db): Promise<Record<string, { rows: number; digest: string }>> {
  const out: Record<string, { rows: number; digest: string }> = {};
  for (const table of ALL_TABLES.filter((table) => table !== t.auditLogs)) {
    const rows = (await db.select().from(table)).map((row) => JSON.stringify(row)).sort();
    out[tableName(table)] = { rows: rows.length, digest: createHash('sha256').update(rows.join('\n')).digest('hex') };
  }
  return out;
}

/** One object of each kind inside a scope, picked where the demo data is richest, for probes to aim at. */
export interface Targets {
  organization: string;
  workspace: string;
  user: string;
  project: string;
  subscription: string;
  apiKey: string | undefined;
  serviceLine: string;
  task: string;
  pod: string;
  sla: string;
  ticket: string;
  incident: string;
  integration: string;
  syncRun: string;
  event: string;
  /** A webhook endpoint of the workspace (else of the organization), and one of its deliveries, when there is one. */
  webhook: string | undefined;
  webhookDelivery: string | undefined;
}

/** The preferred element when it is there, else the one with the highest score (the first on ties). */
function best<T extends { id: string }>(what: string, items: T[], score: (item: T) => number, preferred?: string): T {
  if (items.length === 0) throw new Error(`targets: the demo data has no ${what} in this scope`);
  return items.find((item) => item.id === preferred) ?? items.reduce((a, b) => (score(b) > score(a) ? b : a));
}

const count = <T>(items: T[], key: (item: T) => string | null) => {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return (id: string) => counts.get(id) ?? 0;
};

/** Targets inside one workspace; `prefer` names well-known objects to aim at when they are there. */
export async function pickTargets(db: Db, organizationId: string, workspaceId: string, prefer: Partial<Targets> = {}): Promise<Targets> {
  const inWs = <R extends { workspaceId: string | null }>(rows: R[]) => rows.filter((r) => r.workspaceId === workspaceId);
  const tasks = inWs(await db.select().from(t.tasks));
  const lines = inWs(await db.select().from(t.serviceLines));
  const pods = inWs(await db.select().from(t.pods));
  const tickets = inWs(await db.select().from(t.tickets));
  const incidents = inWs(await db.select().from(t.incidents));
  const integrations = inWs(await db.select().from(t.integrations));
  const events = inWs(await db.select().from(t.events));
  const runs = await db.select().from(t.syncRuns);
  const slas = await db.select().from(t.slas);
  const keys = (await db.select().from(t.apiKeys)).filter((k) => k.organizationId === organizationId);
  const [subscription] = await db.select().from(t.subscriptions).where(eq(t.subscriptions.organizationId, organizationId));
  const webhooks = (await db.select().from(t.endpoints)).filter((w) => w.organizationId === organizationId);
  const webhook = webhooks.find((w) => w.workspaceId === workspaceId) ?? webhooks.find((w) => !w.workspaceId);
  const [webhookDelivery] = webhook ? await db.select().from(t.deliveries).where(eq(t.deliveries.endpointId, webhook.id)).limit(1) : [];

  const eventsOf = count(events, (e) => e.subjectId);
  const tasksOfLine = count(tasks, (x) => x.serviceLineId);
  const podOfLine = count(pods, (p) => p.serviceLineId);
  const ticketsOfPod = count(tickets, (x) => x.podId);
  const incidentsOfPod = count(incidents, (x) => x.podId);
  const runsOf = count(runs, (r) => r.integrationId);
  const tasksOfAssignee = count(tasks, (x) => x.assigneeId);
  const tasksOfProject = count(tasks, (x) => x.projectId);
  const pod = best('pod', pods, (p) => ticketsOfPod(p.id) + incidentsOfPod(p.id) + (p.slaId ? 100 : 0), prefer.pod);
  const task = best('task', tasks, (x) => eventsOf(x.id) + (x.serviceLineId ? 10 : 0) + (x.assigneeId ? 10 : 0) + (x.projectId ? 10 : 0), prefer.task);
  const integration = best('integration', integrations, (i) => 1000 * eventsOf(i.id) + runsOf(i.id), prefer.integration);
  return {
    organization: organizationId,
    workspace: workspaceId,
    user: best('assignee', tasks.filter((x) => x.assigneeId), (x) => tasksOfAssignee(x.assigneeId!)).assigneeId!,
    project: best('project', tasks.filter((x) => x.projectId), (x) => tasksOfProject(x.projectId!)).projectId!,
    subscription: subscription.id,
    apiKey: (keys.find((k) => k.workspaceId === workspaceId) ?? keys[0])?.id,
    serviceLine: best('service line', lines, (l) => 1000 * podOfLine(l.id) + tasksOfLine(l.id)).id,
    task: task.id,
    pod: pod.id,
    sla: best('SLA', slas.filter((s) => s.podId === pod.id), () => 0).id,
    ticket: best('ticket', tickets.filter((x) => x.podId === pod.id), () => 0).id,
    incident: best('incident', incidents, (i) => 10 * eventsOf(i.id) + (i.podId ? 1 : 0) + (i.serviceLineId ? 1 : 0)).id,
    integration: integration.id,
    syncRun: best('sync run', runs.filter((r) => r.integrationId === integration.id), () => 0).id,
    event: best('event', events.filter((e) => e.subjectId === task.id), () => 0).id,
    webhook: webhook?.id,
    webhookDelivery: webhookDelivery?.id,
  };
}

/** How many writes the audit trail records as succeeded. */
export async function succeededAudits(db: Db): Promise<number> {
  return (await db.select({ id: t.auditLogs.id }).from(t.auditLogs).where(eq(t.auditLogs.outcome, 'succeeded'))).length;
}
