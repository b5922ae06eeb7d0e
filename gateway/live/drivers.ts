import type { ExecutionResult } from 'graphql';
import type { Writable } from 'node:stream';
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

/** The graphql-ws subscription a context belongs to, set by gateway/subscriptions.ts: its events are written to that socket. */
export interface LiveSocket {
  socket: WebSocket;
  /** The TCP socket the WebSocket runs on (its upgrade request's). */
  connection: Writable;
  id: string;
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
 *
 * A delivery is the kernel's write and little else: the driver puts the whole WebSocket frame
 * together (frame header, the subscription's envelope, the audience's bytes) and writes it to the
 * connection's TCP socket in one write, where ws.send would make a header and write both with
 * cork/uncork (a writev): measured about 2 µs less per delivery. ws writes its own frames
 * (graphql-ws's messages, pings, the close) to that socket synchronously as well, so frames never
 * interleave: ws queues a frame only while it compresses one or reads a Blob, and nothing here sends
 * a Blob. With permessage-deflate negotiated (the gateway does not offer it) the driver sends through
 * ws.send.
 */
export class SocketDriver extends MemberIterator {
  private readonly socket: WebSocket;
  private readonly envelope: Buffer;
  /** The TCP socket to write whole frames to; undefined: through ws.send. */
  private readonly connection: Writable | undefined;
  private blocked = false;
  private retry: NodeJS.Timeout | undefined;
  private readonly resume = (error?: Error | null) => {
    if (error) return;
    this.blocked = false;
    this.pump();
  };

  constructor(member: Member, live: LiveSocket) {
    super(member);
    this.socket = live.socket;
    this.envelope = Buffer.from(`{"id":${JSON.stringify(live.id)},"type":"next","payload":`);
    this.connection = live.socket.extensions === '' ? live.connection : undefined;
  }

  wake(): void {
    if (!this.blocked) this.pump();
  }

  private pump() {
    const socket = this.socket;
    while (socket.readyState === socket.OPEN) {
      const buffered = socket.bufferedAmount;
      if (buffered >= HIGH_WATER_MARK) {
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
      // The write that may fill the socket past the mark tells when it has drained.
      const size = this.envelope.length + item.bytes.length + 1;
      const filling = buffered + size >= HIGH_WATER_MARK;
      if (this.connection) {
        this.connection.write(textFrame(this.envelope, item.bytes), filling ? this.resume : undefined);
      } else {
        const message = Buffer.concat([this.envelope, item.bytes, SUFFIX], size);
        socket.send(message, { binary: false }, filling ? this.resume : undefined);
      }
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

/**
 * `envelope`, `payload` and `}` as one unmasked, unfragmented WebSocket text frame (RFC 6455 5.2),
 * the header and the message in one buffer: a server's frame as ws.send would write it.
 */
export function textFrame(envelope: Buffer, payload: Buffer): Buffer {
  const length = envelope.length + payload.length + 1;
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = 0x81; // FIN, opcode 1 (text)
  if (header === 2) frame[1] = length;
  else if (header === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt16BE(0, 2);
    frame.writeUIntBE(length, 4, 6);
  }
  envelope.copy(frame, header);
  payload.copy(frame, header + envelope.length);
  frame[header + length - 1] = 0x7d; // }
  return frame;
}
