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
export type PreparedRead<R> = (db: Db, scope: Scope, values?: Record<string, unknown>, columns?: readonly string[]) => Promise<R>;

interface Preparable<R> {
  prepare(name: string): { execute(values?: Record<string, unknown>): Promise<R> };
}

type Statement<R> = ReturnType<Preparable<R>['prepare']>;

/**
 * The column sets a read keeps built, per database handle and tenancy shape: a client's selections
 * are its own to choose, so past this many the read is built for the call and not kept.
 */
const KEPT_COLUMN_SETS = 32;

/**
 * `build` receives a scope whose values are placeholders (`organizationId`, and `workspaceId` when
 * narrowed): it must use them only as SQL values (the scope helpers' `eq`), never test them in JS
 * beyond presence. Every other value the statement takes is a `sql.placeholder` named in `values`.
 * `columns`, when a call passes them (a selection-aware read: platform/subgraph/selection.ts), are the
 * keys of the columns `build` selects; each set is a statement of its own.
 */
export function preparedRead<R>(name: string, build: (db: Db, scope: Scope, columns?: readonly string[]) => Preparable<R>): PreparedRead<R> {
  const built = new WeakMap<Db, Map<string, Statement<R>>>();
  return (db, scope, values = {}, columns) => {
    let statements = built.get(db);
    if (!statements) built.set(db, (statements = new Map()));
    const key = `${name}${scope.workspaceId ? '/narrowed' : ''}${columns ? `[${columns.join(',')}]` : ''}`;
    let statement = statements.get(key);
    if (!statement) {
      statement = build(db, scope.workspaceId ? NARROWED_SCOPE : WHOLE_SCOPE, columns).prepare(key);
      if (!columns || statements.size < KEPT_COLUMN_SETS) statements.set(key, statement);
    }
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
