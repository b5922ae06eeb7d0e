import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db.ts';
import { existingIds } from '../../platform/existing-ids.ts';
import type { Scope } from '../../platform/scope.ts';
import type { SubgraphDefinition } from '../../platform/subgraph/server.ts';
import { schemaFileOf } from '../registry.ts';
import { serviceLines } from './tables.ts';
import { scoped } from './data.ts';
import type { ServiceLineRow } from './models.ts';
import { evaluateHealth, startHealthEvaluation } from './health/evaluation.ts';

/**
 * The service-lines subgraph's public module: the one file of this folder that code outside it may
 * import (everything else here is private). Other subgraphs ask it about, and change, Service Lines
 * in-process and inside their own transactions (the database is shared on purpose:
 * docs/architecture.md); only this subgraph's code touches its tables.
 */
export const definition: SubgraphDefinition = {
  name: 'service-lines',
  schemaFile: schemaFileOf('service-lines'),
  loadResolvers: async () => (await import('./resolvers/index.ts')).resolvers,
  /**
   * The process serving this subgraph evaluates Service Line health periodically, appending
   * service_line.health_changed (HEALTH_EVALUATION_SECONDS; off when null); stopped with the subgraph.
   */
  start(deps) {
    const seconds = deps.config.healthEvaluationSeconds;
    return seconds ? startHealthEvaluation(deps.database, { intervalSeconds: seconds }) : undefined;
  },
};

// ---------------------------------------------------------------------------------------------
// Reads

export type { ServiceLineRow };

/** A Service Line visible to the scope, or undefined. */
export async function findServiceLine(db: Db, scope: Scope, id: string): Promise<ServiceLineRow | undefined> {
  const [row] = await db.select().from(serviceLines).where(and(eq(serviceLines.id, id), scoped(scope)));
  return row;
}

export const existingServiceLines = (db: Db, scope: Scope, ids: readonly string[]) =>
  existingIds(db, serviceLines, serviceLines.id, ids, scoped(scope));

// ---------------------------------------------------------------------------------------------
// Writes

export const serviceLineWrites = {
  /**
   * One health evaluation of every active line as of `now` (the periodic evaluation's step): records
   * each line's status and appends service_line.health_changed for the changes, in one transaction.
   * The definition runs it on a schedule; the health benchmark calls it directly.
   */
  evaluateHealth,

  /**
   * Counts a completed task toward the line's delivery velocity, inside the caller's transaction.
   * This is the one write another subgraph makes to these tables: the seam to cut, by deriving the
   * velocity from task events, if the subgraphs ever deploy apart (docs/architecture.md).
   */
  async incrementDeliveryVelocity(tx: Tx | Db, serviceLineId: string): Promise<void> {
    await tx.update(serviceLines)
      .set({ deliveryVelocity: sql`${serviceLines.deliveryVelocity} + 1`, updatedAt: sql`now()` })
      .where(eq(serviceLines.id, serviceLineId));
  },
};
