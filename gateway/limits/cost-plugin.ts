import { GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema, type VariableDefinitionNode } from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { pricedOperation, pricedVariables, queryCost } from './cost.ts';
import { limitRefusal } from './refusal.ts';

/** `extensions.cost` of every response: what the query could cost, and the node limit it is held to. */
export interface CostExtension {
  nodes: number;
  score: number;
  limit: number;
}

interface CostArgs {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: Record<string, unknown> | null;
}

/** The price of an operation for its variables, or its refusal (over `maxNodes`, or a connection without a page size). */
function priced(args: CostArgs, maxNodes: number): CostExtension | GraphQLError | undefined {
  const cost = queryCost(args.schema, args.document, args.operationName, args.variableValues);
  if (cost === undefined || cost instanceof GraphQLError) return cost;
  const extension: CostExtension = { nodes: cost.nodes, score: cost.score, limit: maxNodes };
  if (cost.nodes <= maxNodes) return extension;
  return limitRefusal('COST_LIMIT', `This query may return up to ${cost.nodes} nodes; the limit is ${maxNodes} per query. Ask for smaller pages.`, { cost: extension });
}

/** The refusal /graphql would answer an operation with for its cost, if any (a document judged outside a request: an export's query). */
export function costRefusal(args: CostArgs, maxNodes: number): GraphQLError | undefined {
  const outcome = priced(args, maxNodes);
  return outcome instanceof GraphQLError ? outcome : undefined;
}

/**
 * Prices each operation when it is about to execute, because only then are its variables known
 * (`tasks(first: $n)` costs what `$n` says). A query over `maxNodes`, or with a connection that does
 * not say how much it wants, stops here: no subgraph is called. Every other response carries its
 * price in `extensions.cost`, so clients can see how close they are.
 */
export function useCostLimit(maxNodes: number): GatewayPlugin {
  // The price depends on the document and on few of its variables: the same request (a subscription
  // opened by thousands of clients, a screen's query), or the next page of a list (only its cursor
  // changed), is priced once. Documents are the runtime's cached ones, so the cache goes with them;
  // each keeps a bounded number of prices.
  const cache = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, { priced: ReadonlySet<string>; outcomes: Map<string, ReturnType<typeof priced>> }>>();
  const check = (args: CostArgs) => {
    // Variables that do not coerce are not priced (queryCost): nothing to look up or keep.
    const operation = pricedOperation(args.schema, args.document, args.operationName, args.variableValues);
    if (!operation) return undefined;
    let bySchema = cache.get(args.schema);
    if (!bySchema) cache.set(args.schema, (bySchema = new WeakMap()));
    let known = bySchema.get(args.document);
    if (!known) bySchema.set(args.document, (known = { priced: new Set(pricedVariables(args.document)), outcomes: new Map() }));
    const key = priceKey(args.operationName, operation.operation.variableDefinitions ?? [], known.priced, args.variableValues ?? {});
    // Large variables (a lookup's many IDs) are rarely sent twice: priced each time, not kept.
    if (key.length > 2000) return priced(args, maxNodes);
    let outcome = known.outcomes.get(key);
    if (outcome === undefined && !known.outcomes.has(key)) {
      outcome = priced(args, maxNodes);
      if (known.outcomes.size >= 1000) known.outcomes.clear();
      known.outcomes.set(key, outcome);
    }
    return outcome;
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      // Priced by whoever made it (a live activity batch, sized within maxNodes: gateway/live/execute.ts).
      if ((args.contextValue as { prepriced?: boolean } | undefined)?.prepriced) return;
      const outcome = check(args);
      if (outcome instanceof GraphQLError) return setResultAndStopExecution({ errors: [outcome] });
      if (!outcome) return;
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return; // incremental delivery: nothing to stamp
          const single = result as ExecutionResult;
          setResult({ ...single, extensions: { ...single.extensions, cost: outcome } });
        },
      };
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const outcome = check(args);
      if (outcome instanceof GraphQLError) setResultAndStopExecution({ errors: [outcome] });
    },
  };
}

/**
 * What the price of an operation whose variables coerce depends on: the values of its page sizes
 * and ID lists (`pricedVariables`), and of every other variable only whether it is absent, null or
 * given. Reading the arguments (graphql's getArgumentValues, which refuses a null where an argument
 * is non-null) looks no further into a coerced variable than that; the rest is the document's.
 */
function priceKey(operationName: string | null | undefined, definitions: readonly VariableDefinitionNode[], pricedNames: ReadonlySet<string>, raw: Record<string, unknown>): string {
  const parts = definitions.map(({ variable: { name: { value: name } } }) => {
    if (!Object.hasOwn(raw, name)) return 0;
    const value = raw[name];
    if (pricedNames.has(name)) return [value ?? null];
    return value == null ? 1 : 2;
  });
  return `${operationName ?? ''}\u0000${JSON.stringify(parts)}`;
}
