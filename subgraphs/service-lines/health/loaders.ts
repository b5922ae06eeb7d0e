import type { SubgraphContext } from '../../../platform/subgraph/context.ts';
import { checkOptionalId } from '../../../platform/args.ts';
import { pageRequest, toConnection, type ConnectionArgs, type Connection, type Page } from '../../../platform/connection.ts';
import { badRequest, notFound } from '../../../platform/errors.ts';
import { findOrNotFound } from '../../../platform/subgraph/resolve.ts';
import { findWorkspace } from '../../organizations/public.ts';
import { countServiceLines, listServiceLines } from '../data.ts';
import { serviceLineById } from '../loaders.ts';
import type { ServiceLineRow } from '../models.ts';
import { activeLineIdsByWorkspace } from './data.ts';
import { measureLines } from './measures.ts';
import { assess, rollUp, type HealthAssessment, type HealthRollUp } from './rules.ts';
import { healthWindow, requestNow, windowKey, type HealthWindow } from './window.ts';

/** Health's per-request loaders: every line a request assesses over one window shares one batch. */

export interface WindowArgs {
  from?: Date | null;
  to?: Date | null;
}

function healthLoader(ctx: SubgraphContext, window: HealthWindow) {
  return ctx.loaders.get(`ServiceLine.health(${windowKey(window)})`, async (ids) => {
    const measures = await measureLines(ctx.db, ctx.scope, ids, window);
    const lines = serviceLineById(ctx);
    const out = new Map<string, HealthAssessment>();
    for (const [id, m] of measures) {
      out.set(id, assess(m));
      // The rows came with the measures: ServiceLineHealth.serviceLine needs no statement of its own.
      lines.prime(id, m.line);
    }
    return out;
  });
}

async function assessmentsOf(ctx: SubgraphContext, window: HealthWindow, ids: readonly string[]): Promise<HealthAssessment[]> {
  const found = await healthLoader(ctx, window).loadMany(ids);
  for (const a of found) if (a instanceof Error) throw a;
  return (found as Array<HealthAssessment | undefined>).filter((a): a is HealthAssessment => a !== undefined);
}

/** `ServiceLine.health`: the parent line is the caller's, so it is always assessed. */
export async function lineHealth(ctx: SubgraphContext, line: ServiceLineRow, args: WindowArgs): Promise<HealthAssessment> {
  const window = healthWindow(args, requestNow(ctx));
  const [assessment] = await assessmentsOf(ctx, window, [line.id]);
  if (!assessment) throw notFound(`Service Line ${line.id} not found.`);
  return assessment;
}

export type WorkspaceHealthModel = HealthRollUp & { workspaceId: string };

/**
 * `Workspace.health`: the workspace's active lines (one statement for every workspace), then their
 * batch; null when it has none the caller may see (so another tenant's workspace reads as an empty one).
 */
export async function workspaceHealth(ctx: SubgraphContext, workspaceId: string, args: WindowArgs): Promise<WorkspaceHealthModel | null> {
  const window = healthWindow(args, requestNow(ctx));
  const ids = await ctx.loaders.get('Workspace.activeLineIds', (wsIds) => activeLineIdsByWorkspace(ctx.db, ctx.scope, wsIds)).load(workspaceId);
  const assessments = await assessmentsOf(ctx, window, ids ?? []);
  return assessments.length ? { workspaceId, ...rollUp(window, assessments) } : null;
}

/** `WorkspaceHealth.attention(limit)`: the lines that are not healthy, worst first. */
export function attention(rollup: HealthRollUp, limit: number | null | undefined): HealthAssessment[] {
  const n = limit ?? 5;
  if (!Number.isInteger(n) || n < 1 || n > 100) throw badRequest(`limit must be an integer between 1 and 100, got ${n}.`, 'limit');
  return rollup.ranked.filter((a) => a.status !== 'healthy').slice(0, n);
}

export type HealthConnectionArgs = ConnectionArgs & WindowArgs & { serviceLineId?: string | null; workspaceId?: string | null };

/**
 * `Query.serviceLineHealth`: one line's assessment, or a page of a workspace's active lines'
 * (paged by line ID, as `serviceLines` is). A line or workspace outside the caller's scope is
 * NOT_FOUND, exactly as one that does not exist.
 */
export async function healthConnection(ctx: SubgraphContext, args: HealthConnectionArgs): Promise<Connection<HealthAssessment>> {
  const serviceLineId = checkOptionalId('ServiceLine', args.serviceLineId, 'serviceLineId');
  const workspaceId = checkOptionalId('Workspace', args.workspaceId, 'workspaceId');
  if (!serviceLineId === !workspaceId) {
    throw badRequest('Pass serviceLineId or workspaceId: one of them, not both.', serviceLineId ? 'workspaceId' : 'serviceLineId');
  }
  const window = healthWindow(args, requestNow(ctx));
  const request = pageRequest(args, 'ServiceLine');
  let page: Page<ServiceLineRow>;
  let count: (() => Promise<number>) | undefined;
  if (serviceLineId) {
    const line = await findOrNotFound('ServiceLine', serviceLineId, serviceLineById(ctx), 'serviceLineId');
    // A one-row list: a cursor pages past the line, or before it, as it would in any list by ID.
    const kept = request.cursorId === null || (request.backward ? line.id < request.cursorId : line.id > request.cursorId);
    page = { rows: kept ? [line] : [], hasMore: false, total: 1 };
  } else {
    if (!(await findWorkspace(ctx.db, ctx.scope, workspaceId!))) throw notFound(`Workspace ${workspaceId} not found.`);
    const filter = { workspaceId, status: ['active' as const] };
    page = await listServiceLines(ctx.db, ctx.scope, filter, request);
    count = () => countServiceLines(ctx.db, ctx.scope, filter);
  }
  const assessments = await assessmentsOf(ctx, window, page.rows.map((r) => r.id));
  return toConnection({ ...page, rows: assessments }, request, count, (a) => a.line.id);
}
