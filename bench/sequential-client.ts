import type { ChildProcess } from 'node:child_process';
import { forkBenchProcess } from './child-process.ts';

/**
 * An HTTP client in a child process of its own, sending a sequence of requests one at a time, so a
 * benchmark can tell apart the CPU its servers use (the parent process's, which holds the system)
 * from the CPU the client uses (this child's, measured here with process.cpuUsage).
 *
 * A run warms up with one pass of the sequence, tells the parent (`onStart`: nothing is in flight),
 * then sends the sequence `repeat` times and tells the parent again (`onEnd`), so counters read in
 * those two callbacks cover exactly the measured requests. Every answer is checked: a fast error
 * must never pass for a fast answer.
 */

export interface ClientRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

export interface SequenceOptions {
  url: string;
  headers: Record<string, string>;
  requests: ClientRequest[];
  repeat: number;
}

export interface SequenceResult {
  /** Mean wall time of one pass of the sequence, in ms. */
  ms: number;
  /** Mean CPU time the client process used for one pass, in ms. */
  clientCpuMs: number;
}

type ToChild = { kind: 'run'; options: SequenceOptions } | { kind: 'go' } | { kind: 'close' };
type FromChild = { kind: 'warm' } | { kind: 'done'; ms: number; clientCpuMs: number } | { kind: 'failed'; message: string };

const CHILD_FLAG = '--sequential-client';

export class SequentialClient {
  private readonly child: ChildProcess;

  constructor() {
    this.child = forkBenchProcess(import.meta.url, CHILD_FLAG);
  }

  /** One run: warm-up, `onStart`, the measured passes, `onEnd`. */
  run(options: SequenceOptions, hooks: { onStart: () => void; onEnd: () => void }): Promise<SequenceResult> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => finish(new Error(`the client process exited (code ${code}) before finishing`));
      const onMessage = (message: FromChild) => {
        if (message.kind === 'warm') {
          hooks.onStart();
          this.child.send({ kind: 'go' } satisfies ToChild);
        } else if (message.kind === 'done') {
          hooks.onEnd();
          finish(null, { ms: message.ms, clientCpuMs: message.clientCpuMs });
        } else {
          finish(new Error(`client: ${message.message}`));
        }
      };
      const finish = (error: Error | null, result?: SequenceResult) => {
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
        if (error) reject(error);
        else resolve(result!);
      };
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
      this.child.send({ kind: 'run', options } satisfies ToChild);
    });
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ kind: 'close' } satisfies ToChild);
    const timer = setTimeout(() => this.child.kill(), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

// ---- the child ----------------------------------------------------------------------------------

async function pass(options: SequenceOptions): Promise<void> {
  for (const request of options.requests) {
    const res = await fetch(`${options.url}${request.path}`, { method: request.method, headers: options.headers, body: request.body });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${request.method} ${request.path}: HTTP ${res.status} ${text.slice(0, 300)}`);
    const body = JSON.parse(text) as { data?: unknown; errors?: unknown };
    if (body.errors || !body.data) throw new Error(`${request.method} ${request.path}: ${text.slice(0, 300)}`);
  }
}

function serve(): void {
  const send = (message: FromChild) => process.send!(message);
  let pending: SequenceOptions | undefined;
  process.on('message', (message: ToChild) => {
    if (message.kind === 'close') process.exit(0);
    if (message.kind === 'run') {
      pending = message.options;
      pass(pending).then(() => send({ kind: 'warm' }), (error: Error) => send({ kind: 'failed', message: error.message }));
      return;
    }
    const options = pending!;
    void (async () => {
      const cpu = process.cpuUsage();
      const started = performance.now();
      for (let i = 0; i < options.repeat; i++) await pass(options);
      const used = process.cpuUsage(cpu);
      send({ kind: 'done', ms: (performance.now() - started) / options.repeat, clientCpuMs: (used.user + used.system) / 1000 / options.repeat });
    })().catch((error: Error) => send({ kind: 'failed', message: error.message }));
  });
}

if (process.argv.includes(CHILD_FLAG) && process.send) serve();
