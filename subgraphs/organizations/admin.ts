import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db.ts';
import { appendEvents, type EventInput } from '../../platform/event-log.ts';
import { conflict, unprocessable } from '../../platform/errors.ts';
import { mintApiKey } from '../../platform/auth/api-keys.ts';
import { requiredText } from '../../platform/input-rules.ts';
import { apiKeys, organizations, users } from './tables.ts';

/**
 * Operator commands outside any request (`npm run admin`): what production needs before anyone can
 * call the API, since every API write needs a principal of an existing organization. Each runs in
 * one transaction with its events, actor `system` (the operator is not a user of the graph).
 */

const SYSTEM = { type: 'system', id: null };
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface CreatedKey {
  id: string;
  role: string;
  tokenPrefix: string;
  /** Shown once: only its hash is stored. */
  secret: string;
}

/** A new organization, its owner (an active user with role owner) and an owner API key. */
export async function createOrganizationWithOwner(db: Db, input: { name: string; slug: string; ownerEmail: string; ownerName: string; keyName?: string }) {
  const name = requiredText(input.name, 'name', 'name');
  const ownerName = requiredText(input.ownerName, 'owner-name', 'name');
  if (!SLUG.test(input.slug)) throw unprocessable('slug: lowercase letters, digits and hyphens, 1 to 63 characters, not starting or ending with a hyphen.', 'slug');
  if (!EMAIL.test(input.ownerEmail)) throw unprocessable(`owner-email: "${input.ownerEmail}" is not an email address.`, 'owner-email');
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, input.slug));
    if (taken) throw conflict(`slug: organization ${taken.id} already has the slug "${input.slug}".`);
    const [organization] = await tx.insert(organizations).values({ name, slug: input.slug, billingEmail: input.ownerEmail }).returning();
    const [owner] = await tx.insert(users).values({ organizationId: organization.id, email: input.ownerEmail, name: ownerName, role: 'owner', status: 'active' }).returning();
    const key = await insertKey(tx, organization.id, input.keyName ?? 'owner key (npm run admin)', owner.id);
    await appendEvents(tx, [
      event('organization.created', organization.id, 'organization', organization.id, { name, slug: input.slug }),
      event('user.created', organization.id, 'user', owner.id, { email: owner.email, role: owner.role }),
      key.event,
    ]);
    return { organization, owner, apiKey: key.created };
  });
}

/** An owner API key for an existing organization (a lost key, a second one for rotation). */
export async function createOwnerKey(db: Db, organizationId: string, keyName: string) {
  const name = requiredText(keyName, 'name', 'name');
  return db.transaction(async (tx) => {
    const [organization] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId));
    if (!organization) throw unprocessable(`org: organization ${organizationId} does not exist.`, 'org');
    const key = await insertKey(tx, organizationId, name, null);
    await appendEvents(tx, [key.event]);
    return key.created;
  });
}

async function insertKey(tx: Tx, organizationId: string, name: string, createdBy: string | null): Promise<{ created: CreatedKey; event: EventInput }> {
  const minted = mintApiKey();
  const [row] = await tx.insert(apiKeys).values({
    organizationId, workspaceId: null, name, role: 'owner', tokenPrefix: minted.tokenPrefix, secretHash: minted.secretHash, createdBy,
  }).returning();
  return {
    created: { id: row.id, role: row.role, tokenPrefix: row.tokenPrefix, secret: minted.token },
    event: event('api_key.created', organizationId, 'api_key', row.id, { name, role: row.role, token_prefix: row.tokenPrefix, expires_at: null }),
  };
}

function event(type: string, organizationId: string, subjectType: string, subjectId: string, payload: Record<string, unknown>): EventInput {
  return { type, organizationId, workspaceId: null, actor: SYSTEM, subject: { type: subjectType, id: subjectId }, payload };
}
