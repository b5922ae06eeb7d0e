import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../platform/config.ts';
import { mintToken, signingKeyFromSecret } from '../platform/auth/tokens.ts';
import { openDatabase, type Database } from '../platform/db.ts';
import { startSystem, type RunningSystem } from '../scripts/system.ts';
import { loadLimitsConfig } from '../gateway/limits/config.ts';
import { EXPORT_BATCH_ROWS } from '../gateway/exports/direct.ts';
import { seedScale, analyzeScaleTables, SCALE_ORG_ID } from '../seed/scale.ts';
import { userAt } from '../seed/scale-model.ts';
import { DEFAULT_ADMIN_URL, argument, freshPostgres, positive, type Fresh } from './seed-scale.ts';
import { ExportClient, type ClientRead, type ClientResult } from './export-client.ts';
import { printTable, fmt, ratio } from './table.ts';
import { startProfile } from './fanout/profile.ts';

/**
 * Reading every event of the scale organization seven ways, on PostgreSQL, side by side (the SELECT
 * again after each of the others, each compared with the SELECTs around it):
 *  - SELECT: the same rows and columns read straight from the database with a server-side cursor
 *    (and serialised to JSON, as the others do), the ceiling;
 *  - GraphQL: paging /graphql with first: 100 and $after, as a client would (the gateway answers
 *    such a page directly, gateway/direct-pages.ts);
 *  - GraphQL through the graph: the same with a directive on a node's field, which keeps it off the
 *    direct read: planned, executed in the events subgraph and projected, as every page ran before;
 *  - export (query): POST /v1/exports with the same document, then GET /v1/exports/{id} with
 *    `Prefer: wait=60` (answered as soon as the job completed, gateway/exports/wait.ts; the client
 *    used to poll every 250 ms, as it still does a server that ignores the preference), then
 *    streaming the NDJSON download into a file
 *    (end to end: submit to the last byte on disk);
 *  - export (query, first: 99): the same through the graph's pages, as every export ran before
 *    gateway/exports/direct.ts (a page below the largest keeps that path);
 *  - export (route): the same with {"route": "/v1/events"}, rows in the REST shape;
 *  - NDJSON list: GET /v1/events with Accept: application/x-ndjson, every item in one response.
 * The client runs in a process of its own (bench/export-client.ts): each row gives the system's
 * CPU (this process, which runs the subgraphs and the gateway) and the client's, per row, and the
 * growth of this process's RSS.
 *
 *   NODE_OPTIONS=--expose-gc npm run bench -- export [--scale 1000000] [--database-url postgres://...]
 *   DATABASE_URL=postgres://.../db npm run bench -- export --seeded [--reads graphql,graphql-graph,export,export-graph,route,ndjson]
 *     (--seeded: a database `npm run seed -- --scale N` filled; --reads: the SELECT and only these)
 *   ... --repeat N: each read (but the SELECT) N times in a row, the first cold and the rest warm
 *   ... --profile DIR: a CPU profile of this process (the system) over each read but the SELECTs, DIR/export-<read>.cpuprofile
 *     (npx tsx bench/profile-summary.ts FILE)
 *   NODE_ENV=production LOG_LEVEL=warn ... : the system as deployed (docker-compose.yml sets NODE_ENV),
 *     libraries on their production paths (the title says which mode ran; LOG_LEVEL=warn keeps
 *     production's access lines out of the output).
 */

const AUTH_SECRET = 'bench-secret-for-the-exports-0123456789abcdef';
const FIELDS = 'id type actorType actorId subjectType subjectId payload createdAt';
const DOCUMENT = `query BenchEvents($after: String) { events(first: 100, after: $after) { nodes { ${FIELDS} } pageInfo { hasNextPage endCursor } } }`;

interface Measured extends ClientResult {
  /** CPU of this process (the system) over the read, in µs. */
  serverCpuUs: number;
  startRss: number;
  peakRss: number;
}

/** Runs one read in the client process, sampling this process's RSS and measuring its CPU meanwhile. */
async function measure(client: ExportClient, read: ClientRead): Promise<Measured> {
  global.gc?.();
  const startRss = process.memoryUsage().rss;
  let peak = startRss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const cpu = process.cpuUsage();
  try {
    const result = await client.read(read);
    const used = process.cpuUsage(cpu);
    peak = Math.max(peak, process.memoryUsage().rss);
    return { ...result, serverCpuUs: used.user + used.system, startRss, peakRss: peak };
  } finally {
    clearInterval(sampler);
  }
}

export async function runExportBench(args: string[]): Promise<void> {
  const scale = positive(args, '--scale', 1_000_000);
  const repeat = positive(args, '--repeat', 1);
  const databaseUrl = argument(args, '--database-url') ?? process.env.DATABASE_URL ?? DEFAULT_ADMIN_URL;
  const seeded = args.includes('--seeded');
  let fresh: Fresh | undefined;
  let database: Database;
  let system: RunningSystem | undefined;
  const client = new ExportClient();
  const file = path.join(os.tmpdir(), `bench-export-${process.pid}.ndjson`);
  try {
    let benchDbUrl: string;
    if (seeded) {
      // A database filled by `npm run seed -- --scale N`: read as it is (its scale is what it holds).
      database = await openDatabase({ databaseUrl });
      benchDbUrl = databaseUrl;
      // `npm run seed` leaves the planner's statistics to autovacuum; stale ones make keyset pages sort the whole log.
      await analyzeScaleTables(database);
    } else {
      fresh = await freshPostgres(databaseUrl);
      database = fresh.database;
      const loaded = await seedScale(database, { scale });
      await analyzeScaleTables(database);
      console.log(`seeded --scale ${fmt(scale)}: ${fmt(loaded.rows)} rows in ${fmt(loaded.seconds, 1)} s`);
      // The SELECT reads over a connection of its own to the database freshPostgres made.
      const [{ name }] = await database.rows<{ name: string }>(sql`select current_database() as name`);
      const url = new URL(databaseUrl);
      url.pathname = `/${name}`;
      benchDbUrl = url.toString();
    }
    const [{ n: events }] = await database.rows<{ n: number }>(sql`select count(*)::int as n from events.events where organization_id = ${SCALE_ORG_ID}`);
    if (events === 0) throw new Error(`no events of ${SCALE_ORG_ID} in ${databaseUrl}: seed it first (npm run seed -- --scale N), or drop --seeded`);

    const config = { ...loadConfig({ AUTH_SECRET, HEALTH_EVALUATION_SECONDS: 'off' }), port: 0 };
    // One client reads a million rows in thousands of requests: the per-caller budget is out of reach.
    system = await startSystem(config, database, { ...loadLimitsConfig(), rateLimitPoints: 1_000_000_000 });
    const owner = userAt(0);
    const authorization = `Bearer ${await mintToken(signingKeyFromSecret(config.authSecret), { organizationId: SCALE_ORG_ID, workspaceId: null, role: owner.role, actorId: owner.id, actorType: 'user' }, { expiresIn: '12h' })}`;
    const url = system.url;

    const all: [string, ClientRead][] = [
      ['SELECT (ceiling)', { kind: 'select', databaseUrl: benchDbUrl, organizationId: SCALE_ORG_ID }],
      ['GraphQL first: 100', { kind: 'graphql', url, authorization, document: DOCUMENT }],
      // The same pages as the graph executes them, as every page ran before gateway/direct-pages.ts
      // (a directive on a node's field keeps a document off the direct read).
      ['GraphQL first: 100, through the graph', { kind: 'graphql', url, authorization, document: DOCUMENT.replace(' id ', ' id @include(if: true) ') }],
      ['export job, query', { kind: 'export', url, authorization, body: { query: DOCUMENT }, file }],
      // The job as it ran before it read batches directly: 99-row pages through the graph (a page below the largest keeps that path).
      ['export job, query, first: 99 (graph pages)', { kind: 'export', url, authorization, body: { query: DOCUMENT.replace('first: 100', 'first: 99') }, file }],
      ['export job, route /v1/events', { kind: 'export', url, authorization, body: { route: '/v1/events', params: { organization_id: SCALE_ORG_ID } }, file }],
      ['NDJSON GET /v1/events', { kind: 'ndjson', url, authorization, path: `/v1/events?organization_id=${SCALE_ORG_ID}` }],
    ];
    // --reads graphql,graphql-graph,export,export-graph,route,ndjson: the SELECT (the baseline) and only these.
    const only = argument(args, '--reads')?.split(',');
    const keys = ['select', 'graphql', 'graphql-graph', 'export', 'export-graph', 'route', 'ndjson'];
    const reads = all.filter((_, i) => i === 0 || !only || only.includes(keys[i]));
    const profileDir = argument(args, '--profile');
    if (profileDir) fs.mkdirSync(profileDir, { recursive: true });
    const run = async ([name, read]: [string, ClientRead]) => {
      const stopProfile = profileDir && read.kind !== 'select' ? await startProfile() : undefined;
      const m = await measure(client, read);
      await stopProfile?.(path.join(profileDir!, `export-${name.replace(/[^\w]+/g, '-').replace(/-+$/, '')}.cpuprofile`));
      console.log(`${name}: ${fmt(m.rows)} rows in ${fmt(m.seconds, 1)} s`);
      if (m.rows !== events) throw new Error(`${name} read ${m.rows} rows, the organization has ${events}`);
      return m;
    };
    // The SELECT again after every read: the machine is shared, so each read is compared with the
    // mean rate of the SELECTs just before and just after it rather than with one taken minutes earlier.
    const rate = (m: Measured) => m.rows / m.seconds;
    // An untimed GraphQL page first: the gateway's first request pays for its warm-up (about 250 ms
    // here), which would otherwise land on whichever read comes first.
    const warm = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query: DOCUMENT, variables: { after: null } }) });
    if (warm.status !== 200) throw new Error(`the warm-up request failed: HTTP ${warm.status}`);
    await warm.text();
    // An untimed SELECT first: the first read of the log pays for cold caches (the database's and the client's code).
    await run(['SELECT (untimed warm-up)', reads[0][1]]);
    const selects = [await run(reads[0])];
    const measured: [string, Measured, number][] = [[reads[0][0], selects[0], rate(selects[0])]];
    // --repeat N: each read N times in a row (each with its SELECT after it). A read's first run
    // compiles its path (the warm-up SELECT and GraphQL page warm only theirs): the runs after it
    // show the same read warm, as a process serving them all day runs it.
    for (const [name, read] of reads.slice(1)) {
      for (let i = 1; i <= repeat; i++) {
        const label = repeat === 1 ? name : `${name} (run ${i} of ${repeat})`;
        const m = await run([label, read]);
        selects.push(await run(reads[0]));
        measured.push([label, m, (rate(selects.at(-2)!) + rate(selects.at(-1)!)) / 2]);
      }
    }

    const mb = (bytes: number) => fmt(bytes / 1024 / 1024, 0);
    const us = (cpu: number, rows: number) => fmt(cpu / rows, 1);
    printTable(
      [
        `every event of ${SCALE_ORG_ID} (${fmt(events)} events${seeded ? ', --seeded' : `, --scale ${fmt(scale)}`}), fields ${FIELDS}, newest first, PostgreSQL, NODE_ENV=${process.env.NODE_ENV ?? '(unset)'}; one client, one request at a time`,
        'SELECT = the same rows and columns through a server-side cursor (1,000 rows a fetch), each row JSON-serialised, in the client process;',
        'GraphQL = POST /graphql with first: 100 and $after, page after page (MB: the responses); export = POST /v1/exports (the same document, or the REST route),',
        `then GET /v1/exports/{id} with Prefer: wait=60 (answered once the job completed; a server without it is polled every 250 ms), then GET .../download streamed to a file (submit to last byte on disk; the job reads batches of ${fmt(EXPORT_BATCH_ROWS)}`,
        'rows where it can, gateway/exports/direct.ts); NDJSON = GET /v1/events with Accept: application/x-ndjson. The client is a process of its',
        'own; server CPU is this process (six subgraphs and the gateway), client CPU the client process, both per row; RSS growth is this',
        "process's (sampled every 50 ms; NODE_OPTIONS=--expose-gc collects garbage before each read). One untimed GraphQL page warms the gateway up first. The SELECT runs again after each read;",
        `"vs SELECT" divides a read's rows/s by the mean of the SELECTs just before and after it (SELECT rows/s of all ${selects.length} runs: ${selects.map((m) => fmt(rate(m))).join(', ')}).`,
      ].join('\n'),
      ['read', 'rows', 'seconds', 'rows/s', 'SELECT rows/s around it', 'vs SELECT', 'server CPU µs/row', 'client CPU µs/row', 'MB of JSON', 'server RSS growth MB'],
      measured.map(([name, m, around]) => [
        name, fmt(m.rows), fmt(m.seconds, 1), fmt(rate(m)), fmt(around), ratio(rate(m), around),
        us(m.serverCpuUs, m.rows), us(m.clientCpuUs, m.rows), mb(m.bytes), `+${mb(m.peakRss - m.startRss)}`,
      ]),
    );
    // Where an export's time goes, as its client sees it: the wait is the job's run.
    const exports = measured.filter(([, m]) => m.phases);
    if (exports.length > 0) {
      printTable(
        'export jobs by phase, as the client saw them: submit = POST to its 201 (the first page is read to check the request); wait = GET with Prefer: wait=60 until it answered the job completed (the job\'s run; polled every 250 ms where the server ignores the preference); download = GET .../download to the last byte on disk',
        ['read', 'submit ms', 'wait ms', 'GETs', 'download ms', 'total ms'],
        exports.map(([name, m]) => [name, fmt(m.phases!.submitMs), fmt(m.phases!.waitMs), fmt(m.phases!.polls), fmt(m.phases!.downloadMs), fmt(m.seconds * 1000)]),
      );
    }
    // Keyset paging: the deepest pages cost what the first ones do (an index seek on the cursor's row).
    // The last direct GraphQL run (the warmest, with --repeat), else the last through the graph.
    const pageMs = (measured.findLast(([name]) => name.startsWith('GraphQL') && !name.includes('through the graph')) ?? measured.findLast(([name]) => name.startsWith('GraphQL')))?.[1].pageMs ?? [];
    if (pageMs.length === 0) return;
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
    await client.close();
    // A seeded database is kept between runs: the benchmark's export jobs and their output go.
    if (!fresh) {
      await database!?.rows(sql`delete from gateway.export_chunks c using gateway.export_jobs j where c.job_id = j.id and j.organization_id = ${SCALE_ORG_ID}`).catch(() => {});
      await database!?.rows(sql`delete from gateway.export_jobs where organization_id = ${SCALE_ORG_ID}`).catch(() => {});
    }
    await system?.close().catch((error) => console.error('closing the system failed:', error));
    if (fresh) await fresh.drop().catch((error) => console.error('dropping the benchmark database failed:', error));
    else await database!?.close().catch(() => {});
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runExportBench(process.argv.slice(2)).catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
