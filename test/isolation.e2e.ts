import { it, expect, beforeAll, describe } from 'vitest';
import { getNamedType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { describeEngines } from './testkit/describe-engines.ts';
import type { TestSystem } from './testkit/system.ts';
import { principals } from './testkit/auth.ts';
import { foreignIds, snapshotTables, succeededAudits, unindexedTables, type OwnershipIndex } from './testkit/isolation.ts';
import { CASES, type Case } from './testkit/isolation-checks.ts';
import { SubgraphProbe, entityTypes } from './testkit/isolation-subgraphs.ts';
import { isConnection } from './testkit/selection.ts';
import { isolationSuite, visibleTargets as visibleOf, apex, other } from './testkit/isolation-suite.ts';
import { QUERY_PROBES, AGGREGATE_PROBES, OWN_LIST_ARGS, MUTATION_PROBES } from './testkit/isolation-probes.ts';

/**
 * Tenant isolation, end to end over real HTTP: another organization's admin, and a token narrowed
 * to one workspace, aim every root field, every entity type (through node(id:), nodes(ids:) and
 * each subgraph's _entities), every cursor and every mutation at objects that are not theirs.
 * Whatever comes back is walked for platform IDs, each checked against an index of who owns what
 * read from the database; a refusal must read exactly like the refusal of an ID that never
 * existed; every probe has a positive control, so one that returns nothing for anyone fails.
 *
 * The probe tables are keyed by field name and checked against the live schema: a new field fails
 * here until it has a probe, and selections are written from the schema, so a new field of an
 * existing type is selected without anyone asking. REST routes and export jobs:
 * isolation-rest.e2e.ts; the `activity` subscription: isolation-subscriptions.e2e.ts; both are fed
 * by the same targets (testkit/isolation-suite.ts: the system, fixtures, index and targets; the
 * probe tables: testkit/isolation-probes.ts).
 *
 * The kit: testkit/isolation.ts (ownership index, targets, ID walk, table snapshots),
 * testkit/isolation-checks.ts (the checks), testkit/isolation-rest.ts (REST probe plans and checks),
 * testkit/isolation-subscriptions.ts (graphql-ws subscribers), testkit/selection.ts (selections from a schema).
 */
describeEngines('tenant isolation', (ctx) => {
  const suite = isolationSuite(ctx);
  const targets = suite.targets;
  let sys: TestSystem;
  let schema: GraphQLSchema;
  let index: OwnershipIndex;
  let probe: SubgraphProbe;
  beforeAll(() => {
    ({ sys, schema, index, probe } = suite);
  });
  const visibleTargets = (c: Case) => visibleOf(suite, c);

  describe('the ownership index', () => {
    it('covers every table whose rows carry a platform ID', () => {
      expect(unindexedTables()).toEqual([]);
    });
  });

  describe('root Query fields through the gateway', () => {
    it('has a probe for every Query field, and none for a field that is gone', () => {
      const fields = Object.keys(schema.getQueryType()!.getFields()).filter((f) => !f.startsWith('_'));
      expect(fields.filter((f) => !(f in QUERY_PROBES) && !(f in AGGREGATE_PROBES)), 'Query fields without an isolation probe').toEqual([]);
      expect([...Object.keys(QUERY_PROBES), ...Object.keys(AGGREGATE_PROBES)].filter((f) => !fields.includes(f)), 'probes of fields that no longer exist').toEqual([]);
    });

    for (const [field, variants] of Object.entries(QUERY_PROBES)) {
      it(`Query.${field} shows nothing of another tenant or workspace`, async () => {
        const queryField = schema.getQueryType()!.getFields()[field];
        expect(queryField, `Query.${field} is not in the schema`).toBeDefined();
        for (const variant of variants) {
          for (const c of CASES) {
            const args = variant(targets.get(c)!.foreign);
            const label = `${field}(${JSON.stringify(args)})`;
            // Positive control: the owner gets something, so an always-empty probe cannot pass.
            probe.expectRows(await sys.graphql(probe.rootQuery(field, args), {}, apex), field, c, `${label} as owner`);
            await probe.expectIsolated(c, field, args, `${label} as ${c.name}`);
          }
        }
      }, 180_000);
    }
  });

  describe('root aggregates through the gateway', () => {
    for (const [field, variants] of Object.entries(AGGREGATE_PROBES)) {
      it(`Query.${field} counts nothing of another tenant or workspace`, async () => {
        for (const variant of variants) {
          for (const c of CASES) {
            const args = variant(targets.get(c)!.foreign);
            await probe.expectAggregateIsolated(c, field, args, apex, `${field}(${JSON.stringify(args)}) as ${c.name}`);
          }
        }
      });
    }
  });

  describe('node(id:) and nodes(ids:)', () => {
    it('resolve no object of another tenant or workspace, of any type', async () => {
      for (const c of CASES) {
        const ids = [...index.idsByPrefix.keys()].flatMap((prefix) => index.idsWithin(prefix, c.scope).slice(0, 1));
        expect(ids.length, `IDs of ${c.name}'s targets`).toBeGreaterThan(c.scope.workspaceId ? 8 : 14);
        for (const id of ids) {
          const owned = await sys.graphql(probe.rootQuery('node', { id }, 0), {}, apex);
          expect(owned.errors, `node(${id}) as owner`).toBeUndefined();
          expect(owned.data.node?.id, `node(${id}) as owner`).toBe(id);
          await probe.expectIsolated(c, 'node', { id }, `node(${id}) as ${c.name}`);
        }
        const owned = await sys.graphql(probe.rootQuery('nodes', { ids }), {}, apex);
        expect(owned.data.nodes.map((n: { id: string } | null) => n?.id)).toEqual(ids);
        const seen = await probe.expectIsolated(c, 'nodes', { ids }, `nodes(${ids.length} IDs) as ${c.name}`);
        expect(seen.data?.nodes).toEqual(ids.map(() => null));
        expect(seen.errors?.map((e) => e.path![1]).sort((a, b) => Number(a) - Number(b))).toEqual(ids.map((_, i) => i));
      }
    }, 300_000); // one request per ID prefix per caller: minutes on a loaded 2-core machine
  });

  describe('cursors and counts', () => {
    it('a cursor naming another tenant\'s row pages exactly like one naming no row', async () => {
      const lists = Object.values(schema.getQueryType()!.getFields()).filter((f) => isConnection(getNamedType(f.type)));
      for (const c of CASES) {
        const own = targets.get(c)!.own;
        for (const field of lists) {
          const args = OWN_LIST_ARGS[field.name]?.(own) ?? {};
          const plain = await sys.graphql(probe.rootQuery(field.name, args, 0), {}, c.principal);
          if (c.roleRefusals && plain.errors?.every((e) => e.extensions?.code === 'FORBIDDEN')) continue;
          expect(plain.data?.[field.name]?.nodes?.length, `${field.name} of ${c.name}'s own`).toBeGreaterThan(0);
          const nodeType = getNamedType((getNamedType(field.type) as GraphQLObjectType).getFields().nodes.type).name;
          const keys = index.cursorKeysWithin(nodeType, probe.prefixOf(nodeType), c.scope);
          expect(keys.length, `${nodeType} rows of ${c.name}'s target`).toBeGreaterThan(0);
          for (const key of new Set([keys[0], keys[keys.length - 1]])) {
            for (const direction of ['after', 'before'] as const) await probe.expectCursorIsolated(c, field.name, args, nodeType, key, direction);
          }
        }
      }
    }, 300_000);

    it('the same holds for the lists under the caller\'s own objects', async () => {
      for (const c of CASES) {
        let probed = 0;
        for (const id of visibleTargets(c)) probed += await probe.expectNestedCursorsIsolated(c, id);
        expect(probed, `nested lists probed as ${c.name}`).toBeGreaterThan(10);
      }
    }, 120_000);

    it('every total counts only what the caller may see', async () => {
      for (const c of CASES) {
        let lists = 0;
        for (const id of visibleTargets(c)) lists += await probe.expectCountsHonest(c, id);
        expect(lists, `counted lists under ${c.name}'s objects`).toBeGreaterThan(10);
      }
    }, 120_000);
  });

  describe('_entities straight to each subgraph', () => {
    it('has a probe for every entity type the subgraphs resolve', () => {
      const entities = entityTypes();
      const nodes = schema.getPossibleTypes(schema.getType('Node') as never).map((type) => type.name);
      // Each Node type is owned (loaded, scoped, null when not the caller's) by exactly one subgraph.
      const owners = (type: string) => entities.filter((e) => e.type === type && e.owned).map((e) => e.subgraph);
      expect(nodes.filter((type) => owners(type).length !== 1), 'Node types without exactly one owning subgraph').toEqual([]);
      expect(entities.filter((e) => !probe.prefixOf(e.type)).map((e) => e.type), 'entity types with no ID prefix').toEqual([]);
    });

    it('resolve no foreign representation, and add no foreign rows to foreign parents', async () => {
      for (const entity of entityTypes()) {
        for (const c of CASES) await probe.expectEntitiesIsolated(entity, c, apex);
      }
    }, 300_000);
  });

  describe('subgraphs called without the gateway', () => {
    it('refuse a missing, malformed, forged, tampered or expired principal with 401 and no data', async () => {
      for (const [name, url] of Object.entries(sys.system.subgraphUrls)) {
        await probe.expectPrincipalRequired(name, url, apex, other);
      }
    });
  });

  describe('mutations against objects that are not the caller\'s', () => {
    it('has a probe for every Mutation field, and none for a field that is gone', () => {
      const fields = Object.keys(schema.getMutationType()!.getFields());
      expect(fields.filter((f) => !(f in MUTATION_PROBES)), 'Mutation fields without an isolation probe').toEqual([]);
      expect(Object.keys(MUTATION_PROBES).filter((f) => !fields.includes(f)), 'probes of fields that no longer exist').toEqual([]);
    });

    it('are refused as not found or unprocessable, and change no row of any table', async () => {
      const before = await snapshotTables(ctx.database.db);
      const audited = await succeededAudits(ctx.database.db);
      for (const c of CASES) {
        const { foreign, own } = targets.get(c)!;
        const attempted = new Set<string>();
        for (const [field, variants] of Object.entries(MUTATION_PROBES)) {
          for (const variables of variants.map((v) => v(foreign, own))) {
            if (await probe.expectWriteRefused(c, field, variables)) attempted.add(field);
          }
        }
        expect(Object.keys(MUTATION_PROBES).filter((f) => !attempted.has(f)), `mutations never aimed at ${c.name}'s target`).toEqual([]);
      }
      expect(await snapshotTables(ctx.database.db)).toEqual(before);
      expect(await succeededAudits(ctx.database.db), 'writes audited as succeeded').toBe(audited);
    }, 120_000);
  });

  describe('identical requests of different callers at the same moment', () => {
    it('are never merged into one subgraph fetch: each caller gets only its own rows', async () => {
      // The gateway de-duplicates identical in-flight subgraph requests; the signed principal must
      // be part of what makes two requests identical, or one tenant gets the other's answer.
      const callers = [apex, other, principals.apexPayments];
      const queries = ['{ events(first: 5) { nodes { id workspace { id } } } }', '{ serviceLines(first: 5) { nodes { id } } }', '{ workspaces(first: 5) { nodes { id } } }'];
      for (const query of queries) {
        const calls = Array.from({ length: 24 }, (_, i) => callers[i % callers.length]);
        const results = await Promise.all(calls.map((caller) => sys.graphql(query, {}, caller)));
        results.forEach((result, i) => {
          expect(result.errors, query).toBeUndefined();
          expect(JSON.stringify(result.data).length, `${query} answered something`).toBeGreaterThan(20);
          expect(foreignIds(index, calls[i], result.data), `${query} as ${calls[i].organizationId}/${calls[i].workspaceId}`).toEqual([]);
        });
      }
    });
  });

  describe('the checks themselves', () => {
    it('catch a graph that answers every caller as the owner', async () => {
      const leaky = new SubgraphProbe({ ...sys, graphql: (query, variables) => sys.graphql(query, variables, apex) }, schema, index, () => apex);
      for (const c of CASES) {
        const t = targets.get(c)!.foreign;
        const leaks: Array<[string, Record<string, unknown>]> = [['task', { id: t.task }], ['tasks', { workspaceId: t.workspace }], ['workspaces', {}], ['pods', {}], ['nodes', { ids: [t.pod] }]];
        for (const [field, args] of leaks) {
          await expect(leaky.expectIsolated(c, field, args, 'leaky'), `${field} as ${c.name}`).rejects.toThrow();
        }
        for (const entity of entityTypes().filter((e) => e.type === 'Task' || (e.type === 'Workspace' && e.subgraph === 'tasks'))) {
          await expect(leaky.expectEntitiesIsolated(entity, c, apex), `${entity.subgraph} ${entity.type} as ${c.name}`).rejects.toThrow();
        }
      }
    }, 120_000);
  });
});
