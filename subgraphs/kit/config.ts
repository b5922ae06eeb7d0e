import path from 'node:path';

/** How long a request waits for a PostgreSQL connection by default (DATABASE_WAIT_SECONDS). */
export const DEFAULT_DATABASE_WAIT_SECONDS = 5;

/**
 * All configuration comes from the environment, each with a default that works on a fresh machine.
 * The README lists every variable; keep the two in step.
 */
export interface Config {
  /** Port of the gateway (and of the whole system under `npm start`). */
  port: number;
  host: string;
  /** PostgreSQL server; when unset, the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string | undefined;
  /** Folder of the embedded database. */
  dataDir: string;
  /** Longest a request waits for a PostgreSQL connection before it is refused as unavailable (db.ts). */
  databaseWaitSeconds: number;
  /** Secret that signs development tokens and the gateway→subgraph principal header. */
  authSecret: string;
  /**
   * Retired signing secrets, still accepted when verifying bearer tokens (never used to sign), so
   * rotating AUTH_SECRET does not cut off tokens issued before it until they expire.
   */
  authPreviousSecrets: string[];
  /** Key that seals integration credentials (32 bytes, base64). */
  credentialsKey: string | undefined;
  /** NATS server for fan-out between replicas, when set. */
  natsUrl: string | undefined;
  /** Names this deployment's NATS stream, subject and lease bucket. */
  natsNamespace: string;
  production: boolean;
  logLevel: string;
  /**
   * Days the event log keeps an event (subgraphs/events/retention.ts); null keeps every event. 90 by
   * default on PostgreSQL; off by default on the embedded database, whose demo data would otherwise
   * be older than the window.
   */
  eventRetentionDays: number | null;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const authSecret = env.AUTH_SECRET ?? (production ? undefined : 'dev-only-secret-change-me-in-production-0123456789');
  if (!authSecret) throw new Error('AUTH_SECRET must be set when NODE_ENV=production');
  return {
    port: intFromEnv(env.PORT, 4000, 'PORT'),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.PGLITE_DIR ?? env.DATA_DIR ?? '.data/pglite'),
    databaseWaitSeconds: secondsFromEnv(env.DATABASE_WAIT_SECONDS, DEFAULT_DATABASE_WAIT_SECONDS, 'DATABASE_WAIT_SECONDS'),
    authSecret,
    authPreviousSecrets: (env.AUTH_PREVIOUS_SECRETS ?? '').split(',').map((secret) => secret.trim()).filter(Boolean),
    credentialsKey: env.CREDENTIALS_KEY || undefined,
    natsUrl: env.NATS_URL || undefined,
    natsNamespace: env.NATS_NAMESPACE || 'scrums',
    production,
    logLevel: env.LOG_LEVEL ?? (production ? 'info' : 'warn'),
    eventRetentionDays: retentionDays(env.EVENT_RETENTION_DAYS, env.DATABASE_URL ? 90 : null),
  };
}

/** EVENT_RETENTION_DAYS: a whole number of days, or `0` / `off` for no retention. */
function retentionDays(value: string | undefined, fallback: number | null): number | null {
  if (value === undefined || value.trim() === '') return fallback;
  if (value.trim().toLowerCase() === 'off') return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 36_500) throw new Error(`EVENT_RETENTION_DAYS must be a whole number of days or "off", got "${value}"`);
  return n === 0 ? null : n;
}

function secondsFromEnv(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 3600) throw new Error(`${name} must be a number of seconds between 0 and 3600, got "${value}"`);
  return n;
}

function intFromEnv(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be an integer port, got "${value}"`);
  return n;
}
