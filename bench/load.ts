import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

/**
 * A closed-loop HTTP load: `concurrency` clients, each sending the same GraphQL POST again as soon
 * as its previous answer is in, over keep-alive connections (Node's fetch pools them). It runs in
 * a worker thread so the clients' own work does not queue on the event loop of the servers it
 * measures, which share the main thread.
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
}

type FromWorker =
  | { kind: 'warm' }
  | { kind: 'done'; latencies: number[]; seconds: number }
  | { kind: 'failed'; message: string };

/**
 * Node 20 does not carry tsx's loader into worker threads, so the worker registers it before
 * importing this very file.
 */
const WORKER_BOOTSTRAP = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then((api) => { api.register(); return import(${JSON.stringify(import.meta.url)}); })`;

/** Runs warm-up, then calls `onMeasureStart` (nothing in flight), then the timed phase. */
export function runLoad(options: LoadOptions, onMeasureStart: () => void): Promise<LoadResult> {
  const worker = new Worker(WORKER_BOOTSTRAP, { eval: true, workerData: options });
  return new Promise<LoadResult>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | null, result?: LoadResult) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      if (error) reject(error);
      else resolve(result!);
    };
    worker.on('message', (message: FromWorker) => {
      if (message.kind === 'warm') {
        onMeasureStart();
        worker.postMessage('go');
      } else if (message.kind === 'done') {
        finish(null, summarize(message.latencies, message.seconds));
      } else {
        finish(new Error(`load failed: ${message.message}`));
      }
    });
    worker.on('error', (error) => finish(error));
    worker.on('exit', (code) => finish(new Error(`load worker exited (code ${code}) before finishing`)));
  });
}

function summarize(latencies: number[], seconds: number): LoadResult {
  const sorted = Float64Array.from(latencies).sort();
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : NaN);
  return { requests: sorted.length, seconds, requestsPerSecond: sorted.length / seconds, p50Ms: at(0.5), p99Ms: at(0.99) };
}

// ---- the worker ---------------------------------------------------------------------------------

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

async function work(options: LoadOptions) {
  const port = parentPort!;
  try {
    await phase(options, options.warmupSeconds, null);
    const go = new Promise<void>((resolve) => port.once('message', () => resolve()));
    port.postMessage({ kind: 'warm' } satisfies FromWorker);
    await go;
    const latencies: number[] = [];
    const started = performance.now();
    await phase(options, options.seconds, latencies);
    port.postMessage({ kind: 'done', latencies, seconds: (performance.now() - started) / 1000 } satisfies FromWorker);
  } catch (error) {
    port.postMessage({ kind: 'failed', message: (error as Error).message } satisfies FromWorker);
  }
}

if (!isMainThread && parentPort && (workerData as LoadOptions | undefined)?.url) void work(workerData as LoadOptions);
