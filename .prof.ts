import { and, eq } from 'drizzle-orm';
import { openDatabase } from './subgraphs/kit/db.ts';
import * as t from './subgraphs/kit/tables.ts';
import { openIncidentsByLine, overdueTicketsByLine, podsByLine } from './subgraphs/managed-services/lookups.ts';
import { completionsByLine, workInProgressByLine } from './subgraphs/tasks/lookups.ts';
import { signalEventsByLine } from './subgraphs/events/lookups.ts';
import { failingIntegrationsByWorkspace } from './subgraphs/integrations/lookups.ts';
import { linesWithSpend } from './subgraphs/service-lines/health/data.ts';
const db = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/hh_scale' });
const scope = { organizationId: 'ORG-26-100000', workspaceId: null };
const all = (await db.db.select({ id: t.serviceLines.id }).from(t.serviceLines).where(and(eq(t.serviceLines.workspaceId, 'WS-26-100000'), eq(t.serviceLines.status, 'active')))).map((r) => r.id);
const to = new Date('2026-04-15T00:00:00Z'); const from = new Date(to.getTime() - 28 * 86400000);
for (const ids of [all.slice(0, 1), all]) {
  const fns: Record<string, () => Promise<unknown>> = {
    spend: () => linesWithSpend(db.db, scope, ids, { previousStart: new Date('2026-03-01'), start: new Date('2026-04-01'), end: to }),
    incidents: () => openIncidentsByLine(db.db, scope, ids, to, 10),
    tickets: () => overdueTicketsByLine(db.db, scope, ids, to, 10),
    pods: () => podsByLine(db.db, scope, ids, to),
    completions: () => completionsByLine(db.db, scope, ids, { start: from, end: to }),
    wip: () => workInProgressByLine(db.db, scope, ids, to, new Date(to.getTime() - 14 * 86400000), 10),
    events: () => signalEventsByLine(db.db, scope, ids, { start: from, end: to }, new Date(to.getTime() - 90 * 86400000), 10),
    integrations: () => failingIntegrationsByWorkspace(db.db, scope, ['WS-26-100000'], { start: from, end: to }),
  };
  for (let round = 0; round < 3; round++) {
    const out: string[] = [];
    for (const [k, f] of Object.entries(fns)) { const t0 = performance.now(); await f(); out.push(`${k} ${(performance.now() - t0).toFixed(0)}`); }
    console.log(ids.length, out.join(' | '));
  }
}
await db.close();
