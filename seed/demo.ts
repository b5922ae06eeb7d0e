import { eq, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database, Tx } from '../platform/db.ts';
import { EVENTS_CHANNEL } from '../platform/event-log.ts';
import { advanceIdSequences } from './id-sequences.ts';
import * as t from '../schema/tables.ts';
import { buildDemoData } from './demo/build.ts';
import { demoWebhookSecret } from './demo/webhooks.ts';
import { loadConfig } from '../platform/config.ts';
import { seal, sealingKey } from '../platform/secrets.ts';
import { DEMO } from './demo/ids.ts';
import type { DemoData } from './demo/types.ts';

export { DEMO } from './demo/ids.ts';
export { buildDemoData } from './demo/build.ts';

/** Rows per INSERT: well under PostgreSQL's 65535 bind parameters for the widest table. */
const CHUNK = 1000;

/** Held while seeding, so two processes starting at once on one database seed it once. */
const SEED_LOCK = 7_204_613;

/** The lock platform/event-log.ts takes before appending (it does not export it). */
import { APPEND_LOCK as EVENT_APPEND_LOCK } from '../platform/event-log.ts';

/**
 * Loads the demo data: the API docs' example records, the organization around them and a second
 * organization. Idempotent: when the first organization exists it writes nothing. Everything goes
 * in one transaction, so a failed seed leaves no half-organization behind.
 */
export async function seedDemo(database: Database): Promise<{ seeded: boolean }> {
  const data = buildDemoData();
  const seeded = await database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    const existing = await tx.select({ id: t.organizations.id }).from(t.organizations).where(eq(t.organizations.id, DEMO.organizationId));
    if (existing.length > 0) return false;
    await insertAll(tx, data);
    return true;
  });
  // Rows came with explicit IDs, which bypass the sequences: move them past what is now in use.
  if (seeded) await advanceIdSequences(database);
  return { seeded };
}

/** Parents before children, so every foreign key holds at each insert. */
async function insertAll(tx: Tx, data: DemoData): Promise<void> {
  await insertRows(tx, t.plans, data.plans);
  await insertRows(tx, t.organizations, data.organizations);
  await insertRows(tx, t.workspaces, data.workspaces);
  await insertRows(tx, t.users, data.users);
  await insertRows(tx, t.workspaceMembers, data.workspaceMembers);
  await insertRows(tx, t.projects, data.projects);
  await insertRows(tx, t.subscriptions, data.subscriptions);
  await insertRows(tx, t.serviceLines, data.serviceLines);
  await insertRows(tx, t.usageRecords, data.usageRecords);
  await insertRows(tx, t.tasks, data.tasks);
  await insertRows(tx, t.taskHistory, data.taskHistory);
  await insertRows(tx, t.pods, data.pods);
  await insertRows(tx, t.podMembers, data.podMembers);
  await insertRows(tx, t.slas, data.slas);
  await insertRows(tx, t.slaReports, data.slaReports);
  await insertRows(tx, t.tickets, data.tickets);
  await insertRows(tx, t.incidents, data.incidents);
  await insertRows(tx, t.integrations, data.integrations);
  await insertRows(tx, t.syncRuns, data.syncRuns);
  // Live appenders hold this lock until commit so that seq follows commit order; holding it too
  // keeps a stream reader from skipping demo events committed after a newer live one.
  await tx.execute(sql`select pg_advisory_xact_lock(${EVENT_APPEND_LOCK})`);
  // In time order and without seq: the identity column then numbers the log in time order.
  await insertRows(tx, t.events, data.events);
  for (const organizationId of new Set(data.events.map((e) => e.organizationId))) {
    await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${organizationId})`);
  }
  await insertWebhooks(tx, data);
}

/**
 * The demo's webhook endpoints, their (public) secrets sealed with this deployment's key, and their
 * delivery history. They receive only events logged after the demo's: their position is the log's end.
 */
async function insertWebhooks(tx: Tx, data: DemoData): Promise<void> {
  const config = loadConfig();
  const key = sealingKey(config.credentialsKey, config.authSecret);
  await insertRows(tx, t.endpoints, data.webhookEndpoints);
  await insertRows(tx, t.secrets, data.webhookEndpoints.map((e) => ({ endpointId: e.id!, keyId: key.id, sealed: seal(key, demoWebhookSecret(e.id!)), createdAt: e.createdAt })));
  await insertRows(tx, t.deliveries, data.webhookDeliveries);
  await insertRows(tx, t.attempts, data.webhookAttempts);
  await tx.execute(sql`update webhooks.endpoints set after_seq = (select coalesce(max(seq), 0) from events.events)`);
  await tx.execute(sql`update webhooks.deliveries d set event_seq = e.seq from events.events e where e.id = d.event_id`);
}

async function insertRows<T extends PgTable>(tx: Tx, table: T, rows: T['$inferInsert'][]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx.insert(table).values(rows.slice(i, i + CHUNK));
  }
}
