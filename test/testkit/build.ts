import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIST = path.join(ROOT, 'dist');
/** Written by scripts/build.ts when a build is complete. */
const STAMP = path.join(DIST, 'BUILD');
const LOCK = path.join(ROOT, '.build.lock');
/** What the build reads: a change to any of these makes dist/ stale. */
const SOURCES = ['platform', 'subgraphs', 'gateway', 'schema', 'scripts', 'seed', 'drizzle', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

/**
 * The compiled system in dist/ (`npm run build`), as the compose services run it: built once when
 * dist/ is missing or older than a source file, by one test file at a time (a lock folder), and
 * reused by every later one. Tests of the compose commands (topology, PID 1, the build itself) call it.
 */
export async function ensureBuild(): Promise<void> {
  if (fresh()) return;
  await lock();
  try {
    if (fresh()) return;
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

function fresh(): boolean {
  if (!fs.existsSync(STAMP)) return false;
  const built = fs.statSync(STAMP).mtimeMs;
  return SOURCES.every((source) => newest(path.join(ROOT, source)) <= built);
}

function newest(file: string): number {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of fs.readdirSync(file)) latest = Math.max(latest, newest(path.join(file, entry)));
  return latest;
}

/** One builder at a time across test files (each runs in its own worker); a lock older than 10 minutes is a crashed build's. */
async function lock(): Promise<void> {
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      return;
    } catch {
      const stat = fs.statSync(LOCK, { throwIfNoEntry: false });
      if (stat && Date.now() - stat.mtimeMs > 600_000) fs.rmSync(LOCK, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
