import { trace, type Tracer } from '@opentelemetry/api';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { setTraceIdSource } from '../request-id.ts';
import { setSqlTracer } from './sql-spans.ts';

/**
 * OpenTelemetry traces, off by default. On when the standard variables ask for an exporter:
 * `OTEL_TRACES_EXPORTER` (`otlp`, `console`, ...; `none` keeps it off) or an OTLP endpoint
 * (`OTEL_EXPORTER_OTLP_ENDPOINT`, `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`), unless
 * `OTEL_SDK_DISABLED=true`. The SDK (`@opentelemetry/sdk-node`) then reads every other `OTEL_*`
 * variable itself: service name and resource, sampler (`OTEL_TRACES_SAMPLER`, default
 * `parentbased_always_on`), propagators (W3C `traceparent` and baggage), exporter protocol, headers
 * and batching. Off, nothing of the SDK is loaded and no span is made: the gateway has no tracing
 * plugin, the subgraphs no spans, statements no wrapper work beyond one check.
 *
 * What is traced: the gateway (Hive Gateway's OpenTelemetry plugin: HTTP request, GraphQL parse,
 * validate, execute, each subgraph execution and its upstream fetch, gateway/tracing.ts), each
 * subgraph's HTTP request and GraphQL execution (platform/subgraph/server.ts), and each SQL
 * statement (sql-spans.ts), one trace from the caller's `traceparent` (or a new one) down to SQL.
 */
export function tracingRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  if ((env.OTEL_SDK_DISABLED ?? '').toLowerCase() === 'true') return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  if (exporters.length) return !exporters.every((name) => name === 'none');
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

export interface Tracing {
  /** Exports what is still buffered and stops. */
  shutdown(): Promise<void>;
}

let running: { tracer: Tracer; tracing: Tracing } | undefined;

/** The tracer spans of this project are made with, while tracing is on; undefined when off. */
export function activeTracer(): Tracer | undefined {
  return running?.tracer;
}

export interface TracingOptions {
  env?: NodeJS.ProcessEnv;
  /** The service name when `OTEL_SERVICE_NAME` (or `service.name` in `OTEL_RESOURCE_ATTRIBUTES`) gives none. */
  serviceName?: string;
  /** Instead of the exporter the environment configures (tests: an in-memory exporter); turns tracing on. */
  spanProcessors?: SpanProcessor[];
}

/**
 * Starts the OpenTelemetry SDK for this process when tracing is requested (or `spanProcessors` are
 * given), before anything serves: the global tracer provider, the AsyncLocalStorage context
 * manager and the W3C propagator. Once per process; later calls get the running one.
 */
export async function startTracing(options: TracingOptions = {}): Promise<Tracing | undefined> {
  const env = options.env ?? process.env;
  if (!options.spanProcessors && !tracingRequested(env)) return undefined;
  if (running) return running.tracing;
  const { NodeSDK } = await import('@opentelemetry/sdk-node');
  const named = Boolean(env.OTEL_SERVICE_NAME) || /(^|,)\s*service\.name=/.test(env.OTEL_RESOURCE_ATTRIBUTES ?? '');
  const sdk = new NodeSDK({
    serviceName: named ? undefined : (options.serviceName ?? 'scrums-platform-graph'),
    ...(options.spanProcessors ? { spanProcessors: options.spanProcessors } : {}),
    // No monkey-patching instrumentation: the spans above are made where the work is.
    instrumentations: [],
  });
  sdk.start();
  const tracer = trace.getTracer('scrums-platform-graph');
  const tracing: Tracing = {
    async shutdown() {
      if (running?.tracing !== tracing) return;
      running = undefined;
      setSqlTracer(undefined);
      setTraceIdSource(undefined);
      await sdk.shutdown();
    },
  };
  running = { tracer, tracing };
  setSqlTracer(tracer);
  setTraceIdSource(() => trace.getActiveSpan()?.spanContext().traceId);
  return tracing;
}
