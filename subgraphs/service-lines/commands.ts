import { and, eq, sql } from 'drizzle-orm';
import type { SubgraphContext } from '../../platform/subgraph/context.ts';
import { appendEvents, eventOf } from '../../platform/event-log.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { requireCapability } from '../../platform/auth/roles.ts';
import { checkId } from '../../platform/args.ts';
import { inScope } from '../../platform/scope.ts';
import { serviceLines, SERVICE_LINE_STATUSES } from './tables.ts';
import type { ServiceLineRow } from './models.ts';

type Status = (typeof SERVICE_LINE_STATUSES)[number];

/**
 * The lifecycle of a Service Line, the writes of this subgraph:
 *
 *   draft ──activate──▶ active ──pause──▶ paused
 *                         ▲                 │
 *                         └─────resume──────┘
 *   draft | active | paused ──close──▶ closed (final)
 *
 * Each transition names the statuses it leaves and the event it appends. The docs' events.txt
 * lists service_line.activated, .paused, .closed and .status_changed: a transition with a name of
 * its own appends that event, and only that one (a subscriber to `service_line.` sees every
 * transition once); resuming has none, so it appends service_line.status_changed. Every payload
 * carries previous_status, new_status, execution_model and product_line, as the docs' EVT-26-044912.
 */
export const TRANSITIONS = {
  activate: { from: ['draft'], to: 'active', event: 'service_line.activated' },
  pause: { from: ['active'], to: 'paused', event: 'service_line.paused' },
  resume: { from: ['paused'], to: 'active', event: 'service_line.status_changed' },
  close: { from: ['draft', 'active', 'paused'], to: 'closed', event: 'service_line.closed' },
} as const satisfies Record<string, { from: readonly Status[]; to: Status; event: string }>;

export type Transition = keyof typeof TRANSITIONS;

/**
 * Moves a line along one transition. Activating and closing start and stop billing, so the whole
 * lifecycle is an owner's or admin's (platform/auth/roles.ts). The line is read under FOR UPDATE, so two
 * concurrent transitions of one line are serialised and the second sees the first's status. A
 * line outside the caller's scope is not found; a status the transition does not leave is a
 * conflict. The row and its event commit together.
 */
export async function transitionServiceLine(ctx: SubgraphContext, id: string, transition: Transition): Promise<ServiceLineRow> {
  requireCapability(ctx.principal, 'admin');
  checkId('ServiceLine', id, 'id');
  const { from, to, event } = TRANSITIONS[transition];

  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(serviceLines)
      .where(and(eq(serviceLines.id, id), inScope(ctx.scope, { organizationId: serviceLines.organizationId, workspaceId: serviceLines.workspaceId })))
      .for('update');
    if (!before) throw notFound(`Service Line ${id} not found.`);
    if (!(from as readonly Status[]).includes(before.status)) {
      throw conflict(`Service Line ${id} is ${before.status}: only ${from.join(', ').replace(/, (?=[^,]*$)/, ' or ')} lines can be ${PAST[transition]}.`);
    }
    const [after] = await tx.update(serviceLines).set({
      status: to,
      updatedAt: sql`now()`,
      // activated_at records the first activation; a resume keeps it.
      ...(transition === 'activate' ? { activatedAt: sql`now()` } : {}),
      ...(transition === 'close' ? { closedAt: sql`now()` } : {}),
    }).where(eq(serviceLines.id, id)).returning();
    await appendEvents(tx, [eventOf(ctx.principal, event, 'service_line', after, {
      previous_status: before.status, new_status: after.status, execution_model: after.executionModel, product_line: after.productLine,
    })]);
    return after;
  });
}

const PAST: Record<Transition, string> = { activate: 'activated', pause: 'paused', resume: 'resumed', close: 'closed' };
