import type http from 'node:http';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { PlatformError } from '../../subgraphs/kit/errors.ts';
import type { Principal } from '../../subgraphs/kit/auth/tokens.ts';
import type { LimitsConfig } from './config.ts';

/** A refusal to serve: 429 rate_limited, with how many seconds to wait before the budget refills. */
export class RateLimited extends PlatformError {
  constructor(override readonly retryAfter: number, message: string) {
    super('rate_limited', message);
  }

  /** The body /graphql answers with (REST answers `toRest()`). */
  toGraphQL() {
    return { errors: [{ message: this.message, extensions: { code: this.graphqlCode, retryAfter: this.retryAfter } }] };
  }
}

export interface RateLimit {
  /**
   * Spends one request of the caller's budget and tells the caller where it stands in
   * `X-RateLimit-*` headers on `res` (plus `Retry-After` when refused). Returns the refusal, if any.
   */
  take(principal: Principal, res: http.ServerResponse): Promise<RateLimited | undefined>;
  close(): Promise<void>;
}

/**
 * One budget per token holder (the principal's actor), so a client that loops cannot starve the
 * others; checked right after authentication, before any parsing or planning is spent on it. With
 * REDIS_URL every gateway replica draws from the same budget; otherwise each process counts alone.
 * Resolves once Redis is ready (or after two seconds without it), so the first requests are
 * counted where all the others will be.
 */
export async function createRateLimit(limits: Pick<LimitsConfig, 'rateLimitPoints' | 'rateLimitWindowSeconds' | 'redisUrl'>): Promise<RateLimit> {
  const points = limits.rateLimitPoints;
  const duration = limits.rateLimitWindowSeconds;
  const memory = new RateLimiterMemory({ points, duration, keyPrefix: 'gateway' });
  let redis: Redis | undefined;
  let limiter: RateLimiterAbstract = memory;
  if (limits.redisUrl) {
    // No offline queue: while Redis is away, requests are counted in memory (the insurance
    // limiter) instead of waiting on a connection.
    redis = new Redis(limits.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    let warned = false;
    redis.on('error', (error: Error) => {
      if (!warned) console.warn(`[gateway] rate limit: Redis unavailable, counting in memory (${error.message})`);
      warned = true;
    });
    redis.on('ready', () => (warned = false));
    limiter = new RateLimiterRedis({ storeClient: redis, points, duration, keyPrefix: 'gateway:rate', rejectIfRedisNotReady: true, insuranceLimiter: memory });
    await Promise.race([once(redis, 'ready'), new Promise((resolve) => setTimeout(resolve, 2000).unref())]).catch(() => {});
  }

  return {
    async take(principal, res) {
      let outcome: RateLimiterRes;
      let refused = false;
      try {
        outcome = await limiter.consume(principal.actorId);
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) {
          // The store itself failed: a broken limiter must not take the whole API down with it.
          console.error('[gateway] rate limit unavailable:', error);
          return undefined;
        }
        outcome = error;
        refused = true;
      }
      const retryAfter = Math.max(1, Math.ceil(outcome.msBeforeNext / 1000));
      res.setHeader('x-ratelimit-limit', String(points));
      res.setHeader('x-ratelimit-remaining', String(outcome.remainingPoints));
      res.setHeader('x-ratelimit-reset', String(Math.ceil((Date.now() + outcome.msBeforeNext) / 1000)));
      if (!refused) return undefined;
      res.setHeader('retry-after', String(retryAfter));
      return new RateLimited(retryAfter, `Rate limit of ${points} requests per ${duration} seconds exceeded; retry in ${retryAfter} seconds.`);
    },
    async close() {
      if (redis) await redis.quit().catch(() => redis?.disconnect());
    },
  };
}
