import type { ChildProcess } from 'node:child_process';
import { forkBenchProcess } from '../child-process.ts';
import { pathToFileURL } from 'node:url';
import WebSocket from 'ws';
import { QUERIES, matches, type SubscriberSpec } from './shapes.ts';

/**
 * The subscribers of the fan-out benchmark, in a process of their own (so the server's CPU and
 * memory are its own): one WebSocket each, speaking graphql-transport-ws (connection_init with
 * the token, one subscribe), recording when each event arrives. The protocol is spoken directly
 * over `ws` and each event's ID is read from the message's bytes (not decoded, not parsed), so the load
 * generator's own CPU per message stays small next to the server's (both are reported).
 */

export type ToClients =
  | { kind: 'connect'; url: string; tokens: string[]; specs: SubscriberSpec[] }
  | { kind: 'measure' }
  | { kind: 'written'; events: Written }
  | { kind: 'status' }
  | { kind: 'report' }
  | { kind: 'close' };

export type Written = Array<{ id: string; type: string; workspaceId: string | null; committedAt: number }>;

export interface ClientStatus { kind: 'status'; connected: number; subscribed: number; live: number; failed: number; received: number; ended: number; slowConsumer: number; errors: string[]; connectSeconds: number; /** This process's CPU so far, µs. */ cpuMicros: number }
export interface ClientReport {
  kind: 'report'; failed: number; deliveries: number; expected: number; unknown: number; firstCommit: number; lastReceive: number;
  p50: number; p99: number; max: number; subjectP50: number; subjectP99: number; cpuMs: number; rssMb: number; slowConsumer: number; ended: number; errors: string[];
}
type FromClients = ClientStatus | ClientReport | { kind: 'closed' };

const CLIENT_FLAG = '--fanout-clients';
/** Connections opening at once: a busy server's accept queue overflows past a few hundred. */
const HANDSHAKES = 200;
const NODE_ID = Buffer.from('"node":{"id":"EVT-');

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
export const now = () => performance.timeOrigin + performance.now();

/** EVT-26-045412 as a number (26045412): receipts keep no strings of the messages alive. */
const eventKey = (id: string) => Number(id.slice(4).replace('-', ''));

/** The same, read from a message's bytes at `from` (just past `EVT-`), up to the closing quote; -1 if it is not `NN-NNNNNN"`. */
function eventKeyAt(data: Buffer, from: number): number {
  let key = 0;
  let digits = 0;
  for (let k = from; k < data.length; k++) {
    const c = data[k];
    if (c === 0x22) return digits > 0 ? key : -1; // "
    if (c === 0x2d) continue; // -
    if (c < 0x30 || c > 0x39) return -1;
    key = key * 10 + (c - 0x30);
    digits++;
  }
  return -1;
}

async function runClients(): Promise<void> {
  const send = (message: FromClients) => process.send!(message);
  const sockets: WebSocket[] = [];
  let specs: SubscriberSpec[] = [];
  let live = new Uint8Array(0);
  let connected = 0;
  let subscribed = 0;
  let failed = 0;
  let ended = 0;
  let slowConsumer = 0;
  let connectSeconds = 0;
  const errors: string[] = [];
  let measuring = false;
  const receiptSubscriber: number[] = [];
  const receiptEvent: number[] = [];
  const receiptTime: number[] = [];
  const written = new Map<number, { type: string; workspaceId: string | null; committedAt: number }>();
  let cpuStart = process.cpuUsage();
  const note = (error: string) => errors.length < 5 && errors.push(error.slice(0, 300));

  function open(i: number, url: string, authorization: string, settle: () => void) {
    const spec = specs[i];
    const socket = new WebSocket(url, 'graphql-transport-ws', { perMessageDeflate: false });
    sockets.push(socket);
    let acked = false;
    let done = false;
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization } })));
    socket.on('message', (data: Buffer) => {
      if (!acked) {
        if (!data.toString().includes('"connection_ack"')) return;
        acked = true;
        connected++;
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: QUERIES[spec.query], variables: spec.variables } }));
        subscribed++;
        settle();
        return;
      }
      // An event: its ID read from the bytes (no string made of the message).
      const at = data.indexOf(NODE_ID);
      if (at >= 0) {
        live[i] = 1;
        if (!measuring) return;
        const key = eventKeyAt(data, at + NODE_ID.length);
        if (key < 0) return note(`an event without a readable ID: ${data.toString().slice(0, 300)}`);
        receiptSubscriber.push(i);
        receiptEvent.push(key);
        receiptTime.push(now());
        return;
      }
      const text = data.toString();
      if (text.includes('"complete"')) {
        done = true;
        ended++;
      } else if (text.includes('"errors"')) {
        if (text.includes('SLOW_CONSUMER')) slowConsumer++;
        note(text);
      }
    });
    socket.on('error', (error) => note(String(error)));
    socket.on('close', (code, reason) => {
      if (!acked) settle();
      if (done || closing) return;
      failed++;
      note(`closed ${code} ${reason}`);
    });
  }

  let closing = false;
  process.on('message', async (message: ToClients) => {
    switch (message.kind) {
      case 'connect': {
        specs = message.specs;
        live = new Uint8Array(specs.length);
        const started = performance.now();
        let inFlight = 0;
        const waiters: Array<() => void> = [];
        for (let i = 0; i < specs.length; i++) {
          let settled = false;
          inFlight++;
          open(i, message.url, `Bearer ${message.tokens[specs[i].token]}`, () => {
            if (settled) return;
            settled = true;
            inFlight--;
            if (subscribed + failed >= specs.length) connectSeconds = (performance.now() - started) / 1000;
            waiters.splice(0).forEach((w) => w());
          });
          while (inFlight >= HANDSHAKES) await new Promise<void>((resolve) => waiters.push(resolve));
        }
        break;
      }
      case 'measure':
        measuring = true;
        cpuStart = process.cpuUsage();
        break;
      case 'written':
        for (const e of message.events) written.set(eventKey(e.id), e);
        break;
      case 'status': {
        let count = 0;
        for (const l of live) count += l;
        const cpu = process.cpuUsage();
        send({ kind: 'status', connected, subscribed, live: count, failed, received: receiptTime.length, ended, slowConsumer, errors, connectSeconds, cpuMicros: cpu.user + cpu.system });
        break;
      }
      case 'report':
        send(report());
        break;
      case 'close':
        closing = true;
        for (const socket of sockets) socket.terminate();
        send({ kind: 'closed' });
        process.exit(0);
    }
  });

  function report(): ClientReport {
    const cpu = process.cpuUsage(cpuStart);
    const latencies = new Float64Array(receiptTime.length);
    const subjectLatencies: number[] = [];
    let n = 0;
    let unknown = 0;
    let lastReceive = 0;
    for (let k = 0; k < receiptTime.length; k++) {
      const event = written.get(receiptEvent[k]);
      if (!event) {
        unknown++; // a probe delivered late
        continue;
      }
      latencies[n++] = receiptTime[k] - event.committedAt;
      if (specs[receiptSubscriber[k]].subject) subjectLatencies.push(receiptTime[k] - event.committedAt);
      lastReceive = Math.max(lastReceive, receiptTime[k]);
    }
    const sorted = latencies.subarray(0, n).sort();
    subjectLatencies.sort((a, b) => a - b);
    let expected = 0;
    let subjectExpected = 0;
    let firstCommit = Infinity;
    for (const event of written.values()) {
      firstCommit = Math.min(firstCommit, event.committedAt);
      for (const spec of specs) {
        if (!matches(spec.filter, event)) continue;
        expected++;
        if (spec.subject) subjectExpected++;
      }
    }
    // Percentiles over every delivery owed: one that never arrived counts as later than all that did.
    const at = (q: number, values: ArrayLike<number>, of: number) => {
      const k = Math.floor(q * of);
      return k < values.length ? values[k] : NaN;
    };
    return {
      kind: 'report', failed, deliveries: n, expected, unknown, firstCommit, lastReceive,
      p50: at(0.5, sorted, expected), p99: at(0.99, sorted, expected), max: n ? sorted[n - 1] : NaN,
      subjectP50: at(0.5, subjectLatencies, subjectExpected), subjectP99: at(0.99, subjectLatencies, subjectExpected),
      cpuMs: (cpu.user + cpu.system) / 1000, rssMb: process.memoryUsage().rss / 1024 / 1024, slowConsumer, ended, errors,
    };
  }
}

/** The client process, with request/answer over IPC. */
export class Clients {
  private readonly child: ChildProcess;
  private readonly waiting: Array<(message: FromClients) => void> = [];

  constructor() {
    this.child = forkBenchProcess(import.meta.url, CLIENT_FLAG);
    this.child.on('message', (message: FromClients) => this.waiting.shift()?.(message));
  }

  get pid(): number {
    return this.child.pid!;
  }

  send(message: ToClients) {
    this.child.send(message);
  }

  ask<K extends FromClients['kind']>(message: ToClients): Promise<Extract<FromClients, { kind: K }>> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number) => reject(new Error(`the client process exited with code ${code}`));
      this.child.once('exit', onExit);
      this.waiting.push((answer) => {
        this.child.off('exit', onExit);
        resolve(answer as Extract<FromClients, { kind: K }>);
      });
      this.child.send(message);
    });
  }

  async close() {
    if (this.child.exitCode !== null) return;
    await Promise.race([this.ask<'closed'>({ kind: 'close' }), new Promise((resolve) => setTimeout(resolve, 15_000))]).catch(() => undefined);
    if (this.child.exitCode === null) this.child.kill();
  }
}

if (process.argv.includes(CLIENT_FLAG) && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void runClients();
