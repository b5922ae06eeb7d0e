import { and, asc, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Principal } from '../../platform/auth/tokens.ts';
import type { Database, Tx } from '../../platform/db.ts';
import { exportChunks, exportJobs } from '../tables.ts';
import { jobFinished } from './wait.ts';

export type ExportJob = typeof exportJobs.$inferSelect;
export type ExportStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
export type ExportFormat = 'ndjson' | 'csv';
export const EXPORT_STATUSES: readonly ExportStatus[] = ['queued', 'running', 'completed', 'failed', 'cancelled'];
export const EXPORT_FORMATS: readonly ExportFormat[] = ['ndjson', 'csv'];
export const FINISHED: readonly ExportStatus[] = ['completed', 'failed', 'cancelled'];

/** How long a finished export (and its output) is kept. */
export const EXPORT_RETENTION_MS = 7 * 24 * 3600 * 1000;

/** The principal a job runs as: the one that submitted it, rebuilt from the row. */
export function principalOf(job: ExportJob): Principal {
  return {
    organizationId: job.organizationId,
    workspaceId: job.workspaceId,
    role: job.role as Principal['role'],
    actorId: job.actorId ?? '',
    actorType: job.actorType as Principal['actorType'],
  };
}

/**
 * Which jobs a caller sees: its organization's, and for a token narrowed to a workspace only the
 * jobs submitted under that same narrowing. Anything else does not exist for them (404).
 */
export function visibleTo(principal: Principal): SQL {
  const org = eq(exportJobs.organizationId, principal.organizationId);
  return principal.workspaceId ? and(org, eq(exportJobs.workspaceId, principal.workspaceId))! : org;
}

export interface NewJob {
  principal: Principal;
  source: string;
  query: string;
  variables: Record<string, unknown>;
  format: ExportFormat;
}

/** What else commits with a job's submission or cancellation (its audit entry). */
export type AlongsideJob = (tx: Tx, job: ExportJob) => Promise<void>;

export async function insertJob(database: Database, job: NewJob, alongside?: AlongsideJob): Promise<ExportJob> {
  if (!alongside) return insertJobRow(database.db, job);
  return database.db.transaction(async (tx) => {
    const row = await insertJobRow(tx, job);
    await alongside(tx, row);
    return row;
  });
}

async function insertJobRow(tx: Tx | Database['db'], job: NewJob): Promise<ExportJob> {
  const [row] = await tx.insert(exportJobs).values({
    organizationId: job.principal.organizationId,
    workspaceId: job.principal.workspaceId,
    actorType: job.principal.actorType,
    actorId: job.principal.actorId,
    role: job.principal.role,
    source: job.source,
    query: job.query,
    variables: job.variables,
    format: job.format,
  }).returning();
  return row;
}

export async function findJob(database: Database, principal: Principal, id: string): Promise<ExportJob | undefined> {
  const [row] = await database.db.select().from(exportJobs).where(and(eq(exportJobs.id, id), visibleTo(principal))).limit(1);
  return row;
}

/** A page of the caller's jobs, newest first; `afterId` is the last job of the previous page. */
export async function listJobs(database: Database, principal: Principal, options: { limit: number; afterId?: string; status?: ExportStatus[] }): Promise<ExportJob[]> {
  const conditions: SQL[] = [visibleTo(principal)];
  if (options.status?.length) conditions.push(inArray(exportJobs.status, options.status));
  if (options.afterId) {
    const [anchor] = await database.db.select({ createdAt: exportJobs.createdAt, id: exportJobs.id }).from(exportJobs)
      .where(and(eq(exportJobs.id, options.afterId), visibleTo(principal))).limit(1);
    if (!anchor) return [];
    conditions.push(or(lt(exportJobs.createdAt, anchor.createdAt), and(eq(exportJobs.createdAt, anchor.createdAt), lt(exportJobs.id, anchor.id)))!);
  }
  return database.db.select().from(exportJobs).where(and(...conditions))
    .orderBy(desc(exportJobs.createdAt), desc(exportJobs.id)).limit(options.limit);
}

/**
 * Cancels a queued or running job and drops whatever output it wrote, in one transaction: a worker
 * writing a page at that moment either commits first (and its output goes with the rest) or finds
 * the job cancelled and writes nothing. Returns the job as it now is, and whether this call cancelled it.
 */
export async function cancelJob(
  database: Database, principal: Principal, id: string, alongside?: AlongsideJob,
): Promise<{ job: ExportJob; cancelled: boolean } | undefined> {
  const outcome = await database.db.transaction(async (tx) => {
    const now = new Date();
    const [cancelled] = await tx.update(exportJobs)
      .set({ status: 'cancelled', finishedAt: now, expiresAt: new Date(now.getTime() + EXPORT_RETENTION_MS) })
      .where(and(eq(exportJobs.id, id), visibleTo(principal), inArray(exportJobs.status, ['queued', 'running'])))
      .returning();
    if (cancelled) {
      await tx.delete(exportChunks).where(eq(exportChunks.jobId, id));
      await alongside?.(tx, cancelled);
      return { job: cancelled, cancelled: true };
    }
    const [row] = await tx.select().from(exportJobs).where(and(eq(exportJobs.id, id), visibleTo(principal))).limit(1);
    return row && { job: row, cancelled: false };
  });
  if (outcome?.cancelled) jobFinished(id);
  return outcome;
}

/**
 * Claims the oldest job that is queued, or running with a heartbeat older than `staleMs` (its
 * worker died), for this worker. `FOR UPDATE SKIP LOCKED` lets concurrent workers on PostgreSQL
 * claim different jobs; on PGlite (one connection, statements in turn) it is simply the one claim.
 */
export async function claimJob(database: Database, staleMs: number): Promise<ExportJob | undefined> {
  const staleBefore = new Date(Date.now() - staleMs).toISOString();
  // The worker's idle polling (a claim every second) is nobody's request: uncounted.
  const rows = await database.uncounted.rows<{ id: string }>(sql`
    update gateway.export_jobs set status = 'running', heartbeat_at = now(), started_at = coalesce(started_at, now())
    where id = (
      select id from gateway.export_jobs
      where status = 'queued' or (status = 'running' and (heartbeat_at is null or heartbeat_at < ${staleBefore}::timestamptz))
      order by created_at, id
      limit 1
      for update skip locked
    )
    returning id`);
  if (rows.length === 0) return undefined;
  const [job] = await database.db.select().from(exportJobs).where(eq(exportJobs.id, rows[0].id));
  return job;
}

export interface PageWrite {
  /** The chunk's sequence number: the job's chunks_written when the page was read. */
  seq: number;
  /** The page's text, or its UTF-8 bytes (stored as they are, never decoded here). */
  data: string | Buffer;
  objects: number;
  bytes: number;
  resumeAfter: string | null;
  /** When this was the last page: the job is completed in the same transaction. */
  last: boolean;
}

/**
 * Writes one page's output and the job's progress atomically, only while the job is still this
 * worker's (running, and exactly `seq` chunks written): a cancelled job, or one another worker took
 * over, writes nothing and the caller stops. Returns whether the page was written. One statement
 * (the progress update, and the chunk inserted from what it updated): one round trip per page or
 * batch instead of four (BEGIN, UPDATE, INSERT, COMMIT).
 */
export async function writePage(database: Database, jobId: string, page: PageWrite): Promise<boolean> {
  const now = new Date();
  const expires = new Date(now.getTime() + EXPORT_RETENTION_MS);
  // lz4 for this statement's chunk only (set_config local to its transaction): `toastWithLz4`.
  const compression = (await toastWithLz4(database)) ? sql`select set_config('default_toast_compression', 'lz4', true)` : sql`select null`;
  const rows = await database.rows<{ id: string }>(sql`
    with compression as (${compression}), updated as (
      update gateway.export_jobs set
        objects_written = objects_written + ${page.objects},
        bytes_written = bytes_written + ${page.bytes},
        chunks_written = ${page.data.length === 0 ? page.seq : page.seq + 1},
        resume_after = ${page.resumeAfter},
        heartbeat_at = ${now.toISOString()}::timestamptz,
        status = case when ${page.last}::boolean then 'completed' else status end,
        finished_at = case when ${page.last}::boolean then ${now.toISOString()}::timestamptz else finished_at end,
        expires_at = case when ${page.last}::boolean then ${expires.toISOString()}::timestamptz else expires_at end
      where id = ${jobId} and status = 'running' and chunks_written = ${page.seq}
      returning id
    ), chunk as (
      -- The chunk's row is built from the compression setting's, so the setting is made before it is stored.
      insert into gateway.export_chunks (job_id, seq, data)
      select id, ${page.seq}, ${typeof page.data === 'string' ? page.data : database.utf8Text(page.data)} from updated, compression where ${page.data.length > 0}::boolean
      returning job_id
    )
    select id from updated`);
  if (rows.length > 0 && page.last) jobFinished(jobId);
  return rows.length > 0;
}

const lz4 = new WeakMap<Database, Promise<boolean>>();

/**
 * Whether chunks are compressed with lz4 rather than PostgreSQL's default pglz: a chunk (a batch
 * of NDJSON or CSV, up to a few MB) is stored out of line and compressed, and pglz made that
 * compression the database's largest cost of an export, and the pace of a job (each batch's
 * write waits for it). lz4 compresses several times faster (output is read once, on download,
 * and decompressed as transparently). PostgreSQL 14 and later built with lz4 (the official
 * images and packages are) offer it; elsewhere, and on PGlite, chunks keep the default.
 */
function toastWithLz4(database: Database): Promise<boolean> {
  let known = lz4.get(database);
  if (!known) {
    known = database.engine !== 'postgres'
      ? Promise.resolve(false)
      : database.uncounted.rows<{ lz4: boolean }>(sql`
          select coalesce(bool_or('lz4' = any(enumvals)), false) as lz4 from pg_settings where name = 'default_toast_compression'`)
        .then(([row]) => Boolean(row?.lz4), () => {
          lz4.delete(database); // asked again with the next chunk
          return false;
        });
    lz4.set(database, known);
  }
  return known;
}

/**
 * Marks a job failed (while it is still running), with the message its caller may read; with
 * `dropOutput`, what it wrote goes in the same transaction (a job stopped because its credential
 * was revoked keeps nothing it read on that credential's behalf).
 */
export async function failJob(database: Database, jobId: string, message: string, options: { dropOutput?: boolean } = {}): Promise<void> {
  await database.db.transaction(async (tx) => {
    const now = new Date();
    const [failed] = await tx.update(exportJobs)
      .set({ status: 'failed', errorMessage: message, finishedAt: now, expiresAt: new Date(now.getTime() + EXPORT_RETENTION_MS) })
      .where(and(eq(exportJobs.id, jobId), eq(exportJobs.status, 'running')))
      .returning({ id: exportJobs.id });
    if (failed && options.dropOutput) await tx.delete(exportChunks).where(eq(exportChunks.jobId, jobId));
  });
  jobFinished(jobId);
}

/** Keeps a running job's heartbeat fresh while its worker waits out an outage, so no other worker takes it over as abandoned. */
export async function touchJob(database: Database, jobId: string): Promise<void> {
  await database.db.update(exportJobs).set({ heartbeatAt: new Date() })
    .where(and(eq(exportJobs.id, jobId), eq(exportJobs.status, 'running')));
}

/** Hands a running job back to the queue (a worker shutting down), so the next one resumes it at once. */
export async function releaseJob(database: Database, jobId: string): Promise<void> {
  await database.db.update(exportJobs).set({ status: 'queued', heartbeatAt: null })
    .where(and(eq(exportJobs.id, jobId), eq(exportJobs.status, 'running')));
}

/** Up to `limit` chunks of a job from `fromSeq` on, in order. */
export async function readChunks(database: Database, jobId: string, fromSeq: number, limit: number): Promise<{ seq: number; data: string }[]> {
  return database.db.select({ seq: exportChunks.seq, data: exportChunks.data }).from(exportChunks)
    .where(and(eq(exportChunks.jobId, jobId), gte(exportChunks.seq, fromSeq))).orderBy(asc(exportChunks.seq)).limit(limit);
}

/**
 * `readChunks` for the download, which passes the text on as it is stored: on PostgreSQL each chunk
 * as its UTF-8 bytes, never decoded into a string (PGlite's as text).
 */
export async function readChunkBytes(database: Database, jobId: string, fromSeq: number, limit: number): Promise<{ seq: number; data: Buffer | string }[]> {
  const rows = await database.undecoded(sql`
    select seq, data from gateway.export_chunks where job_id = ${jobId} and seq >= ${fromSeq} order by seq limit ${limit}`);
  return rows.map(([seq, data]) => ({ seq: Number(String(seq)), data: data as Buffer | string }));
}

/** Deletes finished jobs past their expiry with their output; returns how many jobs went. */
export async function purgeExpired(database: Database, now = new Date()): Promise<number> {
  // Hourly, on the worker's own time: uncounted, like its polling.
  return database.uncounted.db.transaction(async (tx) => {
    const expired = await tx.select({ id: exportJobs.id }).from(exportJobs)
      .where(and(inArray(exportJobs.status, [...FINISHED]), lt(exportJobs.expiresAt, now)));
    if (expired.length === 0) return 0;
    const ids = expired.map((j) => j.id);
    await tx.delete(exportChunks).where(inArray(exportChunks.jobId, ids));
    await tx.delete(exportJobs).where(inArray(exportJobs.id, ids));
    return ids.length;
  });
}
