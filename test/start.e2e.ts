import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { it, expect } from 'vitest';
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { describeEngines } from './testkit/describe-engines.ts';
import { collect, type Collected, type SubscriptionResult } from './testkit/subscriptions.ts';
import { appendEvents } from '../platform/event-log.ts';
import { DEMO } from '../seed/demo.ts';

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

  /** `npm start` with `env` added, its output so far, and its exit. */
  function start(env: Record<string, string>) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scrums-start-'));
    const child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/start.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '0', PGLITE_DIR: path.join(dataDir, 'pglite'), DATABASE_URL: ctx.url ?? '', ...env },
    });
    const run = { output: '', child, exited: new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code))) };
    child.stdout.on('data', (chunk) => (run.output += chunk));
    child.stderr.on('data', (chunk) => (run.output += chunk));
    return { ...run, get output() { return run.output; }, cleanup: () => (child.kill('SIGKILL'), fs.rmSync(dataDir, { recursive: true, force: true })) };
  }

  it.skipIf(ctx.engine !== 'pglite')('refuses GATEWAY_PROCESSES on the embedded database, which serves one process', async () => {
    const run = start({ GATEWAY_PROCESSES: '2' });
    try {
      expect(await run.exited).toBe(1);
      expect(run.output).toContain('GATEWAY_PROCESSES=2 needs DATABASE_URL');
    } finally {
      run.cleanup();
    }
  }, 120_000);

  it.skipIf(ctx.engine !== 'postgres')('runs GATEWAY_PROCESSES gateways on one port, each serving live activity from the log, and stops them all on SIGTERM', async () => {
    const run = start({ GATEWAY_PROCESSES: '2' });
    const clients: Client[] = [];
    try {
      await expect.poll(() => run.output, { timeout: 90_000, interval: 200 }).toMatch(/Demo token[^\n]*\n\s+(\S+)/);
      expect(run.output).toContain('2 gateway processes sharing the port');
      const pids = new Set([...run.output.matchAll(/gateway on \S+ \(pid (\d+)\)/g)].map((m) => m[1]));
      expect(pids.size).toBe(2);
      const url = /GraphQL\s+(http:\/\/\S+)\/graphql/.exec(run.output)![1];
      const token = /Demo token[^\n]*\n\s+(\S+)/.exec(run.output)![1];

      // Connections are handed to the processes in turn: subscribers on both, each live from its own feed.
      const streams: Collected[] = [];
      for (let i = 0; i < 6; i++) {
        const client = createClient({ url: `${url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
        clients.push(client);
        streams.push(collect(client.iterate({ query: 'subscription { activity(types: ["test."]) { node { id type } } }' }) as AsyncIterator<SubscriptionResult>));
      }
      const probe = () => ctx.database.db.transaction((tx) => appendEvents(tx, [{ type: 'test.probe', organizationId: DEMO.organizationId, workspaceId: null, actor: { type: 'system', id: null }, subject: { type: 'test', id: 'P1' } }]));
      for (let attempt = 0; !streams.every((s) => s.results.length > 0); attempt++) {
        expect(attempt, 'every subscriber receives a probe event').toBeLessThan(60);
        await probe();
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      // Once live, every one gets the same next event, once.
      const [row] = await probe();
      await expect.poll(() => streams.every((s) => s.results.some((r) => r.data?.activity.node.id === row.id)), { timeout: 30_000 }).toBe(true);
      for (const s of streams) expect(s.results.filter((r) => r.data?.activity.node.id === row.id)).toHaveLength(1);

      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
    } finally {
      for (const c of clients) await c.dispose();
      run.cleanup();
    }
  }, 180_000);
});
