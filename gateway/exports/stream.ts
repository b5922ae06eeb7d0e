import type http from 'node:http';
import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import type { Principal } from '../../platform/auth/tokens.ts';
import type { Database } from '../../platform/db.ts';
import { MAX_PAGE_SIZE } from '../../platform/connection.ts';
import type { GraphContext } from '../graph.ts';
import { createRouteMatcher, REST_ROUTES } from '../rest/router.ts';
import type { Route } from '../rest/route.ts';
import { drained } from './api.ts';
import { readAhead } from './ahead.ts';
import { restListSource, type Page } from './source.ts';
import { ndjsonOf } from './ndjson.ts';
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
 * after that item. The next page is read while one is written (writePages): two pages in memory at
 * most. With the `database`, a list the events subgraph serves from its rows, at the largest page
 * (no `limit`, or 100), is read in batches of EXPORT_BATCH_ROWS (direct.ts). Returns false, having
 * sent nothing, for a route that is not a list (the caller answers it as JSON). A failure once lines went out cuts the response short (chunked
 * encoding without its final chunk), so a truncated stream never passes for a complete one.
 */
export function createRestStreamer(runtime: GatewayRuntime<GraphContext>, routes: Route[] = REST_ROUTES, database?: Database) {
  const matchRoute = createRouteMatcher(routes);
  return async function streamRest(req: http.IncomingMessage, res: http.ServerResponse, principal: Principal): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://gateway');
    const matched = matchRoute('GET', url);
    if (!matched.route.query?.cursor || !matched.route.query?.limit) return false;
    if (!url.searchParams.has('limit')) matched.variables.first = MAX_PAGE_SIZE;
    const source = restListSource(matched.route.path, {}, matched, database && { schema: await runtime.getSchema(), database, lines: true });
    const after = (matched.variables.after as string | undefined) ?? null;
    // The first page before the status: a refused filter is still an ordinary JSON error.
    const page = await source.fetchPage(runtime, principal, after);
    res.writeHead(200, { 'content-type': `${NDJSON}; charset=utf-8`, 'cache-control': 'private, no-store' });
    try {
      await writePages(res, page, after, (cursor) => source.fetchPage(runtime, principal, cursor));
      res.end();
    } catch (error) {
      if (!res.destroyed) logger.error({ err: error, path: url.pathname }, 'NDJSON stream failed');
      res.destroy();
    }
    return true;
  };
}

/**
 * Writes `first` and the pages after it as NDJSON lines (one row a line) to `res`. The next page is
 * asked for before this one is encoded and written, so the database reads it while this process
 * encodes and the client takes the bytes; it is used only once the client took this page (the
 * response drained), so two pages are in hand at most however slow the client. A page read ahead
 * that failed is thrown only when its turn comes; a client gone rejects.
 */
export async function writePages(res: http.ServerResponse, first: Page, after: string | null, fetchPage: (after: string) => Promise<Page>): Promise<void> {
  let page = first;
  for (;;) {
    const cursor = page.hasNextPage && page.endCursor && page.endCursor !== after ? page.endCursor : null;
    const ahead = cursor === null ? null : readAhead(fetchPage(cursor));
    const lines = ndjsonOf(page);
    if (lines.length > 0 && !res.write(lines)) await drained(res);
    if (!ahead) return;
    page = await ahead();
    after = cursor;
  }
}
