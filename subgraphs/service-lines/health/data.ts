import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { inScope, type Scope } from '../../../platform/scope.ts';
import { serviceLines, usageRecords } from '../tables.ts';
import type { ServiceLineRow } from '../models.ts';

/** A line as health reads it: its row, and its metered cost in two billing periods. */
export interface LineSpend {
  line: ServiceLineRow;
  /** Cost recorded in the billing period up to the window's end. */
  spent: number;
  /** Cost recorded in the whole previous billing period. */
  previousPeriod: number;
  currency: string | null;
}

/**
 * Lines visible to the scope, each with its cost in the billing period so far ([periodStart, end))
 * and in the previous period ([previousStart, periodStart)). One statement for every line.
 */
export async function linesWithSpend(
  db: Db, scope: Scope, lineIds: readonly string[], periods: { previousStart: Date; start: Date; end: Date },
): Promise<LineSpend[]> {
  if (lineIds.length === 0) return [];
  return db.select({
    line: serviceLines,
    spent: sql<number>`coalesce(sum(${usageRecords.cost}) filter (where ${usageRecords.recordedAt} >= ${periods.start.toISOString()}::timestamptz), 0)::float8`.mapWith(Number),
    previousPeriod: sql<number>`coalesce(sum(${usageRecords.cost}) filter (where ${usageRecords.recordedAt} < ${periods.start.toISOString()}::timestamptz), 0)::float8`.mapWith(Number),
    currency: sql<string | null>`min(${usageRecords.currency})`,
  }).from(serviceLines).leftJoin(usageRecords, and(
    eq(usageRecords.serviceLineId, serviceLines.id),
    gte(usageRecords.recordedAt, periods.previousStart),
    lt(usageRecords.recordedAt, periods.end),
  )).where(and(
    inArray(serviceLines.id, [...lineIds]),
    inScope(scope, { organizationId: serviceLines.organizationId, workspaceId: serviceLines.workspaceId }),
  )).groupBy(serviceLines.id).orderBy(serviceLines.id);
}

/** Active lines of each workspace, by ID: what a workspace roll-up assesses. One statement. */
export async function activeLineIdsByWorkspace(db: Db, scope: Scope, workspaceIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(workspaceIds.map((id) => [id, []]));
  if (workspaceIds.length === 0) return out;
  const rows = await db.select({ id: serviceLines.id, workspaceId: serviceLines.workspaceId }).from(serviceLines).where(and(
    inArray(serviceLines.workspaceId, [...workspaceIds]),
    eq(serviceLines.status, 'active'),
    inScope(scope, { organizationId: serviceLines.organizationId, workspaceId: serviceLines.workspaceId }),
  )).orderBy(serviceLines.id);
  for (const r of rows) out.get(r.workspaceId)?.push(r.id);
  return out;
}
