import { and, eq, sql } from 'drizzle-orm';
import type { SubgraphContext } from '../../platform/subgraph/context.ts';
import { appendEvents, eventOf } from '../../platform/event-log.ts';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/errors.ts';
import { requireCapability, mayGrant } from '../../platform/auth/roles.ts';
import { mintApiKey, API_KEY_REVOKED_CHANNEL } from '../../platform/auth/api-keys.ts';
import { checkId, checkOptionalId } from '../../platform/args.ts';
import { toIso } from '../../platform/time.ts';
import { findWorkspace } from './public.ts';
import { requiredText } from '../../platform/input-rules.ts';
import { apiKeyScoped } from './data-api-keys.ts';
import { apiKeys } from './tables.ts';
import type { ApiKeyRow } from './models.ts';
import type { CreateApiKeyInput } from './generated/resolvers.ts';

/**
 * The writes of the organizations subgraph: API keys. Each validates first (nothing is written on
 * bad input), then writes the key and appends its event in ONE transaction. The secret exists only
 * in the create response: the row keeps its hash, and no event ever carries it.
 */
export async function createApiKey(ctx: SubgraphContext, input: CreateApiKeyInput): Promise<{ apiKey: ApiKeyRow; secret: string }> {
  requireCapability(ctx.principal, 'admin');
  const name = requiredText(input.name, 'name', 'name');
  const role = input.role ?? 'member';
  if (!mayGrant(ctx.principal, role)) {
    throw forbidden(`Role ${ctx.principal.role} may not create a key with role ${role}: a key never outranks its creator.`);
  }
  // A narrowed caller's keys stay inside its workspace; naming none means its own. Naming another
  // is refused by visibility below, as for any object the caller cannot see.
  const workspaceId = checkOptionalId('Workspace', input.workspaceId, 'workspaceId') ?? ctx.scope.workspaceId;
  if (workspaceId && !(await findWorkspace(ctx.db, ctx.scope, workspaceId))) {
    throw unprocessable(`workspaceId: Workspace ${workspaceId} not found.`, 'workspaceId');
  }
  const expiresAt = input.expiresAt ?? null;
  if (expiresAt && expiresAt.getTime() <= Date.now()) throw unprocessable('expiresAt must lie in the future.', 'expiresAt');

  const minted = mintApiKey();
  return ctx.db.transaction(async (tx) => {
    const [apiKey] = await tx.insert(apiKeys).values({
      organizationId: ctx.scope.organizationId,
      workspaceId,
      name,
      role,
      tokenPrefix: minted.tokenPrefix,
      secretHash: minted.secretHash,
      createdBy: ctx.principal.actorId,
      expiresAt,
    }).returning();
    await appendEvents(tx, [eventOf(ctx.principal, 'api_key.created', 'api_key', apiKey, {
      name: apiKey.name, role: apiKey.role, token_prefix: apiKey.tokenPrefix, expires_at: toIso(apiKey.expiresAt),
    })]);
    return { apiKey, secret: minted.token };
  });
}

export async function revokeApiKey(ctx: SubgraphContext, id: string): Promise<ApiKeyRow> {
  requireCapability(ctx.principal, 'admin');
  checkId('ApiKey', id, 'id');
  return ctx.db.transaction(async (tx) => {
    // Locked, so two concurrent revocations cannot both succeed and both append an event.
    const [before] = await tx.select().from(apiKeys).where(and(eq(apiKeys.id, id), apiKeyScoped(ctx.scope))).for('update');
    if (!before) throw notFound(`API key ${id} not found.`);
    if (before.revokedAt) throw conflict(`API key ${id} was already revoked at ${toIso(before.revokedAt)}.`);
    const [after] = await tx.update(apiKeys).set({ revokedAt: sql`now()` }).where(eq(apiKeys.id, id)).returning();
    await appendEvents(tx, [eventOf(ctx.principal, 'api_key.revoked', 'api_key', after, { name: after.name, token_prefix: after.tokenPrefix })]);
    // Delivered on commit only: the gateways end the key's open subscriptions (gateway/sessions.ts).
    await tx.execute(sql`select pg_notify(${API_KEY_REVOKED_CHANNEL}, ${after.id})`);
    return after;
  });
}
