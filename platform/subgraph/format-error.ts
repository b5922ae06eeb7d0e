import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { ERROR_CODES } from '../errors.ts';
import { callerError, isDatabaseUnavailable } from '../unavailable.ts';
import { log } from '../log.ts';

/**
 * Shapes errors leaving a subgraph: a PlatformError keeps its message and gets its GraphQL code
 * (plus the REST code and the argument at fault), an unreachable database is SERVICE_UNAVAILABLE;
 * GraphQL's own validation errors keep theirs; anything unexpected becomes a bare
 * INTERNAL_SERVER_ERROR, its detail logged, never sent.
 */
export function formatSubgraphError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = (error as GraphQLError | undefined)?.originalError ?? error;
  const known = callerError(original);
  if (known) {
    if (isDatabaseUnavailable(original)) log.warn({ err: original }, 'database unavailable');
    return {
      message: known.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: known.graphqlCode, status: known.status, ...(known.field ? { argument: known.field } : {}) },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
    // GraphQL validation and coercion errors (unknown enum value, wrong type) are the caller's.
    const known = code === 'GRAPHQL_VALIDATION_FAILED' || code === 'BAD_USER_INPUT' || code === 'GRAPHQL_PARSE_FAILED';
    return known ? { ...formatted, extensions: { code: 'BAD_USER_INPUT', status: ERROR_CODES.bad_request.status } } : formatted;
  }
  log.error({ err: original, path: formatted.path }, 'unexpected error in a subgraph');
  return { message: 'Internal server error.', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR', status: 500 } };
}
