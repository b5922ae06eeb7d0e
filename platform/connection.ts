import { encodeCursor, decodeCursor } from './cursor.ts';
import { badRequest } from './errors.ts';
import { typeOfId, type EntityType } from './ids.ts';

/** Relay connection arguments, as every list field takes them. */
export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** A validated page request: how many rows, which way, from which row (by ID). */
export interface PageRequest {
  limit: number;
  backward: boolean;
  cursorId: string | null;
}

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

/** Checks a page size, naming the argument at fault. Shared with REST's `limit`. */
export function checkPageSize(value: number, argument: string): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw badRequest(`${argument} must be an integer between 1 and ${MAX_PAGE_SIZE}, got ${value}.`, argument);
  }
  return value;
}

/** Decodes a cursor of a list of `type`, naming the argument at fault when it is not one. */
export function checkCursor(cursor: string, argument: string, type?: EntityType): string {
  const key = decodeCursor(cursor);
  if (!key || (type && typeOfId(key.id) !== type)) {
    throw badRequest(`${argument} is not a valid cursor for this list.`, argument);
  }
  return key.id;
}

/**
 * Validates Relay arguments: first or last (not both) between 1 and 100, default 25; forward
 * pagination takes `after`, backward takes `before`. Anything else is a bad_request naming the
 * argument, never a silent clamp.
 */
export function pageRequest(args: ConnectionArgs, type?: EntityType): PageRequest {
  const { first, after, last, before } = args;
  if (first != null && last != null) throw badRequest('Pass first or last, not both.', 'last');
  if (after != null && before != null) throw badRequest('Pass after or before, not both.', 'before');
  if (last != null || before != null) {
    if (first != null) throw badRequest('before pages backward: use it with last, not first.', 'before');
    if (after != null) throw badRequest('last pages backward: use it with before, not after.', 'after');
    return {
      limit: last == null ? DEFAULT_PAGE_SIZE : checkPageSize(last, 'last'),
      backward: true,
      cursorId: before == null ? null : checkCursor(before, 'before', type),
    };
  }
  return {
    limit: first == null ? DEFAULT_PAGE_SIZE : checkPageSize(first, 'first'),
    backward: false,
    cursorId: after == null ? null : checkCursor(after, 'after', type),
  };
}

/** Rows of one page in display order, and whether more rows lie beyond it in its direction. */
export interface Page<T> {
  rows: T[];
  hasMore: boolean;
  /** Rows matching the filters in all pages, when the query could count them cheaply. */
  total?: number;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** The shape every `*Connection` type resolves from; `totalCount` is computed only when asked. */
export interface Connection<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: () => number | Promise<number>;
}

export function toConnection<T>(
  page: Page<T>,
  request: PageRequest,
  count?: () => Promise<number>,
  /** The key a row's cursor names; rows without a platform ID (SLA reports) pass their own. */
  keyOf: (row: T) => string = (row) => (row as { id: string }).id,
): Connection<T> {
  const { rows } = page;
  const cursorOf = (node: T) => encodeCursor(String(keyOf(node)));
  // Edges (a cursor and an object per row) are made when a query selects them: a page read as
  // `nodes` needs only the cursors of its ends.
  let edges: Edge<T>[] | undefined;
  return {
    get edges() {
      return (edges ??= rows.map((node) => ({ cursor: cursorOf(node), node })));
    },
    nodes: rows,
    pageInfo: {
      // Moving forward from a cursor means rows lie behind it (and the reverse); a first page has none.
      hasNextPage: request.backward ? request.cursorId !== null : page.hasMore,
      hasPreviousPage: request.backward ? page.hasMore : request.cursorId !== null,
      startCursor: rows.length ? cursorOf(rows[0]) : null,
      endCursor: rows.length ? cursorOf(rows[rows.length - 1]) : null,
    },
    totalCount: () => page.total ?? count?.() ?? page.rows.length,
  };
}
