import { forkBenchProcess } from './child-process.ts';

/**
 * A closed-loop HTTP load: `concurrency` clients, each sending the same GraphQL POST again as soon
 * as its previous answer is in, over keep-alive connections (Node's fetch pools them). It runs in
 * a child process of its own, so the clients' work neither queues on the event loop of the servers
 * it measures nor counts in their CPU: the parent's process CPU over the timed phase is the
 * servers', and the child reports its own (`clientCpuMs`).
 *
 * Both phases end by draining: no request is in flight when `onMeasureStart` runs or when the
 * result comes back, so counters read at those two moments cover exactly the timed requests.
 */

export interface LoadOptions {
  url: string;
  /** Client i sends `headers[i % headers.length]` (a token per client makes distinct callers). */
  headers: Array<Record<string, string>>;
  body: string;
  concurrency: number;
  warmupSeconds: number;
  seconds: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU time (user + system) of the client process over the timed phase, per request. */
  clientCpuMsPerRequest: number;
}

type ToChild = { kind: 'go' };
type FromChild =
  | { kind: 'warm' }
  | { kind: 'done'; latencies: number[]; seconds: number; cpuMs: number }
  | { kind: 'failed'; message: string };

const CHILD_FLAG = '--bench-load-client';

/** Runs warm-up, then calls `onMeasureStart` (nothing in flight), then the timed phase. */
export function runLoad(options: LoadOptions, onMeasureStart: () => void | Promise<void>): Promise<LoadResult> {
  const child = forkBenchProcess(import.meta.url, CHILD_FLAG);
  return new Promise<LoadResult>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | null, result?: LoadResult) => {
      if (settled) return;
      settled = true;
      if (child.exitCode === null && child.signalCode === null) child.kill();
      if (error) reject(error);
      else resolve(result!);
    };
    child.on('message', (message: FromChild) => {
      if (message.kind === 'warm') {
        Promise.resolve(onMeasureStart()).then(() => child.send({ kind: 'go' } satisfies ToChild), (error: Error) => finish(error));
      } else if (message.kind === 'done') {
        finish(null, summarize(message.latencies, message.seconds, message.cpuMs));
      } else {
        finish(new Error(`load failed: ${message.message}`));
      }
    });
    child.on('error', (error) => finish(error));
    child.on('exit', (code) => finish(new Error(`load client exited (code ${code}) before finishing`)));
    child.send({ kind: 'run', options });
  });
}

function summarize(latencies: number[], seconds: number, cpuMs: number): LoadResult {
  const sorted = Float64Array.from(latencies).sort();
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : NaN);
  return {
    requests: sorted.length,
    seconds,
    requestsPerSecond: sorted.length / seconds,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    clientCpuMsPerRequest: sorted.length ? cpuMs / sorted.length : NaN,
  };
}

// ---- the child ----------------------------------------------------------------------------------

async function phase(options: LoadOptions, seconds: number, latencies: number[] | null): Promise<void> {
  const deadline = performance.now() + seconds * 1000;
  const client = async (i: number) => {
    const headers = options.headers[i % options.headers.length];
    while (performance.now() < deadline) {
      const started = performance.now();
      const res = await fetch(options.url, { method: 'POST', headers, body: options.body });
      const text = await res.text();
      const elapsed = performance.now() - started;
      // Every answer is checked: a fast error must never pass for a fast answer.
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${text.slice(0, 300)}`);
      const body = JSON.parse(text) as { data?: unknown; errors?: unknown };
      if (body.errors || !body.data) throw new Error(`GraphQL errors: ${text.slice(0, 300)}`);
      latencies?.push(elapsed);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, i) => client(i)));
}

function serve(): void {
  const send = (message: FromChild) => process.send!(message);
  process.once('message', (message: { kind: 'run'; options: LoadOptions }) => {
    const { options } = message;
    void (async () => {
      await phase(options, options.warmupSeconds, null);
      const go = new Promise<void>((resolve) => process.once('message', () => resolve()));
      send({ kind: 'warm' });
      await go;
      const latencies: number[] = [];
      const cpu = process.cpuUsage();
      const started = performance.now();
      await phase(options, options.seconds, latencies);
      const used = process.cpuUsage(cpu);
      send({ kind: 'done', latencies, seconds: (performance.now() - started) / 1000, cpuMs: (used.user + used.system) / 1000 });
    })().catch((error: Error) => send({ kind: 'failed', message: error.message }));
  });
}

if (process.argv.includes(CHILD_FLAG) && process.send) serve();
