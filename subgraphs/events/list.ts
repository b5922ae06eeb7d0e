import type { Db } from '../../platform/db.ts';
import { checkOptionalId } from '../../platform/args.ts';
import { pageRequest, type Page, type PageRequest } from '../../platform/connection.ts';
import type { Scope } from '../../platform/scope.ts';
import { checkCursorRetained, listEvents, type EventFilter } from './data.ts';
import { eventFilter, type EventListArgs } from './loaders.ts';
import type { EventRow } from './models.ts';

/** The arguments of the root `events` list: the nested timelines' plus the organization. */
export type RootEventListArgs = EventListArgs & { organizationId?: string | null };

/** The root `events` list, checked: its filter, its page, and whether the caller named another organization. */
export interface CheckedEventList {
  filter: EventFilter;
  page: PageRequest;
  /** Another organization's stream is not the caller's to read: an empty list, as for any filter. */
  foreign: boolean;
}

/** Checks the arguments of `events` exactly as the field does (BAD_USER_INPUT naming the argument). */
export function checkEventList(scope: Scope, args: RootEventListArgs): CheckedEventList {
  const organizationId = checkOptionalId('Organization', args.organizationId, 'organizationId');
  const filter = eventFilter(args);
  const page = pageRequest(args, 'Event');
  return { filter, page, foreign: Boolean(organizationId && organizationId !== scope.organizationId) };
}

/**
 * One page of the root `events` list: what the field resolves (its page size from `first`), and
 * what a bulk export reads in larger batches (`limit` overrides the page size; the rows, their
 * order, the tenancy and the cursor rule are the field's).
 */
export async function readEventList(db: Db, scope: Scope, checked: CheckedEventList, limit = checked.page.limit): Promise<Page<EventRow>> {
  const page = { ...checked.page, limit };
  if (checked.foreign) return { rows: [], hasMore: false };
  const read = await listEvents(db, scope, checked.filter, page);
  await checkCursorRetained(db, scope, page, read.rows.length === 0);
  return read;
}
