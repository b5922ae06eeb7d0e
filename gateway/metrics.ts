import { getOperationAST, type DocumentNode, type GraphQLError, type OperationDefinitionNode } from 'graphql';
import { Registry } from 'prom-client';
import { sql } from 'drizzle-orm';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { Logger as HiveLogger } from '@graphql-hive/logger';
import useMeshPrometheus, { createCounter, createHistogram } from '@graphql-mesh/plugin-prometheus';
import type { Database } from '../platform/db.ts';
import { addRegistry, boundedLabel, OTHER } from '../platform/metrics/registry.ts';
import { graphqlErrors, graphqlOperations, limitRefusals, openConnections, openSubscriptions, liveAudiences, trackDeliveries, trackExportJobs } from './metrics-instruments.ts';
import { limitReasonOf } from './limits/refusal.ts';
import type { ActivityFeed } from './live/feed.ts';
import { routeTemplates } from '../platform/metrics/http.ts';
import { METRICS_PATH } from '../platform/metrics/serve.ts';
import { REST_ROUTES } from './rest/router.ts';
import { OPENAPI_PATH } from './rest/openapi.ts';
import { EXPORTS_PATH } from './exports/api.ts';

/** Distinct operation names a gateway keeps as labels; later names are `__other__`. */
export const MAX_OPERATION_NAMES = 200;
/** Distinct error codes and reasons kept as labels. */
const MAX_CODES = 64;

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The gateway's GraphQL metrics: Hive Gateway's Prometheus plugin (@graphql-mesh/plugin-prometheus,
 * prom-client underneath) for request latency, the parse and validate phases and each subgraph's
 * fetch latency and errors, its labels limited to bounded values; and `useOperationMetrics` for
 * operations by outcome, errors by code and limit refusals. Its registry joins the process's
 * /metrics while the gateway runs (the plugin clears it when the gateway is disposed).
 */
export function gatewayMetricsPlugins(log: HiveLogger): { plugins: GatewayPlugin[]; remove(): void } {
  const registry = new Registry();
  const operation = boundedLabel(MAX_OPERATION_NAMES);
  const opLabels = (params: { operationName?: string; operationType?: string }) => ({
    operationName: params.operationName ? operation(params.operationName) : 'anonymous',
    operationType: params.operationType ?? 'unknown',
  });
  const subgraphLabels = ({ subgraphName, executionRequest }: { subgraphName: string; executionRequest: { operationType?: string } }) => ({
    subgraphName,
    operationType: executionRequest.operationType ?? 'query',
  });
  const prometheus = useMeshPrometheus({
    log,
    registry,
    endpoint: false,
    metrics: {
      graphql_envelop_request_duration: createHistogram({
        registry,
        histogram: { name: 'graphql_envelop_request_duration', help: 'Time to execute a GraphQL operation (subscriptions: to their end), by operation name (bounded) and type.', labelNames: ['operationName', 'operationType'], buckets: LATENCY_BUCKETS },
        fillLabelsFn: opLabels,
      }),
      graphql_envelop_phase_parse: createHistogram({
        registry,
        histogram: { name: 'graphql_envelop_phase_parse', help: 'Time to parse a document.', labelNames: [], buckets: LATENCY_BUCKETS },
        fillLabelsFn: () => ({}),
      }),
      graphql_envelop_phase_validate: createHistogram({
        registry,
        histogram: { name: 'graphql_envelop_phase_validate', help: 'Time to validate a document (the limits included).', labelNames: [], buckets: LATENCY_BUCKETS },
        fillLabelsFn: () => ({}),
      }),
      graphql_yoga_http_duration: createHistogram({
        registry,
        histogram: { name: 'graphql_yoga_http_duration', help: 'Time to answer a /graphql HTTP request, by operation type, method and status.', labelNames: ['operationType', 'method', 'statusCode'], buckets: LATENCY_BUCKETS },
        fillLabelsFn: (params: { operationType?: string }, { request, response }: { request: Request; response: Response }) => ({
          operationType: params.operationType ?? 'unknown',
          method: request.method,
          statusCode: response.status,
        }),
      }),
      graphql_gateway_subgraph_execute_duration: createHistogram({
        registry,
        histogram: { name: 'graphql_gateway_subgraph_execute_duration', help: 'Time of each subgraph fetch, by subgraph and operation type.', labelNames: ['subgraphName', 'operationType'], buckets: LATENCY_BUCKETS },
        fillLabelsFn: subgraphLabels,
      }),
      graphql_gateway_subgraph_execute_errors: createCounter({
        registry,
        counter: { name: 'graphql_gateway_subgraph_execute_errors', help: 'Errors in subgraph answers (an unreachable subgraph included), by subgraph and operation type.', labelNames: ['subgraphName', 'operationType'] },
        fillLabelsFn: subgraphLabels,
      }),
      // Counted by useOperationMetrics, with an outcome and a bounded name; the rest is left out:
      // per-resolver timing costs too much, the summary duplicates the histogram, and the fetch
      // histogram's URL label repeats the subgraph's.
      graphql_envelop_request: false,
      graphql_envelop_request_time_summary: false,
      graphql_envelop_error_result: false,
      graphql_envelop_deprecated_field: false,
      graphql_envelop_phase_context: false,
      graphql_envelop_phase_execute: false,
      graphql_envelop_phase_subscribe: false,
      graphql_envelop_execute_resolver: false,
      graphql_envelop_schema_change: false,
      graphql_gateway_fetch_duration: false,
    } as never,
  }) as GatewayPlugin;
  const remove = addRegistry(registry);
  return { plugins: [prometheus, useOperationMetrics(operation)], remove };
}

type Outcome = 'ok' | 'partial' | 'error' | 'refused';

/**
 * Operations by name, type and outcome; errors by code; limit refusals by reason. From the envelop
 * hooks every transport goes through (HTTP, graphql-ws, the REST routes, exports, live activity).
 */
function useOperationMetrics(operation: (name: string) => string): GatewayPlugin {
  const code = boundedLabel(MAX_CODES);
  const count = (op: OperationDefinitionNode | null | undefined, outcome: Outcome) =>
    graphqlOperations.inc({ operation: op ? (op.name ? operation(op.name.value) : 'anonymous') : 'unknown', type: op?.operation ?? 'unknown', outcome });
  const countErrors = (errors: readonly unknown[] | undefined, fallbackReason?: string) => {
    for (const error of errors ?? []) {
      const extensions = (error as GraphQLError).extensions ?? {};
      // A variable coercion error has no code and no path: the caller's input (gateway/bad-input.ts).
      const coded = typeof extensions.code === 'string';
      const c = coded ? (extensions.code as string) : (error as GraphQLError).path ? 'INTERNAL_SERVER_ERROR' : 'BAD_USER_INPUT';
      const reason = c !== 'BAD_USER_INPUT' ? '' : typeof extensions.reason === 'string' ? extensions.reason : (fallbackReason ?? (coded ? '' : 'VARIABLE_COERCION_FAILED'));
      graphqlErrors.inc({ code: code(c), reason: reason ? code(reason) : '' });
      const limit = limitReasonOf(error);
      if (limit) limitRefusals.inc({ reason: limit });
    }
  };
  const operationOf = (document: DocumentNode, name: string | null | undefined) => {
    try {
      return getOperationAST(document, name);
    } catch {
      return null;
    }
  };
  return {
    onParse() {
      return ({ result }) => {
        if (!(result instanceof Error)) return;
        count(null, 'refused');
        countErrors([result], 'GRAPHQL_PARSE_FAILED');
      };
    },
    onValidate({ params }) {
      return ({ valid, result }) => {
        if (valid) return;
        count(operationOf(params.documentAST, undefined), 'refused');
        countErrors(result, 'GRAPHQL_VALIDATION_FAILED');
      };
    },
    onExecute({ args }) {
      const op = operationOf(args.document, args.operationName);
      return {
        onExecuteDone({ result }) {
          if (isAsyncIterable(result)) return;
          count(op, outcomeOf(result));
          countErrors((result as { errors?: readonly unknown[] }).errors);
        },
      };
    },
    onSubscribe({ args }) {
      const op = operationOf(args.document, args.operationName);
      return {
        onSubscribeResult({ result }) {
          if (!isAsyncIterable(result)) {
            count(op, outcomeOf(result));
            countErrors((result as { errors?: readonly unknown[] }).errors);
            return;
          }
          count(op, 'ok');
          openSubscriptions.inc();
          let open = true;
          return {
            onNext({ result: next }) {
              countErrors((next as { errors?: readonly unknown[] }).errors);
            },
            onEnd() {
              if (open) openSubscriptions.dec();
              open = false;
            },
          };
        },
        onSubscribeError({ error }) {
          count(op, 'error');
          countErrors([error]);
        },
      };
    },
  } as GatewayPlugin;
}

/**
 * Reports what a running gateway holds open (WebSocket connections, SSE streams, live audiences),
 * its feed's deliveries and the export queue, until the returned function is called.
 */
export function trackGateway(parts: { webSockets: () => number; sseStreams: () => number; feed?: ActivityFeed; database: Database }): () => void {
  const removers = [
    openConnections.add(parts.webSockets, 'websocket'),
    openConnections.add(parts.sseStreams, 'sse'),
    trackExportJobs(async () => {
      const rows = await parts.database.uncounted.rows<{ status: string; jobs: number }>(sql`select status, count(*)::int as jobs from gateway.export_jobs group by status`);
      return Object.fromEntries(rows.map((row) => [row.status, Number(row.jobs)]));
    }),
  ];
  const feed = parts.feed;
  if (feed) removers.push(liveAudiences.add(() => feed.audienceCount), trackDeliveries(() => feed.stats.deliveries));
  return () => removers.forEach((remove) => remove());
}

export { OTHER };

/** The gateway's route templates for http_requests_total: its fixed paths, every REST route's and the exports'. */
export const gatewayRouteOf = routeTemplates(
  [...REST_ROUTES.map((route) => route.path), `${EXPORTS_PATH}/{id}`, `${EXPORTS_PATH}/{id}/{action}`],
  ['/graphql', '/health', '/ready', METRICS_PATH, OPENAPI_PATH, EXPORTS_PATH],
);

/** ok, partial (data and errors), refused (a limit refused the document: the cost check runs at execution) or error. */
function outcomeOf(result: unknown): Outcome {
  const { errors, data } = result as { errors?: readonly unknown[]; data?: unknown };
  if (!errors?.length) return 'ok';
  if (data) return 'partial';
  return errors.some((e) => limitReasonOf(e)) ? 'refused' : 'error';
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as { [Symbol.asyncIterator]?: unknown } | null)?.[Symbol.asyncIterator] === 'function';
}
