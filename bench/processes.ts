import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * `npm start` as a process tree of its own (scripts/start.ts with GATEWAY_PROCESSES on PostgreSQL:
 * a primary and that many processes sharing the port, each the whole system), for a benchmark to
 * load beside the in-process sides; its CPU is read from /proc for the primary and every descendant.
 */
export interface RunningProcesses {
  url: string;
  /** User + system CPU ms the primary and all its descendants have used so far (Linux /proc). */
  cpuMs(): number;
  close(): Promise<void>;
}

const START = fileURLToPath(new URL('../scripts/start.ts', import.meta.url));
const TICKS_PER_SECOND = 100;

export async function startProcesses(options: { databaseUrl: string; env: Record<string, string>; processes: number }): Promise<RunningProcesses> {
  const port = await freePort();
  // As `npm start` runs it (package.json): the same young generation.
  const child = spawn(process.execPath, ['--max-semi-space-size=32', '--import', 'tsx', START], {
    env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: options.databaseUrl, GATEWAY_PROCESSES: String(options.processes), PORT: String(port), HOST: '127.0.0.1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start did not come up within 120 s:\n${output.slice(-2000)}`)), 120_000);
      const check = () => {
        if (/GraphQL\s+http:\/\/\S+\/graphql/.test(output) && [...output.matchAll(/gateway on \S+ \(pid \d+\)/g)].length >= options.processes) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`npm start exited (code ${code}):\n${output.slice(-2000)}`));
      });
    });
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    cpuMs: () => treeCpuMs(child.pid!),
    close: () => stop(child),
  };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** CPU of a process and its descendants, from /proc/<pid>/stat (utime + stime, in clock ticks). */
function treeCpuMs(root: number): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: the fields start after its last ')'.
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended between listing and reading.
    }
  }
  let ticks = 0;
  const inTree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, { ppid }] of stats) if (!inTree.has(pid) && inTree.has(ppid)) (inTree.add(pid), (grew = true));
  }
  for (const pid of inTree) ticks += stats.get(pid)?.ticks ?? 0;
  return (ticks * 1000) / TICKS_PER_SECOND;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
