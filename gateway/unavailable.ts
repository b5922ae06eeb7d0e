import { GraphQLError, Kind, getOperationAST, type DocumentNode, type FieldNode, type SelectionSetNode } from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { ERROR_CODES } from '../platform/errors.ts';
import { propagateNulls } from './null-propagation.ts';

const SERVICE_UNAVAILABLE = ERROR_CODES.service_unavailable.graphql;

/**
 * A subgraph that does not answer (refused or dropped connection, timeout, a proxy's 502-504, or
 * its own database out of reach) costs the answer only the fields that subgraph serves: the schema
 * makes every such field nullable (schema/sdl-rules.test.ts), and each of them gets an
 * error of its own, at its own path, with code SERVICE_UNAVAILABLE and, outside production, the
 * subgraph's name as `extensions.service` (limits/production.ts removes it). A client then shows
 * everything that answered, knows exactly what is missing, and may retry for the rest.
 *
 * A transport failure comes with no path at all, and the planner would pin it on the parent
 * object (`["workspace"]` for a failed `workspace.integrations`), which reads as if the parent
 * had failed. The fields the failed fetch asked for are in its document: one error per field,
 * at `[rootField]` or `["_entities", i, field]`, which the planner then maps to each entity's
 * place in the answer.
 */
export function useUnavailableSubgraphs(): GatewayPlugin {
  return {
    // A partial answer is completed as GraphQL execution would have (null-propagation.ts); when
    // every fetch failed the planner even leaves `data` out, which reads as a refused request.
    onExecute() {
      return {
        onExecuteDone({ args, result, setResult }) {
          if (Symbol.asyncIterator in (result as object)) return;
          const { data, errors } = result as { data?: unknown; errors?: readonly GraphQLError[] };
          if (!errors?.length || !errors.some((e) => e.path)) return;
          const completed = propagateNulls(args.schema, args.document as DocumentNode, args.operationName, args.variableValues as Record<string, unknown> | undefined, data);
          setResult({ ...(result as object), data: completed } as never);
        },
      };
    },
    onSubgraphExecute({ subgraphName, executionRequest }) {
      return ({ result, setResult }) => {
        if (Symbol.asyncIterator in (result as object)) return;
        const errors = (result as { errors?: readonly GraphQLError[] }).errors;
        if (!errors?.some(isUnavailable)) return;
        const rewritten = errors.flatMap((e) => (!isUnavailable(e) ? [e] : e.path ? [unavailableError(subgraphName, e.path, e.message)] : []));
        if (errors.some((e) => isUnavailable(e) && !e.path)) {
          rewritten.push(...requestedPaths(executionRequest.document, executionRequest.variables).map((path) => unavailableError(subgraphName, path)));
        }
        setResult({ ...(result as object), errors: rewritten } as never);
      };
    },
  };
}

/** Whether a subgraph's error means it could not be reached or could not serve, rather than that it refused the request. */
function isUnavailable(error: GraphQLError): boolean {
  const extensions = error.extensions as { code?: string; response?: { status?: number } } | undefined;
  switch (extensions?.code) {
    case SERVICE_UNAVAILABLE:
    case 'SUBREQUEST_HTTP_ERROR':
      return true;
    case 'RESPONSE_VALIDATION_FAILED':
      return (extensions.response?.status ?? 0) >= 502;
    default:
      return false;
  }
}

function unavailableError(service: string, path: readonly (string | number)[], message = 'This part of the graph is unavailable right now; retry shortly.'): GraphQLError {
  return new GraphQLError(message, { path, extensions: { code: SERVICE_UNAVAILABLE, service } });
}

type Path = (string | number)[];

/** The path of every field a subgraph request asked for: its root fields, and each entity's fields. */
function requestedPaths(document: Parameters<typeof getOperationAST>[0], variables: Record<string, unknown> | undefined): Path[] {
  const operation = getOperationAST(document);
  if (!operation) return [];
  const paths: Path[] = [];
  for (const field of fieldsOf(operation.selectionSet)) {
    const key = field.alias?.value ?? field.name.value;
    if (field.name.value !== '_entities') {
      if (key !== '__typename') paths.push([key]);
      continue;
    }
    const argument = field.arguments?.find((a) => a.name.value === 'representations')?.value;
    const representations = argument?.kind === Kind.VARIABLE ? variables?.[argument.name.value] : undefined;
    if (!Array.isArray(representations)) {
      paths.push([key]);
      continue;
    }
    representations.forEach((representation: Record<string, unknown>, index) => {
      const keys = new Set<string>();
      for (const entityField of fieldsOf(field.selectionSet, String(representation.__typename))) {
        const name = entityField.alias?.value ?? entityField.name.value;
        // Key fields come with the representation; only what the subgraph was to add is missing.
        if (name !== '__typename' && !(name in representation)) keys.add(name);
      }
      for (const name of keys) paths.push([key, index, name]);
    });
  }
  return paths;
}

/** The fields of a subgraph request's selection set, through its inline fragments (those on `typename` only, when given). */
function fieldsOf(selectionSet: SelectionSetNode | undefined, typename?: string): FieldNode[] {
  const fields: FieldNode[] = [];
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) fields.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition?.name.value;
      if (!typename || !condition || condition === typename) fields.push(...fieldsOf(selection.selectionSet, typename));
    }
  }
  return fields;
}
