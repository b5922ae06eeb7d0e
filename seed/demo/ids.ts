import { formatId } from '../../platform/ids.ts';

/** Demo IDs all carry year 26, like every example in the API docs. */
export const demoId = (prefix: string, n: number): string => formatId(prefix, 2026, n);

/**
 * The well-known IDs of the demo data. The first organization reproduces the API docs' examples;
 * the second exists so tests can prove that the first one's tokens never see it.
 */
export const DEMO = {
  now: '2026-04-15T09:45:00Z',

  organizationId: 'ORG-26-090500',
  workspaceId: 'WS-26-000021',
  dataWorkspaceId: 'WS-26-000022',
  ownerUserId: 'USR-26-000040',
  adminUserId: 'USR-26-000044',
  memberUserId: 'USR-26-000081',
  viewerUserId: 'USR-26-000052',
  /** Belongs to WS-26-000022 only. */
  dataMemberUserId: 'USR-26-000049',
  invitedUserId: 'USR-26-000078',
  deactivatedUserId: 'USR-26-000056',
  projectId: 'PROJ-26-004281',
  planId: 'PLN-26-000003',
  subscriptionId: 'SUB-26-001122',

  serviceLineId: 'LIN-26-084729',
  podServiceLineId: 'LIN-26-088401',
  agentServiceLineId: 'LIN-26-091100',
  agentId: 'AGT-26-000012',
  runId: 'RUN-26-001812',

  taskId: 'TSK-26-018841',
  agentTaskId: 'TSK-26-018901',

  podId: 'POD-26-000008',
  slaId: 'SLA-26-000008',
  incidentId: 'INC-26-000091',
  /** The pod's priority item past its response deadline at the demo's now (seed/demo/managed-services.ts). */
  overdueTicketId: 'TKT-26-000242',
  /** A pod still being scoped: no Service Line, no SLA yet. */
  scopingPodId: 'POD-26-000012',

  githubIntegrationId: 'INT-26-000041',
  jiraIntegrationId: 'INT-26-000042',
  slackIntegrationId: 'INT-26-000043',
  failedIntegrationId: 'INT-26-000044',
  disconnectedIntegrationId: 'INT-26-000039',
  /** The highest sync run: the docs' manual sync mints SYNC-26-000811 next. */
  lastSyncRunId: 'SYNC-26-000810',

  activationEventId: 'EVT-26-044912',
  /** The docs' "Debugging a webhook" endpoint. */
  webhookId: 'WHK-26-000004',
  /** Its delivery of the activation EVT-26-044912: answered 503, then delivered on the retry. */
  webhookDeliveryId: 'WHD-26-000001',
  agentRunEventId: 'EVT-26-044899',

  otherOrganizationId: 'ORG-26-090777',
  otherWorkspaceId: 'WS-26-000090',
  otherOwnerUserId: 'USR-26-000010',
  otherAdminUserId: 'USR-26-000011',
  otherProjectId: 'PROJ-26-004150',
  otherSubscriptionId: 'SUB-26-001098',
  otherServiceLineId: 'LIN-26-079310',
  otherPodServiceLineId: 'LIN-26-079322',
  otherPodId: 'POD-26-000005',
  otherSlaId: 'SLA-26-000005',
  otherIntegrationId: 'INT-26-000035',
} as const;

/**
 * Gives `items` (already in time order) numbers counting down from `top`, skipping the numbers the
 * docs already use: the newest generated record sits just under the documented ones, so the next
 * minted ID is the one the docs show (or just above it).
 */
export function numberDownFrom<T>(items: readonly T[], top: number, taken: readonly number[]): Array<[T, number]> {
  const reserved = new Set(taken);
  const out: Array<[T, number]> = [];
  let n = top;
  for (let i = items.length - 1; i >= 0; i--) {
    while (reserved.has(n)) n--;
    if (n < 1) throw new Error('demo ID range exhausted');
    out.push([items[i], n--]);
  }
  return out.reverse();
}
