import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db.ts';
import { existingIds } from '../../platform/existing-ids.ts';
import { inScope, type Scope } from '../../platform/scope.ts';
import { serviceLines } from './tables.ts';

/** What other subgraphs may ask of, or do to, Service Lines; only this subgraph touches its tables. */
export type ServiceLineRow = typeof serviceLines.$inferSelect;

const scoped = (scope: Scope) => inScope(scope, { organizationId: serviceLines.organizationId, workspaceId: serviceLines.workspaceId });

/** A Service Line visible to the scope, or undefined. */
export async function findServiceLine(db: Db, scope: Scope, id: string): Promise<ServiceLineRow | undefined> {
  const [row] = await db.select().from(serviceLines).where(and(eq(serviceLines.id, id), scoped(scope)));
  return row;
}

export const existingServiceLines = (db: Db, scope: Scope, ids: readonly string[]) =>
  existingIds(db, serviceLines, serviceLines.id, ids, scoped(scope));

/** Counts a completed task toward the line's delivery velocity, inside the caller's transaction. */
export async function incrementDeliveryVelocity(tx: Tx | Db, serviceLineId: string): Promise<void> {
  await tx.update(serviceLines)
    .set({ deliveryVelocity: sql`${serviceLines.deliveryVelocity} + 1`, updatedAt: sql`now()` })
    .where(eq(serviceLines.id, serviceLineId));
}
