import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import type { Database } from '../../platform/db.ts';
import { isPlatformError } from '../../platform/errors.ts';
import type { GraphContext } from '../graph.ts';
import { columnsOf, csvLine, csvRecord, parseFirstRecord } from './csv.ts';
import { storedSource, type ExportSource, type Page } from './source.ts';
import { claimJob, failJob, principalOf, purgeExpired, readChunks, releaseJob, writePage, type ExportJob } from './store.ts';
import { log } from '../../platform/log.ts';

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
}

/** Where a claimed job stands while a worker runs it. */
export interface RunningJob {
  job: ExportJob;
  source: ExportSource;
  seq: number;
  after: string | null;
  objects: number;
  /** CSV only: the header's columns once known. */
  columns: string[] | null;
  done: boolean;
  /**
   * The next page, read while this one is written (two pages in memory at most): the write of one
   * page overlaps the read of the next. Settled into a result so a failure is thrown only when used.
   */
  next: { after: string; page: Promise<{ page?: Page; error?: unknown }> } | null;
}

export const DEFAULT_STALE_MS = 60_000;
/** A failure that is not the caller's (network, a subgraph down) is retried this many times per page. */
const TRANSIENT_ATTEMPTS = 3;

/** Submissions wake the worker of their database at once instead of at its next poll. */
const wakers = new WeakMap<Database, Set<() => void>>();
export function wakeExportWorkers(database: Database) {
  for (const wake of wakers.get(database) ?? []) wake();
}

/**
 * The gateway's export worker: one loop per process that claims a queued (or abandoned) job, runs
 * it page after page as the principal that submitted it, and writes each page's lines with the
 * job's progress in one transaction, so a worker that dies mid-job loses at most the page it was
 * reading and the next one carries on from `resume_after` without writing a line twice. One page
 * is in memory at a time. `claim` and `step` are public so tests can run a job page by page.
 */
export function createExportWorker(options: ExportWorkerOptions) {
  const { runtime, database } = options;
  const pollMs = options.pollMs ?? 1_000;
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const purgeEveryMs = options.purgeEveryMs ?? 3_600_000;
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
      source: storedSource(job.source, job.query, job.variables),
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

  /**
   * Reads and writes the job's next page. Returns false when the job is over: completed, failed,
   * or no longer this worker's (cancelled, or claimed by another worker after a stale heartbeat).
   */
  async function step(running: RunningJob): Promise<boolean> {
    if (running.done) return false;
    try {
      const page = await nextPage(running);
      const last = !page.hasNextPage;
      if (!last && (!page.endCursor || page.endCursor === running.after)) throw new Error('the list reported a next page without a new cursor');
      if (!last) prefetch(running, page.endCursor!);
      const format = running.job.format;
      let data = '';
      let row = running.objects;
      for (const node of page.rows) {
        row++;
        if (format === 'csv') {
          if (!running.columns) {
            running.columns = columnsOf(node, row);
            data += csvLine(running.columns);
          }
          data += csvRecord(node, running.columns, row);
        } else {
          data += `${JSON.stringify(node)}\n`;
        }
      }
      const written = await writePage(database, running.job.id, {
        seq: running.seq,
        data,
        objects: page.rows.length,
        bytes: Buffer.byteLength(data),
        resumeAfter: last ? running.after : page.endCursor,
        last,
      });
      if (!written) {
        running.done = true;
        running.next = null;
        return false;
      }
      if (data !== '') running.seq++;
      running.objects = row;
      running.after = last ? running.after : page.endCursor;
      running.done = last;
      return !last;
    } catch (error) {
      running.done = true;
      if (!isPlatformError(error)) logger.error({ err: error, job: running.job.id }, 'export failed');
      await failJob(database, running.job.id, messageOf(error));
      return false;
    }
  }

  /** The page after `running.after`: the one read ahead when there is one, else read now. */
  async function nextPage(running: RunningJob): Promise<Page> {
    const ahead = running.next;
    running.next = null;
    if (ahead && ahead.after === running.after) {
      const { page, error } = await ahead.page;
      if (page) return page;
      throw error;
    }
    return fetchWithRetries(running, running.after);
  }

  function prefetch(running: RunningJob, after: string) {
    running.next = { after, page: fetchWithRetries(running, after).then((page) => ({ page }), (error: unknown) => ({ error })) };
  }

  async function fetchWithRetries(running: RunningJob, after: string | null): Promise<Page> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await running.source.fetchPage(runtime, principalOf(running.job), after);
      } catch (error) {
        if (isPlatformError(error) || attempt >= TRANSIENT_ATTEMPTS || stopped) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
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

/** What a failed job tells its caller: a PlatformError's own message, never an internal one. */
function messageOf(error: unknown): string {
  if (isPlatformError(error)) return `${error.code}: ${error.message}`;
  return 'server_error: The export failed on our side.';
}
