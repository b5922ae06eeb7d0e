import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { loadConfig } from '../platform/config.ts';
import { mintToken, signingKeyFromSecret } from '../platform/auth/tokens.ts';
import { startSystem, type RunningSystem } from '../scripts/system.ts';
import { loadLimitsConfig } from '../gateway/limits/config.ts';
import { seedDemo } from '../seed/demo.ts';
import { DASHBOARD } from '../test/testkit/screens.ts';
import { startTracing, type Tracing } from '../platform/observability/tracing.ts';
import { DEFAULT_ADMIN_URL, argument, freshPostgres } from './seed-scale.ts';
import { printTable, fmt, ratio } from './table.ts';

/**
 * What tracing costs: the dashboard query (demo data, PostgreSQL) through the whole system in this
 * process, with tracing off, on (the OpenTelemetry SDK with its OTLP/HTTP exporter, batching, to a
 * sink in another process that reads and drops what it gets), and off again, side by side. The
 * load comes from another process (closed loop, keep-alive), so this process's CPU is the server's
 * alone: CPU ms per request for the server, and the client's beside it.
 *
 *   npm run bench -- tracing [--requests 2000] [--concurrency 8] [--database-url postgres://...]
 */
const AUTH_SECRET = 'bench-secret-for-the-tracing-0123456789abcdef';
const VARIABLES = { ws: 'WS-26-000021', lines: 25, tasks: 10, integrations: 20, events: 20 };

/** A closed-loop client: `concurrency` loops sending the body until `requests` are answered; prints its figures. */
const CLIENT = `
const [url, headers, body, total, concurrency] = [process.argv[1], JSON.parse(process.argv[2]), process.argv[3], Number(process.argv[4]), Number(process.argv[5])];
let sent = 0; const latencies = [];
const started = performance.now(); const cpu = process.cpuUsage();
async function loop() { while (sent < total) { sent++; const t = performance.now(); const res = await fetch(url, { method: 'POST', headers, body }); const json = await res.json(); if (res.status !== 200 || json.errors) throw new Error('failed: ' + JSON.stringify(json).slice(0, 300)); latencies.push(performance.now() - t); } }
await Promise.all(Array.from({ length: concurrency }, loop));
const used = process.cpuUsage(cpu); latencies.sort((a, b) => a - b);
console.log(JSON.stringify({ requests: latencies.length, seconds: (performance.now() - started) / 1000, cpuMs: (used.user + used.system) / 1000, p50: latencies[Math.floor(latencies.length / 2)] }));
`;

const SINK = `
let bytes = 0, posts = 0;
const server = require('node:http').createServer((req, res) => {
  if (req.url === '/count') return res.end(JSON.stringify({ bytes, posts }));
  req.on('data', (chunk) => (bytes += chunk.length)); req.on('end', () => { posts++; res.writeHead(200, { 'content-type': 'application/x-protobuf' }); res.end(); });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

interface Measured { requests: number; seconds: number; serverCpuMs: number; clientCpuMs: number; p50: number }

async function load(url: string, headers: Record<string, string>, body: string, requests: number, concurrency: number): Promise<Measured> {
  const cpu = process.cpuUsage();
  const child = spawn(process.execPath, ['--input-type=module', '-e', CLIENT, url, JSON.stringify(headers), body, String(requests), String(concurrency)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  const [code] = await once(child, 'exit');
  const used = process.cpuUsage(cpu);
  if (code !== 0) throw new Error(`load client exited ${code}`);
  const client = JSON.parse(out) as { requests: number; seconds: number; cpuMs: number; p50: number };
  return { requests: client.requests, seconds: client.seconds, serverCpuMs: (used.user + used.system) / 1000, clientCpuMs: client.cpuMs, p50: client.p50 };
}

export async function runTracingBench(args: string[]): Promise<void> {
  const requests = Number(argument(args, '--requests') ?? 2000);
  const concurrency = Number(argument(args, '--concurrency') ?? 8);
  const fresh = await freshPostgres(argument(args, '--database-url') ?? process.env.DATABASE_URL ?? DEFAULT_ADMIN_URL);
  const sink = spawn(process.execPath, ['-e', SINK], { stdio: ['ignore', 'pipe', 'inherit'] });
  const systems: RunningSystem[] = [];
  let tracing: Tracing | undefined;
  try {
    const [port] = (await once(sink.stdout, 'data')) as [Buffer];
    await seedDemo(fresh.database);
    const config = { ...loadConfig({ AUTH_SECRET, HEALTH_EVALUATION_SECONDS: 'off' }), port: 0 };
    const limits = { ...loadLimitsConfig(), rateLimitPoints: 1_000_000_000 };
    const token = await mintToken(signingKeyFromSecret(AUTH_SECRET), { organizationId: 'ORG-26-090500', workspaceId: null, role: 'admin', actorId: 'USR-26-000044', actorType: 'user' }, { expiresIn: '1h' });
    const headers = { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` };
    const body = JSON.stringify({ query: DASHBOARD, operationName: 'Dashboard', variables: VARIABLES });
    const warm = Math.max(100, Math.floor(requests / 10));

    // Off: a system built before the SDK exists (no gateway plugin, no spans anywhere).
    const off = await startSystem(config, fresh.database, limits, { exportWorker: false });
    systems.push(off);
    await load(`${off.url}/graphql`, headers, body, warm, concurrency);
    const offFirst = await load(`${off.url}/graphql`, headers, body, requests, concurrency);

    // On: the SDK as a process starts it from OTEL_* variables, exporting to the sink.
    Object.assign(process.env, {
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${String(port).trim()}`, OTEL_SERVICE_NAME: 'bench',
      OTEL_METRICS_EXPORTER: 'none', OTEL_LOGS_EXPORTER: 'none',
    });
    tracing = await startTracing();
    if (!tracing) throw new Error("tracing did not start from the OTEL_* variables");
    const on = await startSystem(config, fresh.database, limits, { exportWorker: false });
    systems.push(on);
    await load(`${on.url}/graphql`, headers, body, warm, concurrency);
    const traced = await load(`${on.url}/graphql`, headers, body, requests, concurrency);

    // Off again: the SDK stopped (what it still held exported), the first system (which never had the plugin).
    await tracing.shutdown();
    tracing = undefined;
    const exported = (await (await fetch(`http://127.0.0.1:${String(port).trim()}/count`)).json()) as { bytes: number; posts: number };
    const offAgain = await load(`${off.url}/graphql`, headers, body, requests, concurrency);

    const per = (m: Measured, value: number) => value / m.requests;
    const row = (label: string, pick: (m: Measured) => number, digits: number) =>
      [label, fmt(pick(offFirst), digits), fmt(pick(traced), digits), fmt(pick(offAgain), digits), ratio(pick(traced), (pick(offFirst) + pick(offAgain)) / 2)];
    printTable(
      `dashboard (demo data, ${VARIABLES.lines} lines) on PostgreSQL, ${requests} requests per column after ${warm} warm-up, ${concurrency} clients in another process; ` +
        'on = OpenTelemetry SDK, every request sampled (parentbased_always_on), OTLP/HTTP protobuf batched to a sink process',
      ['per request', 'off', 'on', 'off again', 'on / off'],
      [
        row('server CPU ms / request (gateway + subgraphs + driver)', (m) => per(m, m.serverCpuMs), 3),
        row('client CPU ms / request', (m) => per(m, m.clientCpuMs), 3),
        row('requests/s', (m) => m.requests / m.seconds, 1),
        row('p50 latency (ms)', (m) => m.p50, 2),
      ],
    );
    console.log(`exported to the sink: ${fmt(exported.posts)} OTLP requests, ${fmt(exported.bytes / 1024)} KiB (${fmt(exported.bytes / (traced.requests + warm))} bytes per traced request)`);
  } finally {
    await tracing?.shutdown();
    for (const system of systems) await system.close().catch((error) => console.error('closing a system failed:', error));
    sink.kill();
    await fresh.drop();
  }
}
