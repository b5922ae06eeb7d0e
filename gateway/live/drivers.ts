import type { ExecutionResult } from 'graphql';
import type WebSocket from 'ws';
import type { Driver, Member } from './member.ts';

/**
 * What the runtime gets back for a grouped subscription: an async iterator it holds like any other
 * (a client's `complete`, a closed socket or a cancelled response calls `return`, which ends the
 * member). Over SSE it yields the events themselves; over graphql-ws the events bypass it (written
 * to the socket by the driver) and it yields only a last result, if any, before completing.
 */
abstract class MemberIterator implements AsyncIterableIterator<ExecutionResult>, Driver {
  protected waiting: ((result: IteratorResult<ExecutionResult>) => void) | undefined;
  /** undefined while live; then the last result to yield (null: none), then done. */
  private final: ExecutionResult | null | undefined;
  private done = false;

  constructor(protected readonly member: Member) {
    member.driver = this;
  }

  abstract wake(): void;

  finish(result: ExecutionResult | null): void {
    if (this.final !== undefined) return;
    this.final = result;
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting(this.ending());
  }

  /** The last result, then done. */
  protected ending(): IteratorResult<ExecutionResult> {
    if (this.final && !this.done) {
      this.done = true;
      return { value: this.final, done: false };
    }
    this.done = true;
    return { value: undefined, done: true };
  }

  protected get finished(): boolean {
    return this.final !== undefined;
  }

  abstract next(): Promise<IteratorResult<ExecutionResult>>;

  return(): Promise<IteratorResult<ExecutionResult>> {
    this.member.finish(null);
    this.done = true;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.({ value: undefined, done: true });
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(): Promise<IteratorResult<ExecutionResult>> {
    return this.return();
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}

/** Bytes a socket may have waiting in the process before its writer waits for them to drain. */
const HIGH_WATER_MARK = 64 * 1024;
/** How often a writer blocked by another writer of its socket looks again. */
const BLOCKED_RETRY_MS = 25;
const SUFFIX = Buffer.from('}');

/**
 * graphql-ws: each event is written straight to the socket as one `next` message, its payload the
 * audience's serialised bytes, framed with this subscription's id. Writes go on while the socket
 * keeps up (one write each, no per-event promise); past the high-water mark the writer waits for the
 * socket to drain and the member's buffer takes the events meanwhile.
 */
export class SocketDriver extends MemberIterator {
  private readonly prefix: Buffer;
  private blocked = false;
  private retry: NodeJS.Timeout | undefined;
  private readonly resume = (error?: Error) => {
    if (error) return;
    this.blocked = false;
    this.pump();
  };

  constructor(member: Member, private readonly socket: WebSocket, id: string) {
    super(member);
    this.prefix = Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`);
  }

  wake(): void {
    if (!this.blocked) this.pump();
  }

  private pump() {
    const socket = this.socket;
    while (socket.readyState === socket.OPEN) {
      if (socket.bufferedAmount >= HIGH_WATER_MARK) {
        // Blocked by a write of another subscription of this socket (ours carry a callback): look again soon.
        this.blocked = true;
        this.retry ??= setTimeout(() => {
          this.retry = undefined;
          this.resume();
        }, BLOCKED_RETRY_MS).unref();
        return;
      }
      const item = this.member.take();
      if (!item) return;
      const frame = Buffer.concat([this.prefix, item.bytes, SUFFIX], this.prefix.length + item.bytes.length + 1);
      // The write that may fill the socket past the mark tells when it has drained.
      const filling = socket.bufferedAmount + frame.length >= HIGH_WATER_MARK;
      socket.send(frame, { binary: false }, filling ? this.resume : undefined);
    }
  }

  override finish(result: ExecutionResult | null): void {
    clearTimeout(this.retry);
    super.finish(result);
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    if (this.finished) return Promise.resolve(this.ending());
    return new Promise((resolve) => (this.waiting = resolve));
  }
}

/**
 * SSE (and any other streaming HTTP response): the runtime pulls when the response can take more.
 * Each event is the audience's serialised text (`stringify`, which the runtime's result processor
 * uses instead of serialising again).
 */
export class PullDriver extends MemberIterator {
  wake(): void {
    const waiting = this.waiting;
    if (!waiting) return;
    const item = this.member.take();
    if (!item || this.waiting !== waiting) return;
    this.waiting = undefined;
    waiting({ value: serialised(item.text), done: false });
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    if (this.finished) return Promise.resolve(this.ending());
    const item = this.member.take();
    if (item) return Promise.resolve({ value: serialised(item.text), done: false });
    if (this.finished) return Promise.resolve(this.ending());
    return new Promise((resolve) => (this.waiting = resolve));
  }
}

/** A result the runtime writes as `text` (GraphQL Yoga's `stringify`), never serialising it again. */
function serialised(text: string): ExecutionResult {
  return { stringify: () => text } as unknown as ExecutionResult;
}
