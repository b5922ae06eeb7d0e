import type { BodyField } from './body.ts';
import type { QueryParam } from './params.ts';

/** What a route answers with: the docs' envelope, `data` plus `meta` on lists. */
export interface RestBody {
  data: unknown;
  meta?: { cursor: string | null; has_more: boolean };
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * One /v1 route: a stored GraphQL document run against the gateway, and a mapper from its `data`
 * to the documented snake_case shape. Path parameters (`{id}`) become variables of the same name;
 * query parameters and body fields say which variable (or input field) they feed.
 */
export interface Route {
  method: Method;
  path: string;
  /** One line for /v1/openapi.json. */
  summary: string;
  query?: Record<string, QueryParam>;
  /** The documented JSON body, gathered into the variable `bodyVariable` (default `input`). */
  body?: Record<string, BodyField>;
  bodyVariable?: string;
  /** The success status: 200 unless the route creates something (201). */
  status?: number;
  /** Whether an object its query parameters name may be not found (404), as a path ID may. */
  lookup?: boolean;
  /** The JSON Schema of what `data` holds (each item, for a list), named in /v1/openapi.json's components. */
  item?: { name: string; schema: Record<string, unknown> };
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
