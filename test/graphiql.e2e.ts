import { it, expect, beforeAll, afterAll, describe } from 'vitest';
import type { Browser } from 'playwright-core';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, bearer, TEST_AUTH_SECRET } from './testkit/auth.ts';
import { browserAvailable, launchBrowser } from './testkit/browser.ts';
import { loadConfig } from '../platform/config.ts';
import { startGateway, type RunningGateway } from '../gateway/start.ts';
import { loadLimitsConfig } from '../gateway/limits/index.ts';

/**
 * GraphiQL in headless Chromium with no way out: every request the page (and its workers) makes
 * is recorded, and any to another origin than the gateway's is aborted, as with no internet. The
 * page must load from the gateway alone, open on the example document with the development token
 * in its Headers tab, load the schema, and run the document.
 */
describe.skipIf(!browserAvailable)('GraphiQL offline', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  describeEngines('GraphiQL', (ctx) => {
    let sys: TestSystem;
    let production: RunningGateway;
    let token = '';
    beforeAll(async () => {
      sys = await startTestSystem(ctx.database, principals.apexAdmin, {
        graphiqlToken: async () => (token = await bearer(principals.apexAdmin)),
      });
      // The same graph under NODE_ENV=production, handed a token too: it must never show it.
      production = await startGateway({
        config: { ...loadConfig({ NODE_ENV: 'production', AUTH_SECRET: TEST_AUTH_SECRET }), port: 0 },
        database: ctx.database,
        subgraphUrls: sys.system.subgraphUrls,
        limits: loadLimitsConfig({}),
        exportWorker: false,
        graphiqlToken: async () => 'Bearer-of-production-must-not-leak',
      });
    });
    afterAll(async () => {
      await production?.close();
      await sys?.close();
    });

    it('loads with no request leaving the gateway, shows the example document and the token, and runs it', async () => {
      const context = await browser.newContext();
      const requests: string[] = [];
      const origin = new URL(sys.url).origin;
      await context.route('**/*', (route) => {
        const url = route.request().url();
        requests.push(url);
        return new URL(url).origin === origin ? route.continue() : route.abort('internetdisconnected');
      });
      const page = await context.newPage();
      const schema = page.waitForResponse(async (res) => res.url().startsWith(`${origin}/graphql`) && res.request().method() === 'POST' && (res.request().postData() ?? '').includes('__schema'));
      await page.goto(`${sys.url}/graphql`);
      const introspection = await schema;
      expect(introspection.status()).toBe(200);
      expect((await introspection.json()).data.__schema.queryType.name).toBe('Query');
      // The introspection request carried the token the Headers tab was prefilled with.
      expect(token).not.toBe('');
      expect(introspection.request().headers().authorization).toBe(`Bearer ${token}`);

      // Monaco draws spaces as non-breaking ones.
      const text = async (selector: string) => (await page.locator(selector).innerText()).replace(/\u00a0/g, ' ');
      await expect.poll(() => text('.graphiql-query-editor'), { timeout: 20_000 }).toContain('query Dashboard {');
      await expect.poll(() => text('.graphiql-editor-tool'), { timeout: 20_000 }).toContain(`"Authorization": "Bearer ${token.slice(0, 20)}`);

      const result = page.waitForResponse((res) => res.url().startsWith(`${origin}/graphql`) && (res.request().postData() ?? '').includes('query Dashboard'));
      await page.locator('.graphiql-execute-button').click();
      const answer = await result;
      expect(answer.status()).toBe(200);
      expect((await answer.json()).data.workspace.name).toBe('Payments Engineering');

      expect(requests.length).toBeGreaterThan(0);
      expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
      await context.close();
    });

    it('is not served in production, and the token never is', async () => {
      const res = await fetch(`${production.origin}/graphql`, { headers: { accept: 'text/html' } });
      const body = await res.text();
      expect(res.status).toBe(401);
      expect(body).not.toContain('production-must-not-leak');
      expect(body).not.toContain('<html');
    });
  });
});
