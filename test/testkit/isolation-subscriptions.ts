import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import type { Principal } from '../../subgraphs/kit/auth/tokens.ts';
import { bearer } from './auth.ts';
import type { TestSystem } from './system.ts';

/** The subscription half of the isolation suite: `activity` over graphql-ws, read into arrays. */

export const ACTIVITY = `subscription Activity($workspaceId: ID, $subjectId: ID, $after: String, $organizationId: ID) {
  activity(workspaceId: $workspaceId, subjectId: $subjectId, after: $after, organizationId: $organizationId) {
    cursor
    node { id type actorId organization { id } workspace { id } subject { __typename ... on Node { id } } }
  }
}`;

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

function collect(iterator: AsyncIterator<SubscriptionResult>): Collected {
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

/** Opens graphql-ws subscriptions to a test system's gateway, one client per subscription; `dispose` closes them all. */
export class Subscriber {
  private readonly clients: Client[] = [];
  constructor(private readonly sys: TestSystem) {}

  async subscribe(principal: Principal, variables: Record<string, unknown>, query = ACTIVITY): Promise<Collected> {
    const authorization = `Bearer ${await bearer(principal)}`;
    const client = createClient({ url: `${this.sys.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization }, retryAttempts: 0, lazy: true });
    this.clients.push(client);
    return collect(client.iterate({ query, variables }) as AsyncIterator<SubscriptionResult>);
  }

  async dispose() {
    for (const client of this.clients.splice(0)) await client.dispose();
  }
}

/** A refusal's codes and messages, with the given IDs (or cursors) replaced by their position. */
export function normalizeRefusal(results: SubscriptionResult[], names: string[]): string {
  const shown = results.map((r) => ({ data: r.data ?? null, errors: (r.errors ?? []).map((e) => ({ code: e.extensions?.code, message: e.message })) }));
  let text = JSON.stringify(shown);
  names.forEach((name, i) => (text = text.split(name).join(`<name ${i}>`)));
  return text;
}
