import { getOperationAST, parse } from 'graphql';
import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import type { Principal } from '../../platform/auth/tokens.ts';
import { ERROR_CODES, PlatformError, restCodeOf } from '../../platform/errors.ts';
import type { GraphContext } from '../graph.ts';
import { limitReasonOf } from '../limits/refusal.ts';

interface GraphQLResult {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

/**
 * A write that was applied (its mutation answered with the object it wrote) while a part it reads
 * back for its answer was unavailable: the client must not be told nothing happened, and the
 * write must not run again. `reread` builds the answer once that part is back (rest/router.ts);
 * the idempotency layer records it for a retry with the same key to replay.
 */
export class AppliedWithoutAnswer extends PlatformError {
  reread?: () => Promise<{ status: number; body: unknown }>;

  /**
   * `id` is the written object's, when its answer kept it: the answer can then be read back. A
   * failed non-null field can null the whole object, ID included: the outcome is then final, 409.
   */
  constructor(readonly mutationField: string, readonly id: string | undefined) {
    super(
      id ? 'service_unavailable' : 'conflict',
      id
        ? `The write was applied (${id}), but its answer cannot be read right now; retry with the same Idempotency-Key to get it.`
        : 'The write was applied, but its answer was lost in an outage; read the resource to see its state.',
    );
  }
}

/**
 * Runs a stored document in-process through the gateway runtime, so a REST call meets the same
 * planner, limits, cost check and error handling as /graphql, without a loopback HTTP hop. The
 * principal travels as server context, as server.ts passes it, and becomes the signed subgraph header.
 */
export async function executeDocument(
  runtime: GatewayRuntime<GraphContext>,
  principal: Principal,
  query: string,
  variables: Record<string, unknown>,
  /** A document of the gateway's own (a route's), which the persisted documents' safelist lets through; false for a caller's. */
  ownDocument = true,
): Promise<Record<string, unknown>> {
  const response = await runtime.fetch(
    'http://gateway/graphql',
    { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ query, variables }) },
    { principal, ownDocument },
  );
  const result = (await response.json()) as GraphQLResult;
  const first = result.errors?.[0];
  if (first) {
    const applied = getOperationAST(parse(query))?.operation === 'mutation' ? appliedWrite(result) : undefined;
    throw applied ? new AppliedWithoutAnswer(applied.field, applied.id) : restErrorOf(first);
  }
  if (!result.data) throw new Error(`the graph answered ${response.status} without data or errors`);
  return result.data;
}

/**
 * The mutation field that was applied when only parts of its answer were unavailable: every error
 * lies below the mutation field (its resolver returned; a field read after the commit failed).
 */
function appliedWrite(result: GraphQLResult): { field: string; id: string | undefined } | undefined {
  const unavailable = ERROR_CODES.service_unavailable.graphql;
  if (!result.errors?.every((e) => e.extensions?.code === unavailable && (e.path?.length ?? 0) > 1)) return undefined;
  const field = String(result.errors[0].path![0]);
  const written = result.data?.[field] as { id?: unknown } | null | undefined;
  return { field, id: typeof written?.id === 'string' ? written.id : undefined };
}

/**
 * The first GraphQL error as the REST error it stands for (a limit's refusal keeps its `reason`,
 * as /graphql gives it); anything unexplained says nothing of itself.
 */
function restErrorOf(error: NonNullable<GraphQLResult['errors']>[number]): Error {
  const code = restCodeOf(error.extensions?.code);
  if (code === 'server_error') return new Error(`graph error: ${error.message}`);
  return new PlatformError(code, error.message, undefined, { reason: limitReasonOf(error) });
}
