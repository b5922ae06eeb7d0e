import { GraphQLError } from 'graphql';

/** Why a document was refused before it ran; clients may branch on it (`extensions.reason`). */
export type LimitReason =
  | 'MAX_DEPTH'
  | 'MAX_ALIASES'
  | 'MAX_TOKENS'
  | 'MAX_DIRECTIVES'
  | 'MAX_FIELDS'
  | 'COST_LIMIT'
  | 'MISSING_PAGINATION_BOUNDARIES'
  | 'INTROSPECTION_DISABLED';

/**
 * A query over a limit is the caller's bad request, not a server failure: BAD_USER_INPUT like
 * every other document the graph refuses (gateway/bad-input.ts), with the limit as `reason` and a
 * message that names the limit and its value, so the caller knows what to change.
 */
export function limitRefusal(reason: LimitReason, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', reason, ...extensions } });
}
