import { loadConfig } from '../platform/config.ts';
import { openDatabase, migrateDatabase } from '../platform/db.ts';
import { mintToken, signingKeyFromSecret } from '../platform/auth/tokens.ts';
import { startSystem } from '../scripts/system.ts';
import { loadLimitsConfig } from '../gateway/limits/config.ts';
import { DEMO } from '../seed/demo.ts';
import { fragmentFanOut, deepNesting, fieldsByExpansion } from '../test/testkit/hostile-documents.ts';
import { tokenCount } from '../test/testkit/selection.ts';
import { argument } from './seed-scale.ts';
import { printTable, fmt, ratio } from './table.ts';

/**
 * Hostile documents against the gateway with its default limits (issue 11): nested fragment spreads
 * that expand to k^6 fields, brackets nested past the parser's stack, and the widest fan-outs the
 * limits admit (MAX_FIELDS fields once expanded). Per document, the median of --repeat requests
 * (1 for a document that takes over a second): the answer, the wall and process CPU time it took, how
 * long a /health sent alongside it waited, and the process's peak RSS so far; CPU beside that of
 * `{ __typename }`, the baseline. Client and server share the process: CPU is both.
 *
 *   npm run bench -- fragments [--k 8,12,14] [--nesting 2400] [--repeat 5]
 */

const AUTH_SECRET = 'bench-secret-for-the-fragments-0123456789abcdef';

export async function runFragmentsBench(args: string[]): Promise<void> {
  const ks = (argument(args, '--k') ?? '8,12,14').split(',').map(Number);
  const nesting = Number(argument(args, '--nesting') ?? 2400);
  const repeat = Number(argument(args, '--repeat') ?? 5);
  const database = await openDatabase({ dataDir: 'memory://' });
  await migrateDatabase(database);
  const config = { ...loadConfig({ AUTH_SECRET, HEALTH_EVALUATION_SECONDS: 'off' }), port: 0 };
  const limits = loadLimitsConfig({});
  const system = await startSystem(config, database, { ...limits, rateLimitPoints: 1_000_000 }, { exportWorker: false });
  try {
    const token = await mintToken(signingKeyFromSecret(AUTH_SECRET), { organizationId: DEMO.organizationId, workspaceId: null, role: 'admin', actorId: DEMO.adminUserId, actorType: 'user' });
    const headers = { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` };
    const once = async (query: string) => {
      const health = (async () => {
        // Sent once the document's request is on its way: how long the server leaves others waiting.
        await new Promise((resolve) => setImmediate(resolve));
        const at = performance.now();
        await fetch(`${system.url}/health`);
        return performance.now() - at;
      })();
      const cpu = process.cpuUsage();
      const at = performance.now();
      const res = await fetch(`${system.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query }) });
      const body = (await res.json()) as { errors?: Array<{ extensions?: { code?: string; reason?: string } }> };
      const wall = performance.now() - at;
      const used = process.cpuUsage(cpu);
      const error = body.errors?.[0]?.extensions;
      return {
        answer: `${res.status} ${error ? `${error.code}${error.reason ? `/${error.reason}` : ''}` : 'data'}`,
        wall,
        cpu: (used.user + used.system) / 1000,
        health: await health,
        rss: process.resourceUsage().maxRSS / 1024,
      };
    };
    const send = async (query: string) => {
      const first = await once(query);
      if (first.wall > 1000 || repeat <= 1) return first;
      const runs = [first];
      for (let i = 1; i < repeat; i++) runs.push(await once(query));
      const median = (key: 'wall' | 'cpu' | 'health') => runs.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
      return { ...runs.at(-1)!, wall: median('wall'), cpu: median('cpu'), health: median('health') };
    };
    // Warm up the parser, planner and caches once, so the baseline is not the first request's.
    await send('{ __typename }');
    const baseline = await send('{ __typename }');
    const rows = [['{ __typename } (baseline)', '14', baseline] as const];
    const documents: Array<[string, string]> = [
      ...ks.map((k) => [`fragment fan-out k=${k}`, fragmentFanOut(k)] as [string, string]),
      [`brackets nested ${fmt(nesting)} deep`, deepNesting(nesting)],
    ];
    // The widest fan-out each depth of spreads may have under MAX_FIELDS: the worst the limits admit.
    for (const levels of [1, 3, 6]) {
      let k = 1;
      while (fieldsByExpansion(fragmentFanOut(k + 1, levels, 'viewer { role }')) <= limits.maxFields && tokenCount(fragmentFanOut(k + 1, levels, 'viewer { role }')) <= limits.maxTokens) k++;
      documents.push([`admitted: k=${k}, ${levels} levels, viewer { role }`, fragmentFanOut(k, levels, 'viewer { role }')]);
    }
    const measured = [];
    for (const [name, query] of documents) measured.push([name, fmt(Buffer.byteLength(query)), await send(query)] as const);
    printTable(`Hostile documents, default limits (median of ${repeat} requests; 1 when one takes over a second)`, ['document', 'bytes', 'answer', 'wall ms', 'CPU ms', 'CPU vs baseline', '/health waited ms', 'peak RSS MB'],
      [...rows, ...measured].map(([name, bytes, m]) => [name, bytes, m.answer, fmt(m.wall, 1), fmt(m.cpu, 1), ratio(m.cpu, baseline.cpu), fmt(m.health, 1), fmt(m.rss)]));
  } finally {
    await system.close();
    await database.close();
  }
}
