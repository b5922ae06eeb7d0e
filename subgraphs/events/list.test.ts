import { it, expect, beforeAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEngines } from '../../test/testkit/describe-engines.ts';
import { DEMO } from '../../seed/demo.ts';
import { encodeCursor } from '../../platform/cursor.ts';
import type { Scope } from '../../platform/scope.ts';
import { checkEventList, readEventBatch, readEventLines, readEventList, type RootEventListArgs } from './list.ts';
import { lineShape, MAX_LINE_SHAPES, rowJsonValue, type RowJson } from './row-json.ts';

/**
 * The bulk read of exports and NDJSON lists (readEventBatch) returns exactly what the field's read
 * (readEventList) returns for the same arguments and batch size: the same rows, keys, values and
 * order, timestamps to the millisecond as the query builder maps them (sub-millisecond, pre-1970).
 */
describeEngines('the events list read in batches', (ctx) => {
  const org: Scope = { organizationId: DEMO.organizationId, workspaceId: null };
  const narrowed: Scope = { organizationId: DEMO.organizationId, workspaceId: 'WS-26-000021' };
  const INSTANTS = ['2026-04-10 10:00:00.123456+00', '2026-04-10 10:00:00.999999+00', '2026-04-10 10:00:00.0005+00', '1969-12-31 23:59:59.9995+00', '1969-07-20 20:17:40+00'];

  beforeAll(async () => {
    // Events whose instants have microseconds (PostgreSQL keeps them; the API answers milliseconds).
    for (const [i, at] of INSTANTS.entries()) {
      await ctx.database.rows(sql`insert into events.events (type, organization_id, workspace_id, actor_type, actor_id, subject_type, subject_id, payload, created_at)
        values ('test.instant', ${DEMO.organizationId}, null, 'system', null, 'task', ${`TSK-26-99990${i}`}, ${JSON.stringify({ i, n: 1.5, list: [1, 'x', null] })}::jsonb, ${at}::timestamptz)`);
    }
  });

  async function same(scope: Scope, args: RootEventListArgs, limit: number) {
    const checked = checkEventList(scope, args);
    const batch = await readEventBatch(ctx.database, scope, checked, limit);
    const page = await readEventList(ctx.database.db, scope, checked, limit);
    expect(JSON.stringify(batch)).toBe(JSON.stringify(page));
    expect(batch.rows.map((row) => row.createdAt.getTime())).toEqual(page.rows.map((row) => row.createdAt.getTime()));
    return batch;
  }

  it('reads what the field reads: every row, key and value in order, page after page, in any batch size', async () => {
    for (const limit of [1, 7, 1000]) {
      let after: string | undefined;
      let rows = 0;
      for (;;) {
        const batch = await same(org, { first: 100, after }, limit);
        rows += batch.rows.length;
        if (!batch.hasMore) break;
        after = encodeCursor(batch.rows.at(-1)!.id);
        if (limit === 1 && rows >= 40) break;
      }
      expect(rows).toBeGreaterThan(limit === 1 ? 39 : 100);
    }
    const instants = await same(org, { first: 100, types: ['test.instant'] }, 100);
    expect(instants.rows.map((row) => row.createdAt.toISOString()).sort()).toEqual(
      ['2026-04-10T10:00:00.123Z', '2026-04-10T10:00:00.999Z', '2026-04-10T10:00:00.000Z', '1969-12-31T23:59:59.999Z', '1969-07-20T20:17:40.000Z'].sort());
    expect(typeof instants.rows[0].seq).toBe('number');
  });

  it('keeps the field\'s tenancy, filters and cursor rule', async () => {
    const narrowedRows = await same(narrowed, { first: 100 }, 1000);
    expect(narrowedRows.rows.length).toBeGreaterThan(0);
    expect(narrowedRows.rows.every((row) => row.workspaceId === 'WS-26-000021')).toBe(true);
    await same(org, { first: 100, types: ['task.', 'incident.'], from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-04-11T00:00:00Z') }, 50);
    // Another organization named: nothing, as for the field.
    expect(await same(org, { first: 100, organizationId: DEMO.otherOrganizationId }, 1000)).toEqual({ rows: [], hasMore: false });
    // A cursor naming another organization's event places nothing: no rows, and the field's error for a cursor no longer retained.
    const [theirs] = await ctx.database.rows<{ id: string }>(sql`select id from events.events where organization_id = ${DEMO.otherOrganizationId} limit 1`);
    const foreign = checkEventList(org, { first: 100, after: encodeCursor(theirs.id) });
    await expect(readEventBatch(ctx.database, org, foreign, 1000)).rejects.toThrow(/no longer retained/);
    await expect(readEventList(ctx.database.db, org, foreign, 1000)).rejects.toThrow(/no longer retained/);
  });

  it('builds each row\'s line in the database as JSON.stringify writes the value built in this process', async () => {
    // Text that needs escaping, in a nullable column the rows above leave null.
    await ctx.database.rows(sql`insert into events.events (type, organization_id, workspace_id, actor_type, actor_id, subject_type, subject_id, created_at)
      values ('test.instant', ${DEMO.organizationId}, 'WS-26-000021', 'user', ${'USR-"quoted"\\back\nline\ttab\u0001\u007f é ✓ 😀'}, 'task', 'TSK-26-999990', '2026-04-10 10:00:00+00')`);
    const column = (name: Extract<RowJson, { kind: 'column' }>['column']): RowJson => ({ kind: 'column', column: name });
    const envelope: RowJson = {
      kind: 'object',
      entries: [
        ['__typename', { kind: 'constant', value: 'Event' }], ['id', column('id')], ['type', column('type')], ['when', column('createdAt')],
        ['workspace', { kind: 'unlessNull', column: 'workspaceId', value: { kind: 'object', entries: [['id', column('workspaceId')], ['__typename', { kind: 'constant', value: 'Workspace' }]] } }],
        ['actor', { kind: 'object', entries: [['type', column('actorType')], ['id', column('actorId')]] }], ['empty', { kind: 'object', entries: [] }],
        ['subject_id', column('subjectId')], ['org', column('organizationId')],
      ],
    };
    const withPayload: RowJson = { kind: 'object', entries: [['id', column('id')], ['payload', column('payload')], ['created_at', column('createdAt')]] };
    for (const [scope, args] of [[org, { first: 100, types: ['test.instant'] }], [narrowed, { first: 100 }], [org, { first: 100, organizationId: DEMO.otherOrganizationId }]] as const) {
      const checked = checkEventList(scope, args);
      const { rows, hasMore } = await readEventBatch(ctx.database, scope, checked, 1000);
      const exact = await readEventLines(ctx.database, scope, checked, 1000, lineShape(envelope)!);
      expect({ ...exact, lines: exact.lines.map(String) }).toEqual({ lines: rows.map((row) => JSON.stringify(rowJsonValue(envelope)(row))), hasMore, lastId: rows.at(-1)?.id ?? null });
      // payload is the jsonb's own text (spaced): the same value, keys in the same order.
      const spaced = await readEventLines(ctx.database, scope, checked, 1000, lineShape(withPayload)!);
      expect(spaced.lines.map((line) => JSON.stringify(JSON.parse(String(line))))).toEqual(rows.map((row) => JSON.stringify(rowJsonValue(withPayload)(row))));
    }
    const instants = (await readEventLines(ctx.database, org, checkEventList(org, { first: 100, types: ['test.instant'] }), 1000, lineShape(withPayload)!)).lines.map((line) => JSON.parse(String(line)).created_at);
    expect(instants.sort()).toEqual(['2026-04-10T10:00:00.123Z', '2026-04-10T10:00:00.999Z', '2026-04-10T10:00:00Z', '2026-04-10T10:00:00Z', '1969-12-31T23:59:59.999Z', '1969-07-20T20:17:40Z'].sort());
    // A batch of two out of several: two lines, more to come, and the cursor's row is the second.
    const two = await readEventLines(ctx.database, org, checkEventList(org, { first: 100, types: ['test.instant'] }), 2, lineShape(withPayload)!);
    expect(two).toMatchObject({ hasMore: true, lastId: JSON.parse(String(two.lines[1])).id });
    expect(two.lines).toHaveLength(2);
  });

  it('gives the database a bounded number of line shapes (statement texts), the first met', () => {
    const shapeOf = (i: number): RowJson => ({ kind: 'object', entries: [[`k${i}`, { kind: 'column', column: 'id' }]] });
    const admitted = Array.from({ length: MAX_LINE_SHAPES + 5 }, (_, i) => lineShape(shapeOf(i)));
    expect(admitted.filter(Boolean).length).toBeLessThanOrEqual(MAX_LINE_SHAPES);
    expect(admitted.at(-1)).toBeUndefined();
    // Keys and constants are written into the statement: anything but a name is built in this process.
    expect(lineShape({ kind: 'object', entries: [["it's", { kind: 'column', column: 'id' }]] })).toBeUndefined();
    expect(lineShape({ kind: 'object', entries: [['t', { kind: 'constant', value: "x' || pg_sleep(1) || '" }]] })).toBeUndefined();
    // A shape admitted before stays admitted (the same statement).
    const first = admitted.findIndex(Boolean);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(lineShape(shapeOf(first))).toBe(admitted[first]);
  });

  it('reads forward only, as exports and NDJSON lists do', async () => {
    await expect(readEventBatch(ctx.database, org, checkEventList(org, { last: 10 }), 10)).rejects.toThrow(/forward/);
  });
});
