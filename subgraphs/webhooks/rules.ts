import type { SubgraphContext } from '../../platform/subgraph/context.ts';
import { badRequest, unprocessable } from '../../platform/errors.ts';
import type { WebhookSettings } from '../../platform/webhook-settings.ts';

/**
 * Event types an endpoint subscribes to: exact types (`task.created`, `agent.run.failed`) or
 * domain prefixes ending in a dot (`task.`, `agent.run.`), as events.txt names them.
 */
export const MAX_EVENT_TYPES = 50;
export const EVENT_TYPE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*\.?$/;

export function checkEventTypes(types: readonly string[]): string[] {
  if (types.length === 0) throw unprocessable('eventTypes must name at least one event type or prefix (task.).', 'eventTypes');
  if (types.length > MAX_EVENT_TYPES) throw unprocessable(`eventTypes takes at most ${MAX_EVENT_TYPES} entries.`, 'eventTypes');
  const checked = types.map((t) => t.trim());
  const bad = checked.find((t) => t.length > 100 || !EVENT_TYPE.test(t));
  if (bad !== undefined) {
    throw unprocessable(`eventTypes: "${bad}" is neither an event type (task.created) nor a domain prefix ending in a dot (task.).`, 'eventTypes');
  }
  return [...new Set(checked)];
}

/** The same rule for a filter of deliveries (a bad argument: BAD_USER_INPUT naming `eventTypes`). */
export function checkEventTypeFilter(types: readonly string[] | null | undefined): readonly string[] | undefined {
  if (types == null) return undefined;
  if (types.length > MAX_EVENT_TYPES) throw badRequest(`eventTypes takes at most ${MAX_EVENT_TYPES} entries, got ${types.length}.`, 'eventTypes');
  const bad = types.find((t) => t.length > 100 || !EVENT_TYPE.test(t));
  if (bad !== undefined) {
    throw badRequest(`eventTypes: "${bad}" is neither an event type (task.created) nor a domain prefix ending in a dot (task.).`, 'eventTypes');
  }
  return types;
}

/** The settings the subgraph was started with (WEBHOOK_*, tests' overrides). */
export function webhookSettings(ctx: Pick<SubgraphContext, 'deps'>): WebhookSettings {
  return ctx.deps.config.webhooks;
}
