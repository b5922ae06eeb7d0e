import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../../platform/db.ts';
import { appendEvents, type EventInput } from '../../../platform/event-log.ts';
import type { EventRow } from '../../../platform/event-log-table.ts';
import { toIso } from '../../../platform/time.ts';
import { log } from '../../../platform/log.ts';
import { healthEvaluations, healthStates, serviceLines } from '../tables.ts';
import { measureLines } from './measures.ts';
import { assess, type HealthAssessment } from './rules.ts';
import { healthWindow } from './window.ts';

const logger = log.child({ component: 'health' });

/**
 * The periodic health evaluation: every ACTIVE line of every organization is assessed over the
 * default window ending now, and a line whose status differs from the one last recorded gets a
 * `service_line.health_changed` event (healthy → at_risk → critical and back) and its new recorded
 * status, both in one transaction. A line assessed for the first time is recorded as it is; only a
 * line that starts out unhealthy gets an event then (previous_status null).
 *
 * One process evaluates at a time, however many replicas run it: the whole evaluation is one
 * transaction that first takes a transaction-scoped advisory lock with pg_try_advisory_xact_lock;
 * a replica that does not get it skips its turn. A scheduled turn also skips when an evaluation
 * finished less than `minIntervalSeconds` ago by the database's clock (health_evaluations), so
 * several replicas on the same schedule evaluate about once per interval between them, not once
 * each. The transaction is READ COMMITTED (the default):
 * each statement after the lock sees what committed before it, so a replica whose turn follows
 * another's reads the statuses that one recorded and announces no change twice (under REPEATABLE
 * READ the snapshot could predate the other's commit). Everything is read first and the writes
 * come last, so the event log's append lock (platform/event-log.ts) is held only for the writing.
 */
export const HEALTH_EVALUATION_LOCK = 7_204_614;
/** Lines measured per batch (a constant number of statements each; platform/loaders' batches are up to 1000). */
export const EVALUATION_BATCH = 500;
/** Rows per write statement, well under PostgreSQL's bind parameter limit. */
const WRITE_CHUNK = 1000;

export const HEALTH_CHANGED = 'service_line.health_changed';

/** A scheduled turn leaves the work to another replica that evaluated within this share of the interval. */
export const RECENT_SHARE = 0.9;
const PERIODIC = 'periodic';

export interface EvaluationResult {
  /** Another process held the lock, or evaluated within the interval: nothing was assessed or written. */
  skipped: boolean;
  /** Lines assessed. */
  evaluated: number;
  /** Lines whose recorded status was written (first assessments included). */
  recorded: number;
  /** The service_line.health_changed events appended. */
  events: EventRow[];
}

async function rowsOf<T>(tx: Tx, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Assesses every active line, in batches per organization. */
async function assessAll(tx: Tx, now: Date): Promise<HealthAssessment[]> {
  const window = healthWindow({}, now);
  const organizations = await tx.selectDistinct({ id: serviceLines.organizationId }).from(serviceLines)
    .where(eq(serviceLines.status, 'active')).orderBy(serviceLines.organizationId);
  const out: HealthAssessment[] = [];
  for (const { id: organizationId } of organizations) {
    let after = '';
    for (;;) {
      const batch = await tx.select({ id: serviceLines.id }).from(serviceLines)
        .where(and(eq(serviceLines.organizationId, organizationId), eq(serviceLines.status, 'active'), gt(serviceLines.id, after)))
        .orderBy(asc(serviceLines.id)).limit(EVALUATION_BATCH);
      if (batch.length === 0) break;
      const measures = await measureLines(tx, { organizationId, workspaceId: null }, batch.map((r) => r.id), window);
      for (const m of measures.values()) out.push(assess(m));
      after = batch[batch.length - 1].id;
      if (batch.length < EVALUATION_BATCH) break;
    }
  }
  return out;
}

/** The event announcing a line's new status: its score, and the signals that took points. */
export function healthChangedEvent(assessment: HealthAssessment, previous: { status: string; score: number } | undefined): EventInput {
  const { line } = assessment;
  return {
    type: HEALTH_CHANGED,
    organizationId: line.organizationId,
    workspaceId: line.workspaceId,
    actor: { type: 'system', id: null },
    subject: { type: 'service_line', id: line.id },
    payload: {
      previous_status: previous?.status ?? null,
      new_status: assessment.status,
      previous_score: previous?.score ?? null,
      score: assessment.score,
      from: toIso(assessment.from),
      to: toIso(assessment.to),
      signals: assessment.signals.filter((s) => s.level !== 'ok'),
    },
  };
}

/**
 * One evaluation now (or at `now`, for tests): see above. With `minIntervalSeconds`, it skips when
 * an evaluation finished less than that many seconds ago (by the database's clock, whatever `now`).
 */
export async function evaluateHealth(database: Database, now: Date = new Date(), options: { minIntervalSeconds?: number } = {}): Promise<EvaluationResult> {
  return database.db.transaction(async (tx) => {
    const skipped = { skipped: true, evaluated: 0, recorded: 0, events: [] };
    const [{ locked }] = await rowsOf<{ locked: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${HEALTH_EVALUATION_LOCK}) as locked`);
    if (!locked) return skipped;
    if (options.minIntervalSeconds) {
      const recent = await tx.select({ name: healthEvaluations.name }).from(healthEvaluations).where(and(eq(healthEvaluations.name, PERIODIC),
        gt(healthEvaluations.evaluatedAt, sql`now() - ${options.minIntervalSeconds}::double precision * interval '1 second'`)));
      if (recent.length) return skipped;
    }
    const assessments = await assessAll(tx, now);
    const changes: Array<{ assessment: HealthAssessment; previous?: { status: string; score: number } }> = [];
    for (let i = 0; i < assessments.length; i += WRITE_CHUNK) {
      const chunk = assessments.slice(i, i + WRITE_CHUNK);
      const recorded = new Map((await tx.select().from(healthStates)
        .where(inArray(healthStates.serviceLineId, chunk.map((a) => a.line.id)))).map((r) => [r.serviceLineId, r]));
      for (const assessment of chunk) {
        const previous = recorded.get(assessment.line.id);
        if (previous?.status !== assessment.status) changes.push({ assessment, previous });
      }
    }
    const events: EventRow[] = [];
    for (let i = 0; i < changes.length; i += WRITE_CHUNK) {
      const chunk = changes.slice(i, i + WRITE_CHUNK);
      await tx.insert(healthStates).values(chunk.map(({ assessment: a }) => ({
        serviceLineId: a.line.id, organizationId: a.line.organizationId, workspaceId: a.line.workspaceId, status: a.status, score: a.score, changedAt: a.to,
      }))).onConflictDoUpdate({
        target: healthStates.serviceLineId,
        set: { status: sql`excluded.status`, score: sql`excluded.score`, changedAt: sql`excluded.changed_at` },
      });
      const announced = chunk.filter(({ assessment, previous }) => previous || assessment.status !== 'healthy');
      events.push(...await appendEvents(tx, announced.map(({ assessment, previous }) => healthChangedEvent(assessment, previous))));
    }
    // now() is the transaction's start: the next turn counts its interval from this one's.
    await tx.insert(healthEvaluations).values({ name: PERIODIC, evaluatedAt: sql`now()` })
      .onConflictDoUpdate({ target: healthEvaluations.name, set: { evaluatedAt: sql`excluded.evaluated_at` } });
    return { skipped: false, evaluated: assessments.length, recorded: changes.length, events };
  });
}

export interface HealthEvaluation {
  /** One evaluation now, whenever the last one ran (another process's lock still wins), after any evaluation already running in this process. */
  evaluate(): Promise<EvaluationResult>;
  /** Stops the timer and waits for a running evaluation. */
  stop(): Promise<void>;
}

/**
 * Evaluates every `intervalSeconds` in this process (the service-lines subgraph's, or the whole
 * system's under `npm start`), the first time right away; a turn skips when any replica evaluated
 * within RECENT_SHARE of the interval. The timer is unref'd; a failed evaluation is logged and the
 * next one runs on schedule.
 */
export function startHealthEvaluation(database: Database, options: {
  intervalSeconds: number;
  onError?: (error: unknown) => void;
  /** Each scheduled turn's result, skipped ones included. */
  onTurn?: (result: EvaluationResult) => void;
}): HealthEvaluation {
  const onError = options.onError ?? ((error) => logger.error({ err: error }, 'health evaluation failed'));
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const evaluate = (minIntervalSeconds?: number): Promise<EvaluationResult> => {
    const next = running.then(() => evaluateHealth(database, new Date(), { minIntervalSeconds }));
    running = next.catch(() => undefined);
    return next;
  };
  const tick = () => {
    if (stopped) return;
    evaluate(options.intervalSeconds * RECENT_SHARE).then((result) => {
      options.onTurn?.(result);
      if (result.events.length) logger.info({ evaluated: result.evaluated, changed: result.events.length }, 'health evaluated');
    }, onError);
  };
  const first = setTimeout(tick, 0);
  const timer = setInterval(tick, options.intervalSeconds * 1000);
  first.unref();
  timer.unref();
  return {
    evaluate: () => evaluate(),
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
