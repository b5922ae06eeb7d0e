import type { Sql } from 'postgres';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { dbPoolSize, dbStatementDuration, dbStatementsInFlight } from './instruments.ts';
import { onSettled } from '../driver-query.ts';

/**
 * Statement latency and pool use for both drivers, measured where drizzle hands each statement to
 * the driver (postgres.js's `unsafe`, PGlite's `query`), inside transactions too.
 */

function observe(engine: 'postgres' | 'pglite') {
  const end = dbStatementDuration.startTimer({ engine });
  dbStatementsInFlight.inc({ engine });
  let done = false;
  return (outcome: 'ok' | 'error') => {
    if (done) return;
    done = true;
    dbStatementsInFlight.dec({ engine });
    end({ outcome });
  };
}

/** Times every statement of postgres.js clients (and of their transactions); `max`: their connections together. */
export function instrumentPostgres(clients: Sql[], max: number): void {
  dbPoolSize.set({ engine: 'postgres' }, max);
  const timeUnsafe = (sql: Sql) => {
    const unsafe = sql.unsafe.bind(sql);
    sql.unsafe = ((...args: Parameters<typeof unsafe>) => {
      const finish = observe('postgres');
      return onSettled(unsafe(...args), (ok) => finish(ok ? 'ok' : 'error'));
    }) as typeof sql.unsafe;
  };
  for (const client of clients) {
    timeUnsafe(client);
    const begin = client.begin.bind(client) as (...args: unknown[]) => Promise<unknown>;
    (client as { begin: unknown }).begin = (...args: unknown[]) => {
      const fn = args.at(-1) as (tx: Sql) => unknown;
      return begin(...args.slice(0, -1), (tx: Sql) => (timeUnsafe(tx), fn(tx)));
    };
  }
}

/** Times every statement of an embedded PGlite database (and of its transactions). */
export function instrumentPglite(client: PGlite): void {
  dbPoolSize.set({ engine: 'pglite' }, 1);
  const timeQuery = <T extends { query: PGlite['query'] }>(target: T) => {
    const query = target.query.bind(target) as PGlite['query'];
    target.query = (async (...args: Parameters<PGlite['query']>) => {
      const finish = observe('pglite');
      try {
        const result = await query(...args);
        finish('ok');
        return result;
      } catch (error) {
        finish('error');
        throw error;
      }
    }) as PGlite['query'];
  };
  timeQuery(client);
  const transaction = client.transaction.bind(client);
  client.transaction = (<T>(fn: (tx: Transaction) => Promise<T>) => transaction((tx) => (timeQuery(tx), fn(tx)))) as PGlite['transaction'];
}
