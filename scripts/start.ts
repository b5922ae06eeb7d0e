import { loadConfig } from '../platform/config.ts';
import { mintToken, signingKeyFromSecret } from '../platform/auth/tokens.ts';
import { runProcess, shutdownBudgetMs } from '../platform/process.ts';
import { DEMO } from '../seed/demo.ts';
import { startSystem } from './system.ts';
import { openConfiguredDatabase, describeDatabase } from './database.ts';

/** `npm start`: migrate, load the demo data on the embedded database, serve everything on one port. */
await runProcess(async () => {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  const demoToken = () =>
    mintToken(signingKeyFromSecret(config.authSecret), {
      organizationId: DEMO.organizationId,
      workspaceId: null,
      role: 'admin',
      actorId: DEMO.adminUserId,
      actorType: 'user',
    });
  // In development GraphiQL opens with a demo token in its Headers tab, minted for each page load
  // (so it never expires under a long-running npm start); never in production.
  const system = await startSystem(config, database, undefined, config.production ? {} : { graphiqlToken: demoToken });
  const token = await demoToken();

  console.log(`Scrums platform graph is up on ${describeDatabase(config)}
  GraphQL    ${system.url}/graphql   (GraphiQL in a browser${config.production ? '' : ', with the demo token below'})
  health     ${system.url}/health
  readiness  ${system.url}/ready
  events     ${config.eventRetentionDays ? `kept ${config.eventRetentionDays} days (EVENT_RETENTION_DAYS), swept hourly` : 'retention off, every event kept (the demo data is older than 90 days; set EVENT_RETENTION_DAYS to sweep)'}

Demo token (organization ${DEMO.organizationId}, role admin, valid 12h):
  ${token}

Try it:
  curl -s ${system.url}/graphql -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
    -d '{"query":"{ serviceLine(id: \\"LIN-26-084729\\") { name status usage(from: \\"2026-04-01\\", to: \\"2026-04-30\\") { totalCost } } }"}'
`);
  return {
    stopWithinMs: shutdownBudgetMs(config),
    async stop() {
      await system.close();
      await database.close();
    },
  };
});
