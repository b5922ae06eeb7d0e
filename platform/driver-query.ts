/**
 * A postgres.js Query settles through its own `resolve` and `reject`, called once the statement is
 * answered or fails (or is cancelled before it ran). `onSettled` has `settled` called first, with
 * whether it succeeded, without starting the query (awaiting it would). The wrappers of db.ts
 * (the bounded wait), metrics/database.ts (statement timing) and pipeline.ts (unanswered
 * statements per connection) each follow a statement this way.
 */
export function onSettled<Q>(query: Q, settled: (ok: boolean) => void): Q {
  const settling = query as Q & { resolve(x: unknown): void; reject(e: unknown): void };
  settling.resolve = settler(settled, true, settling.resolve);
  settling.reject = settler(settled, false, settling.reject);
  return query;
}

/**
 * The wrapper is made here, not written as a function literal in `settling.resolve = ...`: V8
 * allocates a function literal assigned to a property in the old generation while the code that
 * makes it runs unoptimized, and such a closure, once dead, kept its scope (the query and its rows)
 * alive through every young collection until the next full one (test: pretenuring.test.ts).
 */
function settler<T>(settled: (ok: boolean) => void, ok: boolean, settle: (x: T) => void): (x: T) => void {
  return (x) => (settled(ok), settle(x));
}
