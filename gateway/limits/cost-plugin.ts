import { GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { queryCost } from './cost.ts';
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
  // The price depends on the document and its variables alone: the same request (a subscription
  // opened by thousands of clients, a screen's query) is priced once. Documents are the runtime's
  // cached ones, so the cache goes with them; each keeps a bounded number of variable sets.
  const cache = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, ReturnType<typeof priced>>>>();
  const check = (args: CostArgs) => {
    const key = `${args.operationName ?? ''}\u0000${JSON.stringify(args.variableValues ?? {})}`;
    // Large variables (a write's input) are rarely sent twice: priced each time, not kept.
    if (key.length > 2000) return priced(args, maxNodes);
    let bySchema = cache.get(args.schema);
    if (!bySchema) cache.set(args.schema, (bySchema = new WeakMap()));
    let byVariables = bySchema.get(args.document);
    if (!byVariables) bySchema.set(args.document, (byVariables = new Map()));
    let outcome = byVariables.get(key);
    if (outcome === undefined && !byVariables.has(key)) {
      outcome = priced(args, maxNodes);
      if (byVariables.size >= 1000) byVariables.clear();
      byVariables.set(key, outcome);
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
