import { GraphQLError } from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { badRequest, type PlatformError } from '../platform/errors.ts';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../platform/input-rules.ts';

/**
 * A request the graph rejects before running it (a syntax error, an unknown field or enum value, a
 * variable of the wrong type; a request the server cannot read: no query, a body that is not
 * JSON, a parameter of the wrong type, a batch, a method other than GET and POST, a mutation sent
 * as GET, an operation name that names none) is the caller's bad input, like an out-of-range
 * `first` is: every such error leaves with BAD_USER_INPUT, as the subgraphs' own argument checks
 * do, and the server's own code as `reason` (Yoga's BAD_REQUEST among them, which is no code of
 * this API), its HTTP status unchanged. Variable coercion errors come with no code and no
 * path at all, which tells them apart from anything a resolver raised.
 */
const REASONS: Record<string, string> = {
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  BAD_REQUEST: 'BAD_REQUEST',
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
};

export function useBadInputCodes(): GatewayPlugin {
  return {
    onResultProcess({ result, setResult }) {
      const errors = (result as { errors?: readonly GraphQLError[] } | null)?.errors;
      if (!Array.isArray(errors) || !errors.some((e) => reasonOf(e))) return;
      setResult({ ...(result as object), errors: errors.map((e) => (reasonOf(e) ? recode(e, reasonOf(e)!) : e)) } as never);
    },
  };
}

function reasonOf(error: GraphQLError): string | undefined {
  const code = error.extensions?.code as string | undefined;
  if (code) return REASONS[code];
  return error.path ? undefined : 'VARIABLE_COERCION_FAILED';
}

function recode(error: GraphQLError, reason: string): GraphQLError {
  // Every other extension stays: `http` (the status the server chose) and, for a body that is not
  // JSON, `originalError` (its parser's message; production's error filter drops it).
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    originalError: error.originalError,
    extensions: { ...error.extensions, code: 'BAD_USER_INPUT', reason },
  });
}

/**
 * The server refuses a POST whose Content-Type it cannot read (415) and a request that accepts no
 * type it answers in (406) with an empty body; they get GraphQL's shape like every other refusal
 * (BAD_USER_INPUT, reason UNSUPPORTED_MEDIA_TYPE or NOT_ACCEPTABLE), their status kept.
 */
export function useRefusalBodies(): GatewayPlugin {
  const bodies: Record<number, { message: string; reason: string }> = {
    415: { reason: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the request as application/json (or as a GET with the query in the URL).' },
    406: { reason: 'NOT_ACCEPTABLE', message: 'This graph answers in application/json, application/graphql-response+json or text/event-stream; accept one of them.' },
  };
  return {
    onResponse({ response, setResponse, fetchAPI }) {
      const refusal = bodies[response.status];
      if (!refusal || response.headers.get('content-type')) return;
      const body = JSON.stringify({ errors: [{ message: refusal.message, extensions: { code: 'BAD_USER_INPUT', reason: refusal.reason } }] });
      const headers = new fetchAPI.Headers(response.headers);
      headers.set('content-type', 'application/json; charset=utf-8');
      setResponse(new fetchAPI.Response(body, { status: response.status, headers }));
    },
  };
}

/**
 * GET /graphql carries `variables` and `extensions` as JSON in the query string; the runtime would
 * throw on a malformed one (a 500). Each must be a JSON object (or null) when given: 400 otherwise.
 */
export function graphqlGetProblem(search: URLSearchParams): PlatformError | undefined {
  for (const name of ['variables', 'extensions']) {
    const raw = search.get(name);
    if (raw === null || raw === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return badRequest(`The ${name} parameter is not valid JSON.`, name);
    }
    if (value !== null && (typeof value !== 'object' || Array.isArray(value))) return badRequest(`The ${name} parameter must be a JSON object.`, name);
  }
  return undefined;
}

/**
 * A GraphQL variable, or the request's extensions, nested deeper than MAX_JSON_DEPTH levels (its
 * own object or list counted) is refused (400, BAD_USER_INPUT, reason MAX_JSON_DEPTH) as soon as
 * the request's parameters are known, over HTTP and graphql-ws alike, before anything serialises
 * them for a subgraph or a log line: a value nested thousands of levels would overflow the stack
 * of the first JSON.stringify to meet it. A REST body, which becomes one variable, is held to the
 * same depth before it gets here (rest/request-body.ts).
 */
export function useBoundedVariables(): GatewayPlugin {
  return {
    onParams({ params, request, setResult }) {
      const deep = Object.entries((params.variables ?? {}) as Record<string, unknown>).find(([, value]) => jsonDepthExceeds(value, MAX_JSON_DEPTH));
      const where = deep ? `Variable "$${deep[0]}"` : jsonDepthExceeds(params.extensions, MAX_JSON_DEPTH) ? 'The request\'s extensions' : undefined;
      if (!where) return;
      // Over HTTP the answer is a 400 (the runtime reads `http` and leaves it out of the body); a
      // graphql-ws operation (no request) gets the error as is.
      const http = request ? { http: { status: 400 } } : {};
      setResult({
        errors: [new GraphQLError(`${where} is nested deeper than ${MAX_JSON_DEPTH} levels.`, { extensions: { code: 'BAD_USER_INPUT', reason: 'MAX_JSON_DEPTH', ...http } })],
      });
    },
  };
}
