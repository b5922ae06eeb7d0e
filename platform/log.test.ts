import { Writable } from 'node:stream';
import { describe, it, expect } from 'vitest';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { createLogger, logLevel, REDACTED } from './log.ts';

function memoryLogger(level: 'debug' | 'info' = 'info') {
  const lines: Record<string, any>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: createLogger({ level, stream }), lines };
}

const HASH = 'a3f1c2'.padEnd(64, '0');
const API_KEY = `sk_AbCdEfGhIj_${'x'.repeat(43)}`;
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJvcmciOiJPUkcifQ.c2lnbmF0dXJl';
const PRINCIPAL = `v1.${'e'.repeat(40)}.${'m'.repeat(43)}`;

describe('the logger', () => {
  it('redacts credentials by field name at any depth, and credential-shaped text anywhere', () => {
    const { logger, lines } = memoryLogger();
    logger.info({
      request: { headers: { Authorization: `Bearer ${JWT}`, 'x-scrums-principal': PRINCIPAL, accept: 'application/json' } },
      subgraph: { extensions: { headers: { 'X-Scrums-Principal': PRINCIPAL } } },
      key: { token_prefix: 'AbCdEfGhIj', secret_hash: HASH, secretHash: HASH, name: 'ci' },
      variables: { input: { credentials: { api_key: 'dd-123' } } },
      note: `retrying with Bearer ${JWT} and ${API_KEY}`,
    }, `sent ${PRINCIPAL}`);
    const [line] = lines;
    expect(line.request.headers).toEqual({ Authorization: REDACTED, 'x-scrums-principal': REDACTED, accept: 'application/json' });
    expect(line.subgraph.extensions.headers['X-Scrums-Principal']).toBe(REDACTED);
    expect(line.key).toEqual({ token_prefix: REDACTED, secret_hash: REDACTED, secretHash: REDACTED, name: 'ci' });
    expect(line.variables).toBe(REDACTED);
    const text = JSON.stringify(line);
    for (const secret of [HASH, API_KEY, JWT, PRINCIPAL, 'AbCdEfGhIj', 'dd-123']) expect(text).not.toContain(secret);
    expect(line.msg).toBe(`sent ${REDACTED}`);
  });

  it("logs a failed statement's SQL and PostgreSQL diagnostics, never its parameters or detail", () => {
    const { logger, lines } = memoryLogger();
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "api_keys_secret_hash_key"'), {
      code: '23505', constraint_name: 'api_keys_secret_hash_key', detail: `Key (secret_hash)=(${HASH}) already exists.`,
      params: ['KEY-26-000001', HASH, 'AbCdEfGhIj'], parameters: ['AbCdEfGhIj'],
    });
    const error = new DrizzleQueryError('insert into "organizations"."api_keys" ("token_prefix", "secret_hash") values ($1, $2)', ['AbCdEfGhIj', HASH], cause);
    logger.error({ err: error }, 'unexpected error');
    const [line] = lines;
    expect(line.err.message).toBe('Failed query: insert into "organizations"."api_keys" ("token_prefix", "secret_hash") values ($1, $2)');
    expect(line.err.cause).toMatchObject({ code: '23505', constraint_name: 'api_keys_secret_hash_key' });
    const text = JSON.stringify(line);
    expect(text).not.toContain(HASH);
    expect(text).not.toContain('AbCdEfGhIj');
    expect(text).not.toContain('already exists');
  });

  it('survives what cannot be serialised whole: cycles and nesting thousands deep', () => {
    const { logger, lines } = memoryLogger();
    const cyclic: Record<string, unknown> = { name: 'a' };
    cyclic.self = cyclic;
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 20_000; i++) deep = { deeper: deep };
    logger.warn({ cyclic, deep }, 'odd objects');
    expect(lines[0].cyclic).toEqual({ name: 'a', self: '[Circular]' });
    expect(JSON.stringify(lines[0].deep)).toContain('[Truncated]');
  });

  it('takes its level from LOG_LEVEL, warn by default and info in production, and refuses a typo', () => {
    expect(logLevel({})).toBe('warn');
    expect(logLevel({ NODE_ENV: 'production' })).toBe('info');
    expect(logLevel({ LOG_LEVEL: 'debug' })).toBe('debug');
    expect(() => logLevel({ LOG_LEVEL: 'verbose' })).toThrow('LOG_LEVEL must be one of trace, debug, info, warn, error, got "verbose"');
  });
});
