import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { SubgraphContext } from '../../platform/subgraph/context.ts';
import type { Tx } from '../../platform/db.ts';
import { appendEvents, eventOf } from '../../platform/event-log.ts';
import { notFound, unprocessable } from '../../platform/errors.ts';
import { requireCapability } from '../../platform/auth/roles.ts';
import { checkId, checkOptionalId } from '../../platform/args.ts';
import { requiredText } from '../../platform/input-rules.ts';
import { seal } from '../../platform/secrets.ts';
import { toIso } from '../../platform/time.ts';
import { findWorkspace } from '../organizations/public.ts';
import { credentialsKeyOf } from '../integrations/public.ts';
import { deliveries, endpoints, secrets } from './tables.ts';
import { endpointScope, deliveryInScope } from './data.ts';
import { checkEventTypes, webhookSettings } from './rules.ts';
import { checkResolvedAddresses, checkWebhookUrl } from './urls.ts';
import { mintSecret } from './signing.ts';
import { pingEnvelope } from './envelope.ts';
import { lockEndpoints, parkQueue, promoteHeads, WEBHOOKS_CHANNEL } from './delivery/queue.ts';
import type { DeliveryRow, EndpointRow, CreatedWebhookModel, RotatedWebhookSecretModel } from './models.ts';
import type { CreateWebhookInput, UpdateWebhookInput } from './generated/resolvers.ts';

/**
 * The writes of the webhooks subgraph, owners and admins only. Each validates first (nothing is
 * written on bad input), then changes the endpoint, its sealed secrets or its queue and appends its
 * event in ONE transaction. A secret leaves only in the response that minted it; no event holds one.
 */
export const DEFAULT_OVERLAP_SECONDS = 86_400;
export const MAX_OVERLAP_SECONDS = 7 * 86_400;

export async function createWebhook(ctx: SubgraphContext, input: CreateWebhookInput): Promise<CreatedWebhookModel> {
  requireCapability(ctx.principal, 'admin');
  const settings = webhookSettings(ctx);
  const url = checkWebhookUrl(input.url, settings);
  const eventTypes = checkEventTypes(input.eventTypes);
  const description = optionalText(input.description);
  // A narrowed caller's endpoints receive its own workspace's events; naming another is "not found".
  const workspaceId = checkOptionalId('Workspace', input.workspaceId, 'workspaceId') ?? ctx.scope.workspaceId;
  if (workspaceId && !(await findWorkspace(ctx.db, ctx.scope, workspaceId))) {
    throw unprocessable(`workspaceId: Workspace ${workspaceId} not found.`, 'workspaceId');
  }
  await checkResolvedAddresses(url, settings);
  const secret = mintSecret();

  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(endpoints).values({
      organizationId: ctx.scope.organizationId, workspaceId, url, description, eventTypes, enabled: input.enabled ?? true,
      disabledReason: input.enabled === false ? 'manual' : null, createdBy: ctx.principal.actorId,
    }).returning();
    await tx.insert(secrets).values({ endpointId: row.id, keyId: credentialsKeyOf(ctx.deps).id, sealed: seal(credentialsKeyOf(ctx.deps), secret) });
    await appendEvents(tx, [eventOf(ctx.principal, 'webhook.created', 'webhook', row, { url, event_types: eventTypes, enabled: row.enabled })]);
    // Under the log's append lock: every event after this position commits after this endpoint, and is delivered to it.
    const [webhook] = await tx.update(endpoints).set({ afterSeq: sql`(select coalesce(max(seq), 0) from events.events)` })
      .where(eq(endpoints.id, row.id)).returning();
    await queuePing(tx, webhook);
    return { webhook, secret };
  });
}

export async function updateWebhook(ctx: SubgraphContext, id: string, input: UpdateWebhookInput): Promise<EndpointRow> {
  requireCapability(ctx.principal, 'admin');
  checkId('Webhook', id, 'id');
  const settings = webhookSettings(ctx);
  const url = input.url == null ? undefined : checkWebhookUrl(input.url, settings);
  const eventTypes = input.eventTypes == null ? undefined : checkEventTypes(input.eventTypes);
  const description = input.description === undefined ? undefined : optionalText(input.description);
  const enabled = input.enabled ?? undefined;
  if (url === undefined && eventTypes === undefined && description === undefined && enabled === undefined) {
    throw unprocessable('input must change url, eventTypes, description or enabled.', 'input');
  }
  if (url) await checkResolvedAddresses(url, settings);

  return ctx.db.transaction(async (tx) => {
    const before = await lockEndpoint(tx, ctx, id);
    const changed = [
      ...(url !== undefined && url !== before.url ? ['url'] : []),
      ...(eventTypes !== undefined && JSON.stringify(eventTypes) !== JSON.stringify(before.eventTypes) ? ['event_types'] : []),
      ...(description !== undefined && description !== before.description ? ['description'] : []),
      ...(enabled !== undefined && enabled !== before.enabled ? ['enabled'] : []),
    ];
    if (changed.length === 0) return before;
    const [after] = await tx.update(endpoints).set({
      ...(changed.includes('url') ? { url, verification: 'pending' as const } : {}),
      ...(changed.includes('event_types') ? { eventTypes } : {}),
      ...(changed.includes('description') ? { description } : {}),
      ...(changed.includes('enabled') ? { enabled, disabledReason: enabled ? null : ('manual' as const) } : {}),
      updatedAt: sql`now()`,
    }).where(eq(endpoints.id, id)).returning();
    if (changed.includes('enabled')) {
      // Enabled again: the queue resumes where it stopped, in order. Disabled: it waits, kept.
      if (enabled) await promoteHeads(tx, [id]);
      else await parkQueue(tx, id);
    }
    // A new URL is a new receiver: it is verified like a new endpoint.
    if (changed.includes('url')) await queuePing(tx, after);
    else if (enabled) await notify(tx);
    await appendEvents(tx, [eventOf(ctx.principal, 'webhook.updated', 'webhook', after, { changed, url: after.url, event_types: after.eventTypes, enabled: after.enabled })]);
    return after;
  });
}

export async function deleteWebhook(ctx: SubgraphContext, id: string): Promise<EndpointRow> {
  requireCapability(ctx.principal, 'admin');
  checkId('Webhook', id, 'id');
  return ctx.db.transaction(async (tx) => {
    const before = await lockEndpoint(tx, ctx, id);
    // Its secrets, queue and delivery history go with it (foreign keys cascade).
    await tx.delete(endpoints).where(eq(endpoints.id, id));
    await appendEvents(tx, [eventOf(ctx.principal, 'webhook.deleted', 'webhook', before, { url: before.url })]);
    return before;
  });
}

export async function rotateWebhookSecret(ctx: SubgraphContext, id: string, overlapSeconds: number | null | undefined): Promise<RotatedWebhookSecretModel> {
  requireCapability(ctx.principal, 'admin');
  checkId('Webhook', id, 'id');
  const overlap = overlapSeconds ?? DEFAULT_OVERLAP_SECONDS;
  if (!Number.isInteger(overlap) || overlap < 0 || overlap > MAX_OVERLAP_SECONDS) {
    throw unprocessable(`overlapSeconds must be an integer from 0 to ${MAX_OVERLAP_SECONDS}, got ${overlap}.`, 'overlapSeconds');
  }
  const secret = mintSecret();
  return ctx.db.transaction(async (tx) => {
    const webhook = await lockEndpoint(tx, ctx, id);
    const current = or(isNull(secrets.expiresAt), gt(secrets.expiresAt, sql`now()`));
    // The secrets in force now sign for `overlap` more seconds (never longer than they already would).
    const retiring = await tx.update(secrets)
      .set({ expiresAt: sql`least(coalesce(${secrets.expiresAt}, 'infinity'), now() + ${overlap} * interval '1 second')` })
      .where(and(eq(secrets.endpointId, id), current)).returning({ expiresAt: secrets.expiresAt });
    await tx.delete(secrets).where(and(eq(secrets.endpointId, id), sql`${secrets.expiresAt} <= now()`));
    await tx.insert(secrets).values({ endpointId: id, keyId: credentialsKeyOf(ctx.deps).id, sealed: seal(credentialsKeyOf(ctx.deps), secret) });
    const previousSecretExpiresAt = overlap === 0 || retiring.length === 0 ? null : retiring.map((r) => r.expiresAt!).sort((a, b) => b.getTime() - a.getTime())[0];
    await appendEvents(tx, [eventOf(ctx.principal, 'webhook.secret_rotated', 'webhook', webhook, { previous_secret_expires_at: toIso(previousSecretExpiresAt) })]);
    return { webhook, secret, previousSecretExpiresAt };
  });
}

export async function pingWebhook(ctx: SubgraphContext, id: string): Promise<DeliveryRow> {
  requireCapability(ctx.principal, 'admin');
  checkId('Webhook', id, 'id');
  return ctx.db.transaction(async (tx) => queuePing(tx, await lockEndpoint(tx, ctx, id)));
}

export async function redeliverWebhookDelivery(ctx: SubgraphContext, webhookId: string, deliveryId: string): Promise<DeliveryRow> {
  requireCapability(ctx.principal, 'admin');
  checkId('Webhook', webhookId, 'webhookId');
  checkId('WebhookDelivery', deliveryId, 'deliveryId');
  return ctx.db.transaction(async (tx) => {
    await lockEndpoint(tx, ctx, webhookId);
    const original = await deliveryInScope(tx, ctx.scope, webhookId, deliveryId);
    if (!original) throw notFound(`Webhook delivery ${deliveryId} not found.`);
    // The same body, so the same webhook-id (the event's): a receiver that already has it can tell.
    const [copy] = await tx.insert(deliveries).values({
      organizationId: original.organizationId, workspaceId: original.workspaceId, endpointId: webhookId, kind: 'redelivery',
      eventId: original.eventId, eventType: original.eventType, body: original.body, redeliveryOf: original.id,
    }).returning();
    await notify(tx);
    return copy;
  });
}

/** Queues a webhook.ping, due now; its body names the delivery itself. */
async function queuePing(tx: Tx, endpoint: EndpointRow): Promise<DeliveryRow> {
  const [queued] = await tx.insert(deliveries).values({
    organizationId: endpoint.organizationId, workspaceId: endpoint.workspaceId, endpointId: endpoint.id, kind: 'ping', eventType: 'webhook.ping', body: '',
  }).returning();
  const [ping] = await tx.update(deliveries).set({ body: JSON.stringify(pingEnvelope(queued.id, endpoint, queued.createdAt)) })
    .where(eq(deliveries.id, queued.id)).returning();
  await notify(tx);
  return ping;
}

/** Wakes idle delivery workers on commit. */
const notify = (tx: Tx) => tx.execute(sql`select pg_notify(${WEBHOOKS_CHANNEL}, '')`);

/** The queue's lock first, then the row: the order the delivery worker takes them in too. */
async function lockEndpoint(tx: Tx, ctx: SubgraphContext, id: string): Promise<EndpointRow> {
  await lockEndpoints(tx, [id]);
  const [row] = await tx.select().from(endpoints).where(and(eq(endpoints.id, id), endpointScope(ctx.scope))).for('update');
  if (!row) throw notFound(`Webhook ${id} not found.`);
  return row;
}

function optionalText(value: string | null | undefined): string | null {
  if (value == null || value.trim() === '') return null;
  return requiredText(value, 'description', 'title');
}
