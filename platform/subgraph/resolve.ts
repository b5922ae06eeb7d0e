import { checkId } from '../args.ts';
import { notFound } from '../errors.ts';
import type { EntityType } from '../ids.ts';
import type DataLoader from 'dataloader';

/** Human names of types in not-found messages, as the docs write them ("Service Line LIN-.. not found."). */
const DISPLAY_NAMES: Partial<Record<EntityType, string>> = { ServiceLine: 'Service Line', SyncRun: 'Sync run', Sla: 'SLA', ApiKey: 'API key', WebhookDelivery: 'Webhook delivery', AuditLog: 'Audit log' };

export function displayName(type: EntityType): string {
  return DISPLAY_NAMES[type] ?? type;
}

/**
 * A root lookup by ID: a wrong-type ID is BAD_USER_INPUT naming the argument; an unknown one, or one
 * of another tenant, is null with NOT_FOUND (never FORBIDDEN, so existence does not leak).
 */
export async function findOrNotFound<T>(type: EntityType, id: string, loader: DataLoader<string, T | undefined>, argument = 'id'): Promise<T> {
  checkId(type, id, argument);
  const row = await loader.load(id);
  if (row == null) throw notFound(`${displayName(type)} ${id} not found.`);
  return row;
}

/** An entity reference from the gateway (`_entities`): null when unknown or outside the caller's scope. */
export async function resolveReference<T>(ref: { id: string }, loader: DataLoader<string, T | undefined>): Promise<T | null> {
  return (await loader.load(ref.id)) ?? null;
}
