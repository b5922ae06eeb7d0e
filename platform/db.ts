import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SQL } from 'drizzle-orm';
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Logger } from 'drizzle-orm/logger';
import { DEFAULT_DATABASE_PIPELINED_CONNECTIONS, DEFAULT_DATABASE_WAIT_SECONDS } from './config.ts';
import { traceStatements } from './observability/sql-spans.ts';
import { instrumentPglite, instrumentPostgres } from './metrics/database.ts';
import { pipelineStatements } from './pipeline.ts';
import { onSettled } from './driver-query.ts';
import { loadMetricsSettings } from './metrics/settings.ts';

/**
 * A drizzle handle. It knows no table: each module imports the tables it reads (a subgraph its own,
 * through its own files), so this layer names none of them, and `db.query`'s relational API is unused.
 */
export type Db = PgDatabase<PgQueryResultHKT>;
/** A transaction handle; drizzle's transaction object is a Db for every purpose we have. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Engine = 'pglite' | 'postgres';

/** A drizzle handle and raw SQL over it. */
export interface Handle {
  db: Db;
  /** Runs raw SQL and returns its rows, the same on both drivers. */
  rows<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  /**
   * Runs raw SQL and returns its rows as arrays of the selected values, in select order: what the
   * drivers build cheapest (no object per row keyed by column name), for bulk reads.
   */
  values<T extends unknown[] = unknown[]>(query: SQL): Promise<T[]>;
  /**
   * Like `values`, with each value on PostgreSQL as the bytes the server sent (its text form), not
   * decoded into a string: for text passed on as it is stored (an export's download), where decoding
   * it and encoding it again was a tenth of the work. PGlite hands its values over decoded. The
   * statement is counted and timed; it bypasses drizzle, so it has no span of its own when tracing.
   */
  undecoded(query: SQL): Promise<(Buffer | string | number | null)[][]>;
}

const dialect = new PgDialect();

/**
 * `values` over a drizzle handle: the statement goes through drizzle's prepared query as `execute`
 * does (counted, traced, timed alike), asking the driver for array rows, which it hands back as they are.
 */
function valuesOf(db: Db): Handle['values'] {
  return <T extends unknown[]>(query: SQL) =>
    db._.session.prepareQuery<{ execute: T[]; all: T[]; values: T[] }>(dialect.sqlToQuery(query), undefined, undefined, true, (rows) => rows as T[]).execute();
}

export interface Database extends Handle {
  engine: Engine;
  /** Statements sent since start; tests assert exact counts per query with it. */
  statements: StatementCounter;
  /**
   * The same connection(s) with statements left out of `statements`: for work that is nobody's
   * request (a background worker's polling), so per-request counts stay exact beside it.
   */
  uncounted: Handle;
  /** LISTEN on a channel; returns the function that stops listening. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * A parameter for a text value given as its UTF-8 bytes (`sql\`...${database.utf8Text(bytes)}\``).
   * PostgreSQL gets the bytes as they are (patches/postgres+3.4.9.patch: postgres.js otherwise turns
   * every parameter but bytea into a string, which it encodes again); PGlite gets them decoded.
   */
  utf8Text(bytes: Uint8Array): unknown;
  /**
   * The embedded database's data folder as a tarball (PGlite only), to start copies from with
   * `loadDataDir`: a copy starts in about a second, where a new folder runs initdb for several.
   */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

export class StatementCounter implements Logger {
  count = 0;
  readonly recent: string[] = [];
  private tracing = false;

  logQuery(query: string): void {
    this.count++;
    if (this.tracing) this.recent.push(query);
  }

  /** Counts (and records) the statements `fn` sends. */
  async measure<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number; queries: string[] }> {
    const start = this.count;
    this.tracing = true;
    this.recent.length = 0;
    try {
      const result = await fn();
      return { result, statements: this.count - start, queries: [...this.recent] };
    } finally {
      this.tracing = false;
    }
  }
}

export interface OpenOptions {
  databaseUrl?: string;
  /** Folder of the embedded database; `memory://` for a throwaway one. */
  dataDir?: string;
  /** A tarball from `dumpDataDir` that a new embedded database starts from (its folder must not exist yet). */
  loadDataDir?: Blob;
  /** Pool size on PostgreSQL. */
  max?: number;
  /**
   * Connections on PostgreSQL, beside the pool, that the statements sent outside a transaction
   * through `db` and `rows` share (DATABASE_PIPELINED_CONNECTIONS, default 2; 0: none, each such
   * statement takes a connection of the pool). See pipeline.ts.
   */
  pipelined?: number;
  /**
   * Longest a statement waits for a PostgreSQL connection (connecting, or queued for a busy pool)
   * before it fails as unavailable (DATABASE_WAIT_SECONDS, default 5).
   */
  waitSeconds?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const statements = new StatementCounter();
  // Statement latency for /metrics (platform/metrics/database.ts), unless the process has METRICS=off.
  const timed = loadMetricsSettings().enabled;
  if (options.databaseUrl) {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    // A span per statement when tracing is on (observability/sql-spans.ts).
    traceStatements((await import('drizzle-orm/postgres-js/session')).PostgresJsPreparedQuery, 'postgres');
    const waitSeconds = options.waitSeconds ?? DEFAULT_DATABASE_WAIT_SECONDS;
    const connect = (max: number) => {
      const sql = postgres(options.databaseUrl!, {
        max,
        onnotice: () => {},
        connect_timeout: waitSeconds,
        // postgres.js waits up to 20 s between reconnection attempts after repeated failures, which
        // would keep the pool away for that long after the server is back: retry within a second.
        backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
      });
      boundQueueWait(sql, waitSeconds * 1000);
      prepareRepeatedText(sql);
      return sql;
    };
    const max = options.max ?? 10;
    const client = connect(max);
    // Connections of their own for the statements outside a transaction (pipeline.ts), one client each.
    const pipelined = Array.from({ length: options.pipelined ?? DEFAULT_DATABASE_PIPELINED_CONNECTIONS }, () => connect(1));
    if (timed) instrumentPostgres([client, ...pipelined], max + pipelined.length);
    // drizzle sets its type parsers (dates as text) on the client it is given: the pipelined ones read alike.
    for (const sql of pipelined) drizzle({ client: sql });
    const requests = pipelined.length > 0 ? pipelineStatements(client, pipelined) : client;
    const handle = (logger: Logger | undefined, statements: typeof client): Handle => {
      const db = drizzle({ client: statements, logger }) as unknown as Db;
      return {
        db,
        rows: async <T>(query: SQL) => [...((await db.execute(query)) as unknown as T[])],
        // Bulk reads (an export's batches) on the pool: a batch would hold up the statements queued behind it.
        values: valuesOf(statements === client ? db : (drizzle({ client, logger }) as unknown as Db)),
        undecoded: async (query: SQL) => {
          const { sql: text, params } = dialect.sqlToQuery(query);
          logger?.logQuery(text, params);
          return (await client.unsafe(text, params as never[]).raw()) as unknown as Buffer[][];
        },
      };
    };
    return {
      ...handle(statements, requests),
      // Background work (a worker's polling, a sweep) on the pool, for the same reason.
      uncounted: handle(undefined, client),
      engine: 'postgres',
      statements,
      utf8Text: (bytes) => client.typed(bytes as never, 25),
      async listen(channel, onMessage) {
        const { unlisten } = await client.listen(channel, onMessage);
        return unlisten;
      },
      close: async () => {
        await Promise.all([client, ...pipelined].map((sql) => sql.end({ timeout: 5 })));
      },
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  traceStatements((await import('drizzle-orm/pglite/session')).PglitePreparedQuery, 'pglite');
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const client = await PGlite.create(dataDir, options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  if (timed) instrumentPglite(client);
  const handle = (logger: Logger | undefined): Handle => {
    const db = drizzle({ client, logger }) as unknown as Db;
    const values = valuesOf(db);
    return { db, rows: async <T>(query: SQL) => ((await db.execute(query)) as unknown as { rows: T[] }).rows, values, undecoded: (query: SQL) => values(query) };
  };
  return {
    ...handle(statements),
    uncounted: handle(undefined),
    engine: 'pglite',
    statements,
    utf8Text: (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'),
    listen: (channel, onMessage) => client.listen(channel, onMessage),
    dumpDataDir: () => client.dumpDataDir('none'),
    close: () => client.close(),
  };
}

/**
 * postgres.js queues a statement until a connection is free, and while the server is down that
 * means until some reconnection attempt succeeds: during an outage requests piled up for as long
 * as it lasted, and writes that clients had given up on committed after it. Every statement that
 * has not reached a connection within `waitMs` is cancelled instead (it then never runs; the
 * driver rejects it with 57014, which unavailable.ts reads as "database unavailable"), so a
 * request fails fast with 503 and its client may retry. Transactions are covered: BEGIN is such a
 * statement, and the rest of a transaction runs on the connection BEGIN got.
 */
function boundQueueWait(client: import('postgres').Sql, waitMs: number) {
  const unsafe = client.unsafe.bind(client);
  client.unsafe = ((...args: Parameters<typeof unsafe>) => {
    // The driver's Query: `state` is set once a connection has taken the statement, and it settles
    // through its own resolve/reject (driver-query.ts: wrapped to drop the timer, without starting the query).
    const query = unsafe(...args) as ReturnType<typeof unsafe> & { state: unknown };
    const timer = setTimeout(() => {
      if (!query.state) void query.cancel();
    }, waitMs);
    timer.unref();
    return onSettled(query, () => clearTimeout(timer));
  }) as typeof client.unsafe;
}

/** Distinct statement texts a process lets the driver prepare (see prepareRepeatedText). */
export const PREPARED_TEXTS_MAX = 500;
/** Texts remembered as seen once, waiting for a second call (forgotten all at once past this). */
const SEEN_TEXTS_MAX = 2_000;

/**
 * drizzle asks postgres.js not to prepare a statement unless it was built with `.prepare(name)`,
 * and postgres.js then sends each statement with parameters in two round trips: Parse and
 * Describe first (to learn the parameters' types), Bind and Execute once that answer is in. Two
 * writes, two reads and two wake-ups of the server per statement, and the row description parsed
 * again every time. Most of our statements are the same text on every call (a list's page per
 * parent takes its parent IDs as one array), so a text sent a second time is prepared from then on,
 * as the `preparedRead`s are: the driver keeps it per connection and each call is one Bind and
 * Execute. A text sent once (a migration's DDL, a one-off query) is never prepared. At most
 * PREPARED_TEXTS_MAX texts per process are, which bounds what each connection (and its server
 * backend) keeps however many shapes of statement callers make up; past it, texts run as before.
 * A connection is replaced within an hour (postgres.js's max_lifetime), taking its statements with it.
 */
function prepareRepeatedText(client: import('postgres').Sql) {
  const unsafe = client.unsafe.bind(client);
  const prepared = new Set<string>();
  const seen = new Set<string>();
  client.unsafe = ((text: string, parameters?: unknown[], options?: { prepare?: boolean }) => {
    if (options?.prepare === false) {
      if (prepared.has(text)) options = { ...options, prepare: true };
      else if (seen.has(text)) {
        if (prepared.size < PREPARED_TEXTS_MAX) {
          prepared.add(text);
          seen.delete(text);
          options = { ...options, prepare: true };
        }
      } else {
        if (seen.size >= SEEN_TEXTS_MAX) seen.clear();
        seen.add(text);
      }
    }
    return unsafe(text, parameters as never, options as never);
  }) as typeof client.unsafe;
}

export const MIGRATIONS_FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../drizzle');

/**
 * Applies drizzle-kit's migrations. Safe to run twice and from several processes at once: drizzle
 * records what it applied, and an advisory lock keeps two starting subgraphs from racing.
 */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.engine === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(database.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  // The lock must cover the whole migration, which drizzle runs on pooled connections: hold a
  // session-level lock on a reserved connection meanwhile.
  const conn = await reserveConnection(database);
  try {
    await conn.lock();
    await migrate(database.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await conn.release();
  }
}

const MIGRATION_LOCK = 7_204_611;

async function reserveConnection(database: Database) {
  // Session-level advisory locks need one connection for lock and unlock.
  const client = (database.db as unknown as { $client: import('postgres').Sql }).$client;
  const reserved = await client.reserve();
  return {
    lock: () => reserved`select pg_advisory_lock(${MIGRATION_LOCK})`,
    release: async () => {
      await reserved`select pg_advisory_unlock(${MIGRATION_LOCK})`;
      reserved.release();
    },
  };
}
