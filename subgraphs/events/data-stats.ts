import { and, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { Scope } from '../../platform/scope.ts';
import { bucketSql, type Series } from '../../platform/periods.ts';
import { events } from '../../platform/event-log-table.ts';
import { filterSql, type EventFilter } from './data.ts';

/** Events per (bucket, type) in the series' range, counted by the database. */
export async function eventCountsPerBucket(db: Db, scope: Scope, filter: EventFilter, series: Series) {
  return db.select({ bucket: bucketSql(series, events.createdAt), type: events.type, count: sql<number>`count(*)::int` })
    .from(events)
    .where(and(filterSql(scope, filter), gte(events.createdAt, series.start), lt(events.createdAt, series.end)))
    .groupBy(sql`1`, sql`2`);
}
