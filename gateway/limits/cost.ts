import {
  GraphQLError, Kind, getArgumentValues, getNamedType, getNullableType, getOperationAST, getVariableValues, isInterfaceType,
  isListType, isObjectType, visit,
  type DocumentNode, type FragmentDefinitionNode, type GraphQLField, type GraphQLNamedType, type GraphQLSchema,
  type GraphQLObjectType, type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';
import { MAX_PAGE_SIZE } from '../../platform/connection.ts';
import { limitRefusal } from './refusal.ts';

/** What one query may cost, in GitHub's two measures. */
export interface QueryCost {
  /** Objects the query may return: each connection's page size times its parents' page sizes, summed. */
  nodes: number;
  /** Page requests behind those objects: each connection counts once per parent object. */
  requests: number;
  /** GitHub's rate-limit score: requests / 100, rounded, at least 1. */
  score: number;
  /** Selections the pricing looked at: each of the document's once, however often it is spread. */
  visited: number;
}

/**
 * The cost of an operation before it runs, modelled on GitHub's GraphQL API. Every connection must
 * say how many objects it wants (`first` or `last`, 1 to 100), so the worst case is known up front:
 * `serviceLines(first: 10) { nodes { tasks(first: 20) } }` may return 10 + 10 × 20 = 210 nodes
 * and needs 1 + 10 = 11 page requests (one for the lines, one per line for its tasks), score 1.
 * `nodes(ids: [...])` fans out like a page of that many objects. Fields under `@skip`/`@include`,
 * and a field selected twice, are counted as written: the worst case is what the limit is for.
 *
 * Returns a refusal for a connection without a valid page size, or undefined when the variables do
 * not coerce (execution then reports that, before any subgraph is called).
 */
export function queryCost(
  schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, rawVariables: Record<string, unknown> | null | undefined,
): QueryCost | GraphQLError | undefined {
  const operation = pricedOperation(schema, document, operationName, rawVariables);
  if (!operation) return undefined;
  const { root, variables } = operation;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  // A selection set's cost is proportional to how many parent objects it is selected for, so each
  // is priced once for one parent and scaled: a fragment spread a thousand times (or k^6 times
  // through nested spreads) is priced once, and the walk looks at each selection of the document once.
  const priced = new Map<string, Tally>();
  const pricing = new Set<string>();
  let visited = 0;
  const price = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined): Tally => {
    const tally: Tally = { nodes: 0, requests: 0 };
    const add = (below: number, sub: Tally) => {
      tally.nodes = saturating(tally.nodes + saturating(below * sub.nodes));
      tally.requests = saturating(tally.requests + saturating(below * sub.requests));
    };
    for (const selection of selectionSet.selections) {
      visited++;
      if (selection.kind === Kind.FIELD) {
        const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[selection.name.value] : undefined;
        if (!field) continue; // __typename, or a field validation already refused
        const fanOut = fanOutOf(field, getArgumentValues(field, selection, variables), selection.name.value);
        if (fanOut instanceof GraphQLError) throw fanOut;
        if (fanOut !== undefined) add(1, { nodes: fanOut, requests: 1 });
        if (selection.selectionSet) add(fanOut ?? 1, price(selection.selectionSet, getNamedType(field.type)));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        add(1, price(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent));
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || pricing.has(name)) continue; // cycles are refused by validation
        if (!priced.has(name)) {
          pricing.add(name);
          priced.set(name, price(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value)));
          pricing.delete(name);
        }
        add(1, priced.get(name)!);
      }
    }
    return tally;
  };
  let total: Tally;
  try {
    total = price(operation.operation.selectionSet, root);
  } catch (error) {
    if (error instanceof GraphQLError) return error;
    throw error;
  }
  return { ...total, score: Math.max(1, Math.round(total.requests / 100)), visited };
}

/**
 * The operation `queryCost` prices, its root type and its coerced variables; undefined when there
 * is no such operation or its variables do not coerce (no price then).
 */
export function pricedOperation(
  schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, rawVariables: Record<string, unknown> | null | undefined,
): { operation: OperationDefinitionNode; root: GraphQLObjectType; variables: Record<string, unknown> } | undefined {
  const operation = getOperationAST(document, operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return undefined;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  return coerced.errors ? undefined : { operation, root, variables: coerced.coerced };
}

/** The only arguments a price reads (`fanOutOf`). */
const PRICED_ARGUMENTS = new Set(['first', 'last', 'ids']);

/**
 * The variables a document's price can depend on: those in an argument `first`, `last` or `ids`
 * (at any depth of its value), the only arguments `queryCost` reads. Any other variable (a cursor,
 * a filter) changes the price only by coercing or not.
 */
export function pricedVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(argument) {
      if (!PRICED_ARGUMENTS.has(argument.name.value)) return;
      visit(argument.value, { Variable: (variable) => void names.add(variable.name.value) });
    },
  });
  return [...names];
}

interface Tally {
  nodes: number;
  requests: number;
}

/** Counts stop at the largest exact integer: past any limit, and never Infinity in an answer. */
const saturating = (n: number) => Math.min(n, Number.MAX_SAFE_INTEGER);

/** How many objects a field returns per parent object: a connection's page, a lookup's IDs, else none. */
function fanOutOf(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>, name: string): number | GraphQLError | undefined {
  if (isConnection(field)) {
    const first = args.first as number | null | undefined;
    const last = args.last as number | null | undefined;
    if (first == null && last == null) {
      return limitRefusal('MISSING_PAGINATION_BOUNDARIES', `You must provide first or last to paginate the ${name} connection.`, { argument: 'first', field: name });
    }
    for (const [argument, value] of [['first', first], ['last', last]] as const) {
      if (value != null && (value < 1 || value > MAX_PAGE_SIZE)) {
        // The subgraphs' own message (platform/connection.ts), raised here before the cost is counted.
        return new GraphQLError(`${argument} must be an integer between 1 and ${MAX_PAGE_SIZE}, got ${value}.`, {
          extensions: { code: 'BAD_USER_INPUT', argument },
        });
      }
    }
    return Math.max(first ?? 0, last ?? 0);
  }
  const ids = args.ids;
  return Array.isArray(ids) && isListType(getNullableType(field.type)) ? ids.length : undefined;
}

/** Relay connections by the graph's own convention: a `...Connection` type paged by first/last. */
function isConnection(field: GraphQLField<unknown, unknown>): boolean {
  return getNamedType(field.type).name.endsWith('Connection') && field.args.some((a) => a.name === 'first') && field.args.some((a) => a.name === 'last');
}
