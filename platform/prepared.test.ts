import { it, expect, beforeAll } from 'vitest';
import { and, asc, TransactionRollbackError } from 'drizzle-orm';
import { describeEngines } from '../test/testkit/describe-engines.ts';
import { anyOf, preparedRead } from './prepared.ts';
import { inScope } from './scope.ts';
import { organizations, workspaces } from '../subgraphs/organizations/tables.ts';

const byIds = preparedRead('test.workspacesByIds', (db, scope) =>
  db.select().from(workspaces).where(and(anyOf(workspaces.id), inScope(scope, { organizationId: workspaces.organizationId, workspaceId: workspaces.id }))).orderBy(asc(workspaces.id)));

describeEngines('prepared reads', (ctx) => {
  let org: string;
  let other: string;
  let ws: string[];
  let foreign: string;

  beforeAll(async () => {
    const [a, b] = await ctx.database.db.insert(organizations).values([{ name: 'Prep A', slug: 'prep-a' }, { name: 'Prep B', slug: 'prep-b' }]).returning({ id: organizations.id });
    org = a.id;
    other = b.id;
    const rows = await ctx.database.db.insert(workspaces).values([
      { organizationId: org, name: 'One', slug: 'one' },
      { organizationId: org, name: 'Two', slug: 'two' },
      { organizationId: other, name: 'Theirs', slug: 'theirs' },
    ]).returning({ id: workspaces.id });
    ws = rows.slice(0, 2).map((r) => r.id);
    foreign = rows[2].id;
  });

  it('answers each call with its own values, one statement each, the same text whatever the number of IDs', async () => {
    const { result, statements, queries } = await ctx.database.statements.measure(async () => [
      await byIds(ctx.database.db, { organizationId: org, workspaceId: null }, { ids: [...ws, foreign, 'WS-00-000000'] }),
      await byIds(ctx.database.db, { organizationId: org, workspaceId: null }, { ids: [ws[1]] }),
      await byIds(ctx.database.db, { organizationId: other, workspaceId: null }, { ids: [...ws, foreign] }),
      await byIds(ctx.database.db, { organizationId: org, workspaceId: null }, { ids: [] }),
    ]);
    expect(result.map((rows) => rows.map((r) => r.id))).toEqual([ws, [ws[1]], [foreign], []]);
    expect(result[0][0]).toMatchObject({ organizationId: org, name: 'One', createdAt: expect.any(Date) });
    expect(statements).toBe(4);
    expect(new Set(queries).size).toBe(1);
  });

  it('keeps a token narrowed to a workspace inside it, in a statement of its own shape', async () => {
    const { result, queries } = await ctx.database.statements.measure(async () => [
      await byIds(ctx.database.db, { organizationId: org, workspaceId: ws[0] }, { ids: ws }),
      await byIds(ctx.database.db, { organizationId: org, workspaceId: ws[1] }, { ids: ws }),
      await byIds(ctx.database.db, { organizationId: org, workspaceId: foreign }, { ids: [...ws, foreign] }),
      await byIds(ctx.database.db, { organizationId: org, workspaceId: null }, { ids: ws }),
    ]);
    expect(result.map((rows) => rows.map((r) => r.id))).toEqual([[ws[0]], [ws[1]], [], ws]);
    expect(queries[0]).toBe(queries[2]);
    expect(queries[0]).not.toBe(queries[3]);
  });

  it('runs inside a transaction on its connection: it sees the transaction\'s own writes', async () => {
    let seen: string[] = [];
    let added = '';
    await ctx.database.db.transaction(async (tx) => {
      [{ id: added }] = await tx.insert(workspaces).values({ organizationId: org, name: 'Uncommitted', slug: 'uncommitted' }).returning({ id: workspaces.id });
      seen = (await byIds(tx, { organizationId: org, workspaceId: null }, { ids: [added] })).map((r) => r.id);
      tx.rollback();
    }).catch((error: unknown) => {
      if (!(error instanceof TransactionRollbackError)) throw error; // how drizzle's rollback leaves the callback
    });
    expect(seen).toEqual([added]);
    expect(await byIds(ctx.database.db, { organizationId: org, workspaceId: null }, { ids: [added] })).toEqual([]);
  });
}, { seed: false });
