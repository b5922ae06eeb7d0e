import { inArray, like, or, type SQL } from 'drizzle-orm';
import { events } from '../../platform/event-log-table.ts';

/**
 * How a list of event types filters the log, the one rule the `events` query, `eventCounts` and the
 * live stream share: an entry ending in a dot is a prefix (`task.` is every task event), any other
 * is an exact type. The log applies it in SQL, the stream to each event in memory.
 */
const isPrefix = (type: string) => type.endsWith('.');

/** Whether an event of `type` passes `types` (no list, or an empty one, passes everything). */
export function typeMatches(types: readonly string[] | undefined, type: string): boolean {
  return !types?.length || types.some((t) => (isPrefix(t) ? type.startsWith(t) : type === t));
}

/** The same rule as a condition on the log; undefined when it keeps every type. */
export function typesSql(types: readonly string[] | undefined): SQL | undefined {
  if (!types?.length) return undefined;
  const exact = types.filter((t) => !isPrefix(t));
  // `_` is a LIKE wildcard and legal in types: escape it so task_x. never matches taskyx.
  const prefixes = types.filter(isPrefix).map((p) => like(events.type, `${p.replace(/_/g, '\\_')}%`));
  return or(exact.length ? inArray(events.type, exact) : undefined, ...prefixes);
}
