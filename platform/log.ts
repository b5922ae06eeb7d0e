import { createRequire } from 'node:module';
import pino, { type DestinationStream, type Logger } from 'pino';
import { currentRequest, traceIdOfActiveSpan } from './request-id.ts';

/**
 * The project's one logger: pino, one JSON line per entry on stdout, every process (gateway,
 * subgraphs, scripts' servers) and every library that takes a logger (Hive Gateway) writing
 * through it. LOG_LEVEL sets the level (`trace`, `debug`, `info`, `warn` or `error`, the levels
 * Hive Gateway also reads from it); `warn` by default, `info` under NODE_ENV=production.
 *
 * Nothing secret reaches a line, whatever a caller hands it:
 * - a value under a field named like a credential is replaced, at any depth (pino's own `redact`
 *   takes fixed paths; a header or an SQL parameter can sit anywhere in a logged object);
 * - errors are reduced to fields known to be safe: SQL parameters (drizzle and PGlite attach them,
 *   drizzle repeats them in its message) and PostgreSQL's `detail` (which quotes a conflicting
 *   key's value) never leave;
 * - strings, messages included, lose anything shaped like a bearer token, an API key, a JWT, the
 *   signed principal header or a SHA-256 (how API keys are stored).
 */
export type { Logger } from 'pino';

export const REDACTED = '[Redacted]';

/** Field names (lowercased, without `-` and `_`) that hold credentials, or values a caller sent. */
const SECRET_FIELD = /authorization|cookie|token|secret|password|passwd|credential|apikey|principalheader|xscrumsprincipal|signature/;
const CALLER_VALUES = new Set(['params', 'parameters', 'variables', 'args']);

const SECRET_TEXT: Array<[RegExp, string]> = [
  [/\bBearer\s+\S+/gi, `Bearer ${REDACTED}`],
  [/\bsk_[A-Za-z0-9_-]{6,}/g, `sk_${REDACTED}`],
  [/\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, REDACTED],
  [/\bv1\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g, REDACTED],
  [/\b[0-9a-fA-F]{64}\b/g, REDACTED],
];

/** What an error may show: its kind, message and stack, and PostgreSQL's and Node's diagnostic fields. */
const SAFE_ERROR_FIELDS = [
  'code', 'status', 'statusCode', 'severity', 'routine', 'errno', 'syscall', 'address', 'port',
  'schema_name', 'table_name', 'column_name', 'constraint_name', 'schema', 'table', 'column', 'constraint',
  'query', 'path', 'locations', 'extensions', 'serviceName',
];
const MAX_DEPTH = 8;
const MAX_ITEMS = 50;

export function isSecretField(name: string): boolean {
  const key = name.toLowerCase().replace(/[-_]/g, '');
  return SECRET_FIELD.test(key) || CALLER_VALUES.has(key);
}

export function scrubText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_TEXT) out = out.replace(pattern, replacement);
  return out;
}

/** drizzle's "Failed query: <sql>\nparams: <values>" keeps its SQL and loses its values. */
function withoutParams(text: string): string {
  return text.replace(/\nparams: [^\n]*/g, '');
}

/** A copy of `value` that is safe to log (see the module's comment). */
export function redact(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (typeof value !== 'object' || value === null) return typeof value === 'bigint' ? String(value) : value;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Truncated]';
  seen.add(value);
  if (value instanceof Error) return errorFields(value, depth, seen);
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((item) => redact(item, depth + 1, seen));
    return value.length > MAX_ITEMS ? [...items, `[${value.length - MAX_ITEMS} more]`] : items;
  }
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  const entries = value instanceof Map ? [...value.entries()].map(([k, v]) => [String(k), v] as const) : Object.entries(value);
  const out: Record<string, unknown> = {};
  for (const [key, field] of entries.slice(0, MAX_ITEMS)) {
    out[key] = isSecretField(key) ? REDACTED : redact(field, depth + 1, seen);
  }
  return out;
}

function errorFields(error: Error, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: error.constructor?.name ?? error.name,
    message: scrubText(withoutParams(String(error.message))),
  };
  if (error.stack) out.stack = scrubText(withoutParams(error.stack));
  const fields = error as unknown as Record<string, unknown>;
  for (const key of SAFE_ERROR_FIELDS) {
    if (fields[key] !== undefined && fields[key] !== null) out[key] = redact(fields[key], depth + 1, seen);
  }
  const cause = error.cause ?? fields.originalError;
  if (cause !== undefined && cause !== null) out.cause = redact(cause, depth + 1, seen);
  if (error instanceof AggregateError) out.errors = redact(error.errors, depth + 1, seen);
  return out;
}

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function logLevel(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const level = env.LOG_LEVEL || (env.NODE_ENV === 'production' ? 'info' : 'warn');
  if (!(LOG_LEVELS as readonly string[]).includes(level)) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${level}"`);
  return level as LogLevel;
}

/**
 * A logger at `level` writing to `stream`. Processes use `log` below; tests build their own to read
 * what a line holds.
 */
export function createLogger(options: { level?: LogLevel; stream?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? logLevel(),
      base: { pid: process.pid },
      // The request a line is written for (platform/request-id.ts), and its trace when tracing is on.
      mixin: requestFields,
      // Errors are made safe by `redact`, before pino's own serializer would copy every field.
      serializers: { err: (value: unknown) => value },
      formatters: { log: (object) => redact(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg)) as Parameters<typeof method>);
        },
      },
    },
    // process.stdout rather than pino's own file-descriptor stream: the same lines, and a test can
    // read them by spying on process.stdout.write.
    options.stream ?? destination(),
  );
}

function requestFields(): Record<string, string> {
  const request = currentRequest();
  const traceId = request?.traceId ?? traceIdOfActiveSpan();
  if (!request) return traceId ? { traceId } : {};
  return traceId ? { requestId: request.requestId, traceId } : { requestId: request.requestId };
}

export const LOG_FORMATS = ['json', 'pretty'] as const;

/**
 * `LOG_FORMAT`: `json` (one object per line), or `pretty` (pino-pretty: coloured, one readable line
 * per entry, for a developer's terminal). Unset: pretty only outside production on a terminal
 * (stdout a TTY), JSON everywhere else (containers, pipes, files, tests).
 */
export function logFormat(env: NodeJS.ProcessEnv = process.env, tty = Boolean(process.stdout.isTTY)): (typeof LOG_FORMATS)[number] {
  const format = env.LOG_FORMAT;
  if (format) {
    if (!(LOG_FORMATS as readonly string[]).includes(format)) throw new Error(`LOG_FORMAT must be one of ${LOG_FORMATS.join(', ')}, got "${format}"`);
    return format as (typeof LOG_FORMATS)[number];
  }
  return env.NODE_ENV !== 'production' && tty ? 'pretty' : 'json';
}

function destination(): DestinationStream {
  if (logFormat() === 'json') return process.stdout;
  // Loaded only when asked for: production's JSON never pays for it.
  const pretty = createRequire(import.meta.url)('pino-pretty') as (options: Record<string, unknown>) => DestinationStream;
  return pretty({ colorize: Boolean(process.stdout.isTTY), sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
}

export const log: Logger = createLogger();
