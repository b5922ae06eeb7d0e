import type { Db } from '../../platform/db.ts';
import { existingIds } from '../../platform/existing-ids.ts';
import { events } from '../../platform/event-log-table.ts';
import type { Scope } from '../../platform/scope.ts';
import type { SubgraphDefinition } from '../../platform/subgraph/server.ts';
import { schemaFileOf } from '../registry.ts';
import { eventScope } from './data.ts';
import { startEventRetention } from './retention.ts';
import { stopStream } from './stream/process-stream.ts';

/**
 * The events subgraph's public module: the one file of this folder that code outside it may import
 * (everything else here is private). The log itself is the platform's (platform/event-log.ts: every
 * writer appends to it in its own transaction); this subgraph is the only code that reads it.
 */
export const definition: SubgraphDefinition = {
  name: 'events',
  schemaFile: schemaFileOf('events'),
  loadResolvers: async () => (await import('./resolvers/index.ts')).resolvers,
  /**
   * The process serving this subgraph sweeps expired events (EVENT_RETENTION_DAYS; off when null),
   * and stops the live stream's reader (started by the first subscription) with the subgraph.
   */
  start(deps) {
    const days = deps.config.eventRetentionDays;
    const retention = days ? startEventRetention(deps.database, { days }) : null;
    return {
      async stop() {
        await retention?.stop();
        await stopStream(deps);
      },
    };
  },
};

// ---------------------------------------------------------------------------------------------
// Reads

/** Which of `ids` are events the scope may see (node(id:) asks). */
export const existingEvents = (db: Db, scope: Scope, ids: readonly string[]) =>
  existingIds(db, events, events.id, ids, eventScope(scope));

/** The rule by which a list of types (exact, or prefixes ending in a dot) keeps an event (the fan-out benchmark applies it too). */
export { typeMatches } from './type-filter.ts';

/**
 * Bulk exports and NDJSON lists (gateway/exports/direct.ts): the root `events` list read in batches
 * larger than a page, in this process, with the field's own argument checks, tenancy (the caller's
 * organization, its narrowed workspace), order and cursor rule (`readEventBatch`: the same rows without the
 * query builder's per-row mapping), or each row's JSON text built by the database (`readEventLines`).
 * Rows are served as `ROW_FIELDS`.
 */
export { checkEventList, readEventBatch, readEventLines, readEventList, type CheckedEventList, type RootEventListArgs } from './list.ts';
/** An output row described from an event's row, built in this process or, as JSON text, by the database (`readEventLines`). */
export { JSON_COLUMNS, lineShape, rowJsonValue, type JsonColumn, type LineShape, type RowJson } from './row-json.ts';
export type { EventRow } from './models.ts';
/** The live feed's batch of events, given to the request that reads them in this process (gateway/live/execute.ts). */
export { primeEvents } from './loaders.ts';

/** Service Line health's read (subgraphs/service-lines/health): capacity and execution signals of many lines per statement. */
export { signalEventsByLine, CAPACITY_EVENT_TYPES, type LineSignalEvents, type SignalEvent } from './data-health.ts';

// ---------------------------------------------------------------------------------------------
// Live activity: the gateway serves `activity` subscribers in audiences from this process's stream
// (gateway/live/), checking their arguments and resuming exactly as the subscription resolver does.

export { type ActivityFilter, type EventStream, matches } from './stream/event-stream.ts';
export { type ActivityArgs, activityFilter, resumeSeq, ROW_FIELDS } from './stream/activity.ts';
/** The stream of the subgraphs' process (the in-process gateway shares it), or one of its own (the standalone gateway). */
export { createEventStream, streamOf } from './stream/process-stream.ts';
