import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectProcessMetrics, METRICS_CONTENT_TYPE, metricsText } from './registry.ts';
import type { MetricsSettings } from './settings.ts';

export const METRICS_PATH = '/metrics';

/**
 * Answers GET /metrics with this process's metrics, to whoever settings allow (settings.ts): the
 * bearer METRICS_TOKEN when one is set (401 otherwise, compared in constant time), anyone on a
 * port of its own or in development, nobody on the service port in production (403, saying how to
 * open it). Errors are in the REST shape.
 */
export function metricsHandler(settings: MetricsSettings, production: boolean, ownPort: boolean): http.RequestListener {
  if (settings.enabled) collectProcessMetrics();
  return (req, res) => {
    if (!settings.enabled) return send(res, 404, 'not_found', 'Metrics are off (METRICS=off).');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'bad_request', 'Metrics are read with GET.', { allow: 'GET, HEAD' });
    if (settings.token) {
      if (!bearerMatches(req.headers.authorization, settings.token)) {
        return send(res, 401, 'unauthorized', 'Send the metrics token: Authorization: Bearer <METRICS_TOKEN>.', { 'www-authenticate': 'Bearer realm="metrics"' });
      }
    } else if (production && !ownPort) {
      return send(res, 403, 'forbidden', 'Metrics are not open on the service port in production: set METRICS_TOKEN, or METRICS_PORT for a port of their own.');
    }
    metricsText().then(
      (text) => {
        res.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE, 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : text);
      },
      () => send(res, 500, 'server_error', 'Metrics could not be collected.'),
    );
  };
}

/**
 * The service port's /metrics: served there unless METRICS_PORT gives metrics a port of their own
 * (then 404 here, as on any unknown path). Returns undefined when the service port does not serve it.
 */
export function servicePortMetrics(settings: MetricsSettings, production: boolean): http.RequestListener | undefined {
  return settings.enabled && settings.port === null ? metricsHandler(settings, production, false) : undefined;
}

/**
 * With METRICS_PORT: this process's metrics listener on `host:METRICS_PORT` (one per process, whatever
 * it serves), answering /metrics only. Null without METRICS_PORT or with METRICS=off.
 */
export async function startMetricsServer(settings: MetricsSettings, host: string, production: boolean): Promise<{ port: number; close(): Promise<void> } | null> {
  if (!settings.enabled || settings.port === null) return null;
  const handle = metricsHandler(settings, production, true);
  const server = http.createServer((req, res) => {
    if ((req.url ?? '/').split('?')[0] === METRICS_PATH) return handle(req, res);
    send(res, 404, 'not_found', `No route for ${req.method} ${(req.url ?? '/').split('?')[0]}.`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port!, host, () => (server.off('error', reject), resolve()));
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return false;
  const given = crypto.createHash('sha256').update(match[1]).digest();
  const expected = crypto.createHash('sha256').update(token).digest();
  return crypto.timingSafeEqual(given, expected);
}

function send(res: http.ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify({ error: { code, message, status } }));
}
