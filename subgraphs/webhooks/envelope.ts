import { toIso } from '../../platform/time.ts';
import type { EventRow } from '../../platform/event-log-table.ts';

/**
 * What a delivery POSTs: an event in the envelope events.txt documents (the shape GET /v1/events
 * answers), or, for a verification or test ping, the same envelope around the endpoint itself.
 */
export interface Envelope {
  id: string;
  type: string;
  organization_id: string;
  workspace_id: string | null;
  actor: { type: string; id: string | null };
  subject: { type: string; id: string };
  payload: Record<string, unknown>;
  created_at: string | null;
}

export function eventEnvelope(event: EventRow): Envelope {
  return {
    id: event.id,
    type: event.type,
    organization_id: event.organizationId,
    workspace_id: event.workspaceId,
    actor: { type: event.actorType, id: event.actorId },
    subject: { type: event.subjectType, id: event.subjectId },
    payload: event.payload,
    created_at: toIso(event.createdAt),
  };
}

export const PING_TYPE = 'webhook.ping';

/** A ping names the delivery as its ID (it is no event of the log) and the endpoint as its subject. */
export function pingEnvelope(deliveryId: string, endpoint: { id: string; organizationId: string; workspaceId: string | null; url: string }, at: Date): Envelope {
  return {
    id: deliveryId,
    type: PING_TYPE,
    organization_id: endpoint.organizationId,
    workspace_id: endpoint.workspaceId,
    actor: { type: 'system', id: null },
    subject: { type: 'webhook', id: endpoint.id },
    payload: { url: endpoint.url },
    created_at: toIso(at),
  };
}
