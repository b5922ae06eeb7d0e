import { loadConfig } from '../subgraphs/kit/config.ts';
import { openDatabase, migrateDatabase } from '../subgraphs/kit/db.ts';
import { mintToken, signingKeyFromSecret } from '../subgraphs/kit/auth/tokens.ts';
import { startSystem } from '../gateway/system.ts';
import { loadLimitsConfig } from '../gateway/limits/config.ts';
import { DEMO } from '../seed/demo.ts';
import { fragmentFanOut, deepNesting } from '../test/testkit/hostile-documents.ts';
import { argument } from './seed-scale.ts';
import { printTable, fmt, ratio } from './table.ts';

/**
 * Hostile documents against the gateway with its default limits (issue 11): nested fragment spreads
 * that expand to k^6 fields, and brackets nested past the parser's stack. Per document: the answer,
 * the wall and process CPU time it took, how long a /health sent alongside it waited, and the
 * process's peak RSS so far; CPU beside that of `{ __typename }`, the baseline.
 *
 *   npm run bench -- fragments [--k 8,12,14] [--nesting 2400]
 */

const AUTH_SECRET = 'bench-secret-for-the-fragments-0123456789abcdef';

export async function runFragmentsBench(args: string[]): Promise<void> {
  const ks = (argument(args, '--k') ?? '8,12,14').split(',').map(Number);
  const nesting = Number(argument(args, '--nesting') ?? 2400);
  const database = await openDatabase({ dataDir: 'memory://' });
  await migrateDatabase(database);
  const config = { ...loadConfig({ AUTH_SECRET }), port: 0 };
  const system = await startSystem(config, database, loadLimitsConfig({}), { exportWorker: false });
  try {
    const token = await mintToken(signingKeyFromSecret(AUTH_SECRET), { organizationId: DEMO.organizationId, workspaceId: null, role: 'admin', actorId: DEMO.adminUserId, actorType: 'user' });
    const headers = { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` };
    const send = async (query: string) => {
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
    // Warm up the parser, planner and caches once, so the baseline is not the first request's.
    await send('{ __typename }');
    const baseline = await send('{ __typename }');
    const rows = [['{ __typename } (baseline)', '14', baseline] as const];
    const documents: Array<[string, string]> = [
      ...ks.map((k) => [`fragment fan-out k=${k}`, fragmentFanOut(k)] as [string, string]),
      [`brackets nested ${fmt(nesting)} deep`, deepNesting(nesting)],
    ];
    const measured = [];
    for (const [name, query] of documents) measured.push([name, fmt(Buffer.byteLength(query)), await send(query)] as const);
    printTable('Hostile documents, default limits (one request each, in order)', ['document', 'bytes', 'answer', 'wall ms', 'CPU ms', 'CPU vs baseline', '/health waited ms', 'peak RSS MB'],
      [...rows, ...measured].map(([name, bytes, m]) => [name, bytes, m.answer, fmt(m.wall, 1), fmt(m.cpu, 1), ratio(m.cpu, baseline.cpu), fmt(m.health, 1), fmt(m.rss)]));
  } finally {
    await system.close();
    await database.close();
  }
}
