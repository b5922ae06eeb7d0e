import { GraphQLError } from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';

/**
 * What a production graph keeps to itself. "Did you mean ...?" suggestions let anyone map the
 * schema field by field without introspection, and an error's internals (which subgraph failed,
 * the subrequest it sent, a stack) help an attacker more than a client. A part of the graph that is
 * unavailable still says so (SERVICE_UNAVAILABLE), without naming the subgraph. The subgraphs already
 * reduce their own unexpected errors to INTERNAL_SERVER_ERROR; the gateway does the same for
 * anything that still arrives without a code a client can act on.
 */
export function productionPlugins(): GatewayPlugin[] {
  return [blockFieldSuggestionsPlugin({ mask: '' }) as GatewayPlugin, useOpaqueErrors()];
}

// Armor's plugin catches validation's field, argument and type suggestions; these catch the rest
// (enum values, variables coerced at execution) in any message.
const SUGGESTION = /\s*Did you mean [^?]*\?/g;
// `service` names the subgraph a SERVICE_UNAVAILABLE came from (gateway/unavailable.ts).
const INTERNAL_EXTENSIONS = ['serviceName', 'service', 'request', 'response', 'originalError', 'stacktrace', 'exception'];
const INTERNAL_CODES = new Set([undefined, 'INTERNAL_SERVER_ERROR', 'DOWNSTREAM_SERVICE_ERROR', 'SUBREQUEST_HTTP_ERROR']);

function useOpaqueErrors(): GatewayPlugin {
  return {
    onResultProcess({ result, setResult }) {
      const errors = (result as { errors?: readonly GraphQLError[] } | null)?.errors;
      if (!Array.isArray(errors) || errors.length === 0) return;
      setResult({ ...(result as object), errors: errors.map(opaque) } as never);
    },
  };
}

/** An error as production tells it (also applied to live activity's events, gateway/live/execute.ts). */
export function opaque(error: GraphQLError): GraphQLError {
  const extensions: Record<string, unknown> = { ...error.extensions };
  for (const key of INTERNAL_EXTENSIONS) delete extensions[key];
  const internal = INTERNAL_CODES.has(extensions.code as string | undefined);
  const message = internal ? 'Unexpected error.' : error.message.replace(SUGGESTION, '').trim();
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: internal ? { code: 'INTERNAL_SERVER_ERROR' } : extensions,
  });
}
