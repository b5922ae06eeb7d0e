import { forkBenchProcess } from '../child-process.ts';
import { pathToFileURL } from 'node:url';
import { openDatabase, type Database } from '../../platform/db.ts';
import { appendEvents, type EventInput } from '../../platform/event-log.ts';
import { now, type Written } from './clients.ts';

/**
 * The benchmark's writer: one event per transaction, appended with appendEvents (the function every
 * command commits its events with) at a steady rate, the time right after each commit sent on in
 * batches. On PostgreSQL it is a process of its own with its own connection, as the platform's
 * writers are, so the server's busy event loop cannot slow the write rate down.
 */

const WRITER_FLAG = '--fanout-writer';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface WritePlan {
  events: EventInput[];
  rate: number;
}

/** Appends the plan's events at its rate; returns the seconds it took (more than planned if commits fall behind). */
export async function writeEvents(database: Database, plan: WritePlan, committed: (events: Written) => void): Promise<number> {
  const started = performance.now();
  const batch: Written = [];
  for (let n = 0; n < plan.events.length; n++) {
    const wait = started + (n * 1000) / plan.rate - performance.now();
    if (wait > 0) await sleep(wait);
    const [row] = await database.db.transaction((tx) => appendEvents(tx, [plan.events[n]]));
    batch.push({ id: row.id, type: row.type, workspaceId: row.workspaceId, committedAt: now() });
    if (batch.length >= 10) committed(batch.splice(0));
  }
  committed(batch.splice(0));
  return (performance.now() - started) / 1000;
}

/** A writer process on `databaseUrl`, started before the subscribers connect so its start-up is not measured. */
export function writerProcess(databaseUrl: string) {
  const child = forkBenchProcess(import.meta.url, WRITER_FLAG);
  type Message = { kind: 'written'; events: Written } | { kind: 'done'; seconds: number } | { kind: 'ready' };
  const ready = new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the writer process exited with code ${code}`)));
  });
  return {
    async write(plan: WritePlan, committed: (events: Written) => void): Promise<number> {
      await ready;
      return new Promise((resolve, reject) => {
        child.on('message', (message: Message) => {
          if (message.kind === 'written') committed(message.events);
          else if (message.kind === 'done') resolve(message.seconds);
        });
        child.once('exit', (code) => reject(new Error(`the writer process exited with code ${code}`)));
        child.send({ databaseUrl, plan });
      });
    },
    close() {
      if (child.exitCode === null && child.signalCode === null) child.kill();
    },
  };
}

async function runWriter(): Promise<void> {
  process.once('message', async ({ databaseUrl, plan }: { databaseUrl: string; plan: WritePlan }) => {
    const database = await openDatabase({ databaseUrl, max: 2 });
    try {
      const seconds = await writeEvents(database, plan, (events) => process.send!({ kind: 'written', events }));
      process.send!({ kind: 'done', seconds });
    } finally {
      await database.close();
      process.disconnect();
    }
  });
  process.send!({ kind: 'ready' });
}

if (process.argv.includes(WRITER_FLAG) && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void runWriter();
