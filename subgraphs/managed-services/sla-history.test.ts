import { it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEngines } from '../../test/testkit/describe-engines.ts';
import { startSubgraph, type SubgraphClient } from '../../test/testkit/subgraph.ts';
import { principals, otherTenant } from '../../test/testkit/auth.ts';
import { DEMO } from '../../seed/demo.ts';
import { definition } from './public.ts';

const reps = (ids: string[]) => JSON.stringify(ids.map((id) => ({ __typename: 'Pod', id }))).replace(/"(__typename|id)":/g, '$1:');

describeEngines('pod SLA history', (ctx) => {
  let client: SubgraphClient;
  beforeAll(async () => {
    client = await startSubgraph(definition, ctx.database, principals.apexAdmin);
  });
  afterAll(() => client.close());

  const expected = (podId: string, from: string, to: string) => ctx.database.rows<{ period: string; compliancePercent: number }>(sql`
    select period, compliance_percent::float8 as "compliancePercent" from managed_services.sla_reports
    where pod_id = ${podId} and period between ${from} and ${to} order by period`);

  it('gives monthly compliance oldest first, bounded by from and to, as SQL does', async () => {
    const all = await expected(DEMO.podId, '0000-01', '9999-12');
    expect(all.length).toBeGreaterThan(2);
    const { data, errors } = await client.query(`{ pod(id: "${DEMO.podId}") { slaHistory { period compliancePercent } } }`);
    expect(errors).toBeUndefined();
    expect(data.pod.slaHistory).toEqual(all);
    const from = all[1].period;
    const to = all[all.length - 2].period;
    const bounded = await client.query(`{ pod(id: "${DEMO.podId}") { slaHistory(from: "${from}", to: "${to}") { period compliancePercent sla { id } } } }`);
    expect(bounded.data.pod.slaHistory.map(({ period, compliancePercent }: any) => ({ period, compliancePercent }))).toEqual(await expected(DEMO.podId, from, to));
    const open = await client.query(`{ pod(id: "${DEMO.podId}") { slaHistory(from: "${to}") { period } } }`);
    expect(open.data.pod.slaHistory.map((r: { period: string }) => r.period)).toEqual(all.filter((r) => r.period >= to).map((r) => r.period));
  });

  it('loads the history of many pods in one statement', async () => {
    const pods = (await ctx.database.rows<{ id: string }>(sql`select id from managed_services.pods where organization_id = ${DEMO.organizationId} order by id`)).map((r) => r.id);
    expect(pods.length).toBeGreaterThan(1);
    const q = `{ _entities(representations: ${reps(pods)}) { ... on Pod { id slaHistory(from: "2025-01") { period compliancePercent } } } }`;
    const { result, statements } = await ctx.database.statements.measure(() => client.query(q));
    expect(result.errors).toBeUndefined();
    expect(statements).toBe(2);
    for (const pod of result.data._entities) expect(pod.slaHistory, pod.id).toEqual(await expected(pod.id, '2025-01', '9999-12'));
  });

  it('shows another organization and a narrowed token none of it', async () => {
    const other = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);
    const foreign = await client.query(`{ _entities(representations: ${reps([DEMO.podId])}) { ... on Pod { slaHistory { period } } } }`, {}, other);
    expect(foreign.data._entities).toEqual([null]);
    const [{ id: elsewhere }] = await ctx.database.rows<{ id: string }>(sql`select pod_id as id from managed_services.sla_reports r
      join managed_services.pods p on p.id = r.pod_id where p.organization_id = ${DEMO.organizationId} and p.workspace_id <> 'WS-26-000021' limit 1`);
    const narrowed = await client.query(`{ _entities(representations: ${reps([elsewhere])}) { ... on Pod { slaHistory { period } } } }`, {}, principals.apexPayments);
    expect(narrowed.data._entities).toEqual([null]);
  });

  it('refuses bad periods, naming them', async () => {
    const cases: Array<[string, string]> = [['from: "2026-13"', 'from'], ['to: "April"', 'to'], ['from: "2026-04", to: "2026-01"', 'to']];
    for (const [args, argument] of cases) {
      const { errors } = await client.query(`{ pod(id: "${DEMO.podId}") { slaHistory(${args}) { period } } }`);
      expect(errors?.[0].extensions?.code, args).toBe('BAD_USER_INPUT');
      expect(errors?.[0].extensions?.argument, args).toBe(argument);
    }
  });
});
