import { createHash } from 'node:crypto';
import type { Random } from '../random.ts';
import type { EventRow } from '../../platform/event-log-table.ts';
import { eventEnvelope } from '../../subgraphs/webhooks/envelope.ts';
import { signedHeaders } from '../../subgraphs/webhooks/signing.ts';
import { nominalDelayMs } from '../../subgraphs/webhooks/delivery/schedule.ts';
import { DEFAULT_WEBHOOK_SETTINGS } from '../../platform/webhook-settings.ts';
import { DEMO, demoId } from './ids.ts';
import { at, plus, MINUTE } from './time.ts';
import type { DemoData, EventDraft } from './types.ts';

type Endpoint = DemoData['webhookEndpoints'][number];
type Delivery = DemoData['webhookDeliveries'][number];
type Attempt = DemoData['webhookAttempts'][number];

/**
 * The demo's webhook endpoints and their delivery history, for the docs' "Debugging a webhook"
 * workflow: WHK-26-000004 receives the organization's Service Line and invoice events, and its
 * deliveries show the activation of LIN-26-084729 (EVT-26-044912) answered 503, then delivered on
 * the retry a minute later. WHK-26-000003, a billing bridge, failed the 2 April invoice on every
 * attempt of the schedule and was disabled with a webhook.delivery_failed event. WHK-26-000002 is a
 * workspace's task feed; WHK-26-000001 belongs to the other organization.
 *
 * The secrets of demo endpoints are public (derived from their IDs, below): rotate one before
 * pointing it at a real receiver.
 */
const ENDPOINTS: Endpoint[] = [
  {
    id: demoId('WHK', 1), organizationId: DEMO.otherOrganizationId, workspaceId: null, url: 'https://hooks.northwind.example/scrums',
    description: 'Northwind incident bridge', eventTypes: ['incident.'], enabled: true, verification: 'verified',
    createdBy: DEMO.otherAdminUserId, createdAt: at('2026-01-03T12:00:00Z'), updatedAt: at('2026-01-03T12:00:00Z'),
  },
  {
    id: demoId('WHK', 2), organizationId: DEMO.organizationId, workspaceId: DEMO.workspaceId, url: 'https://ops.apexdigital.com/hooks/tasks',
    description: 'Payments task feed', eventTypes: ['task.'], enabled: true, verification: 'verified',
    createdBy: DEMO.adminUserId, createdAt: at('2026-04-14T08:00:00Z'), updatedAt: at('2026-04-14T08:00:00Z'),
  },
  {
    id: demoId('WHK', 3), organizationId: DEMO.organizationId, workspaceId: null, url: 'https://billing-bridge.apexdigital.com/webhooks',
    description: 'Legacy billing bridge', eventTypes: ['invoice.finalized', 'invoice.paid'], enabled: false, disabledReason: 'failing', verification: 'verified',
    createdBy: DEMO.ownerUserId, createdAt: at('2026-01-05T09:00:00Z'), updatedAt: at('2026-04-05T00:13:01Z'),
  },
  {
    id: DEMO.webhookId, organizationId: DEMO.organizationId, workspaceId: null, url: 'https://hooks.apexdigital.com/scrums',
    description: 'Service Line and billing sync', eventTypes: ['service_line.', 'invoice.'], enabled: true, verification: 'verified',
    createdBy: DEMO.adminUserId, createdAt: at('2026-01-12T10:00:00Z'), updatedAt: at('2026-01-12T10:00:00Z'),
  },
];

/** The invoice the billing bridge could not take, and when its delivery began. */
const FAILED_INVOICE_AT = at('2026-04-02T06:00:00Z');

/** A demo endpoint's secret: public, as everything in this repository. */
export function demoWebhookSecret(endpointId: string): string {
  return `whsec_${createHash('sha256').update(`scrums-demo-webhook:${endpointId}`).digest().subarray(0, 24).toString('base64')}`;
}

/** The delivery_failed event of the billing bridge, drafted before the log is numbered (buildWebhooks fills its IDs). */
export function webhookEventDrafts(): EventDraft[] {
  const bridge = ENDPOINTS[2];
  return [{
    type: 'webhook.delivery_failed', organizationId: bridge.organizationId, workspaceId: null, actorType: 'system', actorId: null,
    subjectType: 'webhook', subjectId: bridge.id!, createdAt: failingSchedule().at(-1)!,
    payload: { endpoint_url: bridge.url, delivery_id: null, event_id: null, event_type: 'invoice.finalized', attempts: DEFAULT_WEBHOOK_SETTINGS.maxAttempts, status_code: 503, error: null, reason: 'failing', endpoint_disabled: true },
  }];
}

/** When each attempt of a delivery that never succeeds is made: the default schedule, unjittered. */
function failingSchedule(): Date[] {
  const times = [plus(FAILED_INVOICE_AT, 1000)];
  for (let n = 1; n < DEFAULT_WEBHOOK_SETTINGS.maxAttempts; n++) times.push(plus(times[n - 1], nominalDelayMs(DEFAULT_WEBHOOK_SETTINGS, n) + 300));
  return times;
}

const subscribes = (endpoint: Endpoint, event: DemoData['events'][number]) =>
  event.organizationId === endpoint.organizationId && (!endpoint.workspaceId || event.workspaceId === endpoint.workspaceId) &&
  event.createdAt! >= endpoint.createdAt! && endpoint.eventTypes.some((t) => (t.endsWith('.') ? event.type.startsWith(t) : event.type === t));

/** Every delivery of every demo endpoint, after the log has its IDs. */
export function buildWebhooks(rng: Random, data: DemoData): Pick<DemoData, 'webhookEndpoints' | 'webhookDeliveries' | 'webhookAttempts'> {
  const deliveries: Delivery[] = [];
  const attempts: Attempt[] = [];
  const matching = ENDPOINTS.flatMap((endpoint) => data.events.filter((e) => e.type !== 'webhook.delivery_failed' && subscribes(endpoint, e)).map((event) => ({ endpoint, event })));
  matching.sort((a, b) => a.event.createdAt!.getTime() - b.event.createdAt!.getTime() || a.endpoint.id!.localeCompare(b.endpoint.id!));
  for (const { endpoint, event } of matching) {
    const id = demoId('WHD', deliveries.length + 1);
    const body = JSON.stringify(eventEnvelope({ ...event, seq: 0 } as EventRow));
    const story = outcomes(endpoint, event);
    story.forEach((outcome, i) => {
      const next = story[i + 1]?.at ?? null;
      attempts.push({
        deliveryId: id, attempt: i + 1, organizationId: endpoint.organizationId, startedAt: outcome.at,
        requestHeaders: { ...signedHeaders([demoWebhookSecret(endpoint.id!)], event.id!, outcome.at, body) },
        responseStatus: outcome.status, responseBody: outcome.status === 200 ? '{"received":true}' : 'upstream unavailable',
        latencyMs: rng.int(80, 420), error: null, nextAttemptAt: next,
      });
    });
    const last = story.at(-1)!;
    deliveries.push({
      id, organizationId: endpoint.organizationId, workspaceId: endpoint.workspaceId, endpointId: endpoint.id!, kind: 'event',
      eventId: event.id!, eventType: event.type, body, status: last.status === 200 ? 'succeeded' : 'failed', attempts: story.length,
      nextAttemptAt: null, createdAt: plus(event.createdAt!, 500), finishedAt: plus(last.at, 400),
    });
    if (endpoint.id === ENDPOINTS[2].id && last.status !== 200) {
      const failed = data.events.find((e) => e.type === 'webhook.delivery_failed' && e.subjectId === endpoint.id)!;
      failed.payload = { ...failed.payload, delivery_id: id, event_id: event.id };
    }
  }
  return { webhookEndpoints: ENDPOINTS.map((e) => ({ ...e })), webhookDeliveries: deliveries, webhookAttempts: attempts };
}

/** What each attempt of one delivery was answered, and when it was made. */
function outcomes(endpoint: Endpoint, event: DemoData['events'][number]): Array<{ at: Date; status: number }> {
  const first = plus(event.createdAt!, 1000);
  if (event.id === DEMO.activationEventId && endpoint.id === DEMO.webhookId) {
    return [{ at: first, status: 503 }, { at: plus(first, MINUTE + 400), status: 200 }];
  }
  if (endpoint.id === ENDPOINTS[2].id && event.createdAt!.getTime() === FAILED_INVOICE_AT.getTime() && event.type === 'invoice.finalized') {
    return failingSchedule().map((when) => ({ at: when, status: 503 }));
  }
  return [{ at: first, status: 200 }];
}
