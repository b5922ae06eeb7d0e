import { and, eq, sql } from 'drizzle-orm';
import type { SubgraphContext } from '../../platform/subgraph/context.ts';
import type { Db, Tx } from '../../platform/db.ts';
import { appendEvents, eventOf } from '../../platform/event-log.ts';
import { conflict, notFound, unprocessable } from '../../platform/errors.ts';
import { requireCapability } from '../../platform/auth/roles.ts';
import { checkId } from '../../platform/args.ts';
import { seal } from '../../platform/secrets.ts';
import { findWorkspace } from '../organizations/public.ts';
import { checkJson, requiredText } from '../../platform/input-rules.ts';
import { integrations, integrationCredentials, syncRuns, OAUTH_INTEGRATION_TYPES, type INTEGRATION_TYPES } from './tables.ts';
import { integrationScope } from './data.ts';
import { credentialsKeyOf } from './credentials-key.ts';
import type { IntegrationRow, SyncRunRow } from './models.ts';
import type { ConnectIntegrationInput, UpdateIntegrationInput } from './generated/resolvers.ts';

/**
 * The writes of the integrations subgraph. Each validates first (nothing is written on bad input),
 * then changes the integration, its sealed credentials or its sync runs and appends its event in
 * ONE transaction. Credentials go in sealed and never come out: no event or return value holds them.
 */
type IntegrationType = (typeof INTEGRATION_TYPES)[number];
type JsonObject = Record<string, unknown>;

export async function connectIntegration(ctx: SubgraphContext, input: ConnectIntegrationInput): Promise<IntegrationRow> {
  requireCapability(ctx.principal, 'write');
  const workspaceId = checkId('Workspace', input.workspaceId, 'workspaceId');
  const name = requiredText(input.name, 'name', 'name');
  const config = jsonObject(input.config, 'config') ?? {};
  const credentials = jsonObject(input.credentials, 'credentials');
  checkCredentials(input.type, credentials);
  const workspace = await findWorkspace(ctx.db, ctx.scope, workspaceId);
  if (!workspace) throw unprocessable(`workspaceId: Workspace ${workspaceId} not found.`, 'workspaceId');
  // OAuth and app-installation types are usable only once the flow in the UI completes.
  const status = isOAuth(input.type) ? 'pending_auth' : 'active';

  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(integrations).values({
      organizationId: workspace.organizationId, workspaceId, type: input.type, name, config, status, connectedBy: ctx.principal.actorId,
    }).returning();
    if (credentials) await storeCredentials(tx, ctx, row.id, credentials);
    await appendEvents(tx, [eventOf(ctx.principal, 'integration.connected', 'integration', row, { type: row.type, name: row.name, status: row.status })]);
    return row;
  });
}

export async function updateIntegration(ctx: SubgraphContext, id: string, input: UpdateIntegrationInput): Promise<IntegrationRow> {
  requireCapability(ctx.principal, 'write');
  checkId('Integration', id, 'id');
  const name = input.name == null ? undefined : requiredText(input.name, 'name', 'name');
  const config = jsonObject(input.config, 'config');
  const credentials = jsonObject(input.credentials, 'credentials');
  if (name === undefined && !config && !credentials) throw unprocessable('input must change name, config or credentials.', 'input');

  return ctx.db.transaction(async (tx) => {
    const before = await lockIntegration(tx, ctx, id);
    if (before.status === 'disconnected') throw conflict(`Integration ${id} is disconnected: connect the tool again instead.`);
    if (credentials) checkCredentials(before.type, credentials);
    // Config keys given replace the stored ones; keys not given are kept (the docs' PATCH sends one key).
    const configKeys = Object.keys(config ?? {}).filter((k) => JSON.stringify(config![k]) !== JSON.stringify(before.config[k]));
    const changed = [
      ...(name !== undefined && name !== before.name ? ['name'] : []),
      ...(configKeys.length ? ['config'] : []),
      ...(credentials ? ['credentials'] : []),
    ];
    if (changed.length === 0) return before;

    const [after] = await tx.update(integrations).set({
      ...(changed.includes('name') ? { name } : {}),
      ...(configKeys.length ? { config: { ...before.config, ...config } } : {}),
      updatedAt: sql`now()`,
    }).where(eq(integrations.id, id)).returning();
    if (credentials) await storeCredentials(tx, ctx, id, credentials);
    await appendEvents(tx, [eventOf(ctx.principal, 'integration.updated', 'integration', after, { changed, config_keys: configKeys })]);
    return after;
  });
}

export async function disconnectIntegration(ctx: SubgraphContext, id: string): Promise<IntegrationRow> {
  requireCapability(ctx.principal, 'write');
  checkId('Integration', id, 'id');
  return ctx.db.transaction(async (tx) => {
    const before = await lockIntegration(tx, ctx, id);
    if (before.status === 'disconnected') throw conflict(`Integration ${id} is already disconnected.`);
    // Synced data (sync runs, config) is kept; the secret is not, since no new data will be fetched.
    const [after] = await tx.update(integrations)
      .set({ status: 'disconnected', disconnectedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(integrations.id, id)).returning();
    await tx.delete(integrationCredentials).where(eq(integrationCredentials.integrationId, id));
    await appendEvents(tx, [eventOf(ctx.principal, 'integration.disconnected', 'integration', after, { type: after.type, name: after.name })]);
    return after;
  });
}

export async function syncIntegration(ctx: SubgraphContext, id: string): Promise<SyncRunRow> {
  requireCapability(ctx.principal, 'write');
  checkId('Integration', id, 'id');
  return ctx.db.transaction(async (tx) => {
    const integration = await lockIntegration(tx, ctx, id);
    if (integration.status !== 'active') {
      throw conflict(`Integration ${id} is ${integration.status}: only active integrations sync.`);
    }
    const [run] = await tx.insert(syncRuns).values({
      organizationId: integration.organizationId, integrationId: id, status: 'running', triggeredBy: ctx.principal.actorId,
    }).returning();
    await appendEvents(tx, [eventOf(ctx.principal, 'integration.sync_started', 'integration', integration, { sync_id: run.id })]);
    return run;
  });
}

export interface SyncOutcome {
  status: 'success' | 'failed';
  recordsSynced?: number;
  error?: string;
}

/**
 * What a sync worker calls when a run ends. A success moves last_synced_at ("most recent successful
 * sync") and makes the integration healthy; a failure marks it failed and emits the documented
 * integration.sync_failed event, the alert trigger the docs recommend.
 */
export async function completeSyncRun(db: Db, syncRunId: string, outcome: SyncOutcome): Promise<SyncRunRow> {
  checkId('SyncRun', syncRunId, 'syncRunId');
  if (outcome.status !== 'success' && outcome.status !== 'failed') throw unprocessable('status must be success or failed.', 'status');
  if (outcome.recordsSynced != null && (!Number.isInteger(outcome.recordsSynced) || outcome.recordsSynced < 0)) {
    throw unprocessable('recordsSynced must be a non-negative integer.', 'recordsSynced');
  }
  const failed = outcome.status === 'failed';
  return db.transaction(async (tx) => {
    const [run] = await tx.select().from(syncRuns).where(eq(syncRuns.id, syncRunId)).for('update');
    if (!run) throw notFound(`Sync run ${syncRunId} not found.`);
    if (run.status !== 'running') throw conflict(`Sync run ${syncRunId} already finished (${run.status}).`);
    const [finished] = await tx.update(syncRuns).set({
      status: outcome.status,
      finishedAt: sql`now()`,
      recordsSynced: outcome.recordsSynced ?? (failed ? null : 0),
      error: failed ? outcome.error?.trim() || 'sync failed' : null,
    }).where(eq(syncRuns.id, syncRunId)).returning();
    const [integration] = await tx.update(integrations)
      .set(failed ? { syncStatus: 'failed', updatedAt: sql`now()` } : { syncStatus: 'healthy', lastSyncedAt: finished.finishedAt, updatedAt: sql`now()` })
      .where(eq(integrations.id, run.integrationId)).returning();
    if (failed) {
      await appendEvents(tx, [{
        type: 'integration.sync_failed', organizationId: integration.organizationId, workspaceId: integration.workspaceId,
        actor: { type: 'system', id: null }, subject: { type: 'integration', id: integration.id },
        payload: { sync_id: finished.id, error: finished.error },
      }]);
    }
    return finished;
  });
}

const OAUTH = new Set<string>(OAUTH_INTEGRATION_TYPES);
const isOAuth = (type: IntegrationType) => OAUTH.has(type);

function jsonObject(value: unknown, field: string): JsonObject | undefined {
  if (value == null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw unprocessable(`${field} must be a JSON object.`, field);
  return checkJson(value as JsonObject, field);
}

/** Direct API-key types (Datadog, SonarCloud) cannot work without `credentials.api_key`. */
function checkCredentials(type: IntegrationType, credentials: JsonObject | undefined) {
  if (isOAuth(type)) return;
  const key = credentials?.api_key;
  if (typeof key !== 'string' || key.trim() === '') {
    throw unprocessable(`credentials.api_key is required for ${type} integrations.`, 'credentials');
  }
}

async function storeCredentials(tx: Tx, ctx: SubgraphContext, integrationId: string, credentials: JsonObject) {
  const key = credentialsKeyOf(ctx.deps);
  const values = { keyId: key.id, sealed: seal(key, credentials) };
  await tx.insert(integrationCredentials).values({ integrationId, ...values })
    .onConflictDoUpdate({ target: integrationCredentials.integrationId, set: { ...values, updatedAt: sql`now()` } });
}

async function lockIntegration(tx: Tx, ctx: SubgraphContext, id: string): Promise<IntegrationRow> {
  const [row] = await tx.select().from(integrations).where(and(eq(integrations.id, id), integrationScope(ctx.scope))).for('update');
  if (!row) throw notFound(`Integration ${id} not found.`);
  return row;
}
