import { it, expect, beforeAll, afterAll, describe } from 'vitest';
import { buildClientSchema, getIntrospectionQuery, getNamedType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, otherTenant } from './testkit/auth.ts';
import { buildOwnershipIndex, pickTargets, snapshotTables, unindexedTables, type OwnershipIndex, type Targets } from './testkit/isolation.ts';
import { CASES, type Case } from './testkit/isolation-checks.ts';
import { SubgraphProbe, entityTypes } from './testkit/isolation-subgraphs.ts';
import { isConnection } from './testkit/selection.ts';
import { DEMO } from '../seed/demo.ts';
import type { Principal } from '../subgraphs/kit/auth/tokens.ts';

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
 * existing type is selected without anyone asking. REST routes (/v1) and subscriptions get their
 * own describe blocks, fed by the same targets and checks, once they exist.
 *
 * The kit: testkit/isolation.ts (ownership index, targets, ID walk, table snapshots),
 * testkit/isolation-checks.ts (the checks), testkit/selection.ts (selections from a schema).
 */
const apex: Principal = principals.apexAdmin;
const other: Principal = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);

type Args = Record<string, string | string[] | undefined>;

/** Every root Query field, aimed at a target's objects; a variant without IDs probes the caller's own scope. */
const QUERY_PROBES: Record<string, Array<(t: Targets) => Args>> = {
  viewer: [() => ({})],
  organization: [(t) => ({ id: t.organization })],
  workspace: [(t) => ({ id: t.workspace })],
  workspaces: [() => ({}), (t) => ({ organizationId: t.organization })],
  user: [(t) => ({ id: t.user })],
  project: [(t) => ({ id: t.project })],
  apiKeys: [() => ({})],
  node: [(t) => ({ id: t.task }), (t) => ({ id: t.event }), (t) => ({ id: t.syncRun })],
  nodes: [(t) => ({ ids: [t.workspace, t.serviceLine, t.task, t.pod, t.sla, t.ticket, t.incident, t.integration, t.syncRun, t.event] })],
  serviceLine: [(t) => ({ id: t.serviceLine })],
  serviceLines: [() => ({}), (t) => ({ workspaceId: t.workspace }), (t) => ({ projectId: t.project })],
  task: [(t) => ({ id: t.task })],
  tasks: [(t) => ({ workspaceId: t.workspace }), (t) => ({ serviceLineId: t.serviceLine }), (t) => ({ workspaceId: t.workspace, assigneeId: t.user })],
  pod: [(t) => ({ id: t.pod })],
  pods: [() => ({}), (t) => ({ workspaceId: t.workspace })],
  ticket: [(t) => ({ id: t.ticket })],
  tickets: [(t) => ({ podId: t.pod })],
  slaReports: [(t) => ({ podId: t.pod })],
  incident: [(t) => ({ id: t.incident })],
  incidents: [() => ({}), (t) => ({ workspaceId: t.workspace }), (t) => ({ serviceLineId: t.serviceLine }), (t) => ({ podId: t.pod })],
  integration: [(t) => ({ id: t.integration })],
  integrations: [() => ({}), (t) => ({ workspaceId: t.workspace })],
  event: [(t) => ({ id: t.event })],
  events: [() => ({}), (t) => ({ workspaceId: t.workspace }), (t) => ({ subjectId: t.task }), (t) => ({ subjectId: t.incident }), (t) => ({ actorId: t.user })],
};

/** Root aggregates, aimed at a target's objects: they count nothing of another tenant or workspace. */
const AGGREGATE_PROBES: Record<string, Array<(t: Targets) => Args>> = {
  taskStats: [(t) => ({ workspaceId: t.workspace }), (t) => ({ serviceLineId: t.serviceLine }), (t) => ({ projectId: t.project })],
  usageSeries: [() => ({}), (t) => ({ workspaceId: t.workspace })],
  eventCounts: [() => ({}), (t) => ({ workspaceId: t.workspace })],
};

/** Root lists read the caller's own objects with these arguments; the others need none. */
const OWN_LIST_ARGS: Record<string, (own: Targets) => Args> = {
  tasks: (own) => ({ workspaceId: own.workspace }),
  tickets: (own) => ({ podId: own.pod }),
  slaReports: (own) => ({ podId: own.pod }),
};

/**
 * Every mutation, aimed at a target's objects (`f`) or smuggling them into the caller's own (`own`).
 * An attempt runs for a caller only when it names at least one object foreign to that caller.
 */
const MUTATION_PROBES: Record<string, Array<(f: Targets, own: Targets) => Record<string, unknown>>> = {
  createTask: [
    (f) => ({ input: { workspaceId: f.workspace, title: 'Probe' } }),
    (f) => ({ input: { serviceLineId: f.serviceLine, title: 'Probe' } }),
    (f, own) => ({ input: { workspaceId: own.workspace, serviceLineId: f.serviceLine, title: 'Probe' } }),
    (f, own) => ({ input: { workspaceId: f.workspace, serviceLineId: own.serviceLine, title: 'Probe' } }),
    (f, own) => ({ input: { serviceLineId: own.serviceLine, title: 'Probe', assigneeId: f.user } }),
    (f, own) => ({ input: { serviceLineId: own.serviceLine, title: 'Probe', projectId: f.project } }),
  ],
  updateTask: [
    (f) => ({ id: f.task, input: { title: 'Probe', status: 'DONE' } }),
    (f, own) => ({ id: own.task, input: { assigneeId: f.user } }),
    (f, own) => ({ id: own.task, input: { projectId: f.project } }),
    (f, own) => ({ id: own.task, input: { serviceLineId: f.serviceLine } }),
  ],
  connectIntegration: [(f) => ({ input: { workspaceId: f.workspace, type: 'SLACK', name: 'Probe' } })],
  updateIntegration: [(f) => ({ id: f.integration, input: { name: 'Probe', credentials: { api_key: 'probe' } } })],
  disconnectIntegration: [(f) => ({ id: f.integration })],
  syncIntegration: [(f) => ({ id: f.integration })],
  requestPod: [
    (f) => ({ input: { workspaceId: f.workspace, name: 'Probe', deliveryModel: 'DEDICATED_TEAM', requestedTeamSize: 2 } }),
    (f, own) => ({ input: { workspaceId: own.workspace, subscriptionId: f.subscription, name: 'Probe', deliveryModel: 'DEDICATED_TEAM', requestedTeamSize: 2 } }),
    (f, own) => ({ input: { workspaceId: own.workspace, projectTags: [f.project], name: 'Probe', deliveryModel: 'DEDICATED_TEAM', requestedTeamSize: 2 } }),
  ],
  submitServiceRequest: [
    (f) => ({ input: { podId: f.pod, type: 'SUPPORT_REQUEST', title: 'Probe' } }),
    (f, own) => ({ input: { podId: own.pod, type: 'SUPPORT_REQUEST', title: 'Probe', submittedBy: f.user } }),
  ],
  raiseIncident: [(f) => ({ input: { podId: f.pod, title: 'Probe' } })],
  resolveIncident: [(f) => ({ id: f.incident, resolution: 'Probe' })],
  updateIncidentSeverity: [(f) => ({ id: f.incident, severity: 'CRITICAL' })],
  activateServiceLine: [(f) => ({ id: f.serviceLine })],
  pauseServiceLine: [(f) => ({ id: f.serviceLine })],
  resumeServiceLine: [(f) => ({ id: f.serviceLine })],
  closeServiceLine: [(f) => ({ id: f.serviceLine })],
  createApiKey: [(f) => ({ input: { name: 'Probe', workspaceId: f.workspace } })],
  revokeApiKey: [(f) => ({ id: f.apiKey })],
};

describeEngines('tenant isolation', (ctx) => {
  let sys: TestSystem;
  let schema: GraphQLSchema;
  let index: OwnershipIndex;
  let probe: SubgraphProbe;
  const targets = new Map<Case, { foreign: Targets; own: Targets }>();

  beforeAll(async () => {
    // Every other limit stays at its default, so no probe passes only because the gateway is lenient;
    // the request budget is raised because the owner and the narrowed token are one user (USR-26-000044).
    sys = await startTestSystem(ctx.database, apex, { limits: { rateLimitPoints: 10_000 } });
    const introspection = await sys.graphql(getIntrospectionQuery(), {}, apex);
    expect(introspection.errors).toBeUndefined();
    schema = buildClientSchema(introspection.data);
    await addFixtures(sys, schema);
    index = await buildOwnershipIndex(ctx.database.db);
    probe = new SubgraphProbe(sys, schema, index);
    for (const c of CASES) {
      targets.set(c, {
        foreign: await pickTargets(ctx.database.db, c.scope.organizationId, c.targetWorkspace, c.wellKnown),
        own: await pickTargets(ctx.database.db, c.principal.organizationId, c.ownWorkspace),
      });
    }
  });
  afterAll(() => sys?.close());

  /** The caller's own targets, and the organization-wide ones of the other side it may see (a narrowed token's users and projects). */
  const visibleTargets = (c: Case) => {
    const { foreign, own } = targets.get(c)!;
    return [...new Set([...Object.values(own), foreign.organization, foreign.user, foreign.project])]
      .filter((id): id is string => !!id && !index.isForeign(c.principal, id));
  };

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
      });
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
    });
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
    }, 120_000);

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
    }, 120_000);
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
    });
  });
});

/**
 * Objects the demo data lacks, made through the API before the index is built: API keys for each
 * tenant and workspace, and a pod in each workspace (the demo has no event whose subject is a pod,
 * which would leave Pod.events without a positive control).
 */
async function addFixtures(sys: TestSystem, schema: GraphQLSchema) {
  const mutations = schema.getMutationType()!.getFields();
  const run = async (document: string, input: Record<string, unknown>, as = apex) => {
    const result = await sys.graphql(document, { input }, as);
    expect(result.errors, `fixture ${JSON.stringify(input)}`).toBeUndefined();
  };
  if (mutations.createApiKey) {
    const create = 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } } }';
    for (const workspaceId of [undefined, DEMO.workspaceId, DEMO.dataWorkspaceId]) await run(create, { name: 'Isolation probe', workspaceId });
    await run(create, { name: 'Isolation probe' }, other);
  }
  const pod = 'mutation($input: RequestPodInput!) { requestPod(input: $input) { id } }';
  for (const workspaceId of [DEMO.workspaceId, DEMO.dataWorkspaceId]) {
    await run(pod, { workspaceId, name: 'Isolation probe pod', deliveryModel: 'DEDICATED_TEAM', requestedTeamSize: 2 });
  }
}
