import { GraphQLError } from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/**
 * A request the graph rejects before running it (a syntax error, an unknown field or enum value, a
 * variable of the wrong type) is the caller's bad input, like an out-of-range `first` is: every
 * such error leaves with BAD_USER_INPUT, as the subgraphs' own argument checks do, and GraphQL's
 * own code as `reason`. Variable coercion errors come with no code and no path at all, which tells
 * them apart from anything a resolver raised.
 */
const REASONS: Record<string, string> = {
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
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
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    originalError: error.originalError,
    extensions: { ...error.extensions, code: 'BAD_USER_INPUT', reason },
  });
}
