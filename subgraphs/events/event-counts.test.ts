import { it, expect, beforeAll, afterAll } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import { describeEngines } from '../../test/testkit/describe-engines.ts';
import { startSubgraph, type SubgraphClient } from '../../test/testkit/subgraph.ts';
import { principals, otherTenant } from '../../test/testkit/auth.ts';
import { DEMO } from '../../seed/demo.ts';
import { definition } from './public.ts';

const Q = `query($ws: ID, $types: [String!], $period: Period!, $from: DateTime!, $to: DateTime!) {
  eventCounts(workspaceId: $ws, types: $types, period: $period, from: $from, to: $to) { type periodStart count } }`;

describeEngines('event counts', (ctx) => {
  let client: SubgraphClient;
  beforeAll(async () => {
    client = await startSubgraph(definition, ctx.database, principals.apexAdmin);
  });
  afterAll(() => client.close());

  /** Dense counts with plain SQL: generate_series buckets x types in range, left-joined to the log. */
  function expected(where: SQL, period: string, from: string, to: string) {
    const step = sql.raw(`interval '1 ${period}'`);
    const inRange = sql`e.created_at >= ${from}::timestamptz and e.created_at < ${to}::timestamptz`;
    return ctx.database.rows<{ type: string; periodStart: string; count: number }>(sql`
      with b as (select generate_series(date_trunc(${period}, ${from}::timestamptz at time zone 'UTC'), (${to}::timestamptz - interval '1 microsecond') at time zone 'UTC', ${step}) as b),
           t as (select distinct type from events.events e where ${where} and ${inRange})
      select t.type, to_char(b.b, 'YYYY-MM-DD') as "periodStart", count(e.seq)::int as count
      from b cross join t left join events.events e on e.type = t.type and ${where} and ${inRange}
        and e.created_at >= (b.b at time zone 'UTC') and e.created_at < ((b.b + ${step}) at time zone 'UTC')
      group by b.b, t.type order by b.b, t.type`);
  }
  const org = sql`e.organization_id = ${DEMO.organizationId}`;
  const FROM = '2026-01-01T00:00:00Z';
  const TO = '2026-05-01T00:00:00Z';

  it('counts per type and bucket, as SQL does', async () => {
    for (const period of ['DAY', 'WEEK', 'MONTH']) {
      const { data, errors } = await client.query(Q, { period, from: FROM, to: TO });
      expect(errors, period).toBeUndefined();
      const want = await expected(org, period.toLowerCase(), FROM, TO);
      expect(want.some((p) => p.count > 0), period).toBe(true);
      expect(data.eventCounts, period).toEqual(want);
    }
    const ws = await client.query(Q, { ws: 'WS-26-000021', types: ['task.'], period: 'WEEK', from: FROM, to: TO });
    expect(ws.errors).toBeUndefined();
    expect(ws.data.eventCounts).toEqual(await expected(sql`${org} and e.workspace_id = 'WS-26-000021' and e.type like 'task.%'`, 'week', FROM, TO));
  });

  it('runs one statement and keeps asked-for types with zero counts', async () => {
    const { result, statements } = await ctx.database.statements.measure(() =>
      client.query(Q, { types: ['no_such.thing'], period: 'MONTH', from: FROM, to: TO }));
    expect(statements).toBe(1);
    expect(result.data.eventCounts).toEqual(['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01'].map((periodStart) => ({ type: 'no_such.thing', periodStart, count: 0 })));
  });

  it('counts nothing of another organization, nor of another workspace for a narrowed token', async () => {
    const other = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);
    const [{ type }] = await ctx.database.rows<{ type: string }>(sql`select type from events.events where workspace_id = 'WS-26-000021' limit 1`);
    const foreign = await client.query(Q, { ws: 'WS-26-000021', types: [type], period: 'MONTH', from: '2025-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' }, other);
    expect(foreign.errors).toBeUndefined();
    expect(foreign.data.eventCounts).toHaveLength(24);
    expect(foreign.data.eventCounts.every((p: { count: number }) => p.count === 0)).toBe(true);

    const narrowed = await client.query(Q, { period: 'MONTH', from: FROM, to: TO }, principals.apexPayments);
    expect(narrowed.data.eventCounts).toEqual(await expected(sql`${org} and e.workspace_id = 'WS-26-000021'`, 'month', FROM, TO));
    const [{ id: elsewhere }] = await ctx.database.rows<{ id: string }>(sql`select workspace_id as id from events.events
      where organization_id = ${DEMO.organizationId} and workspace_id <> 'WS-26-000021' limit 1`);
    const hidden = await client.query(Q, { ws: elsewhere, period: 'MONTH', from: FROM, to: TO }, principals.apexPayments);
    expect(hidden.data.eventCounts).toEqual([]);
  });

  it('refuses bad arguments, naming them', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ period: 'DAY', from: TO, to: FROM }, 'to'],
      [{ period: 'DAY', from: '2024-01-01T00:00:00Z', to: TO }, 'to'],
      [{ period: 'DAY', from: FROM, to: TO, types: ['Task Created'] }, 'types'],
      [{ period: 'DAY', from: FROM, to: TO, ws: 'LIN-26-084729' }, 'workspaceId'],
    ];
    for (const [vars, argument] of cases) {
      const { errors } = await client.query(Q, vars);
      expect(errors?.[0].extensions?.code, argument).toBe('BAD_USER_INPUT');
      expect(errors?.[0].extensions?.argument, argument).toBe(argument);
    }
    const badPeriod = await client.query(Q, { period: 'YEAR', from: FROM, to: TO });
    expect(badPeriod.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(badPeriod.errors?.[0].message).toContain('YEAR');
  });
});
