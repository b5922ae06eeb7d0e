import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import type { Config } from '../subgraphs/kit/config.ts';
import type { Database } from '../subgraphs/kit/db.ts';

export interface RunningSystem {
  url: string;
  server: http.Server;
  close(): Promise<void>;
}

/**
 * The whole system in one process on one port. Health answers once the process is up; readiness
 * once the database answers a query.
 */
export async function startSystem(config: Config, database: Database): Promise<RunningSystem> {
  const server = http.createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/health') return json(res, 200, { status: 'ok' });
    if (path === '/ready') {
      try {
        await database.rows(sql`select 1`);
        return json(res, 200, { status: 'ready', database: database.engine });
      } catch {
        return json(res, 503, { status: 'unavailable' });
      }
    }
    return json(res, 404, { error: { code: 'not_found', message: `No route for ${req.method} ${path}.`, status: 404 } });
  });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function json(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
