import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openDatabase, migrateDatabase, type Engine } from '../../platform/db.ts';

/**
 * Decides which engines this run covers and prepares each engine's template databases once: one
 * migrated, one migrated and holding the demo data. Test files copy them, which is much faster than
 * migrating and seeding each file's database: on PostgreSQL `<template>_empty` and `<template>`
 * with CREATE DATABASE ... TEMPLATE; on PGlite two data-folder tarballs in a temporary folder,
 * loaded with `loadDataDir` (about a second, where a new PGlite runs initdb, migrates and seeds for
 * three to five).
 *
 * TEST_ENGINES=pglite,postgres makes PostgreSQL mandatory (CI sets it); unset, PostgreSQL is used
 * when TEST_DATABASE_URL (default: the local server) answers.
 */
export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const wanted = process.env.TEST_ENGINES?.split(',').map((e) => e.trim()).filter(Boolean);
  const templateDb = `scrums_tpl_${process.pid}`;
  const engines: Engine[] = ['pglite'];
  const reachable = await canConnect(adminUrl);
  if (wanted?.includes('postgres') && !reachable) {
    throw new Error(`TEST_ENGINES asks for postgres but ${redact(adminUrl)} does not answer`);
  }
  if (reachable && (!wanted || wanted.includes('postgres'))) engines.push('postgres');
  if (wanted && !wanted.includes('pglite')) engines.shift();

  const admin = engines.includes('postgres') ? postgres(adminUrl, { max: 1, onnotice: () => {} }) : undefined;
  if (admin) {
    for (const name of [templateDb, `${templateDb}_empty`]) {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.unsafe(`create database "${name}"`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const database = await openDatabase({ databaseUrl: url.toString(), max: 2 });
      await migrateDatabase(database);
      if (name === templateDb) {
        const { seedDemo } = await import('../../seed/demo.ts');
        await seedDemo(database);
      }
      await database.close();
    }
  }
  // PGlite's are made even when the run leaves PGlite out: a few suites open PGlite databases of their own.
  const pgliteDir = await fs.mkdtemp(path.join(os.tmpdir(), 'scrums-pglite-'));
  const pglite = await openDatabase({ dataDir: 'memory://' });
  const dump = async (name: string) => {
    const file = path.join(pgliteDir, name);
    await fs.writeFile(file, Buffer.from(await (await pglite.dumpDataDir!()).arrayBuffer()));
    return file;
  };
  await migrateDatabase(pglite);
  const empty = await dump('empty.tar');
  const { seedDemo } = await import('../../seed/demo.ts');
  await seedDemo(pglite);
  const pgliteTemplates = { empty, seeded: await dump('seeded.tar') };
  await pglite.close();
  project.provide('engines', engines);
  project.provide('pgliteTemplates', pgliteTemplates);
  project.provide('adminUrl', adminUrl);
  project.provide('templateDb', templateDb);
  console.log(`[testkit] engines: ${engines.join(', ')}`);

  return async () => {
    await fs.rm(pgliteDir, { recursive: true, force: true });
    if (!admin) return;
    for (const name of [templateDb, `${templateDb}_empty`]) {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
    }
    await admin.end();
  };
}

async function canConnect(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
