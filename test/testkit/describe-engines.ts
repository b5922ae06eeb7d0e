import { describe, beforeAll, afterAll } from 'vitest';
import type { Database, Engine } from '../../platform/db.ts';
import { createTestDatabase, testEngines, type TestDatabase } from './engines.ts';

export interface EngineContext {
  engine: Engine;
  /** This file's own database for this engine (available inside tests and beforeAll hooks). */
  readonly database: Database;
  /** PostgreSQL URL of that database; undefined on PGlite. */
  readonly url: string | undefined;
}

/**
 * Runs one test body per engine, as drizzle's own suite does per driver: the same assertions on
 * PGlite and on PostgreSQL, each against a fresh database of its own (seeded with the demo data
 * unless `seed: false`).
 */
export function describeEngines(name: string, body: (ctx: EngineContext) => void, options: { seed?: boolean } = {}) {
  for (const engine of testEngines()) {
    describe(`${name} [${engine}]`, () => {
      let test: TestDatabase | undefined;
      const ctx: EngineContext = {
        engine,
        get database() {
          if (!test) throw new Error('database is not ready yet: use it inside a test or hook');
          return test.database;
        },
        get url() {
          return test?.url;
        },
      };
      beforeAll(async () => {
        test = await createTestDatabase(engine, options);
      }, 120_000);
      afterAll(async () => {
        await test?.drop();
      });
      body(ctx);
    });
  }
}
