import { it, expect, vi } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { describeEngines } from '../../../test/testkit/describe-engines.ts';
import { openDatabase, type Database } from '../../../platform/db.ts';
import * as t from '../../../schema/tables.ts';
import { DEMO } from '../../../seed/demo.ts';
import { evaluateHealth, startHealthEvaluation, HEALTH_CHANGED, HEALTH_EVALUATION_LOCK } from './evaluation.ts';
import { measureLines } from './measures.ts';
import { assess } from './rules.ts';
import { healthWindow } from './window.ts';

/** The periodic evaluation over the demo data at the demo's now, on both engines. */
const NOW = new Date(DEMO.now);
const LINE = DEMO.podServiceLineId;

describeEngines('periodic health evaluation', (ctx) => {
  const db = () => ctx.database.db;
  const states = async () => Object.fromEntries((await db().select().from(t.healthStates)).map((s) => [s.serviceLineId, { status: s.status, score: s.score }]));
  const changedEvents = () => db().select().from(t.events).where(eq(t.events.type, HEALTH_CHANGED)).orderBy(t.events.seq);
  /** What the rules say of every active line of an organization at `now`, computed apart from the evaluation. */
  const expected = async (organizationId: string, now: Date) => {
    const ids = (await db().select({ id: t.serviceLines.id }).from(t.serviceLines)
      .where(and(eq(t.serviceLines.organizationId, organizationId), eq(t.serviceLines.status, 'active')))).map((r) => r.id);
    return [...(await measureLines(db(), { organizationId, workspaceId: null }, ids, healthWindow({}, now))).values()].map(assess);
  };

  it('records every active line at its first evaluation, announcing the ones that are not healthy', async () => {
    const result = await evaluateHealth(ctx.database, NOW);
    const assessments = [...await expected(DEMO.organizationId, NOW), ...await expected(DEMO.otherOrganizationId, NOW)];
    expect(result).toMatchObject({ skipped: false, evaluated: assessments.length, recorded: assessments.length });
    expect(await states()).toEqual(Object.fromEntries(assessments.map((a) => [a.line.id, { status: a.status, score: a.score }])));
    const unhealthy = assessments.filter((a) => a.status !== 'healthy');
    expect(unhealthy.length).toBeGreaterThan(1);
    const events = await changedEvents();
    expect(events.map((e) => e.subjectId).sort()).toEqual(unhealthy.map((a) => a.line.id).sort());
    expect(result.events.map((e) => e.id)).toEqual(events.map((e) => e.id));
    const pod = events.find((e) => e.subjectId === LINE)!;
    expect(pod).toMatchObject({
      organizationId: DEMO.organizationId, workspaceId: DEMO.workspaceId, actorType: 'system', actorId: null, subjectType: 'service_line',
      payload: { previous_status: null, new_status: 'at_risk', previous_score: null, score: 51, from: '2026-03-18T09:45:00Z', to: '2026-04-15T09:45:00Z' },
    });
    // The signals that took points, as the assessment gives them.
    const signals = (pod.payload as { signals: Array<{ rule: string; level: string }> }).signals;
    expect(signals.map((s) => s.rule)).toEqual(['incidents', 'tickets', 'sla', 'work_in_progress', 'integrations']);
    expect(signals).toEqual(assessments.find((a) => a.line.id === LINE)!.signals.filter((s) => s.level !== 'ok').map((s) => JSON.parse(JSON.stringify(s))));
  });

  it('appends nothing while no status changes', async () => {
    const before = (await changedEvents()).length;
    expect(await evaluateHealth(ctx.database, NOW)).toMatchObject({ skipped: false, recorded: 0, events: [] });
    expect(await evaluateHealth(ctx.database, new Date(NOW.getTime() + 60_000))).toMatchObject({ recorded: 0, events: [] });
    expect((await changedEvents()).length).toBe(before);
  });

  it('announces each change of status, up and back, with the previous status and score', async () => {
    const [incident] = await db().insert(t.incidents).values({
      organizationId: DEMO.organizationId, workspaceId: DEMO.workspaceId, serviceLineId: LINE, podId: DEMO.podId, title: 'Payouts stopped',
      severity: 'critical', status: 'open', openedAt: new Date(NOW.getTime() - 60_000),
    }).returning();
    const worse = await evaluateHealth(ctx.database, NOW);
    expect(worse.events.map((e) => [e.subjectId, e.payload.previous_status, e.payload.new_status, e.payload.previous_score, e.payload.score]))
      .toEqual([[LINE, 'at_risk', 'critical', 51, 21]]);
    expect((await states())[LINE]).toEqual({ status: 'critical', score: 21 });
    await db().update(t.incidents).set({ status: 'resolved', resolvedAt: new Date(NOW.getTime() - 30_000) }).where(eq(t.incidents.id, incident.id));
    const better = await evaluateHealth(ctx.database, NOW);
    expect(better.events.map((e) => [e.subjectId, e.payload.previous_status, e.payload.new_status])).toEqual([[LINE, 'critical', 'at_risk']]);
    expect((await states())[LINE]).toEqual({ status: 'at_risk', score: 51 });
  });

  it('writes the recorded status and its event in one transaction: when the event cannot be written, neither is', async () => {
    await db().insert(t.incidents).values({
      organizationId: DEMO.organizationId, workspaceId: DEMO.workspaceId, serviceLineId: LINE, podId: DEMO.podId, title: 'Ledger drift',
      severity: 'critical', status: 'open', openedAt: new Date(NOW.getTime() - 60_000),
    });
    const before = { states: await states(), events: (await changedEvents()).length };
    await db().execute(sql`create function events.refuse_health() returns trigger language plpgsql as $$
      begin if new.type = ${sql.raw(`'${HEALTH_CHANGED}'`)} then raise exception 'refused by the test'; end if; return new; end $$`);
    await db().execute(sql`create trigger refuse_health before insert on events.events for each row execute function events.refuse_health()`);
    try {
      await expect(evaluateHealth(ctx.database, NOW)).rejects.toThrow();
      expect({ states: await states(), events: (await changedEvents()).length }).toEqual(before);
    } finally {
      await db().execute(sql`drop trigger refuse_health on events.events`);
      await db().execute(sql`drop function events.refuse_health()`);
    }
    const after = await evaluateHealth(ctx.database, NOW);
    expect(after.events.map((e) => [e.subjectId, e.payload.new_status])).toEqual([[LINE, 'critical']]);
    expect((await states())[LINE].status).toBe('critical');
  });

  // Several replicas need several connections: PGlite serves one process through one connection,
  // where evaluations simply run one after the other (as the tests above do).
  it.skipIf(ctx.engine === 'pglite')('lets one process evaluate at a time: while another holds the lock, an evaluation skips its turn and writes nothing', async () => {
    const replica: Database = await openDatabase({ databaseUrl: ctx.url!, max: 2 });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const holding = new Promise<void>((resolve) => (locked = resolve));
    const holder = replica.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${HEALTH_EVALUATION_LOCK})`);
      locked();
      await held;
    });
    try {
      await holding;
      await db().insert(t.incidents).values({
        organizationId: DEMO.organizationId, workspaceId: DEMO.workspaceId, serviceLineId: DEMO.serviceLineId, title: 'Build farm down',
        severity: 'critical', status: 'open', openedAt: new Date(NOW.getTime() - 60_000),
      });
      const before = { states: await states(), events: (await changedEvents()).length };
      expect(await evaluateHealth(ctx.database, NOW)).toEqual({ skipped: true, evaluated: 0, recorded: 0, events: [] });
      expect({ states: await states(), events: (await changedEvents()).length }).toEqual(before);
    } finally {
      release();
      await holder;
      await replica.close();
    }
    const turn = await evaluateHealth(ctx.database, NOW);
    expect(turn.events.map((e) => [e.subjectId, e.payload.new_status])).toEqual([[DEMO.serviceLineId, 'critical']]);
  });

  it('leaves a turn to the replica that evaluated within the interval (by the database clock), and takes it once the interval has passed', async () => {
    await evaluateHealth(ctx.database, NOW);
    const [first] = await db().select().from(t.healthEvaluations);
    expect(first.name).toBe('periodic');
    // A line recorded healthy gets a critical incident: a change the skipped turn must not announce.
    const [healthy] = await db().select().from(t.healthStates)
      .where(and(eq(t.healthStates.organizationId, DEMO.organizationId), eq(t.healthStates.status, 'healthy'))).orderBy(t.healthStates.serviceLineId).limit(1);
    await db().insert(t.incidents).values({
      organizationId: DEMO.organizationId, workspaceId: healthy.workspaceId, serviceLineId: healthy.serviceLineId, title: 'Queue backlog',
      severity: 'critical', status: 'open', openedAt: new Date(NOW.getTime() - 60_000),
    });
    const before = { states: await states(), events: (await changedEvents()).length };
    expect(await evaluateHealth(ctx.database, NOW, { minIntervalSeconds: 3600 })).toEqual({ skipped: true, evaluated: 0, recorded: 0, events: [] });
    expect({ states: await states(), events: (await changedEvents()).length }).toEqual(before);
    expect(await db().select().from(t.healthEvaluations)).toEqual([first]);
    // An hour later by the database's clock, the turn is taken and recorded.
    await db().update(t.healthEvaluations).set({ evaluatedAt: sql`now() - interval '3601 seconds'` });
    const turn = await evaluateHealth(ctx.database, NOW, { minIntervalSeconds: 3600 });
    expect(turn.skipped).toBe(false);
    expect(turn.events.map((e) => [e.subjectId, e.payload.previous_status, e.payload.new_status])).toEqual([[healthy.serviceLineId, 'healthy', 'critical']]);
    const [after] = await db().select().from(t.healthEvaluations);
    expect(after.evaluatedAt.getTime()).toBeGreaterThan(Date.now() - 600_000);
    expect(await evaluateHealth(ctx.database, NOW, { minIntervalSeconds: 3600 })).toMatchObject({ skipped: true });
  });

  it('takes one scheduled turn between two replicas starting together: the other finds it done', async () => {
    await db().delete(t.healthEvaluations);
    const turns: Array<{ replica: string; skipped: boolean }> = [];
    const replicas = ['a', 'b'].map((replica) => startHealthEvaluation(ctx.database, { intervalSeconds: 3600, onTurn: (r) => turns.push({ replica, skipped: r.skipped }) }));
    try {
      await vi.waitFor(() => expect(turns).toHaveLength(2), { timeout: 60_000, interval: 50 });
    } finally {
      await Promise.all(replicas.map((r) => r.stop()));
    }
    expect(turns.filter((turn) => !turn.skipped)).toHaveLength(1);
    expect(await db().select().from(t.healthEvaluations)).toHaveLength(1);
  });

  // Last: a scheduled evaluation reads the real clock, which moves every line's window.
  it('runs on a schedule, the first time at once, and stops after the evaluation in flight', async () => {
    const evaluation = startHealthEvaluation(ctx.database, { intervalSeconds: 3600 });
    const result = await evaluation.evaluate();
    expect(result.skipped).toBe(false);
    expect(result.evaluated).toBeGreaterThan(10);
    await evaluation.stop();
  });
});
