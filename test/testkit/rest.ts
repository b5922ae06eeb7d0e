import { expect } from 'vitest';
import type { Principal } from '../../platform/auth/tokens.ts';
import type { Database } from '../../platform/db.ts';
import { principals, bearer } from './auth.ts';
import type { TestSystem } from './system.ts';

/** A timestamp as the API prints it (the kit's toIso): milliseconds only when they are not zero. */
export const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/;

/** Who calls: a principal (a token is minted for it), a raw Authorization value, or null for none. */
export type Caller = Principal | string | null;

export interface RestAnswer {
  status: number;
  body: any;
  text: string;
  headers: Headers;
}

/**
 * A /v1 client over real HTTP for the REST tests. `body` is sent as JSON unless it is already a
 * string (so a test can send malformed JSON). `origin` is read on each call, as the system under
 * test starts in beforeAll.
 */
export function restClient(origin: () => string) {
  async function call(method: string, path: string, body?: unknown, as: Caller = principals.apexAdmin, extraHeaders: Record<string, string> = {}): Promise<RestAnswer> {
    const headers: Record<string, string> = { ...extraHeaders };
    if (typeof as === 'string') headers.authorization = as;
    else if (as) headers.authorization = `Bearer ${await bearer(as)}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${origin()}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    const text = await res.text();
    // `text` and `headers` are there to read, but not compared: tests match answers as {status, body}.
    return Object.defineProperties({ status: res.status, body: JSON.parse(text) }, { text: { value: text }, headers: { value: res.headers } }) as RestAnswer;
  }
  return {
    call,
    get: (path: string, as?: Caller) => call('GET', path, undefined, as),
    post: (path: string, body: unknown, as?: Caller) => call('POST', path, body, as),
  };
}

/** An answer in exactly the overview's error shape, with this status and code; returns its message. */
export async function expectRestError(answer: Promise<RestAnswer> | RestAnswer, status: number, code: string, message?: string | RegExp): Promise<string> {
  const { status: actual, body } = await answer;
  expect(body, JSON.stringify(body)).toEqual({ error: { code: expect.any(String), message: expect.any(String), status: expect.any(Number) } });
  expect({ status: actual, code: body.error.code, bodyStatus: body.error.status }).toEqual({ status, code, bodyStatus: status });
  if (message) expect(body.error.message).toMatch(message);
  return body.error.message as string;
}

/**
 * Subgraph fetches and SQL statements of one call; the export worker's polling of its own queue
 * (gateway.export_jobs) runs in the background on the same database and is left out.
 */
export async function measureRest<T>(sys: TestSystem, database: Database, fn: () => Promise<T>) {
  const fetchesBefore = sys.system.stats.subgraphFetches;
  const { result, queries } = await database.statements.measure(fn);
  return { result, fetches: sys.system.stats.subgraphFetches - fetchesBefore, statements: queries.filter((q) => !q.includes('export_')).length };
}
