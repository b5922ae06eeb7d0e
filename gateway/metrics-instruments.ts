import { Counter, Gauge } from 'prom-client';
import { processRegistry } from '../platform/metrics/registry.ts';
import { SourcedGauge } from '../platform/metrics/sources.ts';

/**
 * The gateway's own metrics, in the process's registry beside the platform's
 * (platform/metrics/instruments.ts); Hive Gateway's Prometheus plugin adds the latency histograms
 * and subgraph metrics in a registry of its own (metrics.ts). Labels are bounded: operation names
 * through `boundedLabel`, codes and reasons through a bounded set, everything else a fixed set.
 */
const registers = [processRegistry];

/** Every GraphQL operation the gateway ran or refused, over HTTP, WebSocket, REST and exports alike. */
export const graphqlOperations = new Counter({
  name: 'graphql_operations_total',
  help: 'GraphQL operations by (bounded) operation name, type and outcome: ok, partial (data with errors), error (no data), refused (did not parse or validate, or a limit refused it).',
  labelNames: ['operation', 'type', 'outcome'] as const,
  registers,
});

/** Errors in answers by `extensions.code`, and `reason` for BAD_USER_INPUT (the limit, or what was malformed). */
export const graphqlErrors = new Counter({
  name: 'graphql_errors_total',
  help: 'Errors in GraphQL answers by code (and reason, for BAD_USER_INPUT).',
  labelNames: ['code', 'reason'] as const,
  registers,
});

/** Documents refused by a limit (MAX_DEPTH, COST_LIMIT, ...), by reason. */
export const limitRefusals = new Counter({
  name: 'graphql_limit_refusals_total',
  help: 'Operations refused by a document limit, by the limit (extensions.reason).',
  labelNames: ['reason'] as const,
  registers,
});

/** Persisted document lookups by ID (trusted manifests, then automatic persisted queries): hit or miss. */
export const persistedLookups = new Counter({
  name: 'graphql_persisted_document_lookups_total',
  help: 'Persisted document IDs looked up (trusted documents and APQ): hit (a document ran) or miss.',
  labelNames: ['outcome'] as const,
  registers,
});

export const openConnections = new SourcedGauge('gateway_open_connections', 'Open streaming connections: WebSocket (graphql-ws) and SSE.', 'transport');
export const openSubscriptions = new Gauge({
  name: 'gateway_open_subscriptions',
  help: 'Subscriptions running at the gateway (over WebSocket or SSE).',
  registers,
});
export const liveAudiences = new SourcedGauge('live_audiences', 'Audiences of grouped live activity (subscribers sharing one execution per event).');

/** Bulk export jobs by state, counted in the database when scraped (one statement per scrape per gateway). */
const jobCounters = new Set<() => Promise<Record<string, number>>>();
new Gauge({
  name: 'export_jobs',
  help: 'Bulk export jobs in the database by state (queued, running, completed, failed, cancelled).',
  labelNames: ['state'] as const,
  registers,
  async collect() {
    this.reset();
    // Every gateway of the process reads the same table: one count is the answer.
    const [count] = jobCounters;
    if (!count) return;
    const states = await count().catch(() => ({}) as Record<string, number>);
    for (const [state, jobs] of Object.entries(states)) this.set({ state }, jobs);
  },
});

export function trackExportJobs(count: () => Promise<Record<string, number>>): () => void {
  jobCounters.add(count);
  return () => jobCounters.delete(count);
}

/** Live activity's deliveries (one per event per subscriber), read from the feeds' own counts when scraped. */
const feedDeliveries = new Set<() => number>();
let retiredDeliveries = 0;
new Counter({
  name: 'live_deliveries_total',
  help: 'Events delivered to grouped live activity subscribers (one per event per subscriber); rate() gives deliveries/s.',
  registers,
  collect() {
    let total = retiredDeliveries;
    for (const read of feedDeliveries) total += read();
    this.reset();
    this.inc(total);
  },
});

/** Counts a feed's deliveries until the returned function is called (its count then stays in the total). */
export function trackDeliveries(read: () => number): () => void {
  feedDeliveries.add(read);
  return () => {
    if (feedDeliveries.delete(read)) retiredDeliveries += read();
  };
}
