import path from 'node:path';
import { DEFAULT_TOKEN_MAX_LIFETIME_SECONDS } from './auth/tokens.ts';
import { loadWebhookSettings, type WebhookSettings } from './webhook-settings.ts';
import { loadMetricsSettings, type MetricsSettings } from './metrics/settings.ts';

/** How long a request waits for a PostgreSQL connection by default (DATABASE_WAIT_SECONDS). */
export const DEFAULT_DATABASE_WAIT_SECONDS = 5;
/**
 * Connections of a process's PostgreSQL pool that the statements outside a transaction share,
 * pipelined (DATABASE_PIPELINED_CONNECTIONS; db.ts).
 */
export const DEFAULT_DATABASE_PIPELINED_CONNECTIONS = 2;
/** How long an export page keeps being retried while a part it needs is unavailable (EXPORT_RETRY_SECONDS). */
export const DEFAULT_EXPORT_RETRY_SECONDS = 60;

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
  /** Connections the statements outside a transaction share, pipelined; 0: each takes a connection of the pool (db.ts). */
  databasePipelinedConnections: number;
  /** Secret that signs development tokens and the gateway→subgraph principal header. */
  authSecret: string;
  /**
   * Retired signing secrets, still accepted when verifying bearer tokens (never used to sign), so
   * rotating AUTH_SECRET does not cut off tokens issued before it until they expire.
   */
  authPreviousSecrets: string[];
  /** Longest a bearer token may live, from issue (or from now) to expiry: TOKEN_MAX_LIFETIME_SECONDS. */
  tokenMaxLifetimeSeconds: number;
  /** Key that seals integration credentials (32 bytes, base64). */
  credentialsKey: string | undefined;
  /** NATS server for fan-out between replicas, when set. */
  natsUrl: string | undefined;
  /** Names this deployment's NATS stream, subject and lease bucket. */
  natsNamespace: string;
  production: boolean;
  /**
   * Days the event log keeps an event (subgraphs/events/retention.ts); null keeps every event. 90 by
   * default on PostgreSQL; off by default on the embedded database, whose demo data would otherwise
   * be older than the window.
   */
  eventRetentionDays: number | null;
  /** Which browser origins may call the gateway (CORS_*); none unless configured. */
  cors: CorsSettings;
  /** Automatic persisted queries, trusted documents and the safelist (gateway/persisted/). */
  persistedDocuments: PersistedDocumentsSettings;
  /**
   * The longest an export job waits out a subgraph or the database that does not answer, retrying
   * one page with backoff, before the job fails (gateway/exports/retry.ts).
   */
  exportRetrySeconds: number;
  /**
   * Seconds between periodic Service Line health evaluations (subgraphs/service-lines/health/
   * evaluation.ts), which append service_line.health_changed events; null turns them off.
   */
  healthEvaluationSeconds: number | null;
  /** How webhooks are checked and delivered (WEBHOOK_*, webhook-settings.ts): the webhooks subgraph reads them. */
  webhooks: WebhookSettings;
  /**
   * After SIGTERM/SIGINT: seconds /ready answers 503 while requests are still served, so load
   * balancers take the process out of rotation before it stops accepting (SHUTDOWN_DELAY_SECONDS).
   */
  shutdownDelaySeconds: number;
  /** Longest in-flight HTTP requests are waited for once the process stops accepting (SHUTDOWN_GRACE_SECONDS). */
  shutdownGraceSeconds: number;
  /** Who may read /metrics, and where (METRICS, METRICS_PORT, METRICS_TOKEN: platform/metrics/settings.ts). */
  metrics: MetricsSettings;
}

export interface PersistedDocumentsSettings {
  /** Manifest files of trusted documents, each for one client name or (null) for every client. */
  manifests: { client: string | null; file: string }[];
  /** Refuse every document that is not in a manifest that applies to the caller's client. */
  safelist: boolean;
  /** Automatic persisted queries: register a document on a miss, then run it by its hash. */
  apq: boolean;
  /** Documents the APQ store keeps (least recently used go first). */
  apqMaxDocuments: number;
}

/** Cross-origin access for browsers (gateway/cors.ts applies it). */
export interface CorsSettings {
  /** Exact origins (`https://app.example.com`), or `*` for any; empty: no cross-origin access. */
  origins: string[];
  /** Whether a browser may send cookies or HTTP authentication along (Access-Control-Allow-Credentials). */
  credentials: boolean;
  /** How long a browser may keep a preflight's answer (Access-Control-Max-Age). */
  maxAgeSeconds: number;
}

/** Public (it is in this repository): signs development tokens only, never in production. */
const DEVELOPMENT_SECRET = 'dev-only-secret-change-me-in-production-0123456789';
/** HS256 keys shorter than the hash are weaker than it (RFC 7518 §3.2). */
export const MIN_SECRET_BYTES = 32;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const authSecret = env.AUTH_SECRET || (production ? undefined : DEVELOPMENT_SECRET);
  const authPreviousSecrets = (env.AUTH_PREVIOUS_SECRETS ?? '').split(',').map((secret) => secret.trim()).filter(Boolean);
  if (production) checkProductionSecrets(authSecret, authPreviousSecrets);
  return {
    port: intFromEnv(env.PORT, 4000, 'PORT'),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.PGLITE_DIR ?? env.DATA_DIR ?? '.data/pglite'),
    databaseWaitSeconds: secondsFromEnv(env.DATABASE_WAIT_SECONDS, DEFAULT_DATABASE_WAIT_SECONDS, 'DATABASE_WAIT_SECONDS'),
    databasePipelinedConnections: positiveIntFromEnv(env.DATABASE_PIPELINED_CONNECTIONS, DEFAULT_DATABASE_PIPELINED_CONNECTIONS, 'DATABASE_PIPELINED_CONNECTIONS', 0),
    authSecret: authSecret!,
    authPreviousSecrets,
    tokenMaxLifetimeSeconds: positiveIntFromEnv(env.TOKEN_MAX_LIFETIME_SECONDS, DEFAULT_TOKEN_MAX_LIFETIME_SECONDS, 'TOKEN_MAX_LIFETIME_SECONDS'),
    credentialsKey: env.CREDENTIALS_KEY || undefined,
    natsUrl: env.NATS_URL || undefined,
    natsNamespace: env.NATS_NAMESPACE || 'scrums',
    production,
    eventRetentionDays: retentionDays(env.EVENT_RETENTION_DAYS, env.DATABASE_URL ? 90 : null),
    exportRetrySeconds: secondsFromEnv(env.EXPORT_RETRY_SECONDS, DEFAULT_EXPORT_RETRY_SECONDS, 'EXPORT_RETRY_SECONDS'),
    cors: corsSettings(env),
    persistedDocuments: persistedDocumentsSettings(env),
    healthEvaluationSeconds: healthEvaluationSeconds(env.HEALTH_EVALUATION_SECONDS),
    webhooks: loadWebhookSettings(env),
    shutdownDelaySeconds: shutdownSeconds(env.SHUTDOWN_DELAY_SECONDS, 0, 'SHUTDOWN_DELAY_SECONDS'),
    shutdownGraceSeconds: shutdownSeconds(env.SHUTDOWN_GRACE_SECONDS, 10, 'SHUTDOWN_GRACE_SECONDS'),
    metrics: loadMetricsSettings(env),
  };
}

/**
 * PERSISTED_DOCUMENTS (`file` or `client=file`, comma-separated), PERSISTED_DOCUMENTS_SAFELIST,
 * APQ, APQ_MAX_DOCUMENTS. A safelist with no manifest would refuse everything: refused at start.
 */
function persistedDocumentsSettings(env: NodeJS.ProcessEnv): PersistedDocumentsSettings {
  const manifests = (env.PERSISTED_DOCUMENTS ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const at = entry.indexOf('=');
      const client = at > 0 ? entry.slice(0, at).trim() : null;
      const file = (at > 0 ? entry.slice(at + 1) : entry).trim();
      if (!file) throw new Error(`PERSISTED_DOCUMENTS entries are "file" or "client=file", got "${entry}"`);
      return { client, file: path.resolve(file) };
    });
  const safelist = onOffFromEnv(env.PERSISTED_DOCUMENTS_SAFELIST, false, 'PERSISTED_DOCUMENTS_SAFELIST');
  if (safelist && manifests.length === 0) throw new Error('PERSISTED_DOCUMENTS_SAFELIST=on needs PERSISTED_DOCUMENTS: the manifests of the documents to allow');
  return {
    manifests,
    safelist,
    apq: onOffFromEnv(env.APQ, true, 'APQ'),
    apqMaxDocuments: positiveIntFromEnv(env.APQ_MAX_DOCUMENTS, 1000, 'APQ_MAX_DOCUMENTS'),
  };
}

/**
 * CORS_ORIGINS, CORS_CREDENTIALS, CORS_MAX_AGE_SECONDS. An origin is compared as the browser sends
 * it, so each must be one exactly (scheme, host, port; no path or trailing slash): a typo would
 * otherwise lock a frontend out without a word. `*` cannot go with credentials (browsers refuse it).
 */
function corsSettings(env: NodeJS.ProcessEnv): CorsSettings {
  const origins = (env.CORS_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean);
  for (const origin of origins) {
    if (origin === '*') continue;
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.origin !== origin || !/^https?:$/.test(parsed.protocol)) {
      throw new Error(`CORS_ORIGINS must list origins like "https://app.example.com" (scheme, host and port only), got "${origin}"`);
    }
  }
  const credentials = onOffFromEnv(env.CORS_CREDENTIALS, false, 'CORS_CREDENTIALS');
  if (credentials && origins.includes('*')) throw new Error('CORS_CREDENTIALS=on cannot go with CORS_ORIGINS=*: list the origins');
  const maxAge = env.CORS_MAX_AGE_SECONDS?.trim() ? Number(env.CORS_MAX_AGE_SECONDS) : 600;
  if (!Number.isSafeInteger(maxAge) || maxAge < 0 || maxAge > 86_400) {
    throw new Error(`CORS_MAX_AGE_SECONDS must be a whole number of seconds from 0 to 86400, got "${env.CORS_MAX_AGE_SECONDS}"`);
  }
  return { origins, credentials, maxAgeSeconds: maxAge };
}

function onOffFromEnv(value: string | undefined, fallback: boolean, name: string): boolean {
  const v = value?.trim().toLowerCase();
  if (v === undefined || v === '') return fallback;
  if (v === 'on' || v === 'true') return true;
  if (v === 'off' || v === 'false') return false;
  throw new Error(`${name} must be "on" or "off", got "${value}"`);
}

/**
 * In production every process refuses to start on a secret anyone could know or guess: anyone with
 * the secret mints bearer tokens and forges the principal header subgraphs trust. Retired secrets
 * still verify tokens, so they are held to the same rule.
 */
function checkProductionSecrets(authSecret: string | undefined, previous: string[]): asserts authSecret is string {
  const advice = `use a random secret of ${MIN_SECRET_BYTES} bytes or more (e.g. \`openssl rand -base64 48\`)`;
  if (!authSecret) throw new Error(`AUTH_SECRET must be set when NODE_ENV=production: ${advice}`);
  for (const [name, secret] of [['AUTH_SECRET', authSecret], ...previous.map((s) => ['AUTH_PREVIOUS_SECRETS', s])]) {
    if (secret === DEVELOPMENT_SECRET) throw new Error(`${name} is the public development secret, refused when NODE_ENV=production: ${advice}`);
    const bytes = Buffer.byteLength(secret);
    if (bytes < MIN_SECRET_BYTES) throw new Error(`${name} is ${bytes} bytes, too short when NODE_ENV=production: ${advice}`);
  }
}

/** EVENT_RETENTION_DAYS: a whole number of days, or `0` / `off` for no retention. */
function retentionDays(value: string | undefined, fallback: number | null): number | null {
  if (value === undefined || value.trim() === '') return fallback;
  if (value.trim().toLowerCase() === 'off') return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 36_500) throw new Error(`EVENT_RETENTION_DAYS must be a whole number of days or "off", got "${value}"`);
  return n === 0 ? null : n;
}

/** HEALTH_EVALUATION_SECONDS: whole seconds between evaluations (default 300), or `0` / `off`. */
function healthEvaluationSeconds(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return 300;
  if (value.trim().toLowerCase() === 'off') return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 86_400) throw new Error(`HEALTH_EVALUATION_SECONDS must be a whole number of seconds up to 86400, or "off", got "${value}"`);
  return n === 0 ? null : n;
}

/** SHUTDOWN_*_SECONDS: a number of seconds from 0 to 300. */
function shutdownSeconds(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 300) throw new Error(`${name} must be a number of seconds from 0 to 300, got "${value}"`);
  return n;
}

/** An integer of at least `min` (1 by default; a count that may be none takes 0). */
function positiveIntFromEnv(value: string | undefined, fallback: number, name: string, min = 1): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) throw new Error(`${name} must be ${min === 0 ? '0 or ' : ''}a positive integer, got "${value}"`);
  return n;
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
