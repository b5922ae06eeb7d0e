import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import postgres from 'postgres';
import { migrateDatabase, openDatabase, type Database, type Engine } from '../platform/db.ts';
import { sql } from 'drizzle-orm';
import { seedScale } from '../seed/scale.ts';
import { printTable, fmt, ratio } from './table.ts';

/**
 * How fast the benchmark data loads: `seedScale` into a fresh, migrated, empty database of its own,
 * on PGlite (in memory) and on PostgreSQL (a throwaway database on the given server).
 *
 *   npx tsx bench/seed-scale.ts [--scale 200000] [--database-url postgres://...]
 */

export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface SeedScaleBenchOptions {
  /** A server to create the throwaway database on (any database on it works as the admin connection). */
  databaseUrl?: string;
  scale: number;
  /** Default: PostgreSQL. */
  engine?: Engine;
}

export interface SeedScaleBenchResult {
  engine: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
}

export async function benchSeedScale(opts: SeedScaleBenchOptions): Promise<SeedScaleBenchResult> {
  const engine = opts.engine ?? 'postgres';
  const fresh = engine === 'pglite' ? await freshPglite() : await freshPostgres(opts.databaseUrl ?? DEFAULT_ADMIN_URL);
  try {
    const result = await seedScale(fresh.database, { scale: opts.scale });
    return { engine, rows: result.rows, seconds: result.seconds, rowsPerSecond: result.rowsPerSecond };
  } finally {
    await fresh.drop();
  }
}

/**
 * The ceiling to compare with: the database's own insert rate of the same number of event rows,
 * generated server-side (`generate_series`) into the same indexed table, so nothing crosses the wire.
 */
export async function benchServerInsert(opts: SeedScaleBenchOptions & { rows: number }): Promise<SeedScaleBenchResult> {
  const engine = opts.engine ?? 'postgres';
  const fresh = engine === 'pglite' ? await freshPglite() : await freshPostgres(opts.databaseUrl ?? DEFAULT_ADMIN_URL);
  try {
    const started = performance.now();
    await fresh.database.db.execute(sql`insert into events.events (id, type, organization_id, workspace_id, actor_type, actor_id, subject_type, subject_id, payload, created_at)
      select 'EVT-26-' || (3000000 + g), 'task.created', 'ORG-26-100000', 'WS-26-100000', 'user', 'USR-26-100000', 'task', 'TSK-26-' || (2000000 + g),
             jsonb_build_object('n', g), timestamptz '2026-01-01' + g * interval '1 second'
      from generate_series(1, ${opts.rows}) g`);
    const seconds = (performance.now() - started) / 1000;
    return { engine, rows: opts.rows, seconds, rowsPerSecond: opts.rows / seconds };
  } finally {
    await fresh.drop();
  }
}

/** A migrated, empty database of its own, and the way to throw it away. */
export interface Fresh {
  database: Database;
  /** Its connection string, on PostgreSQL (benchmarks that start servers as processes hand it to them). */
  url?: string;
  drop(): Promise<void>;
}

async function freshPglite(): Promise<Fresh> {
  const database = await openDatabase({ dataDir: 'memory://' });
  await migrateDatabase(database);
  return { database, drop: () => database.close() };
}

/** A throwaway database on the server of `adminUrl`, migrated; `drop()` closes and drops it. */
export async function freshPostgres(adminUrl: string): Promise<Fresh> {
  const name = `bench_scale_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let database: Database | undefined;
  try {
    await admin.unsafe(`create database "${name}"`);
    database = await openDatabase({ databaseUrl: url.toString() });
    await migrateDatabase(database);
  } catch (error) {
    await database?.close();
    await admin.unsafe(`drop database if exists "${name}" with (force)`).catch(() => undefined);
    await admin.end();
    throw error;
  }
  const opened = database;
  return {
    database: opened,
    url: url.toString(),
    async drop() {
      await opened.close();
      try {
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** The value of `--name value` or `--name=value` in a benchmark's arguments. */
export function argument(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at >= 0) return args[at + 1];
  return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

/** The positive whole number `--name` gives, or `fallback` without it (anything else is refused). */
export function positive(args: string[], name: string, fallback: number): number {
  const raw = argument(args, name);
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}

/** seedScale's rows/s beside the database's own server-side insert rate, per engine. */
export async function runSeedScaleBench(args: string[]) {
  const scale = positive(args, '--scale', 200_000);
  const databaseUrl = argument(args, '--database-url') ?? process.env.DATABASE_URL ?? DEFAULT_ADMIN_URL;
  const rows: string[][] = [];
  for (const engine of ['pglite', 'postgres'] as const) {
    try {
      const seeded = await benchSeedScale({ engine, scale, databaseUrl });
      const ceiling = await benchServerInsert({ engine, databaseUrl, scale, rows: seeded.rows });
      rows.push([engine, fmt(seeded.rows), fmt(seeded.seconds, 2), fmt(seeded.rowsPerSecond), fmt(ceiling.rowsPerSecond), ratio(seeded.rowsPerSecond, ceiling.rowsPerSecond)]);
    } catch (error) {
      rows.push([engine, '-', '-', `failed: ${(error as Error).message.split('\n')[0]}`, '-', '-']);
    }
  }
  printTable(
    `seed --scale ${fmt(scale)}: the generator (events, tasks + history, usage) vs the database's own server-side insert of as many event rows`,
    ['engine', 'rows', 'seconds', 'seed rows/s', 'server insert rows/s', 'seed / server'],
    rows,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runSeedScaleBench(process.argv.slice(2)).catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
