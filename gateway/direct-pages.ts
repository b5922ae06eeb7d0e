import type { ExecutionArgs, ExecutionResult, GraphQLSchema } from 'graphql';
import { toConnection, type Connection } from '../platform/connection.ts';
import type { Database } from '../platform/db.ts';
import { perOperation } from '../platform/per-operation.ts';
import { scopeOf } from '../platform/scope.ts';
import { checkEventList, readEventBatch, type EventRow } from '../subgraphs/events/public.ts';
import { eventsPageArgs, eventsPageShape, type EventsPageShape } from './exports/direct.ts';
import type { GraphContext } from './graph.ts';

type Execute = (args: ExecutionArgs) => unknown;

/**
 * A page of the root `events` connection read where the rows are, as an export reads its batches
 * (gateway/exports/direct.ts): when an operation reads only that page forward and every field it
 * selects of a node is served from the event's row, the gateway answers it from one statement
 * through the events subgraph's public module (the field's argument checks, tenancy, order, cursor
 * rule and JSON) instead of planning it, executing it in the subgraph and projecting the subgraph's
 * answer. That is how an analytics notebook walks the log, page after page. Everything before
 * execution is unchanged (authentication, persisted documents, limits, metrics, the access line);
 * anything the direct read refuses (a backward page, arguments that do not check, a cursor past
 * retention, an unreachable database) executes through the graph, which answers with its own error.
 * Registered last of the execution hooks, so every check before it has run.
 */
export function useDirectEventPages(database: Database) {
  // The gateway's schema is the same for every request (its supergraph).
  const shapeOf = perOperation((document, operationName, schema: GraphQLSchema) => eventsPageShape(schema, document, operationName));
  return {
    onExecute({ args, executeFn, setExecuteFn }: { args: ExecutionArgs & { contextValue: Partial<GraphContext> }; executeFn: Execute; setExecuteFn(fn: Execute): void }) {
      if (!args.contextValue.principal) return;
      const shape = shapeOf(args.document, args.operationName, args.schema);
      if (!shape) return;
      setExecuteFn(async (execution) => (await directPage(database, shape, execution as typeof args)) ?? executeFn(execution));
    },
  };
}

/**
 * The operation's answer read directly, or undefined when the graph must answer it. The rows are
 * read as the field reads a page forward (`readEventBatch`) and each node is built from its row
 * here: having the database build each node's JSON text instead (as an NDJSON export does) cost it
 * about three times the CPU per page for under a tenth less in this process.
 */
async function directPage(database: Database, shape: EventsPageShape, args: ExecutionArgs & { contextValue: Partial<GraphContext> }): Promise<ExecutionResult | undefined> {
  const scope = scopeOf(args.contextValue.principal!);
  let connection: Connection<EventRow>;
  try {
    const eventsArgs = eventsPageArgs(args.schema, shape, args.variableValues ?? {});
    if (!eventsArgs) return undefined;
    const checked = checkEventList(scope, eventsArgs);
    if (checked.page.backward) return undefined;
    connection = toConnection(await readEventBatch(database, scope, checked, checked.page.limit), checked.page);
  } catch {
    // Arguments that do not check, a cursor past retention, the database unreachable: the graph says so, as it always has.
    return undefined;
  }
  const value: Record<string, unknown> = {};
  for (const [key, field] of shape.connection) {
    if (field.kind === 'typename') value[key] = 'EventConnection';
    else if (field.kind === 'nodes') value[key] = connection.nodes.map(shape.node);
    else {
      const info: Record<string, unknown> = {};
      for (const [infoKey, name] of field.fields) info[infoKey] = name === '__typename' ? 'PageInfo' : connection.pageInfo[name];
      value[key] = info;
    }
  }
  return { data: { [shape.rootKey]: value } };
}
