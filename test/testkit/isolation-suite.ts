import { beforeAll, afterAll, expect } from 'vitest';
import { buildClientSchema, getIntrospectionQuery, type GraphQLSchema } from 'graphql';
import type { EngineContext } from './describe-engines.ts';
import { startTestSystem, type TestSystem } from './system.ts';
import { principals, otherTenant } from './auth.ts';
import { buildOwnershipIndex, pickTargets, type OwnershipIndex, type Targets } from './isolation.ts';
import { CASES, type Case } from './isolation-checks.ts';
import { SubgraphProbe } from './isolation-subgraphs.ts';
import { DEMO } from '../../seed/demo.ts';
import type { Principal } from '../../platform/auth/tokens.ts';

/**
 * The system every tenant isolation suite probes (test/isolation*.e2e.ts): started once per file and
 * engine, with the fixtures the demo data lacks, the ownership index read from the database, and
 * each case's targets (the other side's objects it aims at, and its own).
 */
export const apex: Principal = principals.apexAdmin;
export const other: Principal = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);

export interface IsolationSuite {
  sys: TestSystem;
  schema: GraphQLSchema;
  index: OwnershipIndex;
  probe: SubgraphProbe;
  targets: Map<Case, { foreign: Targets; own: Targets }>;
}

/** Registers the hooks that start and stop the suite; its fields are set once the first hook has run. */
export function isolationSuite(ctx: EngineContext): IsolationSuite {
  const suite = { targets: new Map() } as IsolationSuite;
  beforeAll(async () => {
    // Every other limit stays at its default, so no probe passes only because the gateway is lenient;
    // the request budget is raised because the owner and the narrowed token are one user (USR-26-000044).
    // No webhook worker: a delivery it made meanwhile would change the tables the mutation probes compare.
    const sys = await startTestSystem(ctx.database, apex, { limits: { rateLimitPoints: 10_000 }, webhookWorker: false });
    suite.sys = sys;
    const introspection = await sys.graphql(getIntrospectionQuery(), {}, apex);
    expect(introspection.errors).toBeUndefined();
    suite.schema = buildClientSchema(introspection.data);
    await addFixtures(sys, suite.schema, ctx.database.db);
    suite.index = await buildOwnershipIndex(ctx.database.db);
    suite.probe = new SubgraphProbe(sys, suite.schema, suite.index);
    for (const c of CASES) {
      suite.targets.set(c, {
        foreign: await pickTargets(ctx.database.db, c.scope.organizationId, c.targetWorkspace, c.wellKnown),
        own: await pickTargets(ctx.database.db, c.principal.organizationId, c.ownWorkspace),
      });
    }
  });
  afterAll(() => suite.sys?.close());
  return suite;
}

/** The caller's own targets, and the organization-wide ones of the other side it may see (a narrowed token's users and projects). */
export function visibleTargets(suite: IsolationSuite, c: Case): string[] {
  const { foreign, own } = suite.targets.get(c)!;
  return [...new Set([...Object.values(own), foreign.organization, foreign.user, foreign.project])]
    .filter((id): id is string => !!id && !suite.index.isForeign(c.principal, id));
}

/**
 * Objects the demo data lacks, made through the API before the index is built: API keys for each
 * tenant and workspace, and a pod in each workspace (the demo has no event whose subject is a pod,
 * which would leave Pod.events without a positive control).
 */
async function addFixtures(sys: TestSystem, schema: GraphQLSchema, db: Parameters<typeof pickTargets>[0]) {
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
  if (mutations.createWebhook) {
    // An endpoint (and its queued verification ping) inside the narrowed token's target workspace.
    const create = 'mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id } } }';
    await run(create, { url: 'https://hooks.example.com/isolation', eventTypes: ['task.'], workspaceId: DEMO.dataWorkspaceId });
  }
  const pod = 'mutation($input: RequestPodInput!) { requestPod(input: $input) { id } }';
  for (const workspaceId of [DEMO.workspaceId, DEMO.dataWorkspaceId]) {
    await run(pod, { workspaceId, name: 'Isolation probe pod', deliveryModel: 'DEDICATED_TEAM', requestedTeamSize: 2 });
  }
  if (schema.getQueryType()!.getFields().auditLogs) {
    // A write by each workspace's target user, so the audit trail's actor filter has rows for the owner to see.
    const rename = 'mutation($id: ID!, $input: UpdateTaskInput!) { updateTask(id: $id, input: $input) { id } }';
    for (const workspaceId of [DEMO.workspaceId, DEMO.dataWorkspaceId]) {
      const target = await pickTargets(db, DEMO.organizationId, workspaceId);
      const result = await sys.graphql(rename, { id: target.task, input: { description: 'Isolation probe' } }, { ...apex, actorId: target.user });
      expect(result.errors, `fixture write as ${target.user}`).toBeUndefined();
    }
  }
}
