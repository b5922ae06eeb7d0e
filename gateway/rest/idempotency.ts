import { createHash } from 'node:crypto';
import type http from 'node:http';
import { and, eq, getTableColumns, gt, lte, sql } from 'drizzle-orm';
import type { Principal } from '../../platform/auth/tokens.ts';
import type { Database } from '../../platform/db.ts';
import { badRequest, conflict, isPlatformError } from '../../platform/errors.ts';
import { idempotencyKeys } from '../tables.ts';
import type { RestAnswer } from './router.ts';
import { AppliedWithoutAnswer } from './execute.ts';
import { log } from '../../platform/log.ts';

const logger = log.child({ component: 'gateway' });

/**
 * Idempotency-Key on /v1 writes, with Stripe's semantics:
 *
 * - A POST, PATCH or DELETE may carry `Idempotency-Key: <1..255 printable ASCII characters>`.
 *   Keys belong to the caller (organization + actor) and live 24 hours from first use.
 * - The same key with the same request (method, path, query and body, each canonicalised: query
 *   parameters and JSON keys in any order, insignificant whitespace ignored) replays the first
 *   response, status and body byte for byte, with `Idempotent-Replayed: true`.
 * - The same key with a different request is 409 conflict. So is a reuse from a token narrowed
 *   differently (another workspace or role): a replay must never show a narrower token what only
 *   the broader one could see.
 * - While the first request runs, the key's row is `pending` and any other request with the key is
 *   409 conflict "still in progress": two requests with one key never both execute.
 *
 * What is stored: like Stripe, a result is kept only once the endpoint started executing. A
 * request refused before that (bad JSON, unknown query parameter, a 422 on the body's shape, an
 * unknown route) claims nothing: the client may fix it and send it again under the same key.
 * Everything the graph answered is kept, 4xx included (a 404, 403, 409 or a command's 422 is the
 * request's deterministic outcome, and replaying it keeps a retry from acting on state that changed
 * in between). A 5xx is not kept: the key is released so a retry executes again.
 *
 * Crash recovery: a row left `pending` by a gateway that died mid-request would block its key for
 * 24 hours. A pending row older than `leaseMs` (5 minutes, longer than any request runs) is taken
 * to be abandoned: a retry of the same request claims it again and executes. Since the subgraphs'
 * writes do not share a transaction with this table, that retry may repeat a write the dead
 * request had already committed; within the lease, duplicates are impossible. The claim is a
 * compare-and-set on the row's `created_at`, so a request that outlived its lease can no longer
 * record or release the key another request took over.
 *
 * Outages: a request refused as service_unavailable (a subgraph or the database out of reach) did
 * nothing, so its key is released like any 5xx and a retry with it executes. A write that ran but
 * whose outcome could not be recorded (the database went away in between) is still answered, and
 * its outcome recorded in the background as soon as the database takes it (retried for up to the
 * lease): meanwhile a retry with the key is 409 "still in progress", then it is replayed, never
 * executed twice. A write that was applied but whose answer could not be read back (a part went
 * away right after it committed) is answered 503 saying so, and its answer is read back and
 * recorded in the background the same way. A client that gave up waiting learns the outcome the
 * same way.
 *
 * Expired rows are replaced in place when their key is used again, and purged in bulk at most once
 * an hour (on the next write with a key) through the `expires_at` index.
 */

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
const WRITE_METHODS = new Set(['POST', 'PATCH', 'DELETE']);
const KEY_PATTERN = /^[\x20-\x7E]{1,255}$/;

export interface IdempotencyOptions {
  /** How long a key is kept from first use (24 hours). */
  ttlMs?: number;
  /** How long a pending row may run before a retry may take it over (5 minutes). */
  leaseMs?: number;
  /** How often expired rows are purged (hourly). */
  purgeEveryMs?: number;
  /** How long to wait between attempts to record an outcome the database did not take (1 second). */
  recordRetryMs?: number;
}

export type IdempotentAnswer = RestAnswer & { headers?: Record<string, string> };

/** The caller's serving of the request, given the hook to call once it is valid and about to execute. */
export type Execute = (beforeExecute: () => Promise<void>) => Promise<RestAnswer>;

/** The request's Idempotency-Key, `undefined` when it has none; a malformed one is 400. */
export function idempotencyKeyOf(req: Pick<http.IncomingMessage, 'headers'>): string | undefined {
  const raw = req.headers[IDEMPOTENCY_HEADER];
  if (raw === undefined) return undefined;
  const key = Array.isArray(raw) ? raw.join(', ') : raw;
  if (!KEY_PATTERN.test(key)) {
    throw badRequest('Idempotency-Key must be 1 to 255 printable ASCII characters.', 'Idempotency-Key');
  }
  return key;
}

/** A JSON value with object keys sorted, so `{"a":1,"b":2}` and `{"b":2,"a":1}` are one request. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/**
 * The request's fingerprint: method, path (without a trailing slash), query parameters sorted, the
 * body as canonical JSON (or its raw text when it is not JSON), and the token's narrowing.
 */
export function requestHash(method: string, url: URL, rawBody: string, principal: Pick<Principal, 'workspaceId' | 'role'>): string {
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const query = [...url.searchParams.entries()].sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  let body: unknown = null;
  if (rawBody.trim() !== '') {
    try {
      body = { json: canonical(JSON.parse(rawBody)) };
    } catch {
      body = { text: rawBody };
    }
  }
  const fingerprint = JSON.stringify([method, path, query, body, principal.workspaceId, principal.role]);
  return createHash('sha256').update(fingerprint).digest('hex');
}

interface Scope {
  organizationId: string;
  actorId: string;
  key: string;
}

type Found = typeof idempotencyKeys.$inferSelect & { abandoned: boolean; responseText: string | null };

/** Answers a request early (a replay) from inside the execution hook, where only a throw gets out. */
class Replay {
  constructor(readonly answer: IdempotentAnswer) {}
}

export function createIdempotency(database: Database, options: IdempotencyOptions = {}) {
  const ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
  const leaseMs = options.leaseMs ?? 5 * 60 * 1000;
  const purgeEveryMs = options.purgeEveryMs ?? 60 * 60 * 1000;
  const recordRetryMs = options.recordRetryMs ?? 1000;
  const { db } = database;
  let lastPurge = 0;
  /** Outcomes still being recorded in the background. */
  const backlog = new Set<Promise<void>>();

  /**
   * Records a key's outcome. The request it belongs to has run: if the database does not take the
   * record now, that must not turn into an error for the client (nor leave the key to be executed
   * again), so it is retried in the background until it lands or the lease runs out.
   */
  async function record(write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      logger.warn({ err: error }, "idempotency: could not record a key's outcome yet, retrying");
      const retry = (async () => {
        for (const deadline = Date.now() + leaseMs; Date.now() < deadline; ) {
          await new Promise((resolve) => setTimeout(resolve, recordRetryMs));
          try {
            return await write();
          } catch {
            // still unavailable: try again
          }
        }
        logger.error("idempotency: gave up recording a key's outcome; the key will be taken over after its lease");
      })();
      backlog.add(retry);
      void retry.finally(() => backlog.delete(retry));
    }
  }

  const whereScope = (scope: Scope) =>
    and(eq(idempotencyKeys.organizationId, scope.organizationId), eq(idempotencyKeys.actorId, scope.actorId), eq(idempotencyKeys.key, scope.key));

  /** The live (unexpired) row of a key, with whether its pending run has outlived the lease. */
  async function find(scope: Scope): Promise<Found | undefined> {
    const [row] = await db
      .select({
        ...getTableColumns(idempotencyKeys),
        // The stored body is a jsonb string holding the exact text sent; `#>> '{}'` reads it as text.
        responseText: sql<string | null>`${idempotencyKeys.responseBody} #>> '{}'`,
        abandoned: sql<boolean>`${idempotencyKeys.createdAt} <= now() - make_interval(secs => ${leaseMs / 1000}::float8)`,
      })
      .from(idempotencyKeys)
      .where(and(whereScope(scope), gt(idempotencyKeys.expiresAt, sql`now()`)));
    return row;
  }

  /** What an existing row says about a request with its key: a replay, a conflict, or (abandoned) nothing. */
  function answerFrom(row: Found, hash: string): IdempotentAnswer | undefined {
    if (row.requestHash !== hash) {
      throw conflict(`Idempotency-Key "${row.key}" was already used with a different request; send a new key for a new request.`);
    }
    if (row.state === 'completed') {
      return { status: row.responseStatus!, body: JSON.parse(row.responseText!), headers: { [REPLAYED_HEADER]: 'true' } };
    }
    if (row.abandoned) return undefined;
    throw conflict(`A request with Idempotency-Key "${row.key}" is still in progress; retry once it has finished.`);
  }

  /**
   * Takes the key for this request: inserts the pending row, or replaces one that expired or was
   * abandoned mid-request. Returns the claim's `created_at` (microseconds, as text) for the
   * compare-and-set that records or releases it.
   */
  async function claim(scope: Scope, method: string, path: string, hash: string): Promise<string | undefined> {
    const rows = await database.rows<{ claimed: string }>(sql`
      insert into gateway.idempotency_keys (organization_id, actor_id, key, method, path, request_hash, state, created_at, expires_at)
      values (${scope.organizationId}, ${scope.actorId}, ${scope.key}, ${method}, ${path}, ${hash}, 'pending', now(), now() + make_interval(secs => ${ttlMs / 1000}::float8))
      on conflict (organization_id, actor_id, key) do update set
        method = excluded.method, path = excluded.path, request_hash = excluded.request_hash, state = 'pending',
        response_status = null, response_body = null, created_at = excluded.created_at, expires_at = excluded.expires_at
      where gateway.idempotency_keys.expires_at <= now()
         or (gateway.idempotency_keys.state = 'pending'
             and gateway.idempotency_keys.request_hash = excluded.request_hash
             and gateway.idempotency_keys.created_at <= now() - make_interval(secs => ${leaseMs / 1000}::float8))
      returning created_at::text as claimed`);
    return rows[0]?.claimed;
  }

  const whereClaim = (scope: Scope, claimed: string) =>
    and(whereScope(scope), eq(idempotencyKeys.state, 'pending'), sql`${idempotencyKeys.createdAt} = ${claimed}::timestamptz`);

  async function complete(scope: Scope, claimed: string, answer: RestAnswer): Promise<void> {
    await db
      .update(idempotencyKeys)
      // The body as the exact text sent (a JSON string in the jsonb column): jsonb would reorder its keys.
      .set({ state: 'completed', responseStatus: answer.status, responseBody: JSON.stringify(answer.body) })
      .where(whereClaim(scope, claimed));
  }

  async function release(scope: Scope, claimed: string): Promise<void> {
    await db.delete(idempotencyKeys).where(whereClaim(scope, claimed));
  }

  /** Deletes every expired row; returns how many. */
  async function purgeExpired(): Promise<number> {
    const deleted = await db.delete(idempotencyKeys).where(lte(idempotencyKeys.expiresAt, sql`now()`)).returning({ key: idempotencyKeys.key });
    return deleted.length;
  }

  /**
   * Serves one /v1 request: reads, and writes without a key, go straight to `execute`; a write with
   * a key is replayed, refused, or executed under the key's claim and its outcome kept.
   */
  async function serve(req: http.IncomingMessage, principal: Principal, rawBody: string, execute: Execute): Promise<IdempotentAnswer> {
    const method = req.method ?? 'GET';
    if (!WRITE_METHODS.has(method)) return execute(async () => {});
    const key = idempotencyKeyOf(req);
    if (key === undefined) return execute(async () => {});

    const url = new URL(req.url ?? '/', 'http://gateway');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const hash = requestHash(method, url, rawBody, principal);
    const scope: Scope = { organizationId: principal.organizationId, actorId: principal.actorId, key };

    const existing = await find(scope);
    if (existing) {
      const answer = answerFrom(existing, hash);
      if (answer) return answer;
    }

    let claimed: string | undefined;
    try {
      const answer = await execute(async () => {
        if (Date.now() - lastPurge >= purgeEveryMs) {
          lastPurge = Date.now();
          await purgeExpired();
        }
        claimed = await claim(scope, method, path, hash);
        if (claimed) return;
        // Another request took the key between our look and our claim: answer as if it had been first.
        const winner = await find(scope);
        const answer = winner ? answerFrom(winner, hash) : undefined;
        if (answer) throw new Replay(answer);
        throw conflict(`A request with Idempotency-Key "${key}" is still in progress; retry once it has finished.`);
      });
      if (claimed) await record(() => complete(scope, claimed!, answer));
      return answer;
    } catch (error) {
      if (error instanceof Replay) return error.answer;
      if (claimed) {
        const key = claimed;
        if (isPlatformError(error) && error.status < 500) await record(() => complete(scope, key, { status: error.status, body: error.toRest() }));
        // Applied, but its answer could not be read: never run again; it is read back and recorded once it can be.
        else if (error instanceof AppliedWithoutAnswer && error.reread) await record(async () => complete(scope, key, await error.reread!()));
        else await record(() => release(scope, key));
      }
      throw error;
    }
  }

  /** Resolves once every outcome recorded in the background has landed (or been given up). */
  async function settled(): Promise<void> {
    while (backlog.size > 0) await Promise.all(backlog);
  }

  return { serve, purgeExpired, settled };
}
