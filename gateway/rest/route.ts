import type { QueryParam } from './params.ts';

/** What a route answers with: the docs' envelope, `data` plus `meta` on lists. */
export interface RestBody {
  data: unknown;
  meta?: { cursor: string | null; has_more: boolean };
}

/**
 * One /v1 route: a stored GraphQL document run against the gateway, and a mapper from its `data`
 * to the documented snake_case shape. Path parameters (`{id}`) become variables of the same name.
 */
export interface Route {
  method: 'GET';
  path: string;
  query?: Record<string, QueryParam>;
  document: string;
  map(data: any): RestBody;
}

/** The docs print enum values in lowercase; the graph's are UPPER_CASE. */
export const lower = (value: string | null | undefined) => (value == null ? null : value.toLowerCase());

interface ConnectionData<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** A list in the docs' envelope: the next page's cursor only when there is a next page. */
export function list<T>(connection: ConnectionData<T>, item: (node: T) => unknown): RestBody {
  const hasMore = connection.pageInfo.hasNextPage;
  return { data: connection.nodes.map(item), meta: { cursor: hasMore ? connection.pageInfo.endCursor : null, has_more: hasMore } };
}

/** The selection every list document ends with, so `list` can read it. */
export const PAGE_INFO = 'pageInfo { hasNextPage endCursor }';
