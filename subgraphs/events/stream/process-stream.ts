import type { SubgraphDeps } from '../../../platform/subgraph/context.ts';
import { EventStream } from './event-stream.ts';
import { DatabaseSource } from './database-source.ts';
import { NatsSource } from './nats-source.ts';

/**
 * One EventStream per process and database: every subscription of the events subgraph shares its
 * single reader (the database's NOTIFY, or NATS JetStream when NATS_URL is set). Created on the
 * first subscription, stopped with the subgraph.
 */
const streams = new WeakMap<SubgraphDeps, EventStream>();

export async function streamOf(deps: SubgraphDeps): Promise<EventStream> {
  let stream = streams.get(deps);
  if (!stream) {
    const { natsUrl, natsNamespace } = deps.config;
    const source = natsUrl ? new NatsSource(deps.database, { url: natsUrl, namespace: natsNamespace }) : new DatabaseSource(deps.database);
    stream = new EventStream(deps.database, source);
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
