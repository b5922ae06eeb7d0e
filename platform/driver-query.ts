/**
 * A postgres.js Query settles through its own `resolve` and `reject`, called once the statement is
 * answered or fails (or is cancelled before it ran). `onSettled` has `settled` called first, with
 * whether it succeeded, without starting the query (awaiting it would). The wrappers of db.ts
 * (the bounded wait), metrics/database.ts (statement timing) and pipeline.ts (unanswered
 * statements per connection) each follow a statement this way.
 */
export function onSettled<Q>(query: Q, settled: (ok: boolean) => void): Q {
  const settling = query as Q & { resolve(x: unknown): void; reject(e: unknown): void };
  const { resolve, reject } = settling;
  settling.resolve = (x) => (settled(true), resolve(x));
  settling.reject = (e) => (settled(false), reject(e));
  return query;
}
