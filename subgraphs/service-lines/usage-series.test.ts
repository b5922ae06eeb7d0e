import { it, expect, beforeAll, afterAll } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import { describeEngines } from '../../test/testkit/describe-engines.ts';
import { startSubgraph, type SubgraphClient } from '../../test/testkit/subgraph.ts';
import { principals, otherTenant } from '../../test/testkit/auth.ts';
import { DEMO } from '../../seed/demo.ts';
import { definition } from './public.ts';

const POINT = 'periodStart metric quantity cost currency';
const reps = (typename: string, ids: string[]) =>
  JSON.stringify(ids.map((id) => ({ __typename: typename, id }))).replace(/"(__typename|id)":/g, '$1:');

describeEngines('usage series', (ctx) => {
  let client: SubgraphClient;
  beforeAll(async () => {
    client = await startSubgraph(definition, ctx.database, principals.apexAdmin);
  });
  afterAll(() => client.close());

  /** The dense series computed with plain SQL: generate_series buckets x metrics in range, left-joined to sums. */
  async function expected(where: SQL, period: string, from: string, to: string) {
    const step = sql.raw(`interval '1 ${period}'`);
    const inRange = sql`u.recorded_at >= (${from}::date::timestamp at time zone 'UTC') and u.recorded_at < ((${to}::date + 1)::timestamp at time zone 'UTC')`;
    return ctx.database.rows(sql`
      with b as (select generate_series(date_trunc(${period}, ${from}::date::timestamp), ${to}::date::timestamp, ${step}) as b),
           m as (select distinct metric, currency from service_lines.usage_records u where ${where} and ${inRange})
      select to_char(b.b, 'YYYY-MM-DD') as "periodStart", m.metric, coalesce(sum(u.quantity), 0)::float8 as quantity,
             coalesce(sum(u.cost), 0)::float8 as cost, m.currency::text as currency
      from b cross join m left join service_lines.usage_records u on u.metric = m.metric and u.currency = m.currency and ${where} and ${inRange}
        and u.recorded_at >= (b.b at time zone 'UTC') and u.recorded_at < ((b.b + ${step}) at time zone 'UTC')
      group by b.b, m.metric, m.currency order by b.b, m.metric, m.currency`);
  }
  const org = sql`u.organization_id = ${DEMO.organizationId}`;

  it('sums the organization, a workspace and a line per bucket and metric, as SQL does', async () => {
    const cases: Array<[string, string, SQL, string, string, string]> = [
      ['usageSeries(period: MONTH, from: "2025-11-01", to: "2026-04-30")', 'usageSeries', org, 'month', '2025-11-01', '2026-04-30'],
      ['usageSeries(workspaceId: "WS-26-000021", period: WEEK, from: "2026-03-01", to: "2026-04-30")', 'usageSeries', sql`${org} and u.workspace_id = 'WS-26-000021'`, 'week', '2026-03-01', '2026-04-30'],
      ['serviceLine(id: "LIN-26-084729") { usageSeries(period: DAY, from: "2026-04-01", to: "2026-04-30")', 'serviceLine', sql`${org} and u.service_line_id = 'LIN-26-084729'`, 'day', '2026-04-01', '2026-04-30'],
    ];
    for (const [field, root, where, period, from, to] of cases) {
      const nested = root === 'serviceLine';
      const { data, errors } = await client.query(`{ ${field} { ${POINT} } ${nested ? '}' : ''} }`);
      expect(errors, field).toBeUndefined();
      const want = await expected(where, period, from, to);
      expect(want.some((p) => Number(p.cost) > 0), field).toBe(true);
      expect(nested ? data.serviceLine.usageSeries : data.usageSeries, field).toEqual(want);
    }
  });

  it('gives many lines and workspaces their series in one statement each', async () => {
    const lines = (await ctx.database.rows<{ id: string }>(sql`select id from service_lines.service_lines where organization_id = ${DEMO.organizationId} order by id limit 25`)).map((r) => r.id);
    const q = `{ _entities(representations: ${reps('ServiceLine', lines)}) { ... on ServiceLine { id usageSeries(period: MONTH, from: "2026-01-01", to: "2026-04-30") { ${POINT} } } } }`;
    const { result, statements } = await ctx.database.statements.measure(() => client.query(q));
    expect(result.errors).toBeUndefined();
    expect(statements).toBe(2);
    for (const line of result.data._entities) {
      expect(line.usageSeries, line.id).toEqual(await expected(sql`${org} and u.service_line_id = ${line.id}`, 'month', '2026-01-01', '2026-04-30'));
    }
    const workspaces = (await ctx.database.rows<{ id: string }>(sql`select distinct workspace_id as id from service_lines.usage_records where organization_id = ${DEMO.organizationId} order by 1`)).map((r) => r.id);
    const wq = `{ _entities(representations: ${reps('Workspace', workspaces)}) { ... on Workspace { id usageSeries(period: MONTH, from: "2026-01-01", to: "2026-04-30") { ${POINT} } } } }`;
    const ws = await ctx.database.statements.measure(() => client.query(wq));
    expect(ws.statements).toBe(1);
    for (const w of ws.result.data._entities) {
      expect(w.usageSeries, w.id).toEqual(await expected(sql`${org} and u.workspace_id = ${w.id}`, 'month', '2026-01-01', '2026-04-30'));
    }
  });

  it('sums nothing of another organization, nor of another workspace for a narrowed token', async () => {
    const other = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);
    const args = 'period: MONTH, from: "2025-01-01", to: "2026-12-31"';
    const foreign = await client.query(`{ usageSeries(workspaceId: "WS-26-000021", ${args}) { cost }
      _entities(representations: ${reps('Workspace', ['WS-26-000021'])}) { ... on Workspace { usageSeries(${args}) { cost } } } }`, {}, other);
    expect(foreign.errors).toBeUndefined();
    expect(foreign.data.usageSeries).toEqual([]);
    expect(foreign.data._entities[0].usageSeries).toEqual([]);
    const own = await client.query(`{ usageSeries(${args}) { metric cost } }`, {}, other);
    expect(own.data.usageSeries.length).toBeGreaterThan(0);
    expect(own.data.usageSeries).toEqual(await expected(sql`u.organization_id = ${DEMO.otherOrganizationId}`, 'month', '2025-01-01', '2026-12-31').then((r) => r.map(({ metric, cost }) => ({ metric, cost }))));

    const narrowed = await client.query(`{ usageSeries(${args}) { periodStart metric cost } }`, {}, principals.apexPayments);
    const want = await expected(sql`${org} and u.workspace_id = 'WS-26-000021'`, 'month', '2025-01-01', '2026-12-31');
    expect(want.length).toBeGreaterThan(0);
    expect(narrowed.data.usageSeries).toEqual(want.map(({ periodStart, metric, cost }) => ({ periodStart, metric, cost })));
    const [{ id: otherWorkspace }] = await ctx.database.rows<{ id: string }>(sql`select workspace_id as id from service_lines.usage_records
      where organization_id = ${DEMO.organizationId} and workspace_id <> 'WS-26-000021' limit 1`);
    const elsewhere = await client.query(`{ usageSeries(workspaceId: "${otherWorkspace}", ${args}) { cost } }`, {}, principals.apexPayments);
    expect(elsewhere.data.usageSeries).toEqual([]);
  });

  it('refuses bad arguments, naming them', async () => {
    const cases: Array<[string, string]> = [
      ['usageSeries(period: MONTH, from: "2026-05-01", to: "2026-04-01") { cost }', 'to'],
      ['usageSeries(period: DAY, from: "2025-01-01", to: "2026-12-31") { cost }', 'to'],
      ['usageSeries(workspaceId: "LIN-26-084729", period: DAY, from: "2026-01-01", to: "2026-01-31") { cost }', 'workspaceId'],
      ['usageSeries(period: YEAR, from: "2026-01-01", to: "2026-12-31") { cost }', 'YEAR'],
      ['serviceLine(id: "LIN-26-084729") { usageSeries(period: WEEK, from: "2026-05-01", to: "2026-04-01") { cost } }', 'to'],
    ];
    for (const [field, argument] of cases) {
      const { errors } = await client.query(`{ ${field} }`);
      expect(errors?.[0].extensions?.code, field).toBe('BAD_USER_INPUT');
      expect(errors?.[0].message, field).toContain(argument);
    }
  });
});
