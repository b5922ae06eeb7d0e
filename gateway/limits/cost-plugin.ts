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
  const check = (args: CostArgs) => priced(args, maxNodes);
  return {
    onExecute({ args, setResultAndStopExecution }) {
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
