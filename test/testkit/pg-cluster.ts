import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { freePort } from './ports.ts';

/**
 * A PostgreSQL server of the test's own: a fresh cluster (initdb, trust authentication) in a
 * temporary folder, on a free port of the loopback interface. Tests that stop, restart or starve
 * PostgreSQL use one of these, never the shared server. initdb refuses to run as root, so under
 * root the cluster belongs to the `postgres` user, as the distribution's own clusters do.
 */
export interface PgCluster {
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  port: number;
  stop(): void;
  start(): void;
  /** Stops the server, leaves it down for `downMs`, and starts it again (a restart users notice). */
  restart(downMs: number): Promise<void>;
  destroy(): void;
}

/** The newest installed server's binaries (Debian lays them out as /usr/lib/postgresql/<major>/bin), or null. */
export function postgresBinaries(): string | null {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const majors = fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return majors.length ? path.join(root, majors[0], 'bin') : null;
}

export async function startPgCluster(): Promise<PgCluster> {
  const bin = postgresBinaries();
  if (!bin) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-cluster-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? { uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })) } : undefined;
  if (owner) fs.chownSync(dir, owner.uid, owner.gid);
  const run = (command: string, args: string[]) => {
    const result = spawnSync(path.join(bin, command), args, { cwd: dir, encoding: 'utf8', ...(owner ?? {}) });
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
  };
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  // Loopback only; no fsync (a throwaway cluster), and a fast shutdown that ends sessions at once.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const start = () => run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', 'start']);
  const stop = () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  return {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start,
    stop,
    async restart(downMs) {
      stop();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      start();
    },
    destroy() {
      try {
        stop();
      } catch {
        // already down
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
