/**
 * A bounded, single-consumer queue that is also an async iterator: producers `push`, one consumer
 * pulls with `for await`. When a push finds it full, the consumer is too slow: the queue remembers
 * the overflow and ends, after the items already queued, with the error `onOverflow` builds, so the
 * process never holds more than `limit` items for one consumer.
 */
export class BoundedQueue<T> implements AsyncIterableIterator<T> {
  private readonly items: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | null = null;
  private failWaiting: ((error: unknown) => void) | null = null;
  private ended = false;
  private closing = false;
  private failure: unknown = undefined;
  private onClose: (() => void) | undefined;

  constructor(
    readonly limit: number,
    private readonly onOverflow: () => unknown,
  ) {}

  /** Called once when the consumer stops (returns, fails or overflows). */
  set closed(callback: () => void) {
    this.onClose = callback;
  }

  get size(): number {
    return this.items.length;
  }

  get done(): boolean {
    return this.ended;
  }

  /** Queues an item; false when the queue has ended (closed or overflowed) and takes no more. */
  push(item: T): boolean {
    if (this.ended || this.closing || this.failure !== undefined) return false;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = this.failWaiting = null;
      resolve({ value: item, done: false });
      return true;
    }
    if (this.items.length >= this.limit) {
      this.fail(this.onOverflow());
      return false;
    }
    this.items.push(item);
    return true;
  }

  /** Ends the stream normally after what is queued. */
  end(): void {
    if (this.ended || this.failure !== undefined) return;
    this.closing = true;
    if (this.waiting && this.items.length === 0) {
      const resolve = this.waiting;
      this.waiting = this.failWaiting = null;
      this.finish();
      resolve({ value: undefined, done: true });
    }
  }

  /** Ends the stream with an error after what is queued: the consumer sees the items, then the error. */
  fail(error: unknown): void {
    if (this.ended || this.failure !== undefined) return;
    this.failure = error;
    if (this.waiting) {
      const reject = this.failWaiting!;
      this.waiting = this.failWaiting = null;
      this.finish();
      reject(error);
    }
  }

  /**
   * Waits for room instead of overflowing at once: a consumer that is only briefly behind (a burst,
   * a replay of history) catches up, one that lets the queue stay full for `graceMs` overflows.
   * Resolves false when the queue takes no more.
   */
  async offer(item: T, graceMs: number): Promise<boolean> {
    if (this.items.length >= this.limit && !this.ended && this.failure === undefined) {
      const room = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          this.onRoom = null;
          resolve(false);
        }, graceMs);
        this.onRoom = () => {
          clearTimeout(timer);
          this.onRoom = null;
          resolve(true);
        };
      });
      if (!room) {
        this.fail(this.onOverflow());
        return false;
      }
    }
    return this.push(item);
  }

  private onRoom: (() => void) | null = null;

  next(): Promise<IteratorResult<T>> {
    if (this.items.length > 0) {
      const value = this.items.shift()!;
      this.onRoom?.();
      return Promise.resolve({ value, done: false });
    }
    if (this.failure !== undefined && !this.ended) {
      this.finish();
      return Promise.reject(this.failure);
    }
    if (this.closing) this.finish();
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failWaiting = reject;
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.items.length = 0;
    this.onRoom?.();
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = this.failWaiting = null;
      resolve({ value: undefined, done: true });
    }
    this.finish();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  private finish() {
    if (this.ended) return;
    this.ended = true;
    this.onClose?.();
  }
}
