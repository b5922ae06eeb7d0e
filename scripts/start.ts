import cluster from 'node:cluster';
import { loadConfig } from '../platform/config.ts';
import { mintToken, signingKeyFromSecret } from '../platform/auth/tokens.ts';
import { runProcess, shutdownBudgetMs } from '../platform/process.ts';
import { startMetricsServer } from '../platform/metrics/serve.ts';
import { DEMO } from '../seed/demo.ts';
import { gatewayProcesses, superviseGateways } from '../gateway/cluster.ts';
import { serveSystem, startSystem } from './system.ts';
import { openConfiguredDatabase, describeDatabase } from './database.ts';

/**
 * `npm start`: migrate, load the demo data on the embedded database, serve everything on one port.
 * One process by default. With GATEWAY_PROCESSES (PostgreSQL only: the embedded database lives in
 * one process), this process migrates and that many processes share the port, each the whole
 * system (the gateway executing its own subgraphs in-process): one per core with `auto`.
 */
const processes = gatewayProcesses();

// A process of the primary below.
if (cluster.isWorker) await serveSystem();
else await runProcess(async () => {
  const config = loadConfig();
  if (processes > 1 && !config.databaseUrl) {
    throw new Error(`GATEWAY_PROCESSES=${process.env.GATEWAY_PROCESSES} needs DATABASE_URL: the embedded database (PGlite) serves one process only`);
  }
  const database = await openConfiguredDatabase(config);
  const demoToken = () =>
    mintToken(signingKeyFromSecret(config.authSecret), {
      organizationId: DEMO.organizationId,
      workspaceId: null,
      role: 'admin',
      actorId: DEMO.adminUserId,
      actorType: 'user',
    });
  let url: string;
  let close: () => Promise<void>;
  if (processes > 1) {
    // Each process runs every subgraph's background work too (event retention, webhook delivery,
    // health evaluations), which any number of processes share (README: Live activity, At scale).
    const { port } = await superviseGateways(processes);
    url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
    close = async () => {};
  } else {
    // In development GraphiQL opens with a demo token in its Headers tab, minted for each page load
    // (so it never expires under a long-running npm start); never in production.
    const system = await startSystem(config, database, undefined, config.production ? {} : { graphiqlToken: demoToken });
    url = system.url;
    close = () => system.close();
  }
  const token = await demoToken();
  // With METRICS_PORT, one metrics listener for this whole process (every subgraph and the gateway).
  const metrics = await startMetricsServer(config.metrics, config.host, config.production);
  const metricsUrl = metrics ? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${metrics.port}/metrics` : `${url}/metrics`;

  console.log(`Scrums platform graph is up on ${describeDatabase(config)}${processes > 1 ? `, ${processes} gateway processes sharing the port` : ''}
  GraphQL    ${url}/graphql   (GraphiQL in a browser${config.production ? '' : ', with the demo token below'})
  health     ${url}/health
  readiness  ${url}/ready
  metrics    ${config.metrics.enabled ? metricsUrl : 'off (METRICS=off)'}
  events     ${config.eventRetentionDays ? `kept ${config.eventRetentionDays} days (EVENT_RETENTION_DAYS), swept hourly` : 'retention off, every event kept (the demo data is older than 90 days; set EVENT_RETENTION_DAYS to sweep)'}

Demo token (organization ${DEMO.organizationId}, role admin, valid 12h):
  ${token}

Try it:
  curl -s ${url}/graphql -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
    -d '{"query":"{ serviceLine(id: \\"LIN-26-084729\\") { name status usage(from: \\"2026-04-01\\", to: \\"2026-04-30\\") { totalCost } } }"}'
`);
  return {
    stopWithinMs: shutdownBudgetMs(config),
    async stop() {
      // The gateway processes stop on the same signal (gateway/cluster.ts).
      await close();
      await metrics?.close();
      await database.close();
    },
  };
});
