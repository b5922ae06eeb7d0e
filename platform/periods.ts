import { sql, type SQL, type Column } from 'drizzle-orm';
import { badRequest } from './errors.ts';

/** The stored (lowercase) values of the shared `Period` enum; they are also date_trunc's field names. */
export type Period = 'day' | 'week' | 'month';
const PERIODS: readonly Period[] = ['day', 'week', 'month'];

/** Longest series one field may return, so a day series cannot span centuries. */
export const MAX_BUCKETS = 400;

export interface Series {
  period: Period;
  /** Bucket starts, YYYY-MM-DD, oldest first: every bucket between from and to, zero or not. */
  buckets: string[];
  /** Half-open UTC range of instants the series counts: [from 00:00, day after to 00:00) for dates, [from, to) for instants. */
  start: Date;
  end: Date;
}

const day = (date: string) => new Date(`${date}T00:00:00Z`);
const ymd = (date: Date) => date.toISOString().slice(0, 10);

/** The UTC start of the bucket holding a date, as Postgres's date_trunc computes it (ISO weeks start on Monday). */
export function bucketOf(period: Period, date: Date): Date {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  if (period === 'week') d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  if (period === 'month') d.setUTCDate(1);
  return d;
}

function next(period: Period, date: Date): Date {
  const d = new Date(date);
  if (period === 'day') d.setUTCDate(d.getUTCDate() + 1);
  if (period === 'week') d.setUTCDate(d.getUTCDate() + 7);
  if (period === 'month') d.setUTCMonth(d.getUTCMonth() + 1);
  return d;
}

/**
 * Validates a series' arguments (from <= to, at most MAX_BUCKETS buckets; `to` is named) and lists
 * its buckets. Dates (YYYY-MM-DD) are both inclusive; instants are half-open, [from, to).
 */
export function seriesOf(period: Period, from: string | Date, to: string | Date): Series {
  if (!PERIODS.includes(period)) throw badRequest(`period must be one of DAY, WEEK, MONTH.`, 'period');
  const start = typeof from === 'string' ? day(from) : from;
  const end = typeof to === 'string' ? next('day', day(to)) : to;
  if (start.getTime() > (typeof to === 'string' ? day(to) : to).getTime()) throw badRequest('to must not be before from.', 'to');
  const last = end.getTime() - 1;
  const buckets: string[] = [];
  for (let b = bucketOf(period, start); start.getTime() < end.getTime() && b.getTime() <= last; b = next(period, b)) {
    if (buckets.length === MAX_BUCKETS) throw badRequest(`to is too far from from: at most ${MAX_BUCKETS} ${period} buckets.`, 'to');
    buckets.push(ymd(b));
  }
  return { period, buckets, start, end };
}

/** The bucket start of a timestamptz column, YYYY-MM-DD in UTC (period is one of three known literals). */
export function bucketSql(series: Series, column: Column | SQL): SQL<string> {
  return sql<string>`to_char(date_trunc(${sql.raw(`'${series.period}'`)}, ${column} at time zone 'UTC'), 'YYYY-MM-DD')`;
}

/** Every bucket of the series, with the counted value where there is one and zero elsewhere. */
export function fillSeries<T>(series: Series, found: ReadonlyMap<string, T> | undefined, zero: T): Array<{ periodStart: string; value: T }> {
  return series.buckets.map((b) => ({ periodStart: b, value: found?.get(b) ?? zero }));
}
