import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, it, expect } from 'vitest';
import { describeEngines } from './testkit/describe-engines.ts';
import { verifyToken, signingKeyFromSecret } from '../platform/auth/tokens.ts';

const root = path.resolve(import.meta.dirname, '..');

/**
 * Runs one of the project's entry points as its own process, the way docker-compose.yml does; with
 * tsx loaded into node itself, so a signal reaches the entry point directly (tsx's own CLI relays
 * it, and kills a child that takes over 30 ms to acknowledge, as a loaded machine may).
 */
function run(entry: string, env: Record<string, string>, args: string[] = []) {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: root, env: { PATH: process.env.PATH, ...env } });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

const DEVELOPMENT_SECRET = 'dev-only-secret-change-me-in-production-0123456789';

describeEngines('standalone processes', (ctx) => {
  it('npm run token -- --help prints its usage; unknown options, organizations, workspaces and users are refused with a message, no stack trace', async () => {
    const env = { AUTH_SECRET: 'a-secret-for-the-token-script-0123456789', DATABASE_URL: ctx.url ?? '', PGLITE_DIR: '/nonexistent/the-token-script-never-opens-the-embedded-database' };
    const help = run('scripts/token.ts', env, ['--help']);
    expect(await help.exited).toBe(0);
    expect(help.output()).toMatch(/^Usage: npm run token -- --org ORG-YY-NNNNNN/);
    const refusals: Array<[string[], string]> = [
      [['--bogus'], "Unknown option '--bogus'"],
      [['--org', 'ORG-99-999999'], ctx.engine === 'postgres' ? 'organization ORG-99-999999 does not exist in the database at DATABASE_URL' : 'organization ORG-99-999999 is not in the embedded database\'s demo data'],
      [['--org', 'ORG-26-090500', '--workspace', 'WS-99-999999'], 'workspace WS-99-999999 does not exist in organization ORG-26-090500'],
      // A user of the other demo organization is not one of this one's.
      [['--org', 'ORG-26-090500', '--user', 'USR-99-999999'], 'user USR-99-999999 does not exist in organization ORG-26-090500'],
    ];
    for (const [args, message] of refusals) {
      const refused = run('scripts/token.ts', env, args);
      expect(await refused.exited, args.join(' ')).toBe(2);
      expect(refused.output()).toContain(message);
      expect(refused.output()).toContain('Usage: npm run token');
      expect(refused.output()).not.toMatch(/\n\s+at /);
    }
    const named = run('scripts/token.ts', env, ['--org', 'ORG-26-090500', '--workspace', 'WS-26-000021', '--user', 'USR-26-000081', '--role', 'member']);
    expect(await named.exited).toBe(0);
    const { principal } = await verifyToken([signingKeyFromSecret(env.AUTH_SECRET)], named.output().trim());
    expect(principal).toMatchObject({ organizationId: 'ORG-26-090500', workspaceId: 'WS-26-000021', actorId: 'USR-26-000081', role: 'member' });
  }, 90_000);

  // A standalone subgraph needs PostgreSQL (PGlite serves one process only).
  it.runIf(ctx.engine === 'postgres')('a subgraph listens on loopback unless HOST says otherwise', async () => {
    const subgraph = run('subgraphs/organizations/index.ts', { DATABASE_URL: ctx.url!, PORT: '0' });
    try {
      await expect.poll(subgraph.output, { timeout: 60_000, interval: 200 }).toMatch(/subgraph on http:\/\/\S+/);
      const url = /subgraph on (http:\/\/\S+)/.exec(subgraph.output())![1];
      expect(new URL(url).hostname).toBe('127.0.0.1');
      expect((await fetch(url.replace('/graphql', '/health'))).status).toBe(200);
      subgraph.child.kill('SIGTERM');
      expect(await subgraph.exited).toBe(0);
    } finally {
      subgraph.child.kill('SIGKILL');
    }
  }, 90_000);
});

describe('processes that refuse before opening a database', () => {
  it('in production, the gateway and every subgraph refuse to start on a weak or public AUTH_SECRET', async () => {
    const cases = [
      { entry: 'gateway/index.ts', secret: 'short-secret', message: 'AUTH_SECRET is 12 bytes, too short when NODE_ENV=production' },
      { entry: 'subgraphs/tasks/index.ts', secret: DEVELOPMENT_SECRET, message: 'AUTH_SECRET is the public development secret, refused when NODE_ENV=production' },
      { entry: 'subgraphs/events/index.ts', secret: '', message: 'AUTH_SECRET must be set when NODE_ENV=production' },
    ];
    await Promise.all(cases.map(async ({ entry, secret, message }) => {
      const started = run(entry, { NODE_ENV: 'production', AUTH_SECRET: secret, DATABASE_URL: 'postgres://127.0.0.1:1/unused' });
      try {
        expect(await started.exited, started.output()).not.toBe(0);
        expect(started.output()).toContain(message);
        expect(started.output()).toContain('openssl rand -base64 48');
      } finally {
        started.child.kill('SIGKILL');
      }
    }));
  }, 90_000);

  it('npm run token mints a token the gateway accepts, and no longer-lived one', async () => {
    const env = { AUTH_SECRET: 'a-secret-for-the-token-script-0123456789' };
    const minted = run('scripts/token.ts', env, ['--org', 'ORG-26-090500']);
    expect(await minted.exited).toBe(0);
    const token = minted.output().trim();
    const { principal, expiresAt } = await verifyToken([signingKeyFromSecret('a-secret-for-the-token-script-0123456789')], token);
    expect(principal.organizationId).toBe('ORG-26-090500');
    expect(expiresAt - Date.now()).toBeGreaterThan(11 * 3_600_000);

    const tooLong = run('scripts/token.ts', env, ['--org', 'ORG-26-090500', '--expires', '48h']);
    expect(await tooLong.exited).toBe(2);
    expect(tooLong.output()).toContain('--expires 48h: Token lives longer than the maximum of 86400 seconds');
  }, 60_000);

});
