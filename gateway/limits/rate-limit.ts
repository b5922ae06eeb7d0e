import type http from 'node:http';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { PlatformError } from '../../platform/errors.ts';
import type { Principal } from '../../platform/auth/tokens.ts';
import { log } from '../../platform/log.ts';
import type { LimitsConfig } from './config.ts';
import { clientAddressOf } from './client-address.ts';
import { rateLimited } from '../../platform/metrics/instruments.ts';

const logger = log.child({ component: 'gateway' });

/** A refusal to serve: 429 rate_limited, with how many seconds to wait before the budget refills. */
export class RateLimited extends PlatformError {
  constructor(override readonly retryAfter: number, message: string) {
    super('rate_limited', message);
  }

  /** The body /graphql answers with (REST answers `toRest()`). */
  override toGraphQL() {
    return { errors: [{ message: this.message, extensions: { code: this.graphqlCode, retryAfter: this.retryAfter } }] };
  }
}

/** Where rate-limit headers go: an HTTP response, or nowhere (a WebSocket's upgrade is answered by then). */
type Headers = Pick<http.ServerResponse, 'setHeader'>;
const NO_HEADERS: Headers = { setHeader: () => NO_HEADERS as never };

export interface RateLimit {
  /**
   * Spends one request of the caller's budget and tells the caller where it stands in
   * `X-RateLimit-*` headers on `res` (plus `Retry-After` when refused). Returns the refusal, if any.
   */
  take(principal: Principal, res?: Headers): Promise<RateLimited | undefined>;
  /**
   * Before authenticating `req`: the refusal (with `Retry-After` on `res`) once its client address
   * (client-address.ts) has had AUTH_FAILURE_LIMIT credentials refused in the window, whatever it
   * sends now.
   */
  admitClient(req: http.IncomingMessage, res?: Headers): Promise<RateLimited | undefined>;
  /** Counts a credential refused (401) against the client address of `req`. */
  authenticationFailed(req: http.IncomingMessage): Promise<void>;
  /** The client address of `req` (client-address.ts): the socket's peer, or the trusted proxies' X-Forwarded-For. */
  clientAddress(req: http.IncomingMessage): string;
  /** With REDIS_URL: resolves when Redis answers a PING, rejects when it does not (readiness.ts); without, resolves. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Two budgets. One per token holder (the principal's actor), so a client that loops cannot starve
 * the others; checked right after authentication, before any parsing or planning is spent on it.
 * One per client address for refused credentials, so nobody can try tokens or keys (or load the
 * API-key lookup) without end; checked before authenticating. With REDIS_URL every gateway replica
 * draws from the same budgets; otherwise each process counts alone. Resolves once Redis is ready
 * (or after two seconds without it), so the first requests are counted where all the others will be.
 */
export async function createRateLimit(
  limits: Pick<LimitsConfig, 'rateLimitPoints' | 'rateLimitWindowSeconds' | 'authFailureLimit' | 'authFailureWindowSeconds' | 'trustProxy' | 'redisUrl'>,
): Promise<RateLimit> {
  const addressOf = clientAddressOf(limits.trustProxy);
  const points = limits.rateLimitPoints;
  const duration = limits.rateLimitWindowSeconds;
  const failures = limits.authFailureLimit;
  const failureWindow = limits.authFailureWindowSeconds;
  const memory = new RateLimiterMemory({ points, duration, keyPrefix: 'gateway' });
  const failuresInMemory = new RateLimiterMemory({ points: failures, duration: failureWindow, keyPrefix: 'gateway:auth-failures' });
  let redis: Redis | undefined;
  let limiter: RateLimiterAbstract = memory;
  let failureLimiter: RateLimiterAbstract = failuresInMemory;
  if (limits.redisUrl) {
    // No offline queue: while Redis is away, requests are counted in memory (the insurance
    // limiter) instead of waiting on a connection.
    redis = new Redis(limits.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    let warned = false;
    redis.on('error', (error: Error) => {
      if (!warned) logger.warn({ err: error }, 'rate limit: Redis unavailable, counting in memory');
      warned = true;
    });
    redis.on('ready', () => (warned = false));
    const shared = { storeClient: redis, rejectIfRedisNotReady: true };
    limiter = new RateLimiterRedis({ ...shared, points, duration, keyPrefix: 'gateway:rate', insuranceLimiter: memory });
    failureLimiter = new RateLimiterRedis({ ...shared, points: failures, duration: failureWindow, keyPrefix: 'gateway:auth-failures', insuranceLimiter: failuresInMemory });
    await Promise.race([once(redis, 'ready'), new Promise((resolve) => setTimeout(resolve, 2000).unref())]).catch(() => {});
  }

  const refusal = (outcome: RateLimiterRes, res: Headers, message: (retryAfter: number) => string, budget: 'caller' | 'refused_credentials') => {
    rateLimited.inc({ budget });
    const retryAfter = Math.max(1, Math.ceil(outcome.msBeforeNext / 1000));
    res.setHeader('retry-after', String(retryAfter));
    return new RateLimited(retryAfter, message(retryAfter));
  };

  return {
    async take(principal, res = NO_HEADERS) {
      let outcome: RateLimiterRes;
      let refused = false;
      try {
        outcome = await limiter.consume(principal.actorId);
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) {
          // The store itself failed: a broken limiter must not take the whole API down with it.
          logger.error({ err: error }, 'rate limit unavailable');
          return undefined;
        }
        outcome = error;
        refused = true;
      }
      res.setHeader('x-ratelimit-limit', String(points));
      res.setHeader('x-ratelimit-remaining', String(outcome.remainingPoints));
      res.setHeader('x-ratelimit-reset', String(Math.ceil((Date.now() + outcome.msBeforeNext) / 1000)));
      if (!refused) return undefined;
      return refusal(outcome, res, (retryAfter) => `Rate limit of ${points} requests per ${duration} seconds exceeded; retry in ${retryAfter} seconds.`, 'caller');
    },
    async admitClient(req, res = NO_HEADERS) {
      try {
        const spent = await failureLimiter.get(addressOf(req));
        if (!spent || spent.consumedPoints < failures) return undefined;
        return refusal(spent, res, (retryAfter) =>
          `Too many refused credentials from this address (${failures} per ${failureWindow} seconds); retry in ${retryAfter} seconds.`, 'refused_credentials');
      } catch (error) {
        logger.error({ err: error }, 'authentication failure limit unavailable');
        return undefined;
      }
    },
    async authenticationFailed(req) {
      await failureLimiter.consume(addressOf(req)).catch((error: unknown) => {
        // Past the budget the count simply stays full; anything else is the store failing.
        if (!(error instanceof RateLimiterRes)) logger.error({ err: error }, 'authentication failure limit unavailable');
      });
    },
    clientAddress: addressOf,
    async ping() {
      if (!redis) return;
      // No offline queue: a Redis that is away fails the command at once instead of queueing it.
      if (redis.status !== 'ready') throw new Error(`redis is ${redis.status}`);
      await redis.ping();
    },
    async close() {
      if (redis) await redis.quit().catch(() => redis?.disconnect());
    },
  };
}
