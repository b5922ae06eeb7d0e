import type { Sql } from 'postgres';
import { onSettled } from './driver-query.ts';

/**
 * How long the oldest statement on a pipelined connection may have been waiting for its answer
 * before that connection counts as held up, and later statements go down another one.
 */
export const PIPELINE_HELD_UP_MS = 5;

interface Lane {
  sql: Sql;
  /** When each statement sent down it and not answered yet was sent, oldest first. */
  sent: number[];
}

/**
 * A client whose statements outside a transaction go down a few connections of their own
 * (`connections`: clients of one connection each), pipelined, while its transactions, reserved
 * connections, LISTEN and settings stay with `pool`.
 *
 * postgres.js hands a statement to an idle connection first, opening one up to the pool's size
 * before it pipelines onto a busy one: under load every statement of a screen went to a connection
 * of its own, each a write, a read and a wake-up here and a server backend of its own on the same
 * cores. Sent down one connection, statements issued together leave in one write and come back in
 * one read (issue 13: 4-12% of a dashboard's CPU at 8 users, 14-25% more of them served). But a
 * connection answers in order: a statement sent behind a slow one (an aggregate over a year of
 * events, 100-200 ms) waits for it,
 * and postgres.js's round robin over busy connections put every other statement there (dashboards
 * at half the throughput beside one client running such aggregates). So the connection is chosen
 * here: of those not held up (whose oldest unanswered statement was sent less than
 * PIPELINE_HELD_UP_MS ago), the one with the fewest unanswered; when each is held up, the one whose
 * oldest was sent last. The statements a request sends together spread over the connections, each
 * connection's share in one write, and the server works on them in parallel (all down the first
 * connection, a lone request's statements ran one after another on one backend); a slow statement
 * holds up only what was sent behind it within those few milliseconds.
 */
export function pipelineStatements(pool: Sql, connections: Sql[]): Sql {
  const lanes: Lane[] = connections.map((sql) => ({ sql, sent: [] }));
  const choose = (now: number): Lane => {
    let least: Lane | undefined;
    let latest = lanes[0];
    for (const lane of lanes) {
      const heldUp = lane.sent.length > 0 && now - lane.sent[0] >= PIPELINE_HELD_UP_MS;
      if (!heldUp && (!least || lane.sent.length < least.sent.length)) least = lane;
      if (heldUp && lane.sent[0] > latest.sent[0]) latest = lane;
    }
    return least ?? latest;
  };
  const unsafe = ((...args: Parameters<Sql['unsafe']>) => {
    const now = performance.now();
    const lane = choose(now);
    lane.sent.push(now);
    return onSettled(lane.sql.unsafe(...args), () => {
      const i = lane.sent.indexOf(now);
      if (i !== -1) lane.sent.splice(i, 1);
    });
  }) as Sql['unsafe'];
  return new Proxy(pool, { get: (target, key) => (key === 'unsafe' ? unsafe : Reflect.get(target, key)) });
}
