import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import type { Database } from '../../platform/db.ts';
import { isPlatformError } from '../../platform/errors.ts';
import type { GraphContext } from '../graph.ts';
import { columnsOf, csvLine, csvRecord, parseFirstRecord } from './csv.ts';
import { storedSource, type ExportSource, type Page } from './source.ts';
import { ndjsonOf } from './ndjson.ts';
import { claimJob, failJob, principalOf, purgeExpired, readChunks, releaseJob, touchJob, writePage, type ExportJob } from './store.ts';
import { DEFAULT_RETRY_POLICY, withRetries, type RetryPolicy } from './retry.ts';
import { readAhead } from './ahead.ts';
import { apiKeyStanding } from '../api-keys.ts';
import { log } from '../../platform/log.ts';
import { exportRows } from '../../platform/metrics/instruments.ts';

const logger = log.child({ component: 'exports' });

export interface ExportWorkerOptions {
  runtime: GatewayRuntime<GraphContext>;
  database: Database;
  /** How long to sleep when there is nothing to do (a submission wakes the worker at once). */
  pollMs?: number;
  /** A running job whose heartbeat is older than this has lost its worker and is claimed again. */
  staleMs?: number;
  /** How often expired exports are purged. */
  purgeEveryMs?: number;
  /** How a page rides out a subgraph or the database briefly away (EXPORT_RETRY_SECONDS); retry.ts. */
  retry?: RetryPolicy;
  /** Observes each failure that will be retried, besides the warning logged (tests act on it). */
  onRetry?(job: ExportJob, error: unknown, attempt: number): void | Promise<void>;
}

/** Where a claimed job stands while a worker runs it. */
export interface RunningJob {
  job: ExportJob;
  source: ExportSource;
  seq: number;
  after: string | null;
  objects: number;
  /** CSV only: the header's columns once known (set by the first page that holds a row). */
  columns: string[] | null;
  done: boolean;
  /**
   * The next page, read (and encoded) while this one is written, two pages' output in memory at
   * most: the write of one page overlaps the read of the next (readAhead: a failure
   * is thrown only when used).
   */
  next: { after: string; page: () => Promise<EncodedPage> } | null;
}

/**
 * A page as it is written: its lines (NDJSON or CSV records, with the CSV header before the first
 * row) and where the list goes on. A page is encoded as soon as it is read, so its row objects die
 * young; what waits for the write is one string or buffer per page.
 */
export interface EncodedPage {
  /** The lines: NDJSON from rows the database encoded as their UTF-8 bytes, written as they are; otherwise text. */
  data: string | Buffer;
  /** UTF-8 bytes of `data`. */
  bytes: number;
  objects: number;
  endCursor: string | null;
  hasNextPage: boolean;
  /** CSV: the header's columns, once a row was seen. */
  columns: string[] | null;
}

export const DEFAULT_STALE_MS = 60_000;

/** Submissions wake the worker of their database at once instead of at its next poll. */
const wakers = new WeakMap<Database, Set<() => void>>();
export function wakeExportWorkers(database: Database) {
  for (const wake of wakers.get(database) ?? []) wake();
}

/**
 * The gateway's export worker: one loop per process that claims a queued (or abandoned) job, runs
 * it page after page as the principal that submitted it, and writes each page's lines with the
 * job's progress in one transaction, so a worker that dies mid-job loses at most the page it was
 * reading and the next one carries on from `resume_after` without writing a line twice. What a job
 * holds is bounded by its pages, not by the export: the output of two pages at most (the one being
 * written and the next, read and encoded meanwhile) and the rows of the page being read.
 * `claim` and `step` are public so tests can run a job page by page.
 */
export function createExportWorker(options: ExportWorkerOptions) {
  const { runtime, database } = options;
  const pollMs = options.pollMs ?? 1_000;
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const purgeEveryMs = options.purgeEveryMs ?? 3_600_000;
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  /** Aborted by stop(): a wait between retries ends at once, and the job goes back to the queue. */
  const stopping = new AbortController();
  let stopped = false;
  let loop: Promise<void> | null = null;
  let sleeping: { timer: NodeJS.Timeout; resolve: () => void } | null = null;
  let current: RunningJob | null = null;

  const wake = () => {
    if (!sleeping) return;
    clearTimeout(sleeping.timer);
    sleeping.resolve();
    sleeping = null;
  };

  async function begin(job: ExportJob): Promise<RunningJob> {
    const running: RunningJob = {
      job,
      // Read in batches where the rows are when the source allows it (direct.ts), else page by page through the graph.
      source: storedSource(job.source, job.query, job.variables, { schema: await runtime.getSchema(), database, lines: job.format === 'ndjson' }),
      seq: job.chunksWritten,
      after: job.resumeAfter,
      objects: job.objectsWritten,
      columns: null,
      done: false,
      next: null,
    };
    if (job.format === 'csv' && job.chunksWritten > 0) {
      const [first] = await readChunks(database, job.id, 0, 1);
      running.columns = parseFirstRecord(first.data);
    }
    return running;
  }

  /** Claims the next job to run (queued, or running with a stale heartbeat), or none. */
  async function claim(): Promise<RunningJob | null> {
    const job = await claimJob(database, staleMs);
    if (!job) return null;
    try {
      return await begin(job);
    } catch (error) {
      await failJob(database, job.id, messageOf(error));
      return null;
    }
  }

  /** Runs one database or graph operation of a job under the retry policy, its heartbeat kept fresh while it waits. */
  function retried<T>(running: RunningJob, operation: () => Promise<T>): Promise<T> {
    return withRetries(policy, operation, {
      signal: stopping.signal,
      async onRetry(error, attempt) {
        // An outage is said in a line, not a stack per attempt.
        logger.warn({ job: running.job.id, attempt, ...(isPlatformError(error) ? { reason: error.message } : { err: error }) }, 'export page failed; retrying');
        await options.onRetry?.(running.job, error, attempt);
        await touchJob(database, running.job.id).catch(() => {});
      },
    });
  }

  /**
   * Whether the credential the job was submitted with still stands: a job submitted with an API
   * key stops at the next page once that key is revoked or expires, as the key's requests and
   * subscriptions do (a bearer token's job, once accepted, runs to its end).
   */
  async function credentialRefusal(job: ExportJob): Promise<string | undefined> {
    if (job.actorType !== 'api_key' || !job.actorId) return undefined;
    return apiKeyStanding(database.db, job.organizationId, job.actorId);
  }

  /**
   * Reads and writes the job's next page. Returns false when the job is over: completed, failed,
   * or no longer this worker's (cancelled, or claimed by another worker after a stale heartbeat).
   */
  async function step(running: RunningJob): Promise<boolean> {
    if (running.done) return false;
    try {
      const refusal = await retried(running, () => credentialRefusal(running.job));
      if (refusal) {
        running.done = true;
        running.next = null;
        await failJob(database, running.job.id, `unauthorized: ${refusal} The export stopped after ${running.objects} objects; its output is dropped.`, { dropOutput: true });
        return false;
      }
      const page = await nextPage(running);
      const last = !page.hasNextPage;
      if (!last && (!page.endCursor || page.endCursor === running.after)) throw new Error('the list reported a next page without a new cursor');
      running.columns ??= page.columns;
      if (!last) prefetch(running, page.endCursor!, running.objects + page.objects);
      const { data } = page;
      const written = await retried(running, () => writePage(database, running.job.id, {
        seq: running.seq,
        data,
        objects: page.objects,
        bytes: page.bytes,
        resumeAfter: last ? running.after : page.endCursor,
        last,
      }));
      if (!written) {
        running.done = true;
        running.next = null;
        return false;
      }
      exportRows.inc({ format: running.job.format }, page.objects);
      if (data.length > 0) running.seq++;
      running.objects += page.objects;
      running.after = last ? running.after : page.endCursor;
      running.done = last;
      return !last;
    } catch (error) {
      running.next = null;
      // Stopping cut a wait short: the job goes back to the queue (run), it has not failed.
      if (stopped) return false;
      running.done = true;
      if (!isPlatformError(error)) logger.error({ err: error, job: running.job.id }, 'export failed');
      await failJob(database, running.job.id, messageOf(error));
      return false;
    }
  }

  /** The page after `running.after`: the one read ahead when there is one, else read now. */
  async function nextPage(running: RunningJob): Promise<EncodedPage> {
    const ahead = running.next;
    running.next = null;
    if (ahead && ahead.after === running.after) return ahead.page();
    return fetchPage(running, running.after, running.objects);
  }

  function prefetch(running: RunningJob, after: string, rowsBefore: number) {
    running.next = { after, page: readAhead(fetchPage(running, after, rowsBefore)) };
  }

  /** Reads the page after `after` and encodes it in the job's format; `rowsBefore` rows precede it (CSV names a bad row by its number). */
  async function fetchPage(running: RunningJob, after: string | null, rowsBefore: number): Promise<EncodedPage> {
    const page = await retried(running, () => running.source.fetchPage(runtime, principalOf(running.job), after));
    return encodePage(page, running.job.format, running.columns, rowsBefore);
  }

  /** Runs a claimed job to its end (or until the worker stops: the job then goes back to the queue). */
  async function run(running: RunningJob): Promise<void> {
    current = running;
    try {
      while (!stopped && (await step(running)));
      if (stopped && !running.done) await releaseJob(database, running.job.id);
    } finally {
      current = null;
    }
  }

  async function poll() {
    let lastPurge = 0;
    while (!stopped) {
      try {
        if (Date.now() - lastPurge >= purgeEveryMs) {
          lastPurge = Date.now();
          await purgeExpired(database);
        }
        const running = await claim();
        if (running) {
          await run(running);
          continue;
        }
      } catch (error) {
        if (stopped) break;
        logger.error({ err: error }, 'export worker poll failed');
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        sleeping = { timer: setTimeout(() => { sleeping = null; resolve(); }, pollMs), resolve };
      });
    }
  }

  return {
    claim,
    step,
    run,
    /** Starts the poll loop (once). */
    start() {
      if (loop) return;
      let set = wakers.get(database);
      if (!set) wakers.set(database, (set = new Set()));
      set.add(wake);
      loop = poll();
    },
    wake,
    /** Stops after the page in flight; a job left unfinished goes back to the queue. */
    async stop() {
      stopped = true;
      stopping.abort(new Error('the export worker is stopping'));
      wakers.get(database)?.delete(wake);
      wake();
      await loop;
      loop = null;
    },
    get current() {
      return current;
    },
  };
}

export type ExportWorker = ReturnType<typeof createExportWorker>;

/**
 * A page's rows as the job writes them: NDJSON lines, or CSV records under `columns` (the header's,
 * once known; the first row of the export sets them and its page starts with the header line).
 */
export function encodePage(page: Page, format: string, columns: string[] | null, rowsBefore: number): EncodedPage {
  const { endCursor, hasNextPage } = page;
  if (format !== 'csv') {
    const lines = ndjsonOf(page);
    return { data: lines, bytes: typeof lines === 'string' ? Buffer.byteLength(lines) : lines.length, objects: page.rows.length, endCursor, hasNextPage, columns };
  }
  let data = '';
  let row = rowsBefore;
  for (const node of page.rows) {
    row++;
    if (!columns) {
      columns = columnsOf(node, row);
      data += csvLine(columns);
    }
    data += csvRecord(node, columns, row);
  }
  // Measuring the text flattens it at once: the lines it was built from die young, before the page waits for its write.
  return { data, bytes: Buffer.byteLength(data), objects: page.rows.length, endCursor, hasNextPage, columns };
}

/** What a failed job tells its caller: a PlatformError's own message, never an internal one. */
function messageOf(error: unknown): string {
  if (isPlatformError(error)) return `${error.code}: ${error.message}`;
  return 'server_error: The export failed on our side.';
}
