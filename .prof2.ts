import { openDatabase } from './subgraphs/kit/db.ts';
import { signalEventsByLine } from './subgraphs/events/lookups.ts';
const db = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/hh_scale' });
const scope = { organizationId: 'ORG-26-100000', workspaceId: null };
const to = new Date('2026-04-15T00:00:00Z'); const from = new Date(to.getTime() - 28 * 86400000);
const { queries } = await db.statements.measure(() => signalEventsByLine(db.db, scope, ['LIN-26-100000'], { start: from, end: to }, new Date(to.getTime() - 90 * 86400000), 10));
console.log(queries[0]);
await db.close();
