import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../platform/config.ts';
import { mintToken, signingKeyFromSecret } from '../platform/auth/tokens.ts';
import { startSystem, type RunningSystem } from '../scripts/system.ts';
import { loadLimitsConfig } from '../gateway/limits/config.ts';
import { seedScale, analyzeScaleTables, SCALE_ORG_ID } from '../seed/scale.ts';
import { userAt } from '../seed/scale-model.ts';
import { DEFAULT_ADMIN_URL, argument, freshPostgres, type Fresh } from './seed-scale.ts';
import { printTable, fmt, ratio } from './table.ts';

/**
 * Reading every event of the scale organization three ways, on PostgreSQL, side by side:
 *  - GraphQL: paging /graphql with first: 100 and $after, as a client would today;
 *  - export: POST /v1/exports with the same document, polling until completed, then streaming
 *    the NDJSON download into a file (end to end: submit to the last byte on disk);
 *  - SELECT: the same rows and columns read straight from the database with a server-side cursor
 *    (and serialised to JSON, as the others do), the ceiling.
 * Each with the peak RSS of this process (which runs the whole system: six subgraphs and the gateway).
 *
 *   NODE_OPTIONS=--expose-gc npm run bench -- export [--scale 1000000] [--database-url postgres://...]
 */

const AUTH_SECRET = 'bench-secret-for-the-exports-0123456789abcdef';
const FIELDS = 'id type actorType actorId subjectType subjectId payload createdAt';
const DOCUMENT = `query BenchEvents($after: String) { events(first: 100, after: $after) { nodes { ${FIELDS} } pageInfo { hasNextPage endCursor } } }`;

interface Measured {
  rows: number;
  seconds: number;
  startRss: number;
  peakRss: number;
  bytes: number;
}

/** Samples RSS while `fn` runs; the peak is the highest sample (and the values at start and end). */
async function measure(fn: () => Promise<{ rows: number; bytes: number }>): Promise<Measured> {
  global.gc?.();
  const startRss = process.memoryUsage().rss;
  let peak = startRss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  try {
    const { rows, bytes } = await fn();
    const seconds = (performance.now() - started) / 1000;
    peak = Math.max(peak, process.memoryUsage().rss);
    return { rows, seconds, startRss, peakRss: peak, bytes };
  } finally {
    clearInterval(sampler);
  }
}

/** Milliseconds each GraphQL page took, in order: page 10,000 should cost what page 1 costs. */
const pageMs: number[] = [];

async function pageGraphQL(url: string, authorization: string): Promise<{ rows: number; bytes: number }> {
  let after: string | null = null;
  let rows = 0;
  let bytes = 0;
  for (;;) {
    const started = performance.now();
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization },
      body: JSON.stringify({ query: DOCUMENT, variables: { after } }),
    });
    const text = await res.text();
    const body = JSON.parse(text) as { data?: { events: { nodes: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }; errors?: unknown[] };
    if (res.status !== 200 || !body.data || body.errors) throw new Error(`GraphQL page failed: HTTP ${res.status} ${text.slice(0, 300)}`);
    const { nodes, pageInfo } = body.data.events;
    pageMs.push(performance.now() - started);
    rows += nodes.length;
    for (const node of nodes) bytes += Buffer.byteLength(JSON.stringify(node)) + 1;
    if (!pageInfo.hasNextPage) return { rows, bytes };
    after = pageInfo.endCursor;
  }
}

async function runExport(url: string, authorization: string, file: string): Promise<{ rows: number; bytes: number }> {
  const headers = { 'content-type': 'application/json', authorization };
  const submitted = await fetch(`${url}/v1/exports`, { method: 'POST', headers, body: JSON.stringify({ query: DOCUMENT }) });
  const job = ((await submitted.json()) as { data?: { id: string } }).data;
  if (submitted.status !== 201 || !job) throw new Error(`export submission failed: HTTP ${submitted.status}`);
  let status = '';
  let current: { status: string; download_url: string; error: string | null } | undefined;
  while (status !== 'completed') {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const res = await fetch(`${url}/v1/exports/${job.id}`, { headers });
    current = ((await res.json()) as { data: typeof current }).data;
    status = current!.status;
    if (status === 'failed' || status === 'cancelled') throw new Error(`export ${job.id} ${status}: ${current!.error}`);
  }
  const download = await fetch(`${url}${current!.download_url}`, { headers });
  if (download.status !== 200 || !download.body) throw new Error(`download failed: HTTP ${download.status}`);
  let lines = 0;
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      callback(null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(download.body as never), count, fs.createWriteStream(file));
  return { rows: lines, bytes };
}

async function selectAll(databaseUrl: string): Promise<{ rows: number; bytes: number }> {
  const client = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  let rows = 0;
  let bytes = 0;
  try {
    const cursor = client`select id, type, actor_type, actor_id, subject_type, subject_id, payload, created_at
      from events.events where organization_id = ${SCALE_ORG_ID} order by seq desc`.cursor(1_000);
    for await (const batch of cursor) {
      for (const row of batch) bytes += Buffer.byteLength(JSON.stringify(row)) + 1;
      rows += batch.length;
    }
  } finally {
    await client.end();
  }
  return { rows, bytes };
}

export async function runExportBench(args: string[]): Promise<void> {
  const raw = argument(args, '--scale');
  const scale = raw === undefined ? 1_000_000 : Number(raw);
  if (!Number.isSafeInteger(scale) || scale < 1) throw new Error(`--scale must be a positive integer, got ${raw}`);
  const databaseUrl = argument(args, '--database-url') ?? process.env.DATABASE_URL ?? DEFAULT_ADMIN_URL;
  let fresh: Fresh | undefined;
  let system: RunningSystem | undefined;
  const file = path.join(os.tmpdir(), `bench-export-${process.pid}.ndjson`);
  try {
    fresh = await freshPostgres(databaseUrl);
    const seeded = await seedScale(fresh.database, { scale });
    await analyzeScaleTables(fresh.database);
    console.log(`seeded --scale ${fmt(scale)}: ${fmt(seeded.rows)} rows in ${fmt(seeded.seconds, 1)} s`);
    // The SELECT reads over a connection of its own to the database freshPostgres made.
    const [{ name }] = await fresh.database.rows<{ name: string }>(sql`select current_database() as name`);
    const benchDbUrl = new URL(databaseUrl);
    benchDbUrl.pathname = `/${name}`;

    const config = { ...loadConfig({ AUTH_SECRET, HEALTH_EVALUATION_SECONDS: 'off' }), port: 0 };
    // One client reads a million rows in thousands of requests: the per-caller budget is out of reach.
    system = await startSystem(config, fresh.database, { ...loadLimitsConfig(), rateLimitPoints: 1_000_000_000 });
    const owner = userAt(0);
    const authorization = `Bearer ${await mintToken(signingKeyFromSecret(config.authSecret), { organizationId: SCALE_ORG_ID, workspaceId: null, role: owner.role, actorId: owner.id, actorType: 'user' }, { expiresIn: '12h' })}`;

    const select = await measure(() => selectAll(benchDbUrl.toString()));
    console.log(`SELECT: ${fmt(select.rows)} rows in ${fmt(select.seconds, 1)} s`);
    const graphql = await measure(() => pageGraphQL(system!.url, authorization));
    console.log(`GraphQL first: 100: ${fmt(graphql.rows)} rows in ${fmt(graphql.seconds, 1)} s`);
    const exported = await measure(() => runExport(system!.url, authorization, file));
    console.log(`export: ${fmt(exported.rows)} lines in ${fmt(exported.seconds, 1)} s`);
    if (graphql.rows !== select.rows || exported.rows !== select.rows) {
      throw new Error(`row counts differ: SELECT ${select.rows}, GraphQL ${graphql.rows}, export ${exported.rows}`);
    }

    const mb = (bytes: number) => fmt(bytes / 1024 / 1024, 0);
    const row = (name: string, m: Measured) => [name, fmt(m.rows), fmt(m.seconds, 1), fmt(m.rows / m.seconds), ratio(m.rows / m.seconds, select.rows / select.seconds), mb(m.bytes), mb(m.startRss), mb(m.peakRss), `+${mb(m.peakRss - m.startRss)}`];
    printTable(
      [
        `every event of ${SCALE_ORG_ID} (--scale ${fmt(scale)}), fields ${FIELDS}, newest first, PostgreSQL; one client, one request at a time`,
        'GraphQL = POST /graphql with first: 100 and $after, page after page; export = POST /v1/exports with the same document, polled every 250 ms,',
        'then GET .../download streamed to a file (submit to last byte on disk); SELECT = the same rows and columns through a server-side cursor',
        '(1,000 rows a fetch), each row JSON-serialised. RSS is of this one process, which also runs the six subgraphs and the gateway',
        '(sampled every 50 ms; run with NODE_OPTIONS=--expose-gc to collect garbage before each read).',
      ].join('\n'),
      ['read', 'rows', 'seconds', 'rows/s', 'vs SELECT', 'MB of JSON', 'RSS at start MB', 'peak RSS MB', 'growth MB'],
      [row('SELECT (ceiling)', select), row('GraphQL first: 100', graphql), row('export job (NDJSON download)', exported)],
    );
    // Keyset paging: the deepest pages cost what the first ones do (an index seek on the cursor's row).
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const first = pageMs.slice(0, 100);
    const last = pageMs.slice(-100);
    printTable(
      `GraphQL page latency by depth (first: 100; ${fmt(pageMs.length)} pages), the first 100 pages as baseline`,
      ['pages', 'mean ms', 'median ms', 'vs first pages'],
      [
        [`1-${first.length}`, fmt(mean(first), 1), fmt(median(first), 1), '1.00x'],
        [`${fmt(pageMs.length - last.length + 1)}-${fmt(pageMs.length)}`, fmt(mean(last), 1), fmt(median(last), 1), ratio(mean(last), mean(first))],
      ],
    );
  } finally {
    fs.rmSync(file, { force: true });
    await system?.close().catch((error) => console.error('closing the system failed:', error));
    await fresh?.drop().catch((error) => console.error('dropping the benchmark database failed:', error));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runExportBench(process.argv.slice(2)).catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
