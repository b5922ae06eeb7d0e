import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../platform/config.ts';
import { mintToken, signingKeyFromSecret } from '../platform/auth/tokens.ts';
import { startSystem, type RunningSystem } from '../scripts/system.ts';
import { loadLimitsConfig } from '../gateway/limits/config.ts';
import { seedScale, analyzeScaleTables, SCALE_ORG_ID } from '../seed/scale.ts';
import { scaleId } from '../seed/scale-model.ts';
import { serviceLineWrites } from '../subgraphs/service-lines/public.ts';
import { DEFAULT_ADMIN_URL, argument, freshPostgres, positive, type Fresh } from './seed-scale.ts';
import { printTable, fmt, ratio } from './table.ts';
import { SequentialClient, type ClientRequest } from './sequential-client.ts';

/**
 * Service Line health on scale-generated data (PostgreSQL): a workspace of 100 active lines assessed
 * in one request (GET /v1/observability/health?workspace_id=...&limit=100), beside its baselines run
 * in the same process on the same data: one line in one request, and the same 100 lines one request
 * each. Then the four workspaces' roll-up in one GraphQL query, and one periodic evaluation of the
 * whole organization. Requests run one at a time from a client process of its own; each row is the
 * mean of `--repeat` passes, with the CPU the system's process and the client's used per pass.
 *
 *   npm run bench -- health [--scale 200000] [--repeat 10] [--database-url postgres://...]
 */

const AUTH_SECRET = 'bench-secret-for-service-line-health-0123456789';
const WORKSPACE = scaleId('WS', 0);
/** The scale data's reference date: a window ending there reads the same data on every run. */
const TO = '2026-04-15T00:00:00Z';

interface Timed {
  /** Wall time of one pass. */
  ms: number;
  /** SQL statements of one pass. */
  statements: number;
  /** CPU time of this process (the system) during one pass. */
  serverCpuMs: number;
  /** CPU time of the client process during one pass. */
  clientCpuMs: number;
}

export async function runHealthBench(args: string[]): Promise<void> {
  const scale = positive(args, '--scale', 200_000);
  const repeat = positive(args, '--repeat', 10);
  let fresh: Fresh | undefined;
  let system: RunningSystem | undefined;
  let client: SequentialClient | undefined;
  try {
    fresh = await freshPostgres(argument(args, '--database-url') ?? process.env.DATABASE_URL ?? DEFAULT_ADMIN_URL);
    const database = fresh.database;
    const seeded = await seedScale(database, { scale });
    await analyzeScaleTables(database);
    console.log(`seeded --scale ${fmt(scale)}: ${fmt(seeded.rows)} rows in ${fmt(seeded.seconds, 1)} s`);
    const config = { ...loadConfig({ AUTH_SECRET, HEALTH_EVALUATION_SECONDS: 'off' }), port: 0 };
    system = await startSystem(config, database, { ...loadLimitsConfig(), rateLimitPoints: 1_000_000_000 });
    const token = await mintToken(signingKeyFromSecret(config.authSecret), { organizationId: SCALE_ORG_ID, workspaceId: null, role: 'admin', actorId: scaleId('USR', 0), actorType: 'user' }, { expiresIn: '1h' });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const url = system.url;

    const get = async (path: string): Promise<any> => {
      const res = await fetch(`${url}${path}`, { headers });
      const body = (await res.json()) as any;
      if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      return body;
    };
    // The client runs in a process of its own: this process's CPU is the system's (gateway and
    // subgraphs), the child's is the client's. PostgreSQL's own CPU is neither.
    client = new SequentialClient();
    const measure = async (requests: ClientRequest[]): Promise<Timed> => {
      let before!: { statements: number; cpu: NodeJS.CpuUsage };
      let after!: { statements: number; cpu: NodeJS.CpuUsage };
      const result = await client!.run({ url, headers, requests, repeat }, {
        onStart: () => (before = { statements: database.statements.count, cpu: process.cpuUsage() }),
        onEnd: () => (after = { statements: database.statements.count, cpu: process.cpuUsage(before.cpu) }),
      });
      return {
        ms: result.ms,
        statements: (after.statements - before.statements) / repeat,
        serverCpuMs: (after.cpu.user + after.cpu.system) / 1000 / repeat,
        clientCpuMs: result.clientCpuMs,
      };
    };
    const inProcess = async (fn: () => Promise<unknown>): Promise<Timed> => {
      const before = { statements: database.statements.count, cpu: process.cpuUsage() };
      const started = performance.now();
      await fn();
      const cpu = process.cpuUsage(before.cpu);
      return { ms: performance.now() - started, statements: database.statements.count - before.statements, serverCpuMs: (cpu.user + cpu.system) / 1000, clientCpuMs: 0 };
    };
    const healthOf = (query: string): ClientRequest => ({ method: 'GET', path: `/v1/observability/health?${query}&to=${TO}` });

    // A benchmark reads no subgraph's tables through their modules (only the seed and tests aggregate them).
    const lines = (await database.rows<{ id: string }>(sql`select id from service_lines.service_lines
      where workspace_id = ${WORKSPACE} and status = 'active' order by id`)).map((r) => r.id);
    const listed = await get(`/v1/observability/health?workspace_id=${WORKSPACE}&limit=100&to=${TO}`);
    if (listed.data.length !== lines.length || lines.length !== 100) throw new Error(`expected 100 active lines in ${WORKSPACE}, got ${lines.length} (${listed.data.length} assessed)`);
    const statuses = ['healthy', 'at_risk', 'critical'].map((s) => `${listed.data.filter((h: any) => h.status === s).length} ${s}`).join(', ');

    const one = await measure([healthOf(`service_line_id=${lines[0]}`)]);
    const workspace = await measure([healthOf(`workspace_id=${WORKSPACE}&limit=100`)]);
    const each = await measure(lines.map((id) => healthOf(`service_line_id=${id}`)));
    const rollup = await measure([{
      method: 'POST',
      path: '/graphql',
      body: JSON.stringify({ query: `{ workspaces(first: 10) { nodes { id health(to: "${TO}") { score status lines healthy atRisk critical attention(limit: 5) { serviceLineId score } } } } }` }),
    }]);
    const evaluations: Timed[] = [];
    let evaluated = 0;
    let announced = 0;
    for (let i = 0; i < Math.min(repeat, 3); i++) {
      evaluations.push(await inProcess(async () => {
        const result = await serviceLineWrites.evaluateHealth(database, new Date(TO));
        evaluated = result.evaluated;
        announced += result.events.length;
      }));
    }

    const row = (label: string, requests: number, assessed: number, x: Timed) => [
      label, fmt(requests), fmt(x.ms, 1), fmt(x.statements, 1), fmt(x.serverCpuMs, 1), fmt(x.serverCpuMs / requests, 2), fmt(x.serverCpuMs / assessed, 2),
      fmt(x.clientCpuMs, 1), ratio(x.ms, one.ms), ratio(x.serverCpuMs / assessed, one.serverCpuMs),
    ];
    printTable(
      [
        `Service Line health on --scale ${fmt(scale)} data, PostgreSQL, one request at a time, mean of ${repeat} passes: ${WORKSPACE}'s 100 active lines (${statuses} at ${TO})`,
        'baseline: one line in one request. CPU: the system process (gateway and subgraphs); the client runs in a process of its own; PostgreSQL not counted',
      ].join('\n'),
      ['pass', 'requests', 'ms', 'SQL statements', 'server CPU ms', 'CPU ms/request', 'CPU ms/line', 'client CPU ms', 'time vs one line', 'CPU/line vs one line'],
      [
        row('one line: GET /v1/observability/health?service_line_id=...', 1, 1, one),
        row('100 lines in one request: ?workspace_id=...&limit=100', 1, 100, workspace),
        row('the same 100 lines, one request each', 100, 100, each),
        row('roll-up of 4 workspaces (400 lines) in one GraphQL query', 1, 400, rollup),
      ],
    );
    const firstRun = evaluations[0];
    const later = evaluations.slice(1);
    printTable(
      `periodic evaluation of the organization's ${evaluated} active lines, in this process (one transaction under the advisory lock; ${announced} service_line.health_changed events, all at the first run)`,
      ['run', 'ms', 'SQL statements', 'CPU ms', 'CPU ms per line'],
      [firstRun, ...later].map((e, i) => [i === 0 ? 'first (records every line)' : `again (no change)`, fmt(e.ms, 1), fmt(e.statements), fmt(e.serverCpuMs, 1), fmt(e.serverCpuMs / Math.max(evaluated, 1), 2)]),
    );
  } finally {
    await client?.close().catch((error) => console.error('closing the client failed:', error));
    await system?.close().catch((error) => console.error('closing the system failed:', error));
    await fresh?.drop().catch((error) => console.error('dropping the benchmark database failed:', error));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runHealthBench(process.argv.slice(2)).catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
