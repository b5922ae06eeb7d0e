import { getOperationAST, GraphQLError, isObjectType, validate, type DocumentNode, type ExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { ApolloServer } from '@apollo/server';
import type { Principal } from '../auth/tokens.ts';
import { ERROR_CODES } from '../errors.ts';
import { createContext, type SubgraphContext, type SubgraphDeps } from './context.ts';
import { formatSubgraphError } from './format-error.ts';
import { observeLocalSubgraphRequest } from '../observability/subgraph-requests.ts';
import { perOperation } from '../per-operation.ts';

/**
 * One operation for a subgraph served in the caller's process: what a gateway in the same process
 * hands over instead of an HTTP request. The principal comes from the gateway's own context (it
 * authenticated the request), so nothing is signed or verified: no HTTP request carries it.
 */
export interface LocalRequest {
  document: DocumentNode;
  variables?: Record<string, unknown>;
  operationName?: string;
  principal: Principal;
  /** Hands the request's fresh context what the caller has already read (loaders primed), before a query executes. */
  prime?: (context: SubgraphContext) => void;
}

/** Executes an operation as the subgraph's HTTP endpoint would answer it, errors shaped alike. */
export type LocalExecute = (request: LocalRequest) => Promise<ExecutionResult>;

/**
 * The in-process path of a subgraph (scripts/system.ts: the gateway and the subgraphs of `npm start`
 * in one process). A query skips the HTTP hop, JSON both ways and Apollo Server's request pipeline:
 * it is validated against the subgraph's schema (once per document: the planner reuses the
 * documents of a plan) and executed with graphql-js in a fresh context, as Apollo Server would.
 * A mutation goes through Apollo Server (`executeOperation`) with every plugin, so the write audit
 * (write-audit.ts) records it exactly as over HTTP. Errors leave through `formatSubgraphError`
 * either way, and come back as the HTTP transport builds them from a response's JSON.
 */
export function localExecutor(name: string, schema: GraphQLSchema, apollo: ApolloServer<SubgraphContext>, deps: SubgraphDeps): LocalExecute {
  resolveCountsByCall(schema);
  const validated = new WeakMap<DocumentNode, readonly GraphQLError[]>();
  // A query's executor, compiled once per document and operation name (graphql-jit).
  const compile = perOperation((document, operationName): CompiledQuery | ExecutionResult => compileQuery(schema, document, operationName));
  const executeLocally = async ({ document, variables, operationName, principal, prime }: LocalRequest, type: string): Promise<ExecutionResult> => {
    let errors = validated.get(document);
    if (!errors) validated.set(document, (errors = validate(schema, document)));
    if (errors.length) return { errors: errors.map((error) => asReceived(formatSubgraphError({ ...error.toJSON(), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, error))) };
    if (type === 'mutation') {
      const response = await apollo.executeOperation({ query: document, variables, operationName }, { contextValue: createContext(deps, principal) });
      if (response.body.kind !== 'single') throw new Error('a subgraph mutation answered incrementally');
      const { data, errors: formatted } = response.body.singleResult;
      return formatted?.length ? { data, errors: formatted.map(asReceived) } : { data };
    }
    const query = compile(document, operationName);
    let result: ExecutionResult;
    if (isCompiledQuery(query)) {
      const context = createContext(deps, principal);
      prime?.(context);
      result = await query.query(undefined, context, variables ?? {});
    } else result = query;
    if (!result.errors?.length) return result;
    // Without data the request itself failed (its variables did not coerce): the caller's error, as Apollo Server says.
    const requestError = result.data === undefined;
    return {
      ...result,
      errors: result.errors.map((error) =>
        asReceived(formatSubgraphError(requestError ? { ...error.toJSON(), extensions: { code: 'BAD_USER_INPUT', status: ERROR_CODES.bad_request.status } } : error.toJSON(), error)),
      ),
    };
  };
  // Observed as a request of the subgraph's own (its ID, access line, spans), as over HTTP.
  return (request) => {
    const { principal } = request;
    const type = getOperationAST(request.document, request.operationName)?.operation ?? 'query';
    return observeLocalSubgraphRequest(name, {
      operationName: request.operationName, type,
      organizationId: principal.organizationId, actorId: principal.actorId, actorType: principal.actorType,
    }, () => executeLocally(request, type));
  };
}

/**
 * A connection's `totalCount` is a function (platform/connection.ts: counted only when asked), which
 * graphql-js's default resolver calls; graphql-jit reads a field without a resolver as a plain
 * property, so each such field gets the resolver that calls it, or reads it when a connection holds
 * a plain number (the same answer on either path).
 */
function resolveCountsByCall(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !type.name.endsWith('Connection')) continue;
    const field = type.getFields().totalCount;
    if (field && !field.resolve) {
      field.resolve = (connection: { totalCount: number | (() => number | Promise<number>) }) => (typeof connection.totalCount === 'function' ? connection.totalCount() : connection.totalCount);
    }
  }
}

/** An error as the gateway's HTTP transport makes it from a subgraph's JSON answer. */
function asReceived({ message, ...rest }: GraphQLFormattedError): GraphQLError {
  return new GraphQLError(message, { path: rest.path, extensions: rest.extensions });
}
