import type { Db, Tx } from '../../platform/db.ts';
import type { Principal } from '../../platform/auth/tokens.ts';
import { parseId } from '../../platform/ids.ts';
import type { WriteAttempt } from '../../platform/subgraph/write-audit.ts';
import { auditLogs } from './tables.ts';

/** One write attempt, as the audit trail keeps it. */
export interface AuditEntry {
  principal: Principal;
  action: string;
  /** The object written, or aimed at when refused: a platform ID (anything else is not kept). */
  resourceId?: string | null;
  /** The written object's workspace, when it has one; else the caller's narrowing. */
  workspaceId?: string | null;
  outcome: 'succeeded' | 'refused';
  errorCode?: string | null;
  /** Names only, never values. */
  changedFields?: readonly string[];
}

const MAX_USER_AGENT = 500;

/** Appends one row to the audit trail, inside the caller's transaction when it passes one. */
export async function recordAudit(db: Db | Tx, entry: AuditEntry): Promise<void> {
  const { principal } = entry;
  const parsed = entry.resourceId ? parseId(entry.resourceId) : undefined;
  const origin = principal.origin;
  await db.insert(auditLogs).values({
    organizationId: principal.organizationId,
    workspaceId: entry.workspaceId ?? principal.workspaceId,
    actorType: principal.actorType,
    actorId: principal.actorId,
    keyPrefix: origin?.keyPrefix ?? null,
    action: entry.action,
    resourceType: parsed?.type ?? null,
    resourceId: parsed?.type ? entry.resourceId! : null,
    outcome: entry.outcome,
    errorCode: entry.errorCode ?? null,
    changedFields: [...new Set(entry.changedFields ?? [])],
    clientAddress: origin?.clientAddress ?? null,
    userAgent: origin?.userAgent?.replaceAll('\u0000', '').slice(0, MAX_USER_AGENT) ?? null,
    channel: origin?.channel ?? null,
  });
}

/** The audit entry of a mutation's attempt (platform/subgraph/write-audit.ts). */
export function entryOfAttempt(attempt: WriteAttempt): AuditEntry {
  const written = attempt.outcome === 'succeeded' ? writtenObjectOf(attempt.result) : null;
  return {
    principal: attempt.principal,
    action: attempt.action,
    resourceId: aimedIdOf(attempt.args) ?? written?.id ?? otherIdOf(attempt.args),
    workspaceId: written?.workspaceId,
    outcome: attempt.outcome,
    errorCode: attempt.errorCode,
    changedFields: changedFieldsOf(attempt.args),
  };
}

/** Records a mutation's attempt: the recorder every subgraph's server is given. */
export const recordWriteAttempt = (db: Db | Tx, attempt: WriteAttempt) => recordAudit(db, entryOfAttempt(attempt));

/**
 * The fields a mutation's arguments set, by name: an input object's keys, and any other argument
 * that is not the ID of the object aimed at. Values are never kept (credentials, secrets ...).
 */
export function changedFieldsOf(args: Record<string, unknown>): string[] {
  return Object.entries(args).flatMap(([name, value]) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return Object.keys(value).filter((key) => (value as Record<string, unknown>)[key] !== undefined);
    }
    return name === 'id' || name.endsWith('Id') || value === undefined ? [] : [name];
  });
}

/** The object a mutation acts on by its `id` argument (an update, a revocation, a sync). */
function aimedIdOf(args: Record<string, unknown>): string | null {
  return typeof args.id === 'string' ? args.id : null;
}

/** Otherwise the first argument naming an ID (redeliverWebhookDelivery's webhookId). */
function otherIdOf(args: Record<string, unknown>): string | null {
  const named = Object.entries(args).find(([name, value]) => name.endsWith('Id') && typeof value === 'string');
  return (named?.[1] as string | undefined) ?? null;
}

/** The object a write returned: itself, or the first object with an ID it carries (a created key, a rotated webhook). */
function writtenObjectOf(result: unknown): { id: string; workspaceId?: string | null } | null {
  if (!result || typeof result !== 'object') return null;
  const row = result as { id?: unknown; workspaceId?: string | null };
  if (typeof row.id === 'string') return { id: row.id, workspaceId: row.workspaceId };
  for (const value of Object.values(result)) {
    const inner = value && typeof value === 'object' ? (value as { id?: unknown; workspaceId?: string | null }) : null;
    if (inner && typeof inner.id === 'string') return { id: inner.id, workspaceId: inner.workspaceId };
  }
  return null;
}
