import { it, expect, beforeAll, afterAll } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { describeEngines } from '../../test/testkit/describe-engines.ts';
import { startSubgraph, type SubgraphClient } from '../../test/testkit/subgraph.ts';
import { principals } from '../../test/testkit/auth.ts';
import { DEMO } from '../../seed/demo.ts';
import { tasks } from '../tasks/tables.ts';
import { definition as tasksSubgraph } from '../tasks/public.ts';
import { auditLogs } from './tables.ts';
import { definition } from './public.ts';

const CREATE = 'mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }';
const UPDATE = 'mutation($id: ID!, $input: UpdateTaskInput!) { updateTask(id: $id, input: $input) { id } }';

/**
 * How a subgraph's mutations are audited (platform/subgraph/write-audit.ts with this subgraph's
 * recorder), on a subgraph over real HTTP: one entry per root field, in the write's transaction.
 */
describeEngines('audit trail of a subgraph\'s writes', (ctx) => {
  let writer: SubgraphClient;
  let trail: SubgraphClient;
  beforeAll(async () => {
    writer = await startSubgraph(tasksSubgraph, ctx.database, principals.apexAdmin);
    trail = await startSubgraph(definition, ctx.database, principals.apexAdmin);
  });
  afterAll(async () => {
    await writer?.close();
    await trail?.close();
  });

  const entries = () => ctx.database.db.select().from(auditLogs).orderBy(auditLogs.id);
  const taskCount = async () => (await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from tasks.tasks`))[0].n;

  it('records each root field of a mutation once, succeeded with the object written, or refused with its code', async () => {
    const before = (await entries()).length;
    const input = { workspaceId: DEMO.workspaceId, serviceLineId: DEMO.serviceLineId, title: 'Audit unit task' };
    const res = await writer.query(`mutation($input: CreateTaskInput!) { a: createTask(input: $input) { id } c: createTask(input: $input) { id } }`, { input });
    expect(res.errors).toBeUndefined();
    // Root mutation fields are non-null: one refused nulls the answer, and is still audited as refused.
    const refused = await writer.query(`mutation($input: CreateTaskInput!) {
      a: createTask(input: $input) { id }
      b: updateTask(id: "TSK-26-999997", input: { title: "nope" }) { id }
    }`, { input });
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    const added = (await entries()).slice(before);
    expect(added.map((e) => [e.action, e.outcome, e.resourceId, e.errorCode])).toEqual(expect.arrayContaining([
      ['createTask', 'succeeded', res.data.a.id, null],
      ['createTask', 'succeeded', res.data.c.id, null],
      ['updateTask', 'refused', 'TSK-26-999997', 'not_found'],
    ]));
    // The third createTask committed before updateTask was refused: it stands, audited.
    expect(added).toHaveLength(4);
    expect(added.filter((e) => e.action === 'createTask' && e.outcome === 'succeeded')).toHaveLength(3);
    expect(added.find((e) => e.resourceId === res.data.a.id)).toMatchObject({
      organizationId: DEMO.organizationId, workspaceId: DEMO.workspaceId, actorType: 'user', actorId: principals.apexAdmin.actorId,
      resourceType: 'Task', changedFields: ['workspaceId', 'serviceLineId', 'title'],
      // Straight to the subgraph there is no gateway, so no request origin.
      channel: null, clientAddress: null,
    });
  });

  it('commits the entry with the write, or neither: a trail that refuses the entry rolls the write back', async () => {
    const tasksBefore = await taskCount();
    const entriesBefore = (await entries()).length;
    await ctx.database.rows(sql.raw("create function audit.refuse_entry() returns trigger language plpgsql as $$ begin raise exception 'entry refused'; end $$"));
    await ctx.database.rows(sql.raw('create trigger refuse_entry before insert on audit.audit_logs for each row execute function audit.refuse_entry()'));
    try {
      const res = await writer.query(CREATE, { input: { workspaceId: DEMO.workspaceId, serviceLineId: DEMO.serviceLineId, title: 'Never written' } });
      expect(res.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await ctx.database.rows(sql.raw('drop trigger refuse_entry on audit.audit_logs'));
      await ctx.database.rows(sql.raw('drop function audit.refuse_entry()'));
    }
    expect(await taskCount()).toBe(tasksBefore);
    expect((await entries()).length).toBe(entriesBefore);
    expect(await ctx.database.db.select().from(tasks).where(eq(tasks.title, 'Never written'))).toEqual([]);
  });

  it('a failed write leaves no succeeded entry, and a server error is no refusal', async () => {
    const [task] = await ctx.database.db.select().from(tasks).where(eq(tasks.workspaceId, DEMO.workspaceId)).limit(1);
    const entriesBefore = (await entries()).length;
    await ctx.database.rows(sql.raw("create function events.refuse_append_audit() returns trigger language plpgsql as $$ begin raise exception 'append refused'; end $$"));
    await ctx.database.rows(sql.raw('create trigger refuse_append_audit before insert on events.events for each row execute function events.refuse_append_audit()'));
    try {
      const res = await writer.query(UPDATE, { id: task.id, input: { title: 'Rolled back' } });
      expect(res.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await ctx.database.rows(sql.raw('drop trigger refuse_append_audit on events.events'));
      await ctx.database.rows(sql.raw('drop function events.refuse_append_audit()'));
    }
    expect((await entries()).length).toBe(entriesBefore);
  });

  it('reads the trail through the graph: owners and admins, newest first, filtered', async () => {
    const res = await trail.query('{ auditLogs(first: 5, actions: ["createTask"], outcome: [SUCCEEDED]) { nodes { id action outcome resourceType } pageInfo { hasNextPage } } }');
    expect(res.errors).toBeUndefined();
    const ids = res.data.auditLogs.nodes.map((n: { id: string }) => n.id);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(res.data.auditLogs.nodes.every((n: { action: string; outcome: string }) => n.action === 'createTask' && n.outcome === 'SUCCEEDED')).toBe(true);
    const member = await trail.query('{ auditLogs(first: 5) { nodes { id } } }', {}, principals.apexMember);
    expect(member.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const nul = await trail.query('{ auditLogs(first: 5, actorId: "\\u0000") { nodes { id } } }');
    expect(nul.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'actorId' });
  });
});
