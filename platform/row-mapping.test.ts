import { it, expect, describe } from 'vitest';
import * as drizzle from 'drizzle-orm';
import { and, asc, eq, sql } from 'drizzle-orm';
import { describeEngines } from '../test/testkit/describe-engines.ts';
import { organizations, workspaces } from '../subgraphs/organizations/tables.ts';

// drizzle's own, outside its types: a selection's ordered columns, and the mapping of one row by them.
const { mapResultRow, orderSelectedFields } = drizzle as unknown as {
  orderSelectedFields(fields: Record<string, unknown>): unknown[];
  mapResultRow(columns: unknown[], row: unknown[], joinsNotNullableMap?: Record<string, boolean>): Record<string, unknown>;
};

/**
 * drizzle maps each row of a selection with a function made for the selection's shape
 * (patches/drizzle-orm+*.patch, `mapResultRow`): these hold that its rows are what drizzle's own
 * loop makes of them, decoders, nested objects, key order and a join's missing side included.
 */
describeEngines('row mapping', (ctx) => {
  const nested = (join: 'none' | 'match') =>
    ctx.database.db
      .select({
        workspace: { id: workspaces.id, createdAt: workspaces.createdAt },
        organization: { id: organizations.id, name: organizations.name },
        // A nested object of columns of both tables is never nulled as a whole.
        names: { organization: organizations.name, workspace: workspaces.name },
        one: sql<number>`1`.mapWith(Number),
        label: sql<string>`'text'`,
      })
      .from(workspaces)
      .leftJoin(organizations, and(eq(organizations.id, workspaces.organizationId), join === 'none' ? sql`false` : sql`true`))
      .orderBy(asc(workspaces.id))
      .limit(2);

  it('nulls the side of a left join that matched nothing, and only that', async () => {
    const rows = await nested('none');
    expect(rows.length).toBe(2);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(['workspace', 'organization', 'names', 'one', 'label']);
      expect(row.organization).toBeNull();
      expect(row.workspace.createdAt).toBeInstanceOf(Date);
      expect(row.names).toEqual({ organization: null, workspace: expect.any(String) });
      expect(row.one).toBe(1);
      expect(row.label).toBe('text');
    }
  });

  it('reads both sides of a join that matched, decoded, keys in the selection\'s order', async () => {
    const rows = await nested('match');
    const [{ name }] = await ctx.database.db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, (await ctx.database.db.select().from(workspaces).orderBy(asc(workspaces.id)).limit(1))[0].organizationId));
    expect(rows[0].organization).toEqual({ id: expect.stringMatching(/^ORG-/), name });
    expect(Object.keys(rows[0].workspace)).toEqual(['id', 'createdAt']);
    expect(rows[0].names.organization).toBe(name);
  });

  it('maps a whole table\'s row, every column decoded', async () => {
    const [row] = await ctx.database.db.select().from(workspaces).orderBy(asc(workspaces.id)).limit(1);
    expect(Object.keys(row)).toEqual(Object.keys(workspaces).filter((key) => key in row));
    expect(row.createdAt).toBeInstanceOf(Date);
  });
});

describe('row mapping, by shape', () => {
  it('maps shapes past the bound on the functions it makes, and keys a literal cannot write, as drizzle does', () => {
    for (let i = 0; i < 2_100; i++) {
      expect(mapResultRow(orderSelectedFields({ [`k${i}`]: workspaces.name, at: workspaces.createdAt }), ['x', '2026-04-01 10:00:00+00'])).toEqual({ [`k${i}`]: 'x', at: new Date('2026-04-01T10:00:00Z') });
    }
    const proto = mapResultRow(orderSelectedFields({ ['__proto__']: workspaces.name }), ['x']);
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(mapResultRow(orderSelectedFields({ a: sql<number>`1`.mapWith(Number) }), ['7'])).toEqual({ a: 7 });
    expect(mapResultRow(orderSelectedFields({ a: workspaces.name }), [null])).toEqual({ a: null });
  });
});
