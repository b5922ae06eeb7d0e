import { sql, type Column, type SQL } from 'drizzle-orm';
import type { Db } from './db.ts';
import type { Scope } from './scope.ts';

/**
 * Reads built once and reused. drizzle's query builder assembles a statement's text, its parameter
 * list and its row mapping again on every call (entity checks, SQL chunks, selection ordering),
 * which for a screen's hot reads (a dozen reference lookups per request) cost more CPU than
 * PostgreSQL spends answering them. A prepared read is built with placeholders the first time a
 * database handle asks for it (per tenancy shape: scoped to an organization, or also narrowed to a
 * workspace), and each call only fills in the values. The statement's text is the same on every
 * call, whatever the number of IDs (`= any($1)` takes them as one array), so the driver also
 * reuses one server-side prepared statement for it.
 *
 * A transaction is a handle of its own: a read asked inside one is built for it and runs on its
 * connection (built once per transaction, so there it saves nothing, and costs nothing either).
 */
export type PreparedRead<R> = (db: Db, scope: Scope, values?: Record<string, unknown>) => Promise<R>;

interface Preparable<R> {
  prepare(name: string): { execute(values?: Record<string, unknown>): Promise<R> };
}

/**
 * `build` receives a scope whose values are placeholders (`organizationId`, and `workspaceId` when
 * narrowed): it must use them only as SQL values (the scope helpers' `eq`), never test them in JS
 * beyond presence. Every other value the statement takes is a `sql.placeholder` named in `values`.
 */
export function preparedRead<R>(name: string, build: (db: Db, scope: Scope) => Preparable<R>): PreparedRead<R> {
  const built = new WeakMap<Db, { whole?: ReturnType<Preparable<R>['prepare']>; narrowed?: ReturnType<Preparable<R>['prepare']> }>();
  return (db, scope, values = {}) => {
    let shapes = built.get(db);
    if (!shapes) built.set(db, (shapes = {}));
    const statement = scope.workspaceId
      ? (shapes.narrowed ??= build(db, NARROWED_SCOPE).prepare(`${name}/narrowed`))
      : (shapes.whole ??= build(db, WHOLE_SCOPE).prepare(name));
    return statement.execute({ ...values, organizationId: scope.organizationId, workspaceId: scope.workspaceId });
  };
}

// The placeholders stand where a scope's strings would: drizzle binds either as a parameter.
const WHOLE_SCOPE = { organizationId: sql.placeholder('organizationId'), workspaceId: null } as unknown as Scope;
const NARROWED_SCOPE = { organizationId: sql.placeholder('organizationId'), workspaceId: sql.placeholder('workspaceId') } as unknown as Scope;

/** `column = any($ids)`: the rows whose column is one of the array passed as `values[name]`. */
export function anyOf(column: Column, name = 'ids'): SQL {
  return sql`${column} = any(${sql.placeholder(name)})`;
}
