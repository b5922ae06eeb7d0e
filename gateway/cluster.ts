import cluster, { type Worker } from 'node:cluster';
import os from 'node:os';
import { log } from '../platform/log.ts';

const logger = log.child({ component: 'gateway' });

/**
 * GATEWAY_PROCESSES: how many gateway processes serve the port on this machine (default 1; `auto`
 * is one per core). Each is a whole gateway with a live activity feed of its own that follows the
 * event log (with NATS_URL, as a member of the JetStream fan-out); the kernel's listening socket is
 * shared through node:cluster, which hands each new connection to the next process in turn.
 */
export function gatewayProcesses(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.GATEWAY_PROCESSES?.trim().toLowerCase();
  if (!value) return 1;
  if (value === 'auto') return os.availableParallelism();
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1 || n > 256) throw new Error(`GATEWAY_PROCESSES must be a number of processes (1 to 256) or "auto", got "${env.GATEWAY_PROCESSES}"`);
  return n;
}

/** Workers started this soon after the previous start of the same slot count as crashing on start. */
const CRASH_WINDOW_MS = 10_000;

/**
 * The primary of a multi-process gateway: forks `count` workers (this same entry point, run again,
 * serves the gateway when `cluster.isWorker`), starts again one that dies, and on SIGTERM/SIGINT
 * stops them all and exits when they have. `env` goes to every worker (the subgraphs' URLs under
 * `npm start`). A worker that dies within seconds of starting, again and again, is not restarted
 * forever: the primary gives up and exits with an error. Resolves once all of them listen, with their port.
 */
export function superviseGateways(count: number, env: Record<string, string> = {}): Promise<{ port: number }> {
  let stopping = false;
  let crashes = 0;
  const started = new Map<Worker, number>();
  const fork = () => started.set(cluster.fork(env), Date.now());
  cluster.on('exit', (worker, code, signal) => {
    const since = Date.now() - (started.get(worker) ?? 0);
    started.delete(worker);
    if (stopping) {
      if (started.size === 0) process.exit(0);
      return;
    }
    crashes = since < CRASH_WINDOW_MS ? crashes + 1 : 0;
    logger.error({ pid: worker.process.pid, code, signal }, 'a gateway process ended; starting another');
    if (crashes > count * 3) {
      logger.error('gateway processes keep failing on start; giving up');
      process.exit(1);
    }
    setTimeout(fork, 1000).unref();
  });
  let listening = 0;
  // The port they share (the one PORT asked for, or the one the primary picked for PORT=0).
  const ready = new Promise<{ port: number }>((resolve) => cluster.on('listening', (_worker, address) => ++listening === count && resolve({ port: address.port })));
  for (let i = 0; i < count; i++) fork();
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const worker of started.keys()) worker.process.kill('SIGTERM');
    if (started.size === 0) process.exit(0);
    setTimeout(() => process.exit(1), 15_000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  return ready;
}
