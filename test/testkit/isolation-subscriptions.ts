import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import type { Principal } from '../../platform/auth/tokens.ts';
import { bearer } from './auth.ts';
import type { TestSystem } from './system.ts';
import { collect, type Collected, type SubscriptionResult } from './subscriptions.ts';

export type { Collected, SubscriptionResult };

/** The subscription half of the isolation suite: `activity` over graphql-ws, read into arrays. */

export const ACTIVITY = `subscription Activity($workspaceId: ID, $subjectId: ID, $after: String, $organizationId: ID) {
  activity(workspaceId: $workspaceId, subjectId: $subjectId, after: $after, organizationId: $organizationId) {
    cursor
    node { id type actorId organization { id } workspace { id } subject { __typename ... on Node { id } } }
  }
}`;

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
