import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { it, expect } from 'vitest';
import { describeEngines } from './testkit/describe-engines.ts';

const root = path.resolve(import.meta.dirname, '..');

/**
 * `npm start` as a user runs it: a real process that migrates, seeds the embedded database, prints
 * its URLs and a working token, serves the graph, and exits cleanly on SIGTERM.
 */
describeEngines('npm start', (ctx) => {
  it('starts, serves the printed token, and shuts down on SIGTERM', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scrums-start-'));
    const env = { ...process.env, PORT: '0', PGLITE_DIR: path.join(dataDir, 'pglite'), DATABASE_URL: ctx.url ?? '' };
    const child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/start.ts'], { cwd: root, env });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await expect.poll(() => output, { timeout: 60_000, interval: 200 }).toMatch(/Demo token[^\n]*\n\s+(\S+)/);
      const url = /GraphQL\s+(http:\/\/\S+)\/graphql/.exec(output)![1];
      const token = /Demo token[^\n]*\n\s+(\S+)/.exec(output)![1];
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ serviceLine(id: "LIN-26-084729") { name usage(from: "2026-04-01", to: "2026-04-30") { totalCost } } }' }),
      });
      expect(await res.json()).toMatchObject({ data: { serviceLine: { name: 'Backend Engineering - Q2 2026', usage: { totalCost: 60800 } } } });
      // GraphiQL, to a browser on this machine, opens with a demo token of the same organization.
      const page = await (await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } })).text();
      const prefilled = /Bearer (ey[\w-]+\.[\w-]+\.[\w-]+)/.exec(page)?.[1];
      expect(prefilled).toBeDefined();
      const viaPage = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${prefilled}` },
        body: JSON.stringify({ query: '{ organization(id: "ORG-26-090500") { name } }' }),
      });
      expect(await viaPage.json()).toEqual({ data: { organization: { name: 'Apex Digital' } }, extensions: expect.anything() });
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
