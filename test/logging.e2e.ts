import util from 'node:util';
import { it, expect, beforeAll, afterAll, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, bearer } from './testkit/auth.ts';
import { log } from '../platform/log.ts';

/** Everything the process prints meanwhile: the logger's lines on stdout, and anything sent to the console. */
function captureOutput() {
  const chunks: string[] = [];
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (chunks.push(String(chunk)), true)),
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (chunks.push(String(chunk)), true)),
    ...(['error', 'warn', 'info', 'log', 'debug', 'trace'] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void chunks.push(util.format(...args)))),
  ];
  return {
    text: () => chunks.join('\n'),
    restore: () => spies.forEach((spy) => spy.mockRestore()),
  };
}

const SHA256 = /\b[0-9a-f]{64}\b/i;
const PRINCIPAL_HEADER_VALUE = /\bv1\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/;

describeEngines('logs never carry a secret', (ctx) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin);
  });
  afterAll(() => sys?.close());

  it('logs a failed statement that writes an API key without its hash, prefix or parameters', async () => {
    // Every new key now breaks a constraint: the insert that carries its hash fails in the subgraph.
    await ctx.database.rows(sql`alter table organizations.api_keys add constraint refuse_new_keys check (name <> name) not valid`);
    const output = captureOutput();
    let answer;
    try {
      answer = await sys.graphql('mutation { createApiKey(input: { name: "logged" }) { secret } }');
    } finally {
      output.restore();
      await ctx.database.rows(sql`alter table organizations.api_keys drop constraint refuse_new_keys`);
    }
    expect(answer.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    const text = output.text();
    // The failure is logged, with what helps (the statement, PostgreSQL's code and constraint) ...
    expect(text).toContain('refuse_new_keys');
    expect(text).toContain('23514');
    // ... and none of the values it carried.
    expect(text).not.toMatch(SHA256);
    expect(text).not.toMatch(/params:/);
    expect(text).not.toMatch(/\bsk_/);
    const [{ count }] = await ctx.database.rows<{ count: number }>(sql`select count(*)::int as count from organizations.api_keys where name = 'logged'`);
    expect(count).toBe(0);
  });

  it('at LOG_LEVEL=debug prints neither the bearer token nor the signed principal header', async () => {
    const previous = { env: process.env.LOG_LEVEL, level: log.level };
    process.env.LOG_LEVEL = 'debug';
    log.level = 'debug';
    const output = captureOutput();
    const token = await bearer(principals.apexAdmin);
    let debug: TestSystem | undefined;
    try {
      debug = await startTestSystem(ctx.database, principals.apexAdmin);
      const answer = await debug.graphqlWith(`Bearer ${token}`, '{ viewer { role organization { name } } }');
      expect(answer.errors).toBeUndefined();
    } finally {
      output.restore();
      if (previous.env === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = previous.env;
      log.level = previous.level;
      await debug?.close();
    }
    const text = output.text();
    // The gateway did log the subgraph requests it made at debug level ...
    expect(text).toMatch(/organizations/);
    expect(text.length).toBeGreaterThan(1000);
    // ... without a credential in them.
    expect(text).not.toContain(token);
    expect(text).not.toMatch(PRINCIPAL_HEADER_VALUE);
    expect(text).not.toMatch(/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\./);
  });
});
