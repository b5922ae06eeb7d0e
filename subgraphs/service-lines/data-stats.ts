import { and, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { inScope, type Scope } from '../../platform/scope.ts';
import { bucketSql, type Series } from '../../platform/periods.ts';
import { groupBy } from '../../platform/loaders.ts';
import { usageRecords } from './tables.ts';

/** Usage summed per bucket, metric and currency: the aggregates the database computes for a usage series. */
export interface UsageBucketRow {
  key: string;
  bucket: string;
  metric: string;
  currency: string;
  quantity: number;
  cost: number;
}

/**
 * Usage per bucket for each parent (a line or a workspace) in one statement; `parent` null sums the
 * whole scope (the organization, or the narrowed workspace) under the key ''.
 */
export async function usageBucketsByParent(
  db: Db, scope: Scope, parent: 'serviceLineId' | 'workspaceId' | null, ids: readonly string[], series: Series,
): Promise<Map<string, UsageBucketRow[]>> {
  const key = parent ? usageRecords[parent] : sql<string>`''`;
  const rows = await db.select({
    key: sql<string>`${key}`,
    bucket: bucketSql(series, usageRecords.recordedAt),
    metric: usageRecords.metric,
    currency: sql<string>`${usageRecords.currency}`,
    quantity: sql<number>`sum(${usageRecords.quantity})`.mapWith(Number),
    cost: sql<number>`sum(${usageRecords.cost})`.mapWith(Number),
  })
    .from(usageRecords)
    .where(and(
      inScope(scope, { organizationId: usageRecords.organizationId, workspaceId: usageRecords.workspaceId }),
      parent ? inArray(usageRecords[parent], [...ids]) : undefined,
      gte(usageRecords.recordedAt, series.start),
      lt(usageRecords.recordedAt, series.end),
    ))
    .groupBy(sql`1`, sql`2`, sql`3`, sql`4`);
  return groupBy(parent ? ids : [''], rows, (r) => r.key);
}
