import type { ChildProcess } from 'node:child_process';
import { forkBenchProcess } from './child-process.ts';
import fs from 'node:fs';
import http from 'node:http';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';

/**
 * The export benchmark's client, in a child process of its own so that the CPU the system uses (the
 * parent's) and the CPU the client uses (this one's, process.cpuUsage) are told apart, as they are
 * on two machines. Each read is one message; the answer carries rows, bytes, wall time, client CPU.
 */

export type ClientRead =
  | { kind: 'select'; databaseUrl: string; organizationId: string }
  | { kind: 'graphql'; url: string; authorization: string; document: string }
  | { kind: 'export'; url: string; authorization: string; body: Record<string, unknown>; file: string }
  | { kind: 'ndjson'; url: string; authorization: string; path: string };

export interface ClientResult {
  rows: number;
  bytes: number;
  seconds: number;
  /** CPU of the client process over the read, in µs. */
  clientCpuUs: number;
  /** Per GraphQL page, its wall time in ms (graphql reads only). */
  pageMs?: number[];
  /** Export reads: ms from the start to the job's 201, then until a GET answered it completed, then the download. */
  phases?: { submitMs: number; waitMs: number; polls: number; downloadMs: number };
}

type FromChild = { kind: 'done'; result: ClientResult } | { kind: 'failed'; message: string };

const CHILD_FLAG = '--export-client';

export class ExportClient {
  private readonly child: ChildProcess;

  constructor() {
    this.child = forkBenchProcess(import.meta.url, CHILD_FLAG);
  }

  read(read: ClientRead): Promise<ClientResult> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => finish(new Error(`the client process exited (code ${code})`));
      const onMessage = (message: FromChild) => finish(message.kind === 'done' ? null : new Error(`client: ${message.message}`), message.kind === 'done' ? message.result : undefined);
      const finish = (error: Error | null, result?: ClientResult) => {
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
        if (error) reject(error);
        else resolve(result!);
      };
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
      this.child.send(read);
    });
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    await exited;
  }
}

// ---------------------------------------------------------------------------------------------
// The child

async function selectAll(read: Extract<ClientRead, { kind: 'select' }>) {
  const client = postgres(read.databaseUrl, { max: 1, onnotice: () => {} });
  let rows = 0;
  let bytes = 0;
  try {
    const cursor = client`select id, type, actor_type, actor_id, subject_type, subject_id, payload, created_at
      from events.events where organization_id = ${read.organizationId} order by seq desc`.cursor(1_000);
    for await (const batch of cursor) {
      for (const row of batch) bytes += Buffer.byteLength(JSON.stringify(row)) + 1;
      rows += batch.length;
    }
  } finally {
    await client.end();
  }
  return { rows, bytes };
}

/**
 * One POST over a kept-alive connection with node:http, its body as text. The pages went through
 * fetch (undici) before: its per-request machinery (a Request, a Headers, a web stream for each body)
 * cost this client about 0.6 ms of CPU per 100-row page, twice what node:http costs for the same bytes
 * (page.tmp measurements in the h-page report), and the pages are sequential, so that was wall time
 * on every page. An analyst's client (requests.Session, httpx, an HTTP/1.1 keep-alive agent) does
 * not pay it; the SELECT's client is postgres.js, the native path of its protocol, in the same way.
 */
function postJson(url: URL, agent: http.Agent, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function pageGraphQL(read: Extract<ClientRead, { kind: 'graphql' }>) {
  let after: string | null = null;
  let rows = 0;
  let bytes = 0;
  const pageMs: number[] = [];
  const url = new URL(`${read.url}/graphql`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const headers = { 'content-type': 'application/json', accept: 'application/json', authorization: read.authorization };
  try {
    for (;;) {
      const started = performance.now();
      const res = await postJson(url, agent, headers, JSON.stringify({ query: read.document, variables: { after } }));
      const text = res.text;
      const body = JSON.parse(text) as { data?: { events: { nodes: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }; errors?: unknown[] };
      if (res.status !== 200 || !body.data || body.errors) throw new Error(`GraphQL page failed: HTTP ${res.status} ${text.slice(0, 300)}`);
      const { nodes, pageInfo } = body.data.events;
      pageMs.push(performance.now() - started);
      rows += nodes.length;
      // The bytes received: serialising each node again only to count it cost the client 2-3 µs a row
      // (parsing a real 100-node page and counting: 3.9-4.6 µs/row that way, 1.7 this way), work no
      // client of the API does.
      bytes += Buffer.byteLength(text);
      if (!pageInfo.hasNextPage) return { rows, bytes, pageMs };
      after = pageInfo.endCursor;
    }
  } finally {
    agent.destroy();
  }
}

/** Counts the lines and bytes of a streamed body while writing it to `file`. */
async function drain(body: ReadableStream<Uint8Array>, file: string) {
  let rows = 0;
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
      callback(null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(body as never), count, fs.createWriteStream(file));
  fs.rmSync(file, { force: true });
  return { rows, bytes };
}

async function runExport(read: Extract<ClientRead, { kind: 'export' }>) {
  const started = performance.now();
  const headers = { 'content-type': 'application/json', authorization: read.authorization };
  const submitted = await fetch(`${read.url}/v1/exports`, { method: 'POST', headers, body: JSON.stringify(read.body) });
  const job = ((await submitted.json()) as { data?: { id: string } }).data;
  if (submitted.status !== 201 || !job) throw new Error(`export submission failed: HTTP ${submitted.status}`);
  const accepted = performance.now();
  let current: { status: string; download_url: string; error: string | null } | undefined;
  let polls = 0;
  while (current?.status !== 'completed') {
    // One request answered once the job is finished (Prefer: wait, gateway/exports/wait.ts), again after 60 s if not;
    // a server that does not honour the preference (no Preference-Applied) is polled every 250 ms, as before.
    const res = await fetch(`${read.url}/v1/exports/${job.id}`, { headers: { ...headers, prefer: 'wait=60' } });
    polls++;
    current = ((await res.json()) as { data: typeof current }).data;
    if (current?.status !== 'completed' && !res.headers.has('preference-applied')) await new Promise((resolve) => setTimeout(resolve, 250));
    if (current!.status === 'failed' || current!.status === 'cancelled') throw new Error(`export ${job.id} ${current!.status}: ${current!.error}`);
  }
  const completed = performance.now();
  const download = await fetch(`${read.url}${current.download_url}`, { headers });
  if (download.status !== 200 || !download.body) throw new Error(`download failed: HTTP ${download.status}`);
  const drained = await drain(download.body, read.file);
  const phases = { submitMs: accepted - started, waitMs: completed - accepted, polls, downloadMs: performance.now() - completed };
  return { ...drained, phases };
}

async function streamNdjson(read: Extract<ClientRead, { kind: 'ndjson' }>) {
  const res = await fetch(`${read.url}${read.path}`, { headers: { authorization: read.authorization, accept: 'application/x-ndjson' } });
  if (res.status !== 200 || !res.body) throw new Error(`NDJSON list failed: HTTP ${res.status} ${await res.text()}`);
  return drain(res.body, `${process.env.TMPDIR ?? '/tmp'}/bench-ndjson-${process.pid}.ndjson`);
}

async function serve(read: ClientRead): Promise<ClientResult> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const done = read.kind === 'select' ? await selectAll(read)
    : read.kind === 'graphql' ? await pageGraphQL(read)
      : read.kind === 'export' ? await runExport(read)
        : await streamNdjson(read);
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { ...done, seconds, clientCpuUs: used.user + used.system };
}

if (process.argv.includes(CHILD_FLAG)) {
  process.on('message', (read: ClientRead) => {
    serve(read).then(
      (result) => process.send!({ kind: 'done', result } satisfies FromChild),
      (error: Error) => process.send!({ kind: 'failed', message: error.stack ?? String(error) } satisfies FromChild),
    );
  });
  process.on('disconnect', () => process.exit(0));
}
