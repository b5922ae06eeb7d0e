/**
 * Who may read /metrics, from the environment (README, Metrics):
 * - METRICS (`on`): `off` exposes nothing and leaves the gateway's Prometheus plugin out;
 * - METRICS_PORT (unset): a port of its own for /metrics, on HOST, per process; the service port
 *   then answers /metrics 404. Keep it off the public network (not published, not routed);
 * - METRICS_TOKEN (unset): a bearer token every scrape must send (`Authorization: Bearer ...`),
 *   on whichever port serves /metrics.
 * With neither, /metrics is open on the service port in development (HOST is loopback by
 * default) and refused (403) in production: metrics are never open to the world by default.
 */
export interface MetricsSettings {
  enabled: boolean;
  port: number | null;
  token: string | null;
}

/** A token shorter than this is refused in production: it guards process internals. */
const MIN_TOKEN_LENGTH = 16;

export function loadMetricsSettings(env: NodeJS.ProcessEnv = process.env): MetricsSettings {
  const raw = (env.METRICS ?? 'on').trim().toLowerCase();
  if (raw !== 'on' && raw !== 'off' && raw !== '') throw new Error(`METRICS must be "on" or "off", got "${env.METRICS}"`);
  let port: number | null = null;
  if (env.METRICS_PORT !== undefined && env.METRICS_PORT.trim() !== '') {
    port = Number(env.METRICS_PORT);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`METRICS_PORT must be an integer port, got "${env.METRICS_PORT}"`);
  }
  const token = env.METRICS_TOKEN?.trim() || null;
  if (token && env.NODE_ENV === 'production' && token.length < MIN_TOKEN_LENGTH) {
    throw new Error(`METRICS_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters when NODE_ENV=production (openssl rand -base64 24 makes one)`);
  }
  return { enabled: raw !== 'off', port, token };
}
