import { sql } from 'drizzle-orm';
import { pgSchema, text, jsonb, boolean, primaryKey, index, uniqueIndex, integer } from 'drizzle-orm/pg-core';
import { mintedIdColumn, idSequence } from '../../platform/ids.ts';
import { createdAt, ts } from '../../platform/columns.ts';

export const organizationsSchema = pgSchema('organizations');
const s = organizationsSchema;

export const orgIdSeq = idSequence(s, 'ORG');
export const wsIdSeq = idSequence(s, 'WS');
export const usrIdSeq = idSequence(s, 'USR');
export const projIdSeq = idSequence(s, 'PROJ');
export const plnIdSeq = idSequence(s, 'PLN');
export const subIdSeq = idSequence(s, 'SUB');
export const keyIdSeq = idSequence(s, 'KEY');

/** What a principal may do; the capabilities of each role are written down once, in the auth module. */
export const roleEnum = s.enum('role', ['owner', 'admin', 'member', 'viewer']);
export const userStatusEnum = s.enum('user_status', ['invited', 'active', 'deactivated']);
export const subscriptionStatusEnum = s.enum('subscription_status', ['trialing', 'active', 'past_due', 'cancelled']);
export const planTierEnum = s.enum('plan_tier', ['starter', 'growth', 'scale', 'enterprise']);

export const plans = s.table('plans', {
  id: mintedIdColumn(s, 'PLN'),
  name: text('name').notNull(),
  tier: planTierEnum('tier').notNull(),
  /** Product lines whose Service Lines this plan allows to be activated. */
  allowedProductLines: text('allowed_product_lines').array().notNull().default(sql`'{}'::text[]`),
  maxActiveServiceLines: integer('max_active_service_lines'),
  createdAt: createdAt(),
});

export const organizations = s.table('organizations', {
  id: mintedIdColumn(s, 'ORG'),
  name: text('name').notNull(),
  slug: text('slug').notNull(),
  billingEmail: text('billing_email'),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('organizations_slug_key').on(t.slug)]);

export interface WorkspaceSettings {
  /** When true (the default), a task must name its Service Line. */
  require_task_service_line: boolean;
}

export const workspaces = s.table('workspaces', {
  id: mintedIdColumn(s, 'WS'),
  organizationId: text('organization_id').notNull().references(() => organizations.id),
  name: text('name').notNull(),
  slug: text('slug').notNull(),
  settings: jsonb('settings').$type<WorkspaceSettings>().notNull().default({ require_task_service_line: true }),
  createdAt: createdAt(),
}, (t) => [
  index('workspaces_org_idx').on(t.organizationId, t.id),
  uniqueIndex('workspaces_org_slug_key').on(t.organizationId, t.slug),
]);

export const users = s.table('users', {
  id: mintedIdColumn(s, 'USR'),
  organizationId: text('organization_id').notNull().references(() => organizations.id),
  email: text('email').notNull(),
  name: text('name').notNull(),
  role: roleEnum('role').notNull().default('member'),
  status: userStatusEnum('status').notNull().default('active'),
  createdAt: createdAt(),
}, (t) => [
  index('users_org_idx').on(t.organizationId, t.id),
  uniqueIndex('users_org_email_key').on(t.organizationId, t.email),
]);

export const workspaceMembers = s.table('workspace_members', {
  workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
  userId: text('user_id').notNull().references(() => users.id),
  role: roleEnum('role').notNull().default('member'),
  joinedAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.userId] }),
  index('workspace_members_user_idx').on(t.userId),
]);

/** Projects are labels (PROJ-*) applied to Service Lines and work items, not a level of the hierarchy. */
export const projects = s.table('projects', {
  id: mintedIdColumn(s, 'PROJ'),
  organizationId: text('organization_id').notNull().references(() => organizations.id),
  name: text('name').notNull(),
  description: text('description'),
  archived: boolean('archived').notNull().default(false),
  createdAt: createdAt(),
}, (t) => [index('projects_org_idx').on(t.organizationId, t.id)]);

export const subscriptions = s.table('subscriptions', {
  id: mintedIdColumn(s, 'SUB'),
  organizationId: text('organization_id').notNull().references(() => organizations.id),
  planId: text('plan_id').notNull().references(() => plans.id),
  status: subscriptionStatusEnum('status').notNull().default('active'),
  startedAt: ts('started_at').notNull(),
  renewsAt: ts('renews_at'),
  cancelledAt: ts('cancelled_at'),
  createdAt: createdAt(),
}, (t) => [index('subscriptions_org_idx').on(t.organizationId, t.id)]);

/**
 * API keys for server-to-server callers. Only a SHA-256 hash of the secret is kept (the secret is
 * 256 random bits, so a slow hash adds nothing); `tokenPrefix` is the non-secret part shown in lists.
 */
export const apiKeys = s.table('api_keys', {
  id: mintedIdColumn(s, 'KEY'),
  organizationId: text('organization_id').notNull().references(() => organizations.id),
  workspaceId: text('workspace_id').references(() => workspaces.id),
  name: text('name').notNull(),
  role: roleEnum('role').notNull().default('member'),
  tokenPrefix: text('token_prefix').notNull(),
  secretHash: text('secret_hash').notNull(),
  createdBy: text('created_by'),
  createdAt: createdAt(),
  lastUsedAt: ts('last_used_at'),
  expiresAt: ts('expires_at'),
  revokedAt: ts('revoked_at'),
}, (t) => [
  uniqueIndex('api_keys_secret_hash_key').on(t.secretHash),
  index('api_keys_org_idx').on(t.organizationId, t.id),
]);
