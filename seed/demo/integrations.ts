import type { Random } from '../random.ts';
import { DEMO, demoId, numberDownFrom } from './ids.ts';
import { at, plus, EVENT_RETENTION_START, HOUR, byTime } from './time.ts';
import type { DemoData, EventDraft } from './types.ts';

type Integration = DemoData['integrations'][number];
type SyncRun = DemoData['syncRuns'][number];

/**
 * Sync schedule of an integration: runs every `everyHours` from `first` to `last` (inclusive);
 * `failFrom` turns every run from then on into a failure with `error`.
 */
interface Schedule {
  first: string;
  last: string;
  everyHours: number;
  failFrom?: string;
  error?: string;
  failRate?: number;
}

type Spec = [Integration, Schedule?];

const apex = { organizationId: DEMO.organizationId };
const northwind = { organizationId: DEMO.otherOrganizationId };

const SPECS: Spec[] = [
  [{
    ...apex, id: DEMO.githubIntegrationId, workspaceId: DEMO.workspaceId, type: 'github', name: 'apex-digital/payments-api', status: 'active',
    config: { organization: 'apex-digital', repositories: ['payments-api', 'payments-worker'], events: ['push', 'pull_request', 'deployment'] },
    syncStatus: 'healthy', lastSyncedAt: at('2026-04-15T09:30:00Z'), connectedBy: DEMO.adminUserId,
    createdAt: at('2024-03-20T10:00:00Z'), updatedAt: at('2026-04-15T09:30:00Z'),
  }, { first: '2026-04-14T18:30:00Z', last: '2026-04-15T09:30:00Z', everyHours: 1 }],
  [{
    ...apex, id: DEMO.jiraIntegrationId, workspaceId: DEMO.workspaceId, type: 'jira', name: 'APEX Jira Project', status: 'active',
    config: { site: 'apexdigital.atlassian.net', project_keys: ['APEX'], sync_direction: 'bidirectional' },
    syncStatus: 'healthy', lastSyncedAt: at('2026-04-15T09:00:00Z'), connectedBy: DEMO.adminUserId,
    createdAt: at('2024-03-20T10:30:00Z'), updatedAt: at('2026-04-15T09:00:00Z'),
  }, { first: '2026-04-14T18:00:00Z', last: '2026-04-15T09:00:00Z', everyHours: 1 }],
  [{
    ...apex, id: DEMO.slackIntegrationId, workspaceId: DEMO.workspaceId, type: 'slack', name: '#payments-alerts', status: 'active',
    config: { channel: '#payments-alerts', notify: ['incident.opened', 'integration.sync_failed'] },
    syncStatus: 'healthy', lastSyncedAt: at('2026-04-15T06:00:00Z'), connectedBy: 'USR-26-000041',
    createdAt: at('2025-05-06T14:00:00Z'), updatedAt: at('2026-04-15T06:00:00Z'),
  }, { first: '2026-04-12T06:00:00Z', last: '2026-04-15T06:00:00Z', everyHours: 24 }],
  // Broken since its API key was revoked: the docs' advice is to alert on sync_status "failed".
  [{
    ...apex, id: DEMO.failedIntegrationId, workspaceId: DEMO.workspaceId, type: 'datadog', name: 'Datadog - payments production', status: 'error',
    config: { site: 'datadoghq.eu', monitors: ['payments-api', 'payments-worker'], metrics_prefix: 'payments.' },
    syncStatus: 'failed', lastSyncedAt: at('2026-04-12T11:15:00Z'), connectedBy: DEMO.adminUserId,
    createdAt: at('2026-01-20T15:30:00Z'), updatedAt: at('2026-04-15T07:15:00Z'),
  }, { first: '2026-04-11T11:15:00Z', last: '2026-04-15T07:15:00Z', everyHours: 4, failFrom: '2026-04-12T15:15:00Z', error: 'Datadog API answered 403 Forbidden: the API key was revoked' }],
  // Disconnected: no new data, but what it synced is kept (integrations.txt, DELETE).
  [{
    ...apex, id: DEMO.disconnectedIntegrationId, workspaceId: DEMO.workspaceId, type: 'sonarcloud', name: 'SonarCloud - apex-digital', status: 'disconnected',
    config: { organization: 'apex-digital', projects: ['payments-api', 'payments-worker'] },
    syncStatus: 'healthy', lastSyncedAt: at('2026-02-20T06:00:00Z'), connectedBy: 'USR-26-000041', disconnectedAt: at('2026-02-20T10:00:00Z'),
    createdAt: at('2024-09-02T09:00:00Z'), updatedAt: at('2026-02-20T10:00:00Z'),
  }, { first: '2026-02-14T06:00:00Z', last: '2026-02-20T06:00:00Z', everyHours: 24 }],
  [{
    ...apex, id: 'INT-26-000045', workspaceId: DEMO.dataWorkspaceId, type: 'gitlab', name: 'apex-digital/data-pipelines', status: 'active',
    config: { group: 'apex-digital', projects: ['data-pipelines', 'dbt-models'], events: ['push', 'merge_request', 'pipeline'] },
    syncStatus: 'healthy', lastSyncedAt: at('2026-04-15T08:45:00Z'), connectedBy: 'USR-26-000049',
    createdAt: at('2025-02-10T11:00:00Z'), updatedAt: at('2026-04-15T08:45:00Z'),
  }, { first: '2026-04-15T00:45:00Z', last: '2026-04-15T08:45:00Z', everyHours: 1 }],
  [{
    ...apex, id: 'INT-26-000046', workspaceId: DEMO.dataWorkspaceId, type: 'linear', name: 'Data Platform (Linear)', status: 'active',
    config: { team_keys: ['DATA'], sync_direction: 'bidirectional' },
    syncStatus: 'degraded', lastSyncedAt: at('2026-04-15T08:20:00Z'), connectedBy: 'USR-26-000049',
    createdAt: at('2026-02-02T13:00:00Z'), updatedAt: at('2026-04-15T08:20:00Z'),
  }, { first: '2026-04-14T08:20:00Z', last: '2026-04-15T08:20:00Z', everyHours: 2, failRate: 0.3, error: 'Linear API rate limit exceeded (429)' }],
  [{
    ...northwind, id: DEMO.otherIntegrationId, workspaceId: DEMO.otherWorkspaceId, type: 'github', name: 'northwind/core-platform', status: 'active',
    config: { organization: 'northwind', repositories: ['core-platform', 'mobile-app'], events: ['push', 'pull_request'] },
    syncStatus: 'healthy', lastSyncedAt: at('2026-04-15T09:10:00Z'), connectedBy: DEMO.otherAdminUserId,
    createdAt: at('2025-07-02T09:00:00Z'), updatedAt: at('2026-04-15T09:10:00Z'),
  }, { first: '2026-04-14T22:10:00Z', last: '2026-04-15T09:10:00Z', everyHours: 1 }],
  [{
    ...northwind, id: 'INT-26-000036', workspaceId: DEMO.otherWorkspaceId, type: 'jira', name: 'Northwind Jira', status: 'active',
    config: { site: 'northwindlabs.atlassian.net', project_keys: ['NW'], sync_direction: 'bidirectional' },
    syncStatus: 'healthy', lastSyncedAt: at('2026-04-15T08:40:00Z'), connectedBy: DEMO.otherAdminUserId,
    createdAt: at('2025-07-02T09:20:00Z'), updatedAt: at('2026-04-15T08:40:00Z'),
  }, { first: '2026-04-14T22:40:00Z', last: '2026-04-15T08:40:00Z', everyHours: 1 }],
  [{
    ...northwind, id: 'INT-26-000037', workspaceId: DEMO.otherWorkspaceId, type: 'slack', name: '#northwind-eng', status: 'pending_auth',
    config: { channel: '#northwind-eng' }, syncStatus: null, lastSyncedAt: null, connectedBy: DEMO.otherOwnerUserId,
    createdAt: at('2026-04-13T15:00:00Z'), updatedAt: at('2026-04-13T15:00:00Z'),
  }],
];

export function buildIntegrations(rng: Random): { rows: Pick<DemoData, 'integrations' | 'syncRuns'>; events: EventDraft[] } {
  const integrations = SPECS.map(([row]) => row);
  const runs: SyncRun[] = [];
  for (const [row, schedule] of SPECS) {
    if (schedule) runs.push(...scheduledRuns(rng.fork(row.id!), row, schedule));
  }
  runs.sort(byTime((r) => r.startedAt as Date));
  // The docs' newest github run must be the newest of all: its number is the top of the range.
  const newest = runs[runs.length - 1];
  if (newest.integrationId !== DEMO.githubIntegrationId || (newest.startedAt as Date).toISOString() !== '2026-04-15T09:30:00.000Z') {
    throw new Error('the docs\' 09:30 github run must be the newest sync run');
  }
  for (const [run, n] of numberDownFrom(runs, Number(DEMO.lastSyncRunId.slice(-6)), [])) run.id = demoId('SYNC', n);

  const events: EventDraft[] = [];
  for (const row of integrations) {
    const base = { organizationId: row.organizationId, workspaceId: row.workspaceId, subjectType: 'integration', subjectId: row.id! };
    if ((row.createdAt as Date) >= EVENT_RETENTION_START && row.status !== 'pending_auth') {
      events.push({ ...base, type: 'integration.connected', actorType: 'user', actorId: row.connectedBy ?? null, payload: { type: row.type, name: row.name }, createdAt: row.createdAt as Date });
    }
    if (row.disconnectedAt) {
      events.push({ ...base, type: 'integration.disconnected', actorType: 'user', actorId: row.connectedBy ?? null, payload: { type: row.type, name: row.name }, createdAt: row.disconnectedAt });
    }
  }
  for (const run of runs.filter((r) => r.status === 'failed')) {
    const row = integrations.find((i) => i.id === run.integrationId)!;
    events.push({
      organizationId: row.organizationId, workspaceId: row.workspaceId, subjectType: 'integration', subjectId: row.id!,
      type: 'integration.sync_failed', actorType: 'system', actorId: null, payload: { sync_id: run.id, error: run.error }, createdAt: run.finishedAt as Date,
    });
  }
  return { rows: { integrations, syncRuns: runs }, events };
}

/** Records synced per run; the docs give the two newest github runs exactly. */
const DOCUMENTED_RECORDS: Record<string, number> = { '2026-04-15T09:30:00.000Z': 14, '2026-04-15T08:30:00.000Z': 3 };

function scheduledRuns(rng: Random, row: Integration, s: Schedule): SyncRun[] {
  const out: SyncRun[] = [];
  for (let t = at(s.first); t <= at(s.last); t = plus(t, s.everyHours * HOUR)) {
    const failed = (s.failFrom !== undefined && t >= at(s.failFrom)) || (s.failRate !== undefined && t < at(s.last) && rng.chance(s.failRate));
    const documented = row.id === DEMO.githubIntegrationId ? DOCUMENTED_RECORDS[t.toISOString()] : undefined;
    out.push({
      organizationId: row.organizationId, integrationId: row.id!, status: failed ? 'failed' : 'success', startedAt: t,
      finishedAt: plus(t, rng.int(4, 95) * 1000), recordsSynced: failed ? null : documented ?? rng.int(0, 40),
      error: failed ? s.error ?? 'sync failed' : null, triggeredBy: 'schedule', createdAt: t,
    });
  }
  return out;
}
