import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { Scope } from '../../platform/scope.ts';
import { integrations, syncRuns } from './tables.ts';
import { integrationScope } from './data.ts';

// What Service Line health (subgraphs/service-lines/health) reads of integrations, many workspaces
// per statement; other subgraphs reach it through public.ts.

export interface FailingIntegration {
  integrationId: string;
  name: string;
  type: (typeof integrations.$inferSelect)['type'];
  /** Failed sync runs started in the window. */
  failures: number;
  lastFailedRunId: string;
  lastFailedAt: Date;
  lastError: string | null;
  /** Whether the integration's latest run started before the window's end failed: still failing then. */
  stillFailing: boolean;
}

/** Integrations of each workspace whose syncs failed in [start, end), most failures first. One statement. */
export async function failingIntegrationsByWorkspace(
  db: Db, scope: Scope, workspaceIds: readonly string[], window: { start: Date; end: Date },
): Promise<Map<string, FailingIntegration[]>> {
  const out = new Map<string, FailingIntegration[]>(workspaceIds.map((id) => [id, []]));
  if (workspaceIds.length === 0) return out;
  const newest = (column: typeof syncRuns.id | typeof syncRuns.error) =>
    sql`(array_agg(${column} order by ${syncRuns.startedAt} desc, ${syncRuns.id} desc))[1]`;
  const latestStatus = sql<string>`(select r.status from ${syncRuns} r where r.integration_id = ${integrations}.id and r.started_at < ${window.end.toISOString()}::timestamptz
    order by r.started_at desc, r.id desc limit 1)`;
  const rows = await db.select({
    workspaceId: integrations.workspaceId,
    integrationId: integrations.id,
    name: integrations.name,
    type: integrations.type,
    failures: sql<number>`count(*)`.mapWith(Number),
    lastFailedRunId: sql<string>`${newest(syncRuns.id)}`,
    lastFailedAt: sql<Date>`max(${syncRuns.startedAt})`.mapWith(syncRuns.startedAt),
    lastError: sql<string | null>`${newest(syncRuns.error)}`,
    stillFailing: sql<boolean>`${latestStatus} = 'failed'`,
  }).from(syncRuns).innerJoin(integrations, eq(integrations.id, syncRuns.integrationId)).where(and(
    inArray(integrations.workspaceId, [...workspaceIds]),
    integrationScope(scope),
    eq(syncRuns.status, 'failed'),
    gte(syncRuns.startedAt, window.start),
    lt(syncRuns.startedAt, window.end),
  )).groupBy(integrations.workspaceId, integrations.id, integrations.name, integrations.type)
    .orderBy(integrations.workspaceId, sql`count(*) desc`, integrations.id);
  for (const { workspaceId, ...failing } of rows) out.get(workspaceId)?.push({ ...failing, stillFailing: failing.stillFailing === true });
  return out;
}
