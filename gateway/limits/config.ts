/**
 * The gateway's limits, each from its own environment variable (README's configuration table lists
 * them). The defaults leave every screen of the frontend far inside the limits, while a document
 * built to exhaust the graph (deep nesting, thousands of aliases, pages of pages of pages) is
 * refused before any subgraph is called.
 */
export interface LimitsConfig {
  /** Deepest selection, counting each field; the dashboard screen is 7 deep. */
  maxDepth: number;
  /** Aliased fields per operation: aliases turn one query into many. */
  maxAliases: number;
  /** Lexical tokens in the document, checked while parsing so a huge document costs little. */
  maxTokens: number;
  /** Directives per operation (@skip, @include, ...), each one more branch to evaluate. */
  maxDirectives: number;
  /**
   * Fields an operation executes, fragment spreads expanded: what the planner and executor work
   * through. By default about what the largest document the token limit admits executes without
   * fragments (a field and its braces or arguments take two tokens or more), so fragments cannot
   * make a document cost more than a long one could; the dashboard executes 85.
   */
  maxFields: number;
  /** Whether documents may ask for the schema (INTROSPECTION=on|off); only authenticated callers ever get to. */
  introspection: boolean;
  /** Objects one query may ask for: connections' page sizes multiplied along their path, summed. */
  maxNodes: number;
  /** Requests each token holder may send per window. */
  rateLimitPoints: number;
  rateLimitWindowSeconds: number;
  /** Refused credentials (401) one client address may send per window before it is refused (429). */
  authFailureLimit: number;
  authFailureWindowSeconds: number;
  /** Which proxies' X-Forwarded-For to believe for the client address (TRUST_PROXY); none when unset. */
  trustProxy: string | undefined;
  /** Redis for a rate limit shared by all gateway replicas; in-process memory when unset. */
  redisUrl: string | undefined;
  /** Results a subscriber may have waiting before it is cut off as too slow (with its resume cursor). */
  subscriberBuffer: number;
  /** How long that buffer may stay full before the subscriber is cut off. */
  subscriberGraceSeconds: number;
  /** How often an open WebSocket's token is checked again (a revoked or expired one closes it). */
  subscriptionRecheckSeconds: number;
  /**
   * How `activity` subscribers are served: `grouped` (each event read once per audience of identical
   * subscribers, gateway/live/) or `per-subscriber` (one upstream subscription each, as before grouping).
   */
  subscriptionFanout: 'grouped' | 'per-subscriber';
}

export function loadLimitsConfig(env: NodeJS.ProcessEnv = process.env): LimitsConfig {
  return {
    maxDepth: positiveInt(env, 'MAX_DEPTH', 15),
    maxAliases: positiveInt(env, 'MAX_ALIASES', 30),
    maxTokens: positiveInt(env, 'MAX_TOKENS', 5000),
    maxDirectives: positiveInt(env, 'MAX_DIRECTIVES', 50),
    maxFields: positiveInt(env, 'MAX_FIELDS', 2500),
    introspection: onOff(env, 'INTROSPECTION', true),
    maxNodes: positiveInt(env, 'MAX_NODES', 50_000),
    rateLimitPoints: positiveInt(env, 'RATE_LIMIT_POINTS', 600),
    rateLimitWindowSeconds: positiveInt(env, 'RATE_LIMIT_WINDOW_SECONDS', 60),
    authFailureLimit: positiveInt(env, 'AUTH_FAILURE_LIMIT', 30),
    authFailureWindowSeconds: positiveInt(env, 'AUTH_FAILURE_WINDOW_SECONDS', 300),
    trustProxy: env.TRUST_PROXY?.trim() || undefined,
    redisUrl: env.REDIS_URL || undefined,
    subscriberBuffer: positiveInt(env, 'SUBSCRIBER_BUFFER', 1000),
    subscriberGraceSeconds: positiveInt(env, 'SUBSCRIBER_GRACE_SECONDS', 10),
    subscriptionRecheckSeconds: positiveInt(env, 'SUBSCRIPTION_RECHECK_SECONDS', 60),
    subscriptionFanout: oneOf(env, 'SUBSCRIPTION_FANOUT', ['grouped', 'per-subscriber'] as const, 'grouped'),
  };
}

// A typo in a limit must stop the start, not silently leave the graph unprotected.
function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return n;
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, values: readonly T[], fallback: T): T {
  const value = env[name]?.trim().toLowerCase();
  if (value === undefined || value === '') return fallback;
  if ((values as readonly string[]).includes(value)) return value as T;
  throw new Error(`${name} must be one of ${values.join(', ')}, got "${env[name]}"`);
}

function onOff(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const value = env[name]?.trim().toLowerCase();
  if (value === undefined || value === '') return fallback;
  if (value === 'on') return true;
  if (value === 'off') return false;
  throw new Error(`${name} must be "on" or "off", got "${env[name]}"`);
}
