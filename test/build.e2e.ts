import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { it, expect, describe } from 'vitest';
import { ensureBuild } from './testkit/build.ts';

const root = path.resolve(import.meta.dirname, '..');

/**
 * The production build: `npm run build` compiles to dist/ with the files read at run time beside
 * it, and `npm run start:prod` (node on dist/, no tsx) starts the whole system, which answers a
 * query and a REST route, reads its schemas and migrations from dist/, and stops on SIGTERM.
 */
describe('the compiled system (npm run build, npm run start:prod)', () => {
  it('builds, starts from dist/ without tsx, answers a query, stops on SIGTERM', async () => {
    const scripts = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;
    expect(scripts['start:prod']).toBe('exec node --max-semi-space-size=32 dist/scripts/start.js');
    await ensureBuild();
    for (const file of ['dist/scripts/start.js', 'dist/gateway/index.js', 'dist/subgraphs/tasks/index.js', 'dist/scripts/migrate.js', 'dist/scripts/admin.js', 'dist/schema/supergraph.graphql', 'dist/subgraphs/tasks/schema.graphql', 'dist/platform/subgraph/shared.graphql', 'dist/drizzle/meta/_journal.json']) {
      expect(fs.existsSync(path.join(root, file)), file).toBe(true);
    }
    // Every relative import of the compiled code names a .js file (TypeScript rewrote the .ts ones).
    expect(fs.readFileSync(path.join(root, 'dist/subgraphs/tasks/public.js'), 'utf8')).not.toMatch(/from '\.[^']*\.ts'|import\('\.[^']*\.ts'\)/);

    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'start-prod-'));
    const child = spawn(process.execPath, ['dist/scripts/start.js'], {
      cwd: root,
      env: { PATH: process.env.PATH, PORT: '0', PGLITE_DIR: path.join(data, 'pglite'), HEALTH_EVALUATION_SECONDS: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await expect.poll(() => output, { timeout: 120_000, interval: 200 }).toMatch(/Demo token[^\n]*\n\s+(\S+)/);
      // No tsx anywhere in the process: node on plain JavaScript.
      expect(fs.readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0').filter(Boolean)).toEqual([process.execPath, 'dist/scripts/start.js']);
      const url = /GraphQL\s+(http:\/\/\S+)\/graphql/.exec(output)![1];
      const token = /Demo token[^\n]*\n\s+(\S+)/.exec(output)![1];
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ serviceLine(id: "LIN-26-084729") { name status } }' }),
      });
      expect(await res.json()).toMatchObject({ data: { serviceLine: { name: 'Backend Engineering - Q2 2026', status: 'ACTIVE' } } });
      const rest = await fetch(`${url}/v1/service-lines/LIN-26-084729`, { headers: { authorization: `Bearer ${token}` } });
      expect(rest.status).toBe(200);
      await rest.text();
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      fs.rmSync(data, { recursive: true, force: true });
    }
  }, 360_000);
});
