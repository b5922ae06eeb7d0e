import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openDatabase, type Database, type Engine } from '../../platform/db.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    engines: Engine[];
    adminUrl: string;
    templateDb: string;
    /** PGlite's template tarballs: migrated, and migrated and seeded. */
    pgliteTemplates: { empty: string; seeded: string };
  }
}

/** The engines this run covers: PGlite always, PostgreSQL when reachable (required when CI asks). */
export function testEngines(): Engine[] {
  return inject('engines');
}

/** A URL for database `name` on the test server. */
export function databaseUrl(name: string): string {
  const url = new URL(inject('adminUrl'));
  url.pathname = `/${name}`;
  return url.toString();
}

export interface TestDatabase {
  database: Database;
  /** The connection string on PostgreSQL (undefined on PGlite), for servers the test starts. */
  url: string | undefined;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database of its own for one test file (seeded with the demo data unless
 * `seed: false`), a copy of the template that global setup migrated and seeded once: on PostgreSQL
 * a database created from it, on PGlite a new in-memory instance loaded from its tarball. No two
 * files ever share state.
 */
export async function createTestDatabase(engine: Engine, options: { seed?: boolean } = {}): Promise<TestDatabase> {
  const seed = options.seed ?? true;
  if (engine === 'postgres') {
    const name = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = postgres(inject('adminUrl'), { max: 1, onnotice: () => {} });
    try {
      const template = seed ? inject('templateDb') : `${inject('templateDb')}_empty`;
      await admin.unsafe(`create database "${name}" template "${template}"`);
    } finally {
      await admin.end();
    }
    const url = databaseUrl(name);
    const database = await openDatabase({ databaseUrl: url, max: 5 });
    return {
      database,
      url,
      async drop() {
        await database.close();
        const a = postgres(inject('adminUrl'), { max: 1, onnotice: () => {} });
        try {
          await a.unsafe(`drop database if exists "${name}" with (force)`);
        } finally {
          await a.end();
        }
      },
    };
  }
  const templates = inject('pgliteTemplates');
  const tarball = await fs.readFile(seed ? templates.seeded : templates.empty);
  const database = await openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([tarball]) });
  return { database, url: undefined, drop: () => database.close() };
}
