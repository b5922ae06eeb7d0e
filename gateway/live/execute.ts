import { GraphQLError, validate, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { MAX_PAGE_SIZE } from '../../platform/connection.ts';
import { encodeCursor } from '../../platform/cursor.ts';
import type { Principal } from '../../platform/auth/tokens.ts';
import type { EventRow } from '../../platform/event-log-table.ts';
import { queryCost } from '../limits/cost.ts';
import { opaque } from '../limits/production.ts';
import type { GraphContext } from '../graph.ts';
import type { EdgePlan, RowField } from './plan.ts';
import { primeEvents } from '../../subgraphs/events/public.ts';
import type { SubgraphContext } from '../../platform/subgraph/context.ts';

/** One event as its subscribers receive it: the result serialised once, for every socket. */
export interface LivePayload {
  seq: number;
  cursor: string;
  /** `{"data":{"activity":{...}}}`, with `errors` when a part of the graph could not answer. */
  text: string;
  /** The same, as the bytes every WebSocket frame of the event carries. */
  bytes: Buffer;
}

/** An event that could not be read at all (its node is missing): its subscribers cannot skip it. */
export interface LiveFailure {
  seq: number;
  cursor: string;
  failure: GraphQLError;
}

export type LiveOutcome = LivePayload | LiveFailure;

export const isFailure = (outcome: LiveOutcome): outcome is LiveFailure => 'failure' in outcome;

export interface ExecutorOptions {
  production: boolean;
  /** MAX_NODES: a batch's query is held to it like any query, so batches are sized to stay under it. */
  maxNodes: number;
}

/** What the executor has done, for the tests and the benchmark. */
export interface ExecutorStats {
  executions: number;
  events: number;
}

/**
 * Executes the node selection of an audience (gateway/live/feed.ts) for a batch of events, through
 * the gateway runtime like any query (planner, subgraph fetches with the signed principal, partial
 * answers, error masking), as one query: the subgraph fetches and SQL statements of a batch are
 * those of one query (one fetch per subgraph involved), whatever the number of the events'
 * subscribers. Each event's result is then put together and serialised once.
 */
export class BatchExecutor {
  readonly stats: ExecutorStats = { executions: 0, events: 0 };
  private readonly sizes = new Map<string, number>();
  private readonly validated = new WeakSet<DocumentNode>();

  constructor(
    /** The runtime the batches execute on (made after the plugins that need this executor). */
    private readonly runtimeOf: () => GatewayRuntime<GraphContext>,
    private readonly options: ExecutorOptions,
  ) {}

  private get runtime(): GatewayRuntime<GraphContext> {
    return this.runtimeOf();
  }

  /** Events per execution: at most a page (100), and within MAX_NODES. */
  async batchSize(plan: EdgePlan): Promise<number> {
    if (!plan.nodeSelections) return Number.MAX_SAFE_INTEGER;
    let size = this.sizes.get(plan.selectionKey);
    if (size === undefined) {
      const schema = (await this.runtime.getSchema()) as GraphQLSchema;
      const cost = queryCost(schema, plan.document(1), undefined, { ...plan.variables, [plan.idVariable(0)]: 'EVT-00-000000' });
      const perEvent = cost instanceof GraphQLError || cost === undefined ? MAX_PAGE_SIZE : Math.max(1, cost.nodes);
      size = Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(this.options.maxNodes / perEvent)));
      if (this.sizes.size > 10_000) this.sizes.clear();
      this.sizes.set(plan.selectionKey, size);
    }
    return size;
  }

  /** One outcome per row, in order. `principal` is the audience's: the visibility its events are read with. */
  async execute(plan: EdgePlan, principal: Principal, rows: readonly EventRow[]): Promise<LiveOutcome[]> {
    this.stats.events += rows.length;
    if (!plan.nodeSelections) return rows.map((row) => this.payload(plan, row, undefined, []));
    this.stats.executions++;
    let result: ExecutionResult;
    try {
      result = await this.run(plan, principal, rows);
    } catch (error) {
      const failure = unreadable(error instanceof Error ? error.message : String(error));
      return rows.map((row) => ({ seq: row.seq, cursor: encodeCursor(row.id), failure }));
    }
    // Errors by event: `[e<i>_<k>, ...]` belongs to event i, at `[rootKey, <k-th node's key>, ...]` for it.
    const nodeKeys = plan.edge.flatMap((f) => (f.kind === 'node' ? [f.key] : []));
    const byEvent = new Map<number, GraphQLError[]>();
    let whole: GraphQLError | undefined;
    for (const error of result.errors ?? []) {
      const [alias, ...rest] = error.path ?? [];
      const match = typeof alias === 'string' ? /^e(\d+)(?:_(\d+))?$/.exec(alias) : null;
      if (!match) {
        whole ??= unreadable(error.message);
        continue;
      }
      const i = Number(match[1]);
      // A padding alias (paddedSize) reads the last event again: its errors are that event's own.
      if (i >= rows.length) continue;
      const moved = new GraphQLError(error.message, { path: [plan.rootKey, nodeKeys[Number(match[2] ?? 0)], ...rest], extensions: error.extensions, originalError: error.originalError });
      const list = byEvent.get(i);
      if (list) list.push(moved);
      else byEvent.set(i, [moved]);
    }
    const data = result.data as Record<string, Record<string, unknown> | null> | null | undefined;
    return rows.map((row, i) => {
      if (whole) return { seq: row.seq, cursor: encodeCursor(row.id), failure: whole };
      const nodes: unknown[] = [];
      for (let k = 0; k < plan.nodeSelections; k++) {
        const node = data?.[plan.alias(i, k)];
        if (node == null) {
          const reason = byEvent.get(i)?.find((e) => e.path?.length === 2)?.message ?? `event ${row.id} could not be read`;
          return { seq: row.seq, cursor: encodeCursor(row.id), failure: unreadable(reason) };
        }
        nodes.push(node);
      }
      return this.payload(plan, row, nodes, byEvent.get(i) ?? []);
    });
  }

  /**
   * Executes a batch's query as the runtime executes any operation (its plugins: the principal, the
   * cost check, partial answers, error masking), without parsing and validating a document again:
   * it is the gateway's own, made from a subscription that passed them (validated once, here).
   */
  private async run(plan: EdgePlan, principal: Principal, rows: readonly EventRow[]): Promise<ExecutionResult> {
    const size = paddedSize(rows.length, this.sizes.get(plan.selectionKey) ?? rows.length);
    const document = plan.document(size);
    const variableValues: Record<string, unknown> = { ...plan.variables };
    for (let i = 0; i < size; i++) variableValues[plan.idVariable(i)] = rows[Math.min(i, rows.length - 1)].id;
    const runtime = this.runtime;
    await runtime.getSchema();
    // The events are in hand (the stream read them): the events subgraph, when co-located, does not read them again.
    const primed = { events: (context: SubgraphContext) => primeEvents(context, rows) };
    const { execute, schema, contextFactory } = runtime.getEnveloped({ principal, prepriced: true, primed } as GraphContext);
    if (!this.validated.has(document)) {
      const invalid = validate(schema, document);
      if (invalid.length) throw new Error(`live activity made an invalid query: ${invalid[0].message}`);
      this.validated.add(document);
    }
    const answer = await execute({ schema, document, variableValues, contextValue: await contextFactory() });
    if (!answer || Symbol.asyncIterator in answer) throw new Error('a live activity batch did not execute as a query');
    return answer as ExecutionResult;
  }

  private payload(plan: EdgePlan, row: EventRow, nodes: unknown[] | undefined, errors: GraphQLError[]): LivePayload {
    const cursor = encodeCursor(row.id);
    const edge: Record<string, unknown> = {};
    for (const field of plan.edge) {
      if (field.kind === 'node') edge[field.key] = nodes![field.k];
      else if (field.kind === 'row') edge[field.key] = rowNode(field.fields, row);
      else edge[field.key] = field.kind === 'cursor' ? cursor : 'EventEdge';
    }
    const result: { data: Record<string, unknown>; errors?: unknown[] } = { data: { [plan.rootKey]: edge } };
    if (errors.length) result.errors = errors.map((e) => formatted(this.options.production ? opaque(e) : e));
    const text = JSON.stringify(result);
    return { seq: row.seq, cursor, text, bytes: Buffer.from(text) };
  }
}

/**
 * The number of events a batch's query is made for: the next power of two (at most `max`, the
 * selection's batch size), the aliases past the batch's own events reading its last event again.
 * Each size is a document of its own, which the planner plans, the co-located subgraphs validate and
 * compile (graphql-jit), and the runtime caches: a document per batch size met made every new size
 * cost 25-230 ms of CPU at its first batch (compiling grows with the aliases) while the events queued
 * behind it. Padded, a selection has at most eight documents (1, 2, 4 ... 64, and `max`). The
 * repeated reads cost no fetch or statement: the events subgraph's loader and the planner's entity
 * fetches de-duplicate the same ID, so a batch of 5 still reads 5 events with one statement each.
 */
export function paddedSize(events: number, max: number): number {
  if (events >= max) return events;
  let size = 1;
  while (size < events) size *= 2;
  return Math.min(size, max);
}

/** A node made of row fields, as the events subgraph would answer it. */
function rowNode(fields: RowField[], row: EventRow): Record<string, unknown> {
  const node: Record<string, unknown> = {};
  for (const field of fields) node[field.key] = field.serialize(field.column === null ? null : row[field.column as keyof EventRow]);
  return node;
}

/** An error as a client receives it: no locations (they point into the batch's query), no internals. */
function formatted(error: GraphQLError): Record<string, unknown> {
  const { locations: _locations, ...json } = error.toJSON() as unknown as Record<string, unknown> & { extensions?: Record<string, unknown> };
  if (json.extensions) {
    const { http: _http, unexpected: _unexpected, ...extensions } = json.extensions;
    json.extensions = Object.keys(extensions).length ? extensions : undefined;
    if (!json.extensions) delete json.extensions;
  }
  return json;
}

/** An event that could not be read: SERVICE_UNAVAILABLE, with the reason. */
export function unreadable(reason: string): GraphQLError {
  return new GraphQLError(`An event of this stream could not be read right now (${reason}).`, { extensions: { code: 'SERVICE_UNAVAILABLE' } });
}
