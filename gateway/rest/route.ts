import type { TypedDocumentString } from './generated/graphql.ts';
import type { BodyField } from './body.ts';
import type { QueryParam } from './params.ts';
import type { Answer } from './resource-schema.ts';
import { read, type Shape } from './shape.ts';

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
  /**
   * Whether an object its query or body parameters name may be not found (404), as a path ID may:
   * an unknown or foreign `pod_id` naming the parent a route acts on.
   */
  lookup?: boolean;
  /**
   * Where the document's answer holds the resource and its Shape: the mapper is built from it, and
   * /v1/openapi.json derives the resource's schema from it (resource-schema.ts).
   */
  answer?: Answer;
  /** A schema given by hand for what `data` holds (each item, for a list), named in the components; `answer` derives one. */
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
 * (`graphql(...)`, gateway/rest/generated), so each parameter and body field must name one of its
 * variables or input fields and `check` takes exactly the document's result; its answer is a Shape
 * (shape.ts), whose every path is held to the same document when /v1/openapi.json is generated.
 */
export interface RouteSpec<TData, TVariables> extends Omit<Route, 'document' | 'map' | 'query' | 'body' | 'answer' | 'item'> {
  document: TypedDocumentString<TData, TVariables>;
  query?: Record<string, QueryParam<VariableOf<TVariables>>>;
  body?: Record<string, BodyField<InputFieldOf<TVariables>>>;
  /** What the route answers: `one('task', TASK)`, `many('tasks', TASK)`, `first('slaReports.nodes', SLA_REPORT)`. */
  answer: Answer;
  /** Runs on the answered data before it is mapped; throws a PlatformError to refuse (no report for that period). */
  check?(data: Answered<TData>): void;
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
      spec.check?.(data as Answered<TData>);
      return mapAnswer(spec.answer, data, `${spec.method} ${spec.path}`);
    },
  };
}

const path = (dotted: string) => dotted.split('.');

/** The resource at `at` of the data (`task`, `createApiKey`). */
export const one = (at: string, shape: Shape): Answer => ({ kind: 'one', path: path(at), shape });
/** A connection at `at` (`tasks`, `pod.tickets`): its nodes in the list envelope. */
export const many = (at: string, shape: Shape): Answer => ({ kind: 'many', path: path(at), shape });
/** The first element of the list at `at`; the route's `check` refuses an empty one. */
export const first = (at: string, shape: Shape): Answer => ({ kind: 'first', path: path(at), shape });

function mapAnswer(answer: Answer, data: unknown, where: string): RestBody {
  const found = read(data, answer.path, where);
  switch (answer.kind) {
    case 'one':
      return { data: answer.shape.map(found) };
    case 'many':
      return list(found as ConnectionData<unknown>, answer.shape.map);
    case 'first': {
      const [head] = found as unknown[];
      if (head === undefined) throw new Error(`${where}: the list at ${answer.path.join('.')} is empty`);
      return { data: answer.shape.map(head) };
    }
  }
}

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
