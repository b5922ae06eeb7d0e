import { it, expect } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEngines } from './testkit/describe-engines.ts';
import { writeSnapshots } from './testkit/writes.ts';
import { DEMO } from '../seed/demo.ts';

/** The instrument the bad-input and fuzz suites judge "changed nothing" by (testkit/writes.ts) sees what it must, and only that. */
describeEngines('write snapshots', (ctx) => {
  const snapshot = writeSnapshots(() => ctx.database);
  const changed = (before: Record<string, string>, after: Record<string, string>) => Object.keys(after).filter((k) => after[k] !== before[k]);

  it('see a committed update, even of one row to its own values, and not a rolled-back delete', async () => {
    const start = await snapshot();
    expect(changed(start, await snapshot())).toEqual([]);
    await ctx.database.rows(sql`update tasks.tasks set description = description where id = ${DEMO.taskId}`);
    const updated = await snapshot();
    expect(changed(start, updated)).toEqual(['tasks.tasks']);
    await ctx.database.db.transaction(async (tx) => {
      await tx.execute(sql`delete from tasks.task_history`);
      tx.rollback();
    }).catch(() => {});
    expect(changed(updated, await snapshot())).toEqual([]);
  });

  it("leave out an export job's progress, which its worker moves in the background, but not the job itself", async () => {
    const before = await snapshot();
    await ctx.database.rows(sql`insert into gateway.export_jobs (organization_id, actor_type, role, source, query, format) values ('ORG-26-090500', 'user', 'admin', 'rest', '/v1/events', 'ndjson')`);
    const inserted = await snapshot();
    expect(changed(before, inserted)).toEqual(['gateway.export_jobs']);
    await ctx.database.rows(sql`update gateway.export_jobs set status = 'running', heartbeat_at = now(), objects_written = 3`);
    expect(changed(inserted, await snapshot())).toEqual([]);
    await ctx.database.rows(sql`update gateway.export_jobs set query = '/v1/tasks'`);
    expect(changed(inserted, await snapshot())).toEqual(['gateway.export_jobs']);
  });
});
