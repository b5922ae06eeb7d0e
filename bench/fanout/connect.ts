import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../../platform/config.ts';
import { openDatabase, migrateDatabase, type Database } from '../../platform/db.ts';
import { seedDemo } from '../../seed/demo.ts';
import { argument, freshPostgres } from '../seed-scale.ts';
import { printTable, fmt } from '../table.ts';
import { inProcess } from './server.ts';
import { Clients } from './clients.ts';
import { issueShape } from './shapes.ts';
import { signingKey } from './round.ts';

/**
 * Connection set-up alone, the fan-out benchmark's subscribers (the issue's shape, graphql-ws, one
 * subscription each) opened and closed again round after round against one server that stays up,
 * so that the first round (the server's code cold, as in `npm run bench -- fanout`) and the next ones
 * (warm) can be told apart:
 *
 *   npx tsx bench/fanout/connect.ts [--subscribers 1000] [--rounds 4] [--database-url postgres://...]
 *
 * Per round: the server's CPU per connection, all of its threads and its event loop's thread alone
 * (the difference is the other threads: V8's collections and compiler, libuv's pool), the rate the
 * subscribers saw, how busy the server was meanwhile (% of one core) and the machine's load average.
 * PGlite in memory by default, without the webhook worker; a throwaway PostgreSQL database with
 * --database-url. Linux only (/proc).
 */
async function main(args: string[]) {
  const subscribers = Number(argument(args, '--subscribers') ?? 1000);
  const rounds = Number(argument(args, '--rounds') ?? 4);
  const databaseUrl = argument(args, '--database-url');
  if (!Number.isSafeInteger(subscribers) || subscribers < 1 || !Number.isSafeInteger(rounds) || rounds < 1) throw new Error('--subscribers and --rounds are whole numbers from 1');
  const fresh = databaseUrl ? await freshPostgres(databaseUrl) : undefined;
  const database: Database = fresh?.database ?? (await openDatabase({ dataDir: 'memory://' }));
  const rows: string[][] = [];
  try {
    if (!fresh) await migrateDatabase(database);
    await seedDemo(database);
    const shape = await issueShape(database, signingKey);
    const config = { ...loadConfig({ AUTH_SECRET: 'bench-secret-for-the-fanout-0123456789abcdef' }), port: 0 };
    const server = await inProcess(config, database, 'grouped', false);
    const specs = Array.from({ length: subscribers }, (_, i) => shape.subscriber(i));
    try {
      for (let round = 0; round < rounds; round++) {
        const clients = new Clients();
        try {
          await clients.ask<'status'>({ kind: 'status' }); // the subscribers' process is up
          await sleep(300);
          const load = Number(fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
          const clientBefore = (await clients.ask<'status'>({ kind: 'status' })).cpuMicros;
          const before = process.cpuUsage();
          const loopBefore = eventLoopThreadMicros();
          const started = performance.now();
          clients.send({ kind: 'connect', url: `${server.url.replace('http', 'ws')}/graphql`, tokens: shape.tokens, specs });
          let status = await clients.ask<'status'>({ kind: 'status' });
          while (status.subscribed + status.failed < subscribers) {
            await sleep(20);
            status = await clients.ask<'status'>({ kind: 'status' });
          }
          while ((server.feed()?.members ?? 0) < status.subscribed && performance.now() - started < 60_000) await sleep(10);
          const wallMicros = (performance.now() - started) * 1000;
          const cpu = process.cpuUsage(before);
          const loop = eventLoopThreadMicros() - loopBefore;
          const client = (await clients.ask<'status'>({ kind: 'status' })).cpuMicros - clientBefore;
          if (status.failed) throw new Error(`${status.failed} connections failed: ${status.errors.join('; ')}`);
          const total = cpu.user + cpu.system;
          rows.push([
            round === 0 ? '1 (cold)' : String(round + 1),
            fmt(total / subscribers),
            fmt(loop / subscribers),
            `${fmt((100 * (total - loop)) / total)}%`,
            fmt(subscribers / status.connectSeconds),
            `${fmt((100 * total) / wallMicros)}%`,
            fmt(client / subscribers),
            fmt(load, 1),
          ]);
        } finally {
          await clients.close();
        }
        while ((server.feed()?.members ?? 0) > 0) await sleep(20);
      }
    } finally {
      await server.close();
    }
  } finally {
    if (fresh) await fresh.drop();
    else await database.close();
  }
  printTable(
    [
      `connection set-up on ${databaseUrl ? 'PostgreSQL' : 'PGlite'}: ${fmt(subscribers)} graphql-ws subscribers of the issue's shape per round, opened (200 at a time) and closed again, one server throughout.`,
      'µs/conn = server CPU per connection, every thread; event loop = its main thread alone; other threads = the rest: V8\'s (young-generation collections, compilation) and libuv\'s;',
      'conn/s = subscribers / seconds from the first opening to the last subscription sent; busy = server CPU / the wall-clock window (% of one core).',
    ].join('\n'),
    ['round', 'µs/conn', 'event loop µs/conn', 'other threads', 'conn/s', 'busy', 'client µs/conn', 'load'],
    rows,
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const TICK_MICROS = 10_000; // CLK_TCK 100

/** CPU of this process's main thread (the event loop), µs, from /proc. */
function eventLoopThreadMicros(): number {
  const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MICROS;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
