import { randomUUID } from 'node:crypto';
import { it, expect, beforeAll, afterAll, describe } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, bearer, TEST_AUTH_SECRET } from './testkit/auth.ts';
import { browserAvailable, launchBrowser, servePage, type PageServer } from './testkit/browser.ts';
import { loadConfig } from '../platform/config.ts';
import { startGateway, type RunningGateway } from '../gateway/start.ts';
import { loadLimitsConfig } from '../gateway/limits/index.ts';
import { DEMO } from '../seed/demo.ts';

/** What a page's fetch saw: the status, the body, and the headers JavaScript may read; or the browser's refusal. */
type Seen = { status: number; body: any; headers: Record<string, string | null> } | { failed: string };

/** fetch() run by the page itself, so the browser enforces CORS exactly as for a frontend. */
function pageFetch(page: Page, url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Seen> {
  return page.evaluate(
    async ({ url, init }) => {
      try {
        const res = await fetch(url, init);
        const text = await res.text();
        const read = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'retry-after', 'idempotent-replayed', 'preference-applied', 'content-type'];
        return { status: res.status, body: text ? JSON.parse(text) : null, headers: Object.fromEntries(read.map((h) => [h, res.headers.get(h)])) };
      } catch (error) {
        return { failed: String(error) };
      }
    },
    { url, init },
  );
}

function answered(seen: Seen): Exclude<Seen, { failed: string }> {
  if ('failed' in seen) throw new Error(`the browser refused the request: ${seen.failed}`);
  return seen;
}

/**
 * A frontend on another origin, in headless Chromium: with its origin in CORS_ORIGINS it reads
 * /graphql, /v1 and the OpenAPI document, and the rate-limit, Retry-After and Idempotent-Replayed
 * headers; a page on an origin not listed, or any page when nothing is configured, gets the
 * browser's "Failed to fetch".
 */
describe.skipIf(!browserAvailable)('CORS from a browser page on another origin', () => {
  let browser: Browser;
  let allowed: PageServer;
  let foreign: PageServer;
  beforeAll(async () => {
    browser = await launchBrowser();
    allowed = await servePage();
    foreign = await servePage();
  });
  afterAll(async () => {
    await browser?.close();
    await allowed?.close();
    await foreign?.close();
  });

  async function openPage(origin: string): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    return page;
  }

  describeEngines('gateway with CORS_ORIGINS', (ctx) => {
    let sys: TestSystem;
    let plain: RunningGateway;
    beforeAll(async () => {
      sys = await startTestSystem(ctx.database, principals.apexAdmin, {
        env: { CORS_ORIGINS: `https://app.example.com, ${allowed.origin}`, CORS_MAX_AGE_SECONDS: '300' },
        limits: { rateLimitPoints: 40 },
      });
      // A second gateway over the same subgraphs, configured with no CORS at all: the default.
      plain = await startGateway({
        config: { ...loadConfig({ AUTH_SECRET: TEST_AUTH_SECRET }), port: 0 },
        database: ctx.database,
        subgraphUrls: sys.system.subgraphUrls,
        limits: loadLimitsConfig({}),
        exportWorker: false,
      });
    });
    afterAll(async () => {
      await plain?.close();
      await sys?.close();
    });

    it('lets a page on a listed origin query /graphql and read the rate-limit headers', async () => {
      const page = await openPage(allowed.origin);
      const token = await bearer(principals.apexAdmin);
      const seen = answered(
        await pageFetch(page, `${sys.url}/graphql`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ workspace(id: "WS-26-000021") { name } }' }),
        }),
      );
      expect(seen.status).toBe(200);
      expect(seen.body).toEqual({ data: { workspace: { name: 'Payments Engineering' } }, extensions: expect.anything() });
      expect(seen.headers['x-ratelimit-limit']).toBe('40');
      expect(Number(seen.headers['x-ratelimit-remaining'])).toBeGreaterThan(0);
      expect(Number(seen.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000 - 1);
      await page.close();
    });

    it('lets it read /v1 lists, the OpenAPI document, and refusals (401) in their shape', async () => {
      const page = await openPage(allowed.origin);
      const token = await bearer(principals.apexAdmin);
      const list = answered(await pageFetch(page, `${sys.url}/v1/service-lines?workspace_id=WS-26-000021&limit=2`, { headers: { authorization: `Bearer ${token}` } }));
      expect(list.status).toBe(200);
      expect(list.body.data).toHaveLength(2);
      expect(list.headers['x-ratelimit-remaining']).not.toBeNull();
      const openapi = answered(await pageFetch(page, `${sys.url}/v1/openapi.json`));
      expect(openapi.status).toBe(200);
      expect(openapi.body.openapi).toMatch(/^3\.1/);
      const refused = answered(await pageFetch(page, `${sys.url}/v1/tasks`, { headers: { authorization: 'Bearer not-a-token' } }));
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('unauthorized');
      const graphRefused = answered(await pageFetch(page, `${sys.url}/graphql?query=%7B__typename%7D`));
      expect(graphRefused.status).toBe(401);
      expect(graphRefused.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      await page.close();
    });

    it('lets it write with an Idempotency-Key and read Idempotent-Replayed', async () => {
      const page = await openPage(allowed.origin);
      const init = {
        method: 'POST',
        headers: { authorization: `Bearer ${await bearer(principals.apexAdmin)}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify({ service_line_id: DEMO.agentServiceLineId, title: `cors-${randomUUID()}` }),
      };
      const first = answered(await pageFetch(page, `${sys.url}/v1/tasks`, init));
      expect(first.status).toBe(201);
      expect(first.headers['idempotent-replayed']).toBeNull();
      const again = answered(await pageFetch(page, `${sys.url}/v1/tasks`, init));
      expect(again.status).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body.data.id).toBe(first.body.data.id);
      await page.close();
    });

    it('lets it wait for an export with Prefer and read Preference-Applied', async () => {
      const page = await openPage(allowed.origin);
      // A token holder of its own, so this test spends none of the others' budget.
      const headers = { authorization: `Bearer ${await bearer({ ...principals.apexAdmin, actorId: 'USR-26-000998' })}` };
      const submitted = answered(await pageFetch(page, `${sys.url}/v1/exports`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ route: '/v1/events', params: { organization_id: DEMO.organizationId } }),
      }));
      expect(submitted.status).toBe(201);
      const waited = answered(await pageFetch(page, `${sys.url}/v1/exports/${submitted.body.data.id}`, { headers: { ...headers, prefer: 'wait=1' } }));
      expect(waited.status).toBe(200);
      expect(waited.body.data.id).toBe(submitted.body.data.id);
      expect(waited.headers['preference-applied']).toBe('wait=1');
      await page.close();
    });

    it('lets it read Retry-After on a 429', async () => {
      const page = await openPage(allowed.origin);
      // A token holder of its own, whose budget of 40 this test spends.
      const token = await bearer({ ...principals.apexAdmin, actorId: 'USR-26-000999' });
      const statuses: number[] = [];
      let last: Seen | undefined;
      for (let i = 0; i < 41; i++) {
        last = await pageFetch(page, `${sys.url}/v1/workspaces/WS-26-000021`, { headers: { authorization: `Bearer ${token}` } });
        statuses.push(answered(last).status);
      }
      expect(statuses.slice(0, 40).every((s) => s === 200)).toBe(true);
      const limited = answered(last!);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.body.error.code).toBe('rate_limited');
      await page.close();
    });

    it('refuses a page on an origin not listed, and every page when nothing is configured', async () => {
      const token = await bearer(principals.apexAdmin);
      const request = { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) };
      const page = await openPage(foreign.origin);
      for (const seen of [
        await pageFetch(page, `${sys.url}/graphql`, request),
        await pageFetch(page, `${sys.url}/v1/workspaces/WS-26-000021`, { headers: { authorization: `Bearer ${token}` } }),
        await pageFetch(page, `${sys.url}/v1/openapi.json`),
      ]) {
        expect(seen).toEqual({ failed: expect.stringContaining('Failed to fetch') });
      }
      await page.close();
      const listed = await openPage(allowed.origin);
      for (const seen of [await pageFetch(listed, `${plain.origin}/graphql`, request), await pageFetch(listed, `${plain.origin}/v1/openapi.json`)]) {
        expect(seen).toEqual({ failed: expect.stringContaining('Failed to fetch') });
      }
      await listed.close();
    });

    it('answers preflights before authentication, with the configured policy', async () => {
      for (const path of ['/graphql', '/v1/tasks', '/v1/openapi.json']) {
        const res = await fetch(`${sys.url}${path}`, {
          method: 'OPTIONS',
          headers: { origin: allowed.origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, idempotency-key' },
        });
        expect(res.status).toBe(204);
        expect(res.headers.get('access-control-allow-origin')).toBe(allowed.origin);
        expect(res.headers.get('vary')).toMatch(/Origin/);
        expect(res.headers.get('access-control-max-age')).toBe('300');
        expect(res.headers.get('access-control-allow-credentials')).toBeNull();
        expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
        expect(res.headers.get('access-control-allow-methods')).toContain('PATCH');
      }
      // An origin not listed, and the gateway without CORS: answered, without permission.
      for (const [url, origin] of [[`${sys.url}/graphql`, foreign.origin], [`${plain.origin}/graphql`, allowed.origin]]) {
        const res = await fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
        expect(res.status).toBe(204);
        expect(res.headers.get('access-control-allow-origin')).toBeNull();
      }
      // An ordinary answer names the headers a page may read.
      const res = await fetch(`${sys.url}/v1/openapi.json`, { headers: { origin: allowed.origin } });
      expect(res.headers.get('access-control-expose-headers')).toBe(
        'X-RateLimit-Limit,X-RateLimit-Remaining,X-RateLimit-Reset,Retry-After,Idempotent-Replayed,Content-Disposition,Preference-Applied,X-Request-Id',
      );
      // The runtime no longer echoes any origin on its own (it did, with credentials allowed).
      const graph = await fetch(`${sys.url}/graphql`, {
        method: 'POST',
        headers: { origin: foreign.origin, authorization: `Bearer ${await bearer(principals.apexAdmin)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(graph.status).toBe(200);
      expect(graph.headers.get('access-control-allow-origin')).toBeNull();
      expect(graph.headers.get('access-control-allow-credentials')).toBeNull();
    });
  });
});
