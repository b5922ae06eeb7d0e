/** A subscription read into an array as results arrive, for tests that wait on what was delivered. */

export type SubscriptionResult = { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

export interface Collected {
  results: SubscriptionResult[];
  readonly ended: boolean;
  /** What ended the subscription when it did not complete (a closed socket, an error outside a result). */
  readonly failure: unknown;
  /** Waits for the first n results (bounded by the test's timeout, never by a timed assertion). */
  take(n: number): Promise<SubscriptionResult[]>;
  /** Waits until the server ends the subscription. */
  end(): Promise<SubscriptionResult[]>;
  stop(): Promise<unknown>;
}

export function collect(iterator: AsyncIterator<SubscriptionResult>): Collected {
  const results: SubscriptionResult[] = [];
  let ended = false;
  let failure: unknown;
  const waiters: Array<() => void> = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  void (async () => {
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        results.push(next.value);
        wake();
      }
    } catch (error) {
      failure = error;
    }
    ended = true;
    wake();
  })();
  return {
    results,
    get ended() {
      return ended;
    },
    get failure() {
      return failure;
    },
    async take(n) {
      while (results.length < n && !ended) await new Promise<void>((resolve) => waiters.push(resolve));
      if (results.length < n) throw new Error(`the subscription ended after ${results.length} of ${n} results: ${JSON.stringify(results.at(-1) ?? failure)}`);
      return results.slice(0, n);
    },
    async end() {
      while (!ended) await new Promise<void>((resolve) => waiters.push(resolve));
      return results;
    },
    stop: async () => iterator.return?.(),
  };
}
