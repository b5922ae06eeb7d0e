import { it, expect, beforeAll, afterAll, vi } from 'vitest';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, bearer } from './testkit/auth.ts';
import { DASHBOARD } from './testkit/screens.ts';
import { startTracing, type Tracing } from '../platform/observability/tracing.ts';
import { log } from '../platform/log.ts';

/**
 * One trace per request, gateway -> subgraph -> SQL, with an in-memory exporter in place of OTLP
 * (the SDK is started as the processes start it, platform/process.ts, with the exporter given).
 */
const exporter = new InMemorySpanExporter();
let tracing: Tracing | undefined;
beforeAll(async () => {
  tracing = await startTracing({ spanProcessors: [new SimpleSpanProcessor(exporter)], serviceName: 'test' });
});
afterAll(() => tracing?.shutdown());

const VARIABLES = { ws: 'WS-26-000021', lines: 5, tasks: 3, integrations: 5, events: 5 };
const id = (span: ReadableSpan) => span.spanContext().spanId;
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

/** The spans of the trace whose root is the gateway's HTTP span of the request with `requestId`, once that root has ended. */
async function traceOf(requestId: string): Promise<{ root: ReadableSpan; spans: ReadableSpan[] }> {
  let root: ReadableSpan | undefined;
  await vi.waitFor(() => {
    root = exporter.getFinishedSpans().find((span) => span.kind === SpanKind.SERVER && span.attributes['hive.request.id'] === requestId);
    expect(root).toBeDefined();
  }, { timeout: 10_000 });
  const traceId = root!.spanContext().traceId;
  return { root: root!, spans: exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId) };
}

describeEngines('traces', (ctx) => {
  let sys: TestSystem;
  let token: string;
  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin);
    token = await bearer(principals.apexAdmin);
  });
  afterAll(() => sys?.close());

  const dashboard = (headers: Record<string, string>) =>
    fetch(`${sys.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify({ query: DASHBOARD, variables: VARIABLES, operationName: 'Dashboard' }),
    });

  it('makes the dashboard one connected trace: gateway root -> subgraph fetches -> subgraph servers -> SQL', async () => {
    const requestId = `trace-${ctx.engine}-1`;
    const answer = await dashboard({ 'x-request-id': requestId });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { errors?: unknown }).errors).toBeUndefined();
    const { root, spans } = await traceOf(requestId);
    // Every subgraph's spans end before the gateway's answer does: the whole trace is there.
    expect(root.parentSpanContext).toBeUndefined();
    const ids = new Set(spans.map(id));
    // Connected: every span but the root has its parent in the same trace.
    for (const span of spans) if (span !== root) expect(ids.has(parentOf(span)!), `${span.name} has its parent in the trace`).toBe(true);

    const byId = new Map(spans.map((span) => [id(span), span]));
    const ancestors = (span: ReadableSpan) => {
      const chain: ReadableSpan[] = [];
      for (let at = byId.get(parentOf(span) ?? ''); at; at = byId.get(parentOf(at) ?? '')) chain.push(at);
      return chain;
    };
    const subgraphExecutions = spans.filter((span) => span.name.startsWith('subgraph.execute'));
    const subgraphServers = spans.filter((span) => span.kind === SpanKind.SERVER && span !== root && span.attributes['graphql.subgraph.name']);
    const statements = spans.filter((span) => span.attributes['db.system.name'] === 'postgresql');
    expect(subgraphExecutions.length).toBeGreaterThanOrEqual(4);
    expect(subgraphServers.length).toBeGreaterThanOrEqual(subgraphExecutions.length);
    expect(new Set(subgraphServers.map((span) => span.attributes['graphql.subgraph.name'])).size).toBeGreaterThanOrEqual(4);
    // Each subgraph server span sits under a subgraph execution of the gateway, under the root.
    for (const server of subgraphServers) {
      const chain = ancestors(server);
      expect(chain.some((span) => span.name.startsWith('subgraph.execute')), server.name).toBe(true);
      expect(chain.at(-1)).toBe(root);
    }
    // Each statement sits under a subgraph server span, and under the GraphQL execution of that subgraph.
    expect(statements.length).toBeGreaterThanOrEqual(subgraphServers.length);
    for (const statement of statements) {
      const chain = ancestors(statement);
      expect(chain.some((span) => subgraphServers.includes(span)), statement.name).toBe(true);
      expect(String(statement.attributes['db.query.text'])).toMatch(/^\s*(select|with|insert|update)/i);
    }
    expect(spans.some((span) => span.name.startsWith('graphql.execute') && span.attributes['graphql.subgraph.name'])).toBe(true);
  });

  it('continues a caller\'s W3C traceparent, and puts the trace ID on the request\'s log lines', async () => {
    const traceId = ctx.engine === 'pglite' ? '4bf92f3577b34da6a3ce929d0e0e4736' : '0af7651916cd43dd8448eb211c80319c';
    const callerSpan = '00f067aa0ba902b7';
    const requestId = `trace-${ctx.engine}-2`;
    const chunks: string[] = [];
    const previous = log.level;
    log.level = 'info';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (chunks.push(String(chunk)), true));
    try {
      const answer = await dashboard({ 'x-request-id': requestId, traceparent: `00-${traceId}-${callerSpan}-01` });
      expect(answer.status).toBe(200);
      const { root, spans } = await traceOf(requestId);
      expect(root.spanContext().traceId).toBe(traceId);
      expect(root.parentSpanContext?.spanId).toBe(callerSpan);
      expect(spans.filter((span) => span.attributes['db.system.name']).length).toBeGreaterThan(0);
      await vi.waitFor(() => expect(chunks.join('')).toContain(`"requestId":"${requestId}"`));
    } finally {
      spy.mockRestore();
      log.level = previous;
    }
    const lines = chunks.join('').split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, any>);
    const mine = lines.filter((line) => line.requestId === requestId);
    expect(mine.find((line) => line.component === 'access')).toMatchObject({ traceId });
    const subgraphLines = mine.filter((line) => line.component === 'subgraph-access');
    expect(subgraphLines.length).toBeGreaterThan(0);
    for (const line of subgraphLines) expect(line.traceId).toBe(traceId);
  });

  it('continues a caller\'s traceparent through a REST route too, down to its statements', async () => {
    const traceId = ctx.engine === 'pglite' ? 'a1a2a3a4a5a6a7a8a9a0b1b2b3b4b5b6' : 'c1c2c3c4c5c6c7c8c9c0d1d2d3d4d5d6';
    const answer = await fetch(`${sys.url}/v1/tasks/TSK-26-018841`, { headers: { authorization: `Bearer ${token}`, traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
    expect(answer.status).toBe(200);
    await vi.waitFor(() => {
      const spans = exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
      expect(spans.some((span) => span.attributes['graphql.subgraph.name'] === 'tasks' && span.kind === SpanKind.SERVER)).toBe(true);
      expect(spans.some((span) => span.attributes['db.system.name'] === 'postgresql')).toBe(true);
    }, { timeout: 10_000 });
  });
});
