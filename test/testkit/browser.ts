import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';

/**
 * Headless Chromium from Debian's package (`apt-get install chromium`; .ci/run installs it), driven
 * by playwright-core, which downloads no browser of its own. CHROMIUM_PATH overrides the binary.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Whether browser tests can run. Outside CI a machine without Chromium skips them; in CI a missing
 * browser is a failure (the test launching it throws), never a silent skip.
 */
export const browserAvailable = fs.existsSync(CHROMIUM_PATH) || process.env.CI === 'true';

export function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`No Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  // Tests run as root on CI, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

export interface PageServer {
  /** `http://127.0.0.1:port`: an origin of its own, other than the gateway's. */
  origin: string;
  close(): Promise<void>;
}

/** Serves one blank HTML page on a port of its own: a frontend on another origin. */
export async function servePage(html = '<!doctype html><title>frontend</title><p>frontend</p>'): Promise<PageServer> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
