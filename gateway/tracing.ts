import type { GatewayConfigContext, GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { useOpenTelemetry } from '@graphql-hive/plugin-opentelemetry';
import { activeTracer } from '../platform/observability/tracing.ts';

/**
 * The gateway's spans, when tracing is on (platform/observability/tracing.ts): Hive Gateway's
 * OpenTelemetry plugin, made for this runtime. It continues a caller's W3C `traceparent` (or starts
 * a trace), makes the HTTP request's root span, GraphQL parse, validate and execute spans, a span
 * per subgraph execution and per upstream fetch, and sends `traceparent` on each fetch, so each
 * subgraph's spans join the same trace. Off, there is no plugin at all.
 */
export function tracingPlugins(context: GatewayConfigContext): GatewayPlugin[] {
  const tracer = activeTracer();
  if (!tracer) return [];
  // The plugin's context manager is the SDK's (AsyncLocalStorage), registered by startTracing.
  return [useOpenTelemetry({ ...context, traces: { tracer }, useContextManager: true, inheritContext: true, propagateContext: true }) as unknown as GatewayPlugin];
}
