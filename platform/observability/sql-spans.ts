import { context, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';

/**
 * A span per SQL statement, at the project's db layer: there is no OpenTelemetry instrumentation
 * for postgres.js or PGlite, and drizzle's own spans are compiled out. Every statement drizzle
 * sends (queries, `db.execute`, statements inside transactions) goes through its driver's prepared
 * query, `execute` or `all`; those two methods of each driver's class are wrapped once per process.
 *
 * The span holds the statement's text, never its parameters (values a caller sent: they travel as
 * `$1`, `$2` ...). Only statements of a traced piece of work get one (a request's, below its
 * subgraph's span): background polling (the event stream's every 2 s, the webhook queue's),
 * migrations and seeding make no traces of their own. With tracing off (no tracer set) a statement
 * costs one check more.
 */
let tracer: Tracer | undefined;

export function setSqlTracer(next: Tracer | undefined): void {
  tracer = next;
}

type PreparedQueryClass = { prototype: object };
const WRAPPED = Symbol.for('scrums.sql-spans');
const MAX_TEXT = 4096;

export function traceStatements(preparedQuery: PreparedQueryClass, engine: 'postgres' | 'pglite'): void {
  const proto = preparedQuery.prototype as Record<string | symbol, unknown>;
  if (proto[WRAPPED]) return;
  proto[WRAPPED] = true;
  for (const method of ['execute', 'all'] as const) {
    const original = proto[method] as (this: { queryString: string }, ...args: unknown[]) => Promise<unknown>;
    if (typeof original !== 'function') continue;
    proto[method] = function traced(this: { queryString: string }, ...args: unknown[]) {
      if (!tracer || !trace.getSpan(context.active())) return original.apply(this, args);
      const text = this.queryString;
      const operation = /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? 'SQL';
      return tracer.startActiveSpan(
        operation,
        {
          kind: SpanKind.CLIENT,
          attributes: {
            'db.system.name': 'postgresql',
            'db.system': 'postgresql',
            'db.operation.name': operation,
            'db.query.text': text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text,
            'db.client': engine === 'pglite' ? 'pglite' : 'postgres.js',
          },
        },
        async (span) => {
          try {
            return await original.apply(this, args);
          } catch (error) {
            const code = (error as { code?: unknown }).code;
            span.setStatus({ code: SpanStatusCode.ERROR, message: typeof code === 'string' ? `SQLSTATE ${code}` : 'statement failed' });
            if (typeof code === 'string') span.setAttribute('db.response.status_code', code);
            throw error;
          } finally {
            span.end();
          }
        },
      );
    };
  }
}
