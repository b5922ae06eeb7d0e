import type http from 'node:http';
import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import type { Principal } from '../../platform/auth/tokens.ts';
import { checkId } from '../../platform/args.ts';
import { decodeCursor, encodeCursor } from '../../platform/cursor.ts';
import type { Database } from '../../platform/db.ts';
import { badRequest, conflict, isPlatformError, notFound, unprocessable } from '../../platform/errors.ts';
import type { GraphContext } from '../graph.ts';
import { parseBody } from '../rest/body.ts';
import { decodePathSegment } from '../rest/params.ts';
import { EXPORT_BODY, EXPORT_LIST_QUERY } from './spec.ts';
import { columnsOf } from './csv.ts';
import { graphqlSource, restSource, type ExportSource, type QueryLimits } from './source.ts';
import { cancelJob, findJob, FINISHED, insertJob, listJobs, readChunkBytes, type ExportFormat, type ExportJob, type ExportStatus } from './store.ts';
import { preferredWait, waitForJob } from './wait.ts';
import { readAhead } from './ahead.ts';
import { wakeExportWorkers } from './worker.ts';
import { log } from '../../platform/log.ts';
import { auditLogWrites } from '../../subgraphs/audit-logs/public.ts';

const logger = log.child({ component: 'exports' });

export const EXPORTS_PATH = '/v1/exports';

/** Whether a /v1 path is the export API's (this handler answers it, not the REST router). */
export function isExportsPath(path: string): boolean {
  return path === EXPORTS_PATH || path === `${EXPORTS_PATH}/` || path.startsWith(`${EXPORTS_PATH}/`);
}

const seconds = (date: Date | null) => (date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : null);

/** A job in the docs' snake_case shape. */
export function exportJobJson(job: ExportJob) {
  return {
    id: job.id,
    status: job.status,
    format: job.format,
    source: job.source,
    objects_written: job.objectsWritten,
    bytes_written: job.bytesWritten,
    created_at: seconds(job.createdAt),
    started_at: seconds(job.startedAt),
    finished_at: seconds(job.finishedAt),
    expires_at: seconds(job.expiresAt),
    error: job.errorMessage,
    download_url: job.status === 'completed' ? `${EXPORTS_PATH}/${job.id}/download` : null,
  };
}

export type ExportsAnswer = { status: number; body: unknown } | null;

/**
 * /v1/exports for an authenticated, rate-limited caller (server.ts does both): submit, list, read,
 * cancel and download export jobs. Answers JSON as `{status, body}`, or streams the download
 * itself and returns null. Throws PlatformErrors for the caller's mistakes, as the REST router does.
 */
export function createExportsApi({ runtime, database, limits }: { runtime: GatewayRuntime<GraphContext>; database: Database; limits: QueryLimits }) {
  async function submit(principal: Principal, rawBody: string): Promise<ExportsAnswer> {
    const body = parseBody(rawBody, EXPORT_BODY);
    const format = (String(body.format ?? 'ndjson')).toLowerCase() as ExportFormat;
    const hasQuery = body.query !== undefined;
    const hasRoute = body.route !== undefined;
    if (hasQuery === hasRoute) throw unprocessable('Give either query (GraphQL) or route (a REST list), not both and not neither.', hasQuery ? 'route' : 'query');
    if (hasQuery && body.params !== undefined) throw unprocessable('params go with route; a GraphQL query takes variables.', 'params');
    if (hasRoute && body.variables !== undefined) throw unprocessable('variables go with query; a REST route takes params.', 'variables');
    const source: ExportSource = hasQuery
      ? await graphqlSource(await runtime.getSchema(), body.query, body.variables, format, limits)
      : restSource(body.route, body.params);
    // Read the first page now, as the job will: a filter the graph refuses, a resource that is not
    // the caller's or (for CSV) a nested row is the submission's error, not a failed job later.
    const probe = await source.fetchPage(runtime, principal, null);
    if (format === 'csv' && probe.rows.length > 0) columnsOf(probe.rows[0]);
    // The submission and its audit entry commit together (subgraphs/audit-logs).
    const job = await insertJob(database, { principal, source: source.kind, query: source.query, variables: source.variables, format }, (tx, row) =>
      auditLogWrites.record(tx, { principal, action: 'submitExport', resourceId: row.id, outcome: 'succeeded', changedFields: Object.keys(body) }));
    wakeExportWorkers(database);
    return { status: 201, body: { data: exportJobJson(job) } };
  }

  /**
   * A submission or cancellation refused for the caller's mistake is audited as refused (nothing
   * else was written); one that succeeded was audited in its own transaction.
   */
  async function audited(principal: Principal, action: 'submitExport' | 'cancelExport', resourceId: string | null, run: () => Promise<ExportsAnswer>) {
    try {
      return await run();
    } catch (error) {
      if (isPlatformError(error) && error.status < 500) {
        await auditLogWrites.record(database.db, { principal, action, resourceId, outcome: 'refused', errorCode: error.code })
          .catch((failure) => logger.error({ err: failure, action }, 'could not audit a refused export write'));
      }
      throw error;
    }
  }

  async function cancel(principal: Principal, id: string, rawBody: string): Promise<ExportsAnswer> {
    if (rawBody.trim() !== '') throw badRequest('POST /v1/exports/{id}/cancel takes no request body.');
    const outcome = await cancelJob(database, principal, checkId('ExportJob', id, 'id'), (tx, job) =>
      auditLogWrites.record(tx, { principal, action: 'cancelExport', resourceId: job.id, outcome: 'succeeded' }));
    if (!outcome) throw notFound(`No export ${id}.`);
    if (!outcome.cancelled) throw conflict(`Export ${outcome.job.id} is already ${outcome.job.status}.`);
    return { status: 200, body: { data: exportJobJson(outcome.job) } };
  }

  async function list(principal: Principal, url: URL): Promise<ExportsAnswer> {
    const spec = EXPORT_LIST_QUERY;
    for (const name of new Set(url.searchParams.keys())) {
      if (!Object.hasOwn(spec, name)) throw badRequest(`Unknown query parameter ${name}; this route takes ${Object.keys(spec).join(', ')}.`, name);
    }
    const limit = spec.limit.parse(url.searchParams.get('limit') ?? undefined, 'limit') as number;
    const cursor = url.searchParams.get('cursor') ?? undefined;
    // The cursor names the previous page's last job (checked to be an export's ID by the parameter's parse).
    const afterId = cursor === undefined ? undefined : (spec.cursor.parse(cursor, 'cursor'), decodeCursor(cursor)!.id);
    const status = (spec.status.parse(url.searchParams.get('status') ?? undefined, 'status') as string[] | undefined)?.map((s) => s.toLowerCase() as ExportStatus);
    const rows = await listJobs(database, principal, { limit: limit + 1, afterId, status });
    const page = rows.slice(0, limit);
    const hasMore = rows.length > limit;
    return { status: 200, body: { data: page.map(exportJobJson), meta: { cursor: hasMore ? encodeCursor(page.at(-1)!.id) : null, has_more: hasMore } } };
  }

  async function visible(principal: Principal, id: string): Promise<ExportJob> {
    const job = await findJob(database, principal, checkId('ExportJob', id, 'id'));
    if (!job) throw notFound(`No export ${id}.`);
    return job;
  }

  /**
   * A job as it stands; with `Prefer: wait=N` (wait.ts), as soon as it is finished or N seconds
   * passed (`Preference-Applied` says the N honoured, at most MAX_WAIT_SECONDS).
   */
  async function read(principal: Principal, id: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<ExportsAnswer> {
    const seconds = preferredWait(req.headers.prefer);
    if (seconds === undefined) return { status: 200, body: { data: exportJobJson(await visible(principal, id)) } };
    const job = await visible(principal, id);
    const gone = new AbortController();
    const onClose = () => gone.abort();
    res.once('close', onClose);
    try {
      const seen = await waitForJob(job.id, job, seconds, () => findJob(database, principal, job.id), (now) => FINISHED.includes(now.status as ExportStatus), gone.signal);
      if (!seen) throw notFound(`No export ${id}.`);
      res.setHeader('preference-applied', `wait=${seconds}`);
      return { status: 200, body: { data: exportJobJson(seen) } };
    } finally {
      res.off('close', onClose);
    }
  }

  async function download(principal: Principal, id: string, res: http.ServerResponse): Promise<ExportsAnswer> {
    const job = await visible(principal, id);
    if (job.status !== 'completed') throw conflict(`Export ${job.id} is ${job.status}; its output can be downloaded once it is completed.`);
    const type = job.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8';
    res.writeHead(200, {
      'content-type': type,
      'content-length': String(job.bytesWritten),
      'content-disposition': `attachment; filename="${job.id}.${job.format === 'csv' ? 'csv' : 'ndjson'}"`,
    });
    try {
      await streamChunks(database, job.id, res, chunksPerRead(job));
    } catch (error) {
      // The status is sent: a client that went away, or a read that failed, cuts the response short
      // (its length then falls short of content-length, so no client mistakes it for the whole file).
      if (!res.destroyed) logger.error({ err: error, job: job.id }, 'export download failed');
      res.destroy();
    }
    return null;
  }

  return async function serveExports(req: http.IncomingMessage, res: http.ServerResponse, principal: Principal, rawBody: string): Promise<ExportsAnswer> {
    const url = new URL(req.url ?? '/', 'http://gateway');
    const method = req.method ?? 'GET';
    const parts = url.pathname.slice(EXPORTS_PATH.length).split('/').filter(Boolean).map((p, i) => decodePathSegment(p, i === 0 ? 'id' : 'action'));
    if (method !== 'GET' && method !== 'POST') throw notFound(`No route for ${method} ${url.pathname}.`);
    if (method === 'GET' && rawBody.trim() !== '') throw badRequest(`GET ${url.pathname} takes no request body.`);
    if (parts.length === 0) return method === 'POST' ? audited(principal, 'submitExport', null, () => submit(principal, rawBody)) : list(principal, url);
    if (url.search !== '') throw badRequest(`${method} ${url.pathname} takes no query parameters.`);
    const [id, action] = parts;
    if (parts.length === 1 && method === 'GET') return read(principal, id, req, res);
    if (parts.length === 2 && action === 'cancel' && method === 'POST') return audited(principal, 'cancelExport', id, () => cancel(principal, id, rawBody));
    if (parts.length === 2 && action === 'download' && method === 'GET') return download(principal, id, res);
    throw notFound(`No route for ${method} ${url.pathname}.`);
  };
}

/**
 * Chunks this many at a time by default: a few MB in memory at most (a chunk is a page, or a batch
 * of EXPORT_BATCH_ROWS rows), whatever the export's size; two such reads while the download runs.
 */
const CHUNKS_PER_READ = 8;

/** About this many bytes of chunks per read of a download (two reads in hand at most). */
const DOWNLOAD_READ_BYTES = 4 * 1024 * 1024;

/**
 * How many chunks a download of `job` reads a statement: about DOWNLOAD_READ_BYTES by its mean
 * chunk, so a job of small pages (through the graph) reads many per statement and one of large
 * batches few, in the same memory (1 to 64).
 */
export function chunksPerRead(job: Pick<ExportJob, 'bytesWritten' | 'chunksWritten'>): number {
  const mean = job.chunksWritten > 0 ? job.bytesWritten / job.chunksWritten : 0;
  return Math.max(1, Math.min(64, Math.floor(DOWNLOAD_READ_BYTES / Math.max(mean, 1))));
}

/**
 * Streams a job's chunks in order, as stored (their bytes, undecoded: readChunkBytes), waiting for
 * the client to drain before reading more. The next read is sent while the chunks of the last one
 * are written, so the database's read (and its decompression) overlaps the client taking the
 * bytes: two reads' chunks in memory at most.
 */
export async function streamChunks(database: Database, jobId: string, res: http.ServerResponse, perRead = CHUNKS_PER_READ): Promise<void> {
  let reading = readAhead(readChunkBytes(database, jobId, 0, perRead));
  for (;;) {
    const chunks = await reading();
    const full = chunks.length === perRead;
    if (full) reading = readAhead(readChunkBytes(database, jobId, chunks.at(-1)!.seq + 1, perRead));
    for (const chunk of chunks) {
      if (!res.write(chunk.data)) await drained(res);
    }
    if (!full) break;
  }
  res.end();
}

/** Resolves once `res` can take more, or rejects when the client went away. */
export function drained(res: http.ServerResponse): Promise<void> {
  if (res.destroyed) return Promise.reject(new Error('the client closed the connection'));
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      res.off('close', onClose);
      resolve();
    };
    const onClose = () => {
      res.off('drain', onDrain);
      reject(new Error('the client closed the connection'));
    };
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}
