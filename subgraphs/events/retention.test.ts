import { it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEngines } from '../../test/testkit/describe-engines.ts';
import { startSubgraph, type SubgraphClient } from '../../test/testkit/subgraph.ts';
import { principals } from '../../test/testkit/auth.ts';
import { loadConfig } from '../../platform/config.ts';
import { DEMO } from '../../seed/demo.ts';
import { events } from '../../platform/event-log-table.ts';
import { definition } from './public.ts';
import { purgeExpiredEvents, startEventRetention } from './retention.ts';

const DAY = 24 * 60 * 60 * 1000;
const PAGE = `query($after: String) { events(first: 5, after: $after) { edges { cursor node { id } } } }`;

describeEngines('event retention', (ctx) => {
  let client: SubgraphClient;
  beforeAll(async () => {
    client = await startSubgraph(definition, ctx.database, principals.apexAdmin);
  });
  afterAll(() => client?.close());

  const log = async () => ctx.database.rows<{ id: string; created_at: string }>(sql`select id, created_at::text from events.events order by seq`);
  const idsCreated = async (op: '<' | '>=', cutoff: Date) =>
    (await ctx.database.rows<{ id: string }>(sql`select id from events.events where created_at ${sql.raw(op)} ${cutoff.toISOString()}::timestamptz order by id`)).map((r) => r.id);

  it('removes the events older than the window, in bounded batches, and keeps the rest', async () => {
    // The demo log runs from early 2026 to DEMO.now; a 30-day window from DEMO.now cuts through it.
    const now = new Date(DEMO.now);
    const cutoff = new Date(now.getTime() - 30 * DAY);
    // One event exactly at the cutoff (kept) and one a millisecond before it (removed).
    const [atCutoff, justBefore] = await ctx.database.db.insert(events).values([
      { type: 'task.created', organizationId: DEMO.organizationId, workspaceId: DEMO.workspaceId, actorType: 'user', actorId: DEMO.adminUserId, subjectType: 'task', subjectId: DEMO.taskId, createdAt: cutoff },
      { type: 'task.created', organizationId: DEMO.organizationId, workspaceId: DEMO.workspaceId, actorType: 'user', actorId: DEMO.adminUserId, subjectType: 'task', subjectId: DEMO.taskId, createdAt: new Date(cutoff.getTime() - 1) },
    ]).returning();
    const expired = await idsCreated('<', cutoff);
    const kept = await idsCreated('>=', cutoff);
    expect(expired).toContain(justBefore.id);
    expect(kept).toContain(atCutoff.id);
    expect(expired.length).toBeGreaterThan(120);
    expect(kept.length).toBeGreaterThan(0);

    const batchSize = 50;
    const { result, statements } = await ctx.database.statements.measure(() => purgeExpiredEvents(ctx.database, { days: 30, now, batchSize }));
    // Full batches, then the one that finds fewer than a batch left; each is one statement.
    const batches = Math.floor(expired.length / batchSize) + 1;
    expect(result).toEqual({ deleted: expired.length, batches, cutoff });
    expect(statements).toBe(batches);
    expect(await idsCreated('<', cutoff)).toEqual([]);
    expect(await idsCreated('>=', cutoff)).toEqual(kept);

    // Nothing left to remove: one statement that deletes nothing.
    expect(await purgeExpiredEvents(ctx.database, { days: 30, now, batchSize })).toEqual({ deleted: 0, batches: 1, cutoff });
  });

  it('refuses a window or batch that is not a positive whole number', async () => {
    const before = await log();
    for (const options of [{ days: 0 }, { days: -1 }, { days: 1.5 }, { days: 90, batchSize: 0 }]) {
      await expect(purgeExpiredEvents(ctx.database, options)).rejects.toThrow(/positive integer/);
    }
    expect(await log()).toEqual(before);
  });

  it('answers a cursor naming a removed event with the clear error, not an empty page', async () => {
    const [event] = await ctx.database.db.insert(events).values({
      type: 'task.created', organizationId: DEMO.organizationId, workspaceId: DEMO.workspaceId, actorType: 'user', actorId: DEMO.adminUserId,
      subjectType: 'task', subjectId: DEMO.taskId, createdAt: new Date('2020-01-01T00:00:00Z'),
    }).returning();
    const cursor = Buffer.from(JSON.stringify({ id: event.id })).toString('base64url');
    const before = await client.query(PAGE, { after: cursor });
    expect(before.errors).toBeUndefined();

    const { deleted } = await purgeExpiredEvents(ctx.database, { days: 90, now: new Date(DEMO.now) });
    expect(deleted).toBeGreaterThanOrEqual(1);
    const after = await client.query(PAGE, { after: cursor });
    expect(after.data).toEqual({ events: null });
    expect(after.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(after.errors?.[0].message).toContain(`after: event ${event.id} is no longer retained`);
  });

  it('sweeps on a schedule whose sweeps never overlap, and stops', async () => {
    const [old] = await ctx.database.db.insert(events).values({
      type: 'task.created', organizationId: DEMO.organizationId, workspaceId: DEMO.workspaceId, actorType: 'user', actorId: DEMO.adminUserId,
      subjectType: 'task', subjectId: DEMO.taskId, createdAt: new Date('2020-01-01T00:00:00Z'),
    }).returning();
    const errors: unknown[] = [];
    const retention = startEventRetention(ctx.database, { days: 365, intervalMs: 3_600_000, batchSize: 1000, onError: (e) => errors.push(e) });
    try {
      // Two sweeps asked for at once run one after the other: between them they delete the old event once.
      const [first, second] = await Promise.all([retention.sweep(), retention.sweep()]);
      expect(first.deleted + second.deleted).toBeGreaterThanOrEqual(1);
      expect(second.deleted).toBe(0);
      expect((await log()).some((e) => e.id === old.id)).toBe(false);
    } finally {
      await retention.stop();
    }
    expect(errors).toEqual([]);
  });
});

it('configures retention from EVENT_RETENTION_DAYS: 90 on PostgreSQL, off on the embedded database, 0 or off disables', () => {
  const url = 'postgres://db/app';
  expect(loadConfig({}).eventRetentionDays).toBeNull();
  expect(loadConfig({ DATABASE_URL: url }).eventRetentionDays).toBe(90);
  expect(loadConfig({ EVENT_RETENTION_DAYS: '30' }).eventRetentionDays).toBe(30);
  expect(loadConfig({ DATABASE_URL: url, EVENT_RETENTION_DAYS: '7' }).eventRetentionDays).toBe(7);
  expect(loadConfig({ DATABASE_URL: url, EVENT_RETENTION_DAYS: '0' }).eventRetentionDays).toBeNull();
  expect(loadConfig({ DATABASE_URL: url, EVENT_RETENTION_DAYS: 'off' }).eventRetentionDays).toBeNull();
  expect(loadConfig({ DATABASE_URL: url, EVENT_RETENTION_DAYS: 'OFF' }).eventRetentionDays).toBeNull();
  for (const bad of ['-1', '1.5', 'ninety', '99999']) {
    expect(() => loadConfig({ EVENT_RETENTION_DAYS: bad }), bad).toThrow(/EVENT_RETENTION_DAYS/);
  }
});
