import type { TypedDocumentString } from './generated/graphql.ts';
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
 * query parameters and body fields say which variable (or field of the `input` variable) they feed.
 */
export interface Route {
  method: Method;
  path: string;
  /** One line for /v1/openapi.json. */
  summary: string;
  query?: Record<string, QueryParam>;
  /** The documented JSON body, gathered into the variable `input`. */
  body?: Record<string, BodyField>;
  /** The success status: 200 unless the route creates something (201). */
  status?: number;
  /** Whether an object its query parameters name may be not found (404), as a path ID may. */
  lookup?: boolean;
  /** The JSON Schema of what `data` holds (each item, for a list), named in /v1/openapi.json's components. */
  item?: { name: string; schema: Record<string, unknown> };
  /** The stored document as sent to the graph, its fragments appended. */
  document: string;
  map(data: unknown): RestBody;
}

/** The variable names a document declares, and the fields of its `input` variable. */
type VariableOf<V> = keyof V & string;
type InputFieldOf<V> = V extends { input: infer I } ? keyof NonNullable<I> & string : never;

/**
 * A route as a resource file writes it: its document is one GraphQL Code Generator typed
 * (`graphql(...)`, gateway/rest/generated), so the mapper takes exactly the document's result, and
 * each parameter and body field must name one of its variables or input fields.
 */
export interface RouteSpec<TData, TVariables> extends Omit<Route, 'document' | 'map' | 'query' | 'body'> {
  document: TypedDocumentString<TData, TVariables>;
  query?: Record<string, QueryParam<VariableOf<TVariables>>>;
  body?: Record<string, BodyField<InputFieldOf<TVariables>>>;
  map(data: Answered<TData>): RestBody;
}

/**
 * A document's data once the graph answered it without an error. Every root field is nullable (so
 * that an outage nulls only its part, README "Errors and partial answers"), but a route's answer
 * with an error never reaches its mapper (execute.ts raises it): a root is null only with an error.
 */
type Answered<TData> = { [K in keyof TData]: NonNullable<TData[K]> };

export function route<TData, TVariables>(spec: RouteSpec<TData, TVariables>): Route {
  return {
    ...spec,
    document: spec.document.toString(),
    map(data) {
      const roots = data as Record<string, unknown>;
      const missing = Object.keys(roots).find((key) => roots[key] == null);
      if (missing !== undefined) throw new Error(`the graph answered ${missing} null without an error`);
      // The graph answered this very document, so its data has the document's type.
      return spec.map(data as Answered<TData>);
    },
  };
}

/** The docs print enum values in lowercase; the graph's are UPPER_CASE. */
export const lower = <T extends string>(value: T | null | undefined) => (value == null ? null : (value.toLowerCase() as Lowercase<T>));

/** The docs' lowercase values of one of the graph's enums (generated from the SDL), in the SDL's order. */
export const restValues = <T extends Record<string, string>>(graphEnum: T) => Object.values(graphEnum).map((value) => value.toLowerCase());

interface ConnectionData<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** A list in the docs' envelope: the next page's cursor only when there is a next page. */
export function list<T>(connection: ConnectionData<T>, item: (node: T) => unknown): RestBody {
  const hasMore = connection.pageInfo.hasNextPage;
  return { data: connection.nodes.map(item), meta: { cursor: hasMore ? connection.pageInfo.endCursor : null, has_more: hasMore } };
}

/** The ID of a referenced object, or null. */
export const idOf = (ref: { id: string } | null | undefined) => ref?.id ?? null;
