import { Counter, Gauge, Histogram } from 'prom-client';
import { processRegistry } from './registry.ts';

/**
 * What the platform and the subgraphs count, in the process's registry (registry.ts). Every label
 * takes values from a small fixed set (an engine, an outcome, a route template, a subgraph's name):
 * never an ID, a cursor, a URL or anything else a caller chooses. The gateway's own GraphQL metrics
 * are in gateway/metrics*.ts.
 */
const registers = [processRegistry];

/** Statement latency, from the moment it is sent to the driver (waiting for a pooled connection included) to its answer. */
export const dbStatementDuration = new Histogram({
  name: 'db_statement_duration_seconds',
  help: 'Time from sending a statement to the database driver (pool wait included) to its answer.',
  labelNames: ['engine', 'outcome'] as const,
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers,
});

/** Statements sent and not yet answered: at most the pool's size run, the rest wait for a connection. */
export const dbStatementsInFlight = new Gauge({
  name: 'db_statements_in_flight',
  help: 'Statements sent to the database driver and not answered yet (running or waiting for a pooled connection).',
  labelNames: ['engine'] as const,
  registers,
});

export const dbPoolSize = new Gauge({
  name: 'db_pool_max_connections',
  help: 'Connections a process may open to PostgreSQL: its pool and its pipelined connections (1 for the embedded database).',
  labelNames: ['engine'] as const,
  registers,
});

/** The events the process's event stream read from the log (or NATS) and dispatched; rate() gives events/s. */
export const eventStreamEvents = new Counter({
  name: 'event_stream_events_total',
  help: 'Events the process\'s live event stream read and dispatched to its subscribers.',
  registers,
});

/** Subscribers disconnected with SLOW_CONSUMER (their buffer stayed full past SUBSCRIBER_GRACE_SECONDS). */
export const slowConsumerCutoffs = new Counter({
  name: 'live_slow_consumer_disconnects_total',
  help: 'Subscribers disconnected as too slow (SLOW_CONSUMER).',
  registers,
});

/** Requests refused 429: `budget` is `caller` (RATE_LIMIT_POINTS) or `refused_credentials` (AUTH_FAILURE_LIMIT). */
export const rateLimited = new Counter({
  name: 'gateway_rate_limited_total',
  help: 'Requests refused with 429, by the budget they exceeded.',
  labelNames: ['budget'] as const,
  registers,
});

/** Webhook delivery attempts by what became of their delivery (succeeded, retry, failed, stale) and kind (event, ping, redelivery). */
export const webhookAttempts = new Counter({
  name: 'webhook_delivery_attempts_total',
  help: 'Webhook delivery attempts, by the verdict recorded for their delivery and the delivery\'s kind.',
  labelNames: ['verdict', 'kind'] as const,
  registers,
});

/** Rows written by bulk export jobs; rate() gives rows/s. */
export const exportRows = new Counter({
  name: 'export_rows_total',
  help: 'Rows (objects) written by bulk export jobs.',
  labelNames: ['format'] as const,
  registers,
});

/** The HTTP requests of a process's server, by route template (`/v1/tasks/{id}`), method and status. */
export const httpRequests = new Counter({
  name: 'http_requests_total',
  help: 'HTTP requests answered, by service, route template, method and status.',
  labelNames: ['service', 'route', 'method', 'status'] as const,
  registers,
});

export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'Time to answer an HTTP request (until its response ends; a stream is measured to its end), by service and route template.',
  labelNames: ['service', 'route', 'method'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers,
});

/** Methods kept as labels; anything else a client sends is `OTHER`. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export function methodLabel(method: string | undefined): string {
  return method && METHODS.has(method) ? method : 'OTHER';
}
