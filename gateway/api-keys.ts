import type { Db } from '../platform/db.ts';
import { unauthorized } from '../platform/errors.ts';
import { hashApiKey, isWellFormedApiKey } from '../platform/auth/api-keys.ts';
import type { Authenticated } from './auth.ts';
import { findApiKeyByHash, organizationWrites } from '../subgraphs/organizations/public.ts';
import { log } from '../platform/log.ts';

const logger = log.child({ component: 'gateway' });

/** Turns an `sk_...` bearer credential into the principal of its key (and its expiry), or 401 unauthorized. */
export type ApiKeyAuthenticator = (token: string) => Promise<Authenticated>;

export interface ApiKeyOptions {
  /** Least time between two last_used_at writes for one key. */
  touchIntervalMs?: number;
  now?: () => number;
}

const MINUTE = 60_000;
// Past this many keys in the throttle, entries old enough to be due again are dropped.
const THROTTLE_PRUNE_AT = 10_000;

/**
 * Every request looks its key up (one indexed statement), so revoking takes effect at once. The
 * last_used_at write is never awaited: a request does not wait for, nor fail with, bookkeeping;
 * and it happens at most once a minute per key, so a busy key does not write a row per request.
 */
export function apiKeyAuthenticator(db: Db, options: ApiKeyOptions = {}): ApiKeyAuthenticator {
  const interval = options.touchIntervalMs ?? MINUTE;
  const now = options.now ?? Date.now;
  const lastTouched = new Map<string, number>();

  function touch(id: string) {
    const at = now();
    if (at - (lastTouched.get(id) ?? -Infinity) < interval) return;
    if (lastTouched.size >= THROTTLE_PRUNE_AT) {
      for (const [key, t] of lastTouched) if (at - t >= interval) lastTouched.delete(key);
    }
    lastTouched.set(id, at);
    organizationWrites.markApiKeyUsed(db, id).catch((error) => logger.warn({ err: error, keyId: id }, 'could not record the use of an API key'));
  }

  return async (token) => {
    // Nothing minted looks otherwise, so a malformed key costs no database round trip.
    if (!isWellFormedApiKey(token)) throw unauthorized('API key is malformed.');
    const key = await findApiKeyByHash(db, hashApiKey(token));
    if (!key) throw unauthorized('API key is invalid.');
    if (key.revokedAt) throw unauthorized('API key has been revoked.');
    if (key.expiresAt && key.expiresAt.getTime() <= now()) throw unauthorized('API key has expired.');
    touch(key.id);
    return {
      // The key's prefix travels with the principal for the audit trail; the gateway adds the rest of the origin (origin.ts).
      principal: {
        organizationId: key.organizationId, workspaceId: key.workspaceId, role: key.role, actorId: key.id, actorType: 'api_key',
        origin: { keyPrefix: key.tokenPrefix, clientAddress: null, userAgent: null, channel: 'graphql' },
      },
      expiresAt: key.expiresAt?.getTime() ?? null,
    };
  };
}
