import path from 'node:path';
import { spawn } from 'node:child_process';
import { it, expect, beforeAll, afterAll } from 'vitest';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals } from './testkit/auth.ts';
import { freePort } from './testkit/ports.ts';
import { scrape, valueOf } from './testkit/metrics.ts';
import { DEMO } from '../seed/demo.ts';

const root = path.resolve(import.meta.dirname, '..');
const TOKEN = 'metrics-token-for-the-tests-0123456789';

/**
 * Who may read /metrics (README, Metrics): the bearer METRICS_TOKEN when set, on the gateway's and
 * every subgraph's port; nobody on the service port in production without one; a port of its own
 * with METRICS_PORT (the service port then answers 404); nothing with METRICS=off.
 */
describeEngines('metrics: access to /metrics', (ctx) => {
  let production: TestSystem;
  let off: TestSystem;
  let untokened: TestSystem;
  beforeAll(async () => {
    production = await startTestSystem(ctx.database, principals.apexAdmin, { production: true, env: { METRICS_TOKEN: TOKEN } });
    off = await startTestSystem(ctx.database, principals.apexAdmin, { env: { METRICS: 'off' } });
    untokened = await startTestSystem(ctx.database, principals.apexAdmin, { production: true });
  }, 120_000);
  afterAll(async () => {
    await production?.close();
    await off?.close();
    await untokened?.close();
  });

  it('with METRICS_TOKEN, a scrape without the token, or with another, is 401 on the gateway and on a subgraph; with it, 200', async () => {
    const subgraph = new URL('/metrics', production.system.subgraphUrls.tasks).href;
    for (const url of [`${production.url}/metrics`, subgraph]) {
      const none = await fetch(url);
      expect(none.status).toBe(401);
      expect(await none.json()).toMatchObject({ error: { code: 'unauthorized', status: 401 } });
      const wrong = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}x` } });
      expect(wrong.status).toBe(401);
      await wrong.text();
      const { samples } = await scrape(url, TOKEN);
      expect(valueOf(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    }
  });

  it('in production without a token, the service port refuses /metrics (403), and the graph still answers', async () => {
    const refused = await fetch(`${untokened.url}/metrics`);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'forbidden', message: expect.stringContaining('METRICS_TOKEN') } });
    expect((await untokened.graphql(`{ serviceLine(id: "${DEMO.serviceLineId}") { id } }`)).data.serviceLine.id).toBe(DEMO.serviceLineId);
  });

  it('with METRICS=off, /metrics is 404 and the gateway has no Prometheus plugin', async () => {
    const res = await fetch(`${off.url}/metrics`);
    expect(res.status).toBe(404);
    await res.text();
    expect((await off.graphql(`query OffLine { serviceLine(id: "${DEMO.serviceLineId}") { id } }`)).errors).toBeUndefined();
    // The other systems' scrape shows no series of this one's named operation's latency.
    const { samples } = await scrape(`${production.url}/metrics`, TOKEN);
    expect(valueOf(samples, 'graphql_envelop_request_duration_count', { operationName: 'OffLine' })).toBe(0);
  });

  // A standalone process needs PostgreSQL (PGlite serves one process only).
  it.runIf(ctx.engine === 'postgres')('a standalone subgraph with METRICS_PORT serves /metrics on that port only, in production with its token', async () => {
    const metricsPort = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'subgraphs/tasks/index.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH, DATABASE_URL: ctx.url!, PORT: '0', METRICS_PORT: String(metricsPort), METRICS_TOKEN: TOKEN, NODE_ENV: 'production', AUTH_SECRET: 'a-production-secret-for-the-metrics-test-0123456789', HEALTH_EVALUATION_SECONDS: 'off' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await expect.poll(() => output, { timeout: 60_000, interval: 200 }).toMatch(/metrics on port \d+/);
      const service = /subgraph on (http:\/\/\S+)/.exec(output)![1];
      const onService = await fetch(service.replace('/graphql', '/metrics'), { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(onService.status).toBe(404);
      await onService.text();
      expect((await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).status).toBe(401);
      const { samples } = await scrape(`http://127.0.0.1:${metricsPort}/metrics`, TOKEN);
      expect(valueOf(samples, 'http_requests_total', { service: 'tasks', route: '/metrics', status: '404' })).toBe(1);
      expect(valueOf(samples, 'db_pool_max_connections', { engine: 'postgres' })).toBeGreaterThan(0);
      expect((await fetch(`http://127.0.0.1:${metricsPort}/graphql`)).status).toBe(404);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  }, 90_000);
});
