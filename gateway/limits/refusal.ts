import { GraphQLError } from 'graphql';

/** Why a document was refused before it ran; clients may branch on it (`extensions.reason`, and REST's `reason`). */
export const LIMIT_REASONS = [
  'MAX_DEPTH',
  'MAX_ALIASES',
  'MAX_TOKENS',
  'MAX_DIRECTIVES',
  'MAX_FIELDS',
  'COST_LIMIT',
  'MISSING_PAGINATION_BOUNDARIES',
  'INTROSPECTION_DISABLED',
] as const;
export type LimitReason = (typeof LIMIT_REASONS)[number];

/** The limit a GraphQL error (of this or another copy of graphql) says refused a document, if it is such a refusal. */
export function limitReasonOf(error: unknown): LimitReason | undefined {
  const reason = (error as { extensions?: { code?: unknown; reason?: unknown } } | null)?.extensions;
  if (reason?.code !== 'BAD_USER_INPUT') return undefined;
  return (LIMIT_REASONS as readonly unknown[]).includes(reason.reason) ? (reason.reason as LimitReason) : undefined;
}

/**
 * A query over a limit is the caller's bad request, not a server failure: BAD_USER_INPUT like
 * every other document the graph refuses (gateway/bad-input.ts), with the limit as `reason` and a
 * message that names the limit and its value, so the caller knows what to change.
 */
export function limitRefusal(reason: LimitReason, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', reason, ...extensions } });
}
