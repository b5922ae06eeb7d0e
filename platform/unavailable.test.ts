import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { it, expect, afterEach } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEngines } from '../test/testkit/describe-engines.ts';
import { openDatabase, type Database } from './db.ts';
import { callerError, isDatabaseUnavailable } from './unavailable.ts';
import { formatSubgraphError } from './subgraph/format-error.ts';

/**
 * A TCP listener in front of PostgreSQL that can hold new connections without answering, as a
 * server does that is restarting or cut off: connections made while it holds wait, unread, and
 * reach the server once it lets go.
 */
async function gate(target: URL) {
  let holding = false;
  const held: Array<() => void> = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    const forward = () => {
      const upstream = net.connect(Number(target.port || 5432), target.hostname);
      sockets.add(upstream);
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.pipe(upstream).pipe(client);
    };
    if (holding) {
      client.pause();
      held.push(forward);
    } else forward();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(target);
  url.port = String((server.address() as AddressInfo).port);
  return {
    url: url.toString(),
    hold: () => (holding = true),
    /** Drops every open connection, as a restarting server does. */
    cut: () => {
      for (const socket of sockets) socket.destroy();
    },
    release: () => {
      holding = false;
      held.splice(0).forEach((forward) => forward());
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the statement to fail');
}

const opened: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const resource of opened.splice(0)) await resource.close();
});

/**
 * How long a request waits for PostgreSQL is bounded (DATABASE_WAIT_SECONDS): past it the
 * statement fails as "database unavailable", which callers answer with 503 service_unavailable.
 * The bound is a correctness property (a statement the client was told failed must never run
 * later), so the tests below fail by never finishing on a driver that waits indefinitely.
 * PGlite runs inside the process and cannot become unreachable: these run on PostgreSQL only.
 */
describeEngines('database unavailable', (ctx) => {
  const postgresOnly = it.skipIf(ctx.engine === 'pglite');

  postgresOnly('fails statements, queued ones and transactions, as unavailable once the wait runs out', { timeout: 15_000 }, async () => {
    const server = await gate(new URL(ctx.url!));
    opened.push(server);
    server.hold();
    const database = await openDatabase({ databaseUrl: server.url, max: 1, waitSeconds: 0.5 });
    opened.push(database);
    const failures = await Promise.all([
      rejection(database.rows(sql`select 1`)),
      rejection(database.rows(sql`select 2`)),
      rejection(database.db.transaction(async (tx) => tx.execute(sql`select 3`))),
    ]);
    for (const error of failures) {
      expect(isDatabaseUnavailable(error), String(error)).toBe(true);
      expect(callerError(error)?.toRest()).toEqual({
        error: { code: 'service_unavailable', message: 'The database is unavailable; nothing was done. Retry shortly.', status: 503 },
      });
      expect(formatSubgraphError({ message: String(error), path: ['createTask'] }, error)).toMatchObject({
        path: ['createTask'],
        extensions: { code: 'SERVICE_UNAVAILABLE', status: 503 },
      });
    }
  });

  postgresOnly('never runs a write it refused, and serves again as soon as the server answers', { timeout: 15_000 }, async () => {
    const server = await gate(new URL(ctx.url!));
    opened.push(server);
    const database: Database = await openDatabase({ databaseUrl: server.url, max: 1, waitSeconds: 0.5 });
    opened.push(database);
    await database.rows(sql`create table if not exists outage_probe (note text)`);
    // The pooled connection goes away and the server stops answering new ones.
    server.hold();
    server.cut();
    // Whatever was on the dropped connection fails; from then on the pool can only wait for a new one.
    expect(isDatabaseUnavailable(await rejection(database.rows(sql`select 1`)))).toBe(true);
    const refused = await rejection(database.rows(sql`insert into outage_probe values ('refused during the outage')`));
    expect(isDatabaseUnavailable(refused), String(refused)).toBe(true);
    server.release();
    let answered = false;
    for (let attempt = 0; attempt < 100 && !answered; attempt++) {
      answered = await database.rows(sql`select 1`).then(() => true, () => false);
      if (!answered) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(answered).toBe(true);
    expect(await ctx.database.rows(sql`select note from outage_probe`)).toEqual([]);
  });
});
