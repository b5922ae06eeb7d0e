import type { SubgraphDeps } from '../../../platform/subgraph/context.ts';
import type { Database } from '../../../platform/db.ts';
import { EventStream } from './event-stream.ts';
import { DatabaseSource } from './database-source.ts';
import { NatsSource } from './nats-source.ts';

/**
 * One EventStream per process and database: every subscription of the events subgraph shares its
 * single reader (the database's NOTIFY, or NATS JetStream when NATS_URL is set), and so does the
 * gateway's grouped fan-out when it runs in the same process. Created on the first subscription,
 * stopped with the subgraph.
 */
const streams = new WeakMap<SubgraphDeps, EventStream>();

/** A stream over `database`, a member of the NATS fan-out when `natsUrl` is given; started by its first use. */
export function createEventStream(database: Database, nats: { natsUrl?: string; natsNamespace?: string } = {}): EventStream {
  const { natsUrl, natsNamespace } = nats;
  const source = natsUrl ? new NatsSource(database, { url: natsUrl, namespace: natsNamespace }) : new DatabaseSource(database);
  return new EventStream(database, source);
}

export async function streamOf(deps: SubgraphDeps): Promise<EventStream> {
  let stream = streams.get(deps);
  if (!stream) {
    stream = createEventStream(deps.database, deps.config);
    streams.set(deps, stream);
  }
  await stream.start();
  return stream;
}

/** The stream of these deps, if one was started (tests read which source it has). */
export const existingStream = (deps: SubgraphDeps) => streams.get(deps);

export async function stopStream(deps: SubgraphDeps): Promise<void> {
  const stream = streams.get(deps);
  streams.delete(deps);
  await stream?.stop();
}
