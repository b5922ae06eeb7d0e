import http from 'node:http';
import https from 'node:https';
import { checkWebhookUrl, safeLookup } from '../urls.ts';
import type { WebhookSettings } from '../../../platform/webhook-settings.ts';

/**
 * One HTTP attempt: POST the body with its headers, and learn the status and the start of the
 * answer. Nothing here trusts the receiver: the URL's rules are checked again (a literal address
 * connects without a lookup), the address connected to passes `safeLookup` (DNS rebinding),
 * redirects are not followed (a 3xx is a failed attempt, never a request elsewhere), the whole
 * exchange is bounded by the timeout, and at most RESPONSE_BYTES of the answer are read.
 */
export const RESPONSE_BYTES = 1024;
export const USER_AGENT = 'Scrums-Webhooks/1.0';

export interface AttemptOutcome {
  status: number | null;
  /** The first KB of the answer's body. */
  body: string | null;
  latencyMs: number;
  error: string | null;
}

// Keep-alive pools, so a busy endpoint is not a new TLS handshake per event.
const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 8 }), https: new https.Agent({ keepAlive: true, maxSockets: 8 }) };

export function sendAttempt(url: string, headers: Record<string, string>, body: string, settings: WebhookSettings): Promise<AttemptOutcome> {
  const started = performance.now();
  const done = (outcome: Omit<AttemptOutcome, 'latencyMs'>): AttemptOutcome => ({ ...outcome, latencyMs: Math.round(performance.now() - started) });
  try {
    checkWebhookUrl(url, settings);
  } catch (error) {
    return Promise.resolve(done({ status: null, body: null, error: `refused: ${(error as Error).message}` }));
  }
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise<AttemptOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<AttemptOutcome, 'latencyMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(done(outcome));
    };
    const request = client.request(target, {
      method: 'POST',
      agent: target.protocol === 'https:' ? agents.https : agents.http,
      lookup: safeLookup(settings) as never,
      headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': USER_AGENT },
    }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const status = response.statusCode ?? null;
      const text = () => Buffer.concat(chunks).toString('utf8').slice(0, RESPONSE_BYTES);
      response.on('data', (chunk: Buffer) => {
        if (size < RESPONSE_BYTES) chunks.push(chunk.subarray(0, RESPONSE_BYTES - size));
        size += chunk.length;
        // Enough read: the rest is not ours to wait for (and the socket is not reused).
        if (size >= RESPONSE_BYTES) {
          response.destroy();
          finish({ status, body: text(), error: null });
        }
      });
      response.on('end', () => finish({ status, body: text(), error: null }));
      response.on('error', (error) => finish({ status, body: text(), error: describe(error) }));
      response.on('close', () => finish({ status, body: text(), error: null }));
    });
    const timer = setTimeout(() => {
      finish({ status: null, body: null, error: `timed out after ${settings.timeoutMs} ms` });
      request.destroy();
    }, settings.timeoutMs);
    request.on('error', (error) => finish({ status: null, body: null, error: describe(error) }));
    request.end(body);
  });
}

function describe(error: Error & { code?: string }): string {
  return error.code ? `${error.code}: ${error.message}` : error.message;
}
