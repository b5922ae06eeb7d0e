import cluster from 'node:cluster';
import { loadConfig } from '../platform/config.ts';
import { gatewayProcesses, superviseGateways } from './cluster.ts';

/**
 * The gateway as its own process, in front of subgraphs running as their own processes
 * (SUBGRAPH_<NAME>_URL, default localhost:4001..4008); GATEWAY_PROCESSES of them share the port
 * (gateway/cluster.ts). `npm start` runs everything in one process instead (scripts/start.ts).
 */
const processes = gatewayProcesses();
if (processes > 1 && cluster.isPrimary) {
  if (!loadConfig().databaseUrl) throw new Error('the standalone gateway needs DATABASE_URL (readiness checks it; API keys are looked up in it)');
  await superviseGateways(processes);
} else {
  // Loaded only where a gateway runs: the primary that supervises them holds none of it in memory.
  const { serveGateway } = await import('./process.ts');
  await serveGateway();
}
