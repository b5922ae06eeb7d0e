import { pgSchema, text, integer, jsonb, index } from 'drizzle-orm/pg-core';
import { mintedIdColumn, idSequence } from '../../platform/ids.ts';
import { createdAt, updatedAt, ts } from '../../platform/columns.ts';

export const integrationsSchema = pgSchema('integrations');
const s = integrationsSchema;

export const intIdSeq = idSequence(s, 'INT');
export const syncIdSeq = idSequence(s, 'SYNC');

export const INTEGRATION_TYPES = [
  'github', 'gitlab', 'bitbucket', 'azure_devops', 'jira', 'clickup', 'linear', 'azure_boards',
  'slack', 'microsoft_teams', 'datadog', 'sonarcloud',
] as const;
/** Types connected through an OAuth flow or app installation: they start as pending_auth. */
export const OAUTH_INTEGRATION_TYPES = ['github', 'jira', 'gitlab', 'bitbucket', 'azure_devops', 'clickup', 'linear', 'azure_boards', 'slack', 'microsoft_teams'] as const;
export const INTEGRATION_STATUSES = ['active', 'pending_auth', 'error', 'disconnected'] as const;
export const SYNC_STATUSES = ['healthy', 'degraded', 'failed'] as const;
export const SYNC_RUN_STATUSES = ['running', 'success', 'failed'] as const;

export const integrationTypeEnum = s.enum('integration_type', INTEGRATION_TYPES);
export const integrationStatusEnum = s.enum('integration_status', INTEGRATION_STATUSES);
export const syncStatusEnum = s.enum('sync_status', SYNC_STATUSES);
export const syncRunStatusEnum = s.enum('sync_run_status', SYNC_RUN_STATUSES);

export const integrations = s.table('integrations', {
  id: mintedIdColumn(s, 'INT'),
  organizationId: text('organization_id').notNull(),
  workspaceId: text('workspace_id').notNull(),
  type: integrationTypeEnum('type').notNull(),
  name: text('name').notNull(),
  config: jsonb('config').$type<Record<string, unknown>>().notNull().default({}),
  status: integrationStatusEnum('status').notNull(),
  syncStatus: syncStatusEnum('sync_status'),
  lastSyncedAt: ts('last_synced_at'),
  connectedBy: text('connected_by'),
  disconnectedAt: ts('disconnected_at'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  index('integrations_ws_idx').on(t.workspaceId, t.id),
  index('integrations_org_idx').on(t.organizationId, t.id),
]);

/**
 * Credentials live apart from the integration row, sealed with AES-256-GCM (see platform/secrets.ts).
 * No resolver or REST mapper selects this table: the API can write credentials, never read them.
 */
export const integrationCredentials = s.table('integration_credentials', {
  integrationId: text('integration_id').primaryKey().references(() => integrations.id),
  keyId: text('key_id').notNull(),
  sealed: text('sealed').notNull(),
  updatedAt: updatedAt(),
});

export const syncRuns = s.table('sync_runs', {
  id: mintedIdColumn(s, 'SYNC'),
  organizationId: text('organization_id').notNull(),
  integrationId: text('integration_id').notNull().references(() => integrations.id),
  status: syncRunStatusEnum('status').notNull().default('running'),
  startedAt: ts('started_at').notNull().defaultNow(),
  finishedAt: ts('finished_at'),
  recordsSynced: integer('records_synced'),
  error: text('error'),
  triggeredBy: text('triggered_by'),
  createdAt: createdAt(),
}, (t) => [index('sync_runs_integration_idx').on(t.integrationId, t.startedAt)]);
