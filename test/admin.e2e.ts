import path from 'node:path';
import { spawn } from 'node:child_process';
import { it, expect } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem } from './testkit/system.ts';
import { principals } from './testkit/auth.ts';

const root = path.resolve(import.meta.dirname, '..');

function admin(env: Record<string, string>, args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], { cwd: root, env: { PATH: process.env.PATH, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

/**
 * `npm run admin`: the first organization, its owner and an owner API key in a production database
 * with no demo data; the key works at the gateway at once. PostgreSQL only (it refuses the embedded
 * database, which `npm start` may hold).
 */
describeEngines('npm run admin', (ctx) => {
  it.runIf(ctx.engine === 'postgres')('creates an organization, its owner and an owner API key the gateway accepts; refuses bad input with a message, writing nothing', async () => {
    const env = { DATABASE_URL: ctx.url! };
    const created = await admin(env, ['create-org', '--name', 'Acme Robotics', '--slug', 'acme-robotics', '--owner-email', 'ops@acme.example', '--owner-name', 'Ada Ops']);
    expect(created.code, created.stderr).toBe(0);
    const { organizationId, ownerUserId, apiKey } = JSON.parse(created.stdout);
    expect(apiKey).toMatchObject({ role: 'owner', secret: expect.stringMatching(/^sk_/) });

    const sys = await startTestSystem(ctx.database, principals.apexAdmin);
    try {
      const answer = await sys.graphqlWith(`Bearer ${apiKey.secret}`, '{ apiKeys(first: 10) { nodes { id role } } }');
      expect(answer.errors).toBeUndefined();
      expect(answer.data.apiKeys.nodes).toHaveLength(1);
      expect(answer.data.apiKeys.nodes[0].id).toBe(apiKey.id);
      expect(answer.data.apiKeys.nodes[0].role).toMatch(/^owner$/i);
      const events = await ctx.database.rows<{ type: string; subject_id: string }>(sql`select type, subject_id from events.events where organization_id = ${organizationId} order by seq`);
      expect(events).toEqual([
        { type: 'organization.created', subject_id: organizationId },
        { type: 'user.created', subject_id: ownerUserId },
        { type: 'api_key.created', subject_id: apiKey.id },
      ]);

      const second = await admin(env, ['create-api-key', '--org', organizationId, '--name', 'rotation']);
      expect(second.code, second.stderr).toBe(0);
      expect(JSON.parse(second.stdout).apiKey.role).toBe('owner');

      const count = async () => (await ctx.database.rows<{ n: number }>(sql`select (select count(*) from organizations.organizations) + (select count(*) from organizations.api_keys) + (select count(*) from events.events) as n`))[0].n;
      const before = await count();
      const refusals: Array<[string[], string]> = [
        [['create-org', '--name', 'Again', '--slug', 'acme-robotics', '--owner-email', 'a@b.co', '--owner-name', 'A'], 'already has the slug "acme-robotics"'],
        [['create-org', '--name', 'Bad', '--slug', 'Not A Slug', '--owner-email', 'a@b.co', '--owner-name', 'A'], 'slug: lowercase letters'],
        [['create-org', '--name', 'Bad', '--slug', 'bad', '--owner-email', 'nobody', '--owner-name', 'A'], 'is not an email address'],
        [['create-org', '--name', 'Bad'], '--slug is required'],
        [['create-api-key', '--org', 'ORG-99-999999'], 'organization ORG-99-999999 does not exist'],
        [['drop-everything'], 'unknown command: drop-everything'],
      ];
      for (const [args, message] of refusals) {
        const refused = await admin(env, args);
        expect(refused.code, args.join(' ')).toBe(2);
        expect(refused.stderr).toContain(message);
        expect(refused.stderr).toContain('Usage: npm run admin');
      }
      expect(await count()).toBe(before);
    } finally {
      await sys.close();
    }
  }, 120_000);

  it('--help prints the usage; the embedded database is refused', async () => {
    const help = await admin({}, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run admin/);
    const embedded = await admin({}, ['create-api-key', '--org', 'ORG-26-090500']);
    expect(embedded.code).toBe(2);
    expect(embedded.stderr).toContain('set DATABASE_URL');
  }, 60_000);
}, { seed: false });
