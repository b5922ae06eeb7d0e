import { it, expect } from 'vitest';
import { inArray, sql } from 'drizzle-orm';
import { describeEngines } from '../../test/testkit/describe-engines.ts';
import { DEMO } from '../../seed/demo.ts';
import { Loaders } from '../../platform/loaders.ts';
import { scopeOf } from '../../platform/scope.ts';
import type { Principal } from '../../platform/auth/tokens.ts';
import type { SubgraphContext } from '../../platform/subgraph/context.ts';
import { events, type EventRow } from '../../platform/event-log-table.ts';
import { eventById, primeEvents } from './loaders.ts';

/**
 * A live activity batch hands its events to the co-located events subgraph (primeEvents): those the
 * request's scope may see are found without a statement, exactly as the statement would return them;
 * any other is read as before, and a narrowed token finds none of another workspace's.
 */
describeEngines('events handed to a request by the live feed', (ctx) => {
  const contextOf = (workspaceId: string | null): SubgraphContext => {
    const principal: Principal = { organizationId: DEMO.organizationId, workspaceId, role: 'viewer', actorId: DEMO.adminUserId, actorType: 'user' };
    return { db: ctx.database.db, database: ctx.database, principal, scope: scopeOf(principal), loaders: new Loaders(), deps: undefined as never };
  };
  /** One event of each of the demo organization's workspaces, and one of no workspace. */
  const sample = async () => {
    const ids = await ctx.database.rows<{ id: string }>(sql`select distinct on (coalesce(workspace_id, '')) id from events.events
      where organization_id = ${DEMO.organizationId} order by coalesce(workspace_id, ''), seq`);
    const rows = await ctx.database.uncounted.db.select().from(events).where(inArray(events.id, ids.map((r) => r.id)));
    expect(new Set(rows.map((r) => r.workspaceId)).size).toBeGreaterThan(2);
    return rows as EventRow[];
  };
  const load = (context: SubgraphContext, rows: EventRow[]) => ctx.database.statements.measure(() => Promise.all(rows.map((r) => eventById(context).load(r.id))));

  it('finds every event of the organization without a statement, the same as read', async () => {
    const rows = await sample();
    const read = await load(contextOf(null), rows);
    expect(read.statements).toBe(1);
    const primed = contextOf(null);
    primeEvents(primed, rows);
    const handed = await load(primed, rows);
    expect(handed.statements).toBe(0);
    expect(handed.result).toEqual(read.result);
  });

  it('takes none outside the scope: a narrowed token reads the others, and finds none of them', async () => {
    const rows = await sample();
    const own = rows.filter((r) => r.workspaceId === DEMO.workspaceId);
    const others = rows.filter((r) => r.workspaceId !== DEMO.workspaceId);
    const foreign = { ...own[0], id: 'EVT-26-999999', organizationId: 'ORG-26-999999' };
    const narrowed = contextOf(DEMO.workspaceId);
    primeEvents(narrowed, [...rows, foreign]);
    const ownRead = await load(narrowed, own);
    expect(ownRead.statements).toBe(0);
    expect(ownRead.result).toEqual(own);
    const othersRead = await load(narrowed, [...others, foreign]);
    expect(othersRead.statements).toBe(1);
    expect(othersRead.result.every((r) => r === undefined)).toBe(true);
    // The organization's token takes the organization's events, never another organization's.
    const whole = contextOf(null);
    primeEvents(whole, [foreign]);
    expect((await load(whole, [foreign])).result).toEqual([undefined]);
  });
});
