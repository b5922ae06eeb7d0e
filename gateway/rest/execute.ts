import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import type { Principal } from '../../subgraphs/kit/auth/tokens.ts';
import { PlatformError, restCodeOf } from '../../subgraphs/kit/errors.ts';
import type { GraphContext } from '../graph.ts';

interface GraphQLResult {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
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
): Promise<Record<string, unknown>> {
  const response = await runtime.fetch(
    'http://gateway/graphql',
    { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ query, variables }) },
    { principal },
  );
  const result = (await response.json()) as GraphQLResult;
  const first = result.errors?.[0];
  if (first) throw restErrorOf(first);
  if (!result.data) throw new Error(`the graph answered ${response.status} without data or errors`);
  return result.data;
}

/** The first GraphQL error as the REST error it stands for; anything unexplained says nothing of itself. */
function restErrorOf(error: NonNullable<GraphQLResult['errors']>[number]): Error {
  const code = restCodeOf(error.extensions?.code);
  if (code === 'server_error') return new Error(`graph error: ${error.message}`);
  return new PlatformError(code, error.message);
}
