import type http from 'node:http';
import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import type { Principal } from '../../platform/auth/tokens.ts';
import type { Database } from '../../platform/db.ts';
import { MAX_PAGE_SIZE } from '../../platform/connection.ts';
import type { GraphContext } from '../graph.ts';
import { createRouteMatcher, REST_ROUTES } from '../rest/router.ts';
import type { Route } from '../rest/route.ts';
import { drained } from './api.ts';
import { restListSource } from './source.ts';
import { log } from '../../platform/log.ts';

const logger = log.child({ component: 'exports' });

export const NDJSON = 'application/x-ndjson';

/** Whether a request asks for NDJSON (`Accept: application/x-ndjson`). */
export function wantsNdjson(req: http.IncomingMessage): boolean {
  return req.method === 'GET' && (req.headers.accept ?? '').split(',').some((type) => type.split(';')[0].trim().toLowerCase() === NDJSON);
}

/**
 * The streaming form of a REST list: `GET /v1/<list>` with `Accept: application/x-ndjson` answers
 * every page of the list, one item per line, in one response (no `meta`; the items are the list's
 * documented shape). `limit` is then the page size used to read it (default 100); `cursor` starts
 * after that item. One page is in memory at a time, and the next page is read only once the client
 * took the last one. With the `database`, a list the events subgraph serves from its rows, at the
 * largest page (no `limit`, or 100), is read in batches of EXPORT_BATCH_ROWS (direct.ts). Returns false, having sent nothing, for a route that is not a list (the
 * caller answers it as JSON). A failure once lines went out cuts the response short (chunked
 * encoding without its final chunk), so a truncated stream never passes for a complete one.
 */
export function createRestStreamer(runtime: GatewayRuntime<GraphContext>, routes: Route[] = REST_ROUTES, database?: Database) {
  const matchRoute = createRouteMatcher(routes);
  return async function streamRest(req: http.IncomingMessage, res: http.ServerResponse, principal: Principal): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://gateway');
    const matched = matchRoute('GET', url);
    if (!matched.route.query?.cursor || !matched.route.query?.limit) return false;
    if (!url.searchParams.has('limit')) matched.variables.first = MAX_PAGE_SIZE;
    const source = restListSource(matched.route.path, {}, matched, database && { schema: await runtime.getSchema(), database });
    let after = (matched.variables.after as string | undefined) ?? null;
    // The first page before the status: a refused filter is still an ordinary JSON error.
    let page = await source.fetchPage(runtime, principal, after);
    res.writeHead(200, { 'content-type': `${NDJSON}; charset=utf-8`, 'cache-control': 'private, no-store' });
    try {
      for (;;) {
        let lines = '';
        for (const row of page.rows) lines += `${JSON.stringify(row)}\n`;
        if (lines !== '' && !res.write(lines)) await drained(res);
        if (!page.hasNextPage || !page.endCursor || page.endCursor === after) break;
        after = page.endCursor;
        page = await source.fetchPage(runtime, principal, after);
      }
      res.end();
    } catch (error) {
      if (!res.destroyed) logger.error({ err: error, path: url.pathname }, 'NDJSON stream failed');
      res.destroy();
    }
    return true;
  };
}
