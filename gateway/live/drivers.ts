import type { ExecutionResult } from 'graphql';
import type { Socket } from 'node:net';
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

/** What of a `ws` WebSocket (8.x) the driver reads to frame a message itself: the connection and the Sender's state. */
interface WsInternals {
  _socket: Socket | null;
  _sender: { _state: number; _queue: unknown[]; _firstFragment: boolean } | null;
}

/**
 * graphql-ws: each event is written straight to the socket as one `next` message, framed here:
 * a small header of this socket's own (the WebSocket frame header and `{"id":...,"payload":`) and
 * the audience's shared bytes (the payload and the closing `}`), in one corked write, so the
 * payload is never copied per socket. That is what ws's send() writes, minus its copy; it is done
 * only while ws has nothing of its own in hand (no compression negotiated, its Sender idle with an
 * empty queue and no fragmented message open), else the message goes through send(). Writes go on
 * while the socket keeps up (one write each, no per-event promise); past the high-water mark the
 * writer waits for the socket to drain and the member's buffer takes the events meanwhile.
 */
export class SocketDriver extends MemberIterator {
  private readonly prefix: Buffer;
  private readonly raw: WsInternals;
  private readonly compressed: boolean;
  private blocked = false;
  private retry: NodeJS.Timeout | undefined;
  private readonly resume = (error?: Error | null) => {
    if (error) return;
    this.blocked = false;
    this.pump();
  };

  constructor(member: Member, private readonly socket: WebSocket, id: string) {
    super(member);
    this.prefix = Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`);
    this.raw = socket as unknown as WsInternals;
    this.compressed = socket.extensions !== '';
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
      const length = this.prefix.length + item.tail.length;
      // The write that may fill the socket past the mark tells when it has drained.
      const done = socket.bufferedAmount + length >= HIGH_WATER_MARK ? this.resume : undefined;
      if (!this.write(item.tail, length, done)) socket.send(Buffer.concat([this.prefix, item.tail], length), { binary: false }, done);
    }
  }

  /** One unmasked, final text frame of `length` bytes (this prefix, then `tail`), written without ws; false when ws must write it. */
  private write(tail: Buffer, length: number, done: ((error?: Error | null) => void) | undefined): boolean {
    const { _socket: connection, _sender: sender } = this.raw;
    if (this.compressed || !connection || !sender || sender._state !== 0 || sender._queue.length || !sender._firstFragment) return false;
    const size = length < 126 ? 2 : length < 65_536 ? 4 : 10;
    const head = Buffer.allocUnsafe(size + this.prefix.length);
    head[0] = 0x81; // FIN, text
    if (size === 2) head[1] = length;
    else if (size === 4) {
      head[1] = 126;
      head.writeUInt16BE(length, 2);
    } else {
      head[1] = 127;
      head.writeUInt32BE(0, 2);
      head.writeUInt32BE(length, 6);
    }
    this.prefix.copy(head, size);
    connection.cork();
    connection.write(head);
    connection.write(tail, done);
    connection.uncork();
    return true;
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
