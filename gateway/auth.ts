import { unauthorized } from '../platform/errors.ts';
import type { Config } from '../platform/config.ts';
import type { Database } from '../platform/db.ts';
import { isApiKeyToken } from '../platform/auth/api-keys.ts';
import { verifyToken, signingKeyFromSecret, type Principal, type SigningKey, type TokenPolicy, type VerifiedToken } from '../platform/auth/tokens.ts';
import { apiKeyAuthenticator, type ApiKeyAuthenticator } from './api-keys.ts';

/** Who a credential speaks for, and until when (milliseconds since the epoch; null: until revoked). */
export interface Authenticated {
  principal: Principal;
  expiresAt: number | null;
}

/**
 * Authenticates a request once, at the gateway: `Authorization: Bearer <token>`, where the token is
 * a signed JWT or an API key (`sk_...`). Anything missing, malformed, expired, revoked or forged is
 * 401 unauthorized.
 */
export interface Authenticator {
  authenticate(authorization: string | null | undefined): Promise<Authenticated>;
}

/** Verified tokens an authenticator remembers (the oldest is forgotten first). */
const VERIFIED_TOKENS = 10_000;

/**
 * `keys` verify JWTs (the first one is the current signer) under `policy` (their longest lifetime);
 * without `apiKeys`, no key is accepted.
 */
export function bearerAuthenticator(keys: SigningKey[], apiKeys?: ApiKeyAuthenticator, policy?: TokenPolicy): Authenticator {
  // Tokens verified, or being verified, by their text: thousands of connections of one dashboard's
  // token (live activity) check its signature once, those arriving while it is checked included
  // (the check is asynchronous: without the one in flight, each would start its own). Only the
  // expiry can change a verdict with time (a token not yet valid, issued ahead or living too long
  // was refused and is not here), so a hit is checked against it; keys change only with a restart.
  // Refusals are never remembered: a check that fails is forgotten once it has.
  const verified = new Map<string, { result: Promise<VerifiedToken>; expiresAt: number | undefined }>();
  const jwt = (token: string): Promise<VerifiedToken> => {
    const known = verified.get(token);
    if (known && (known.expiresAt === undefined || known.expiresAt > (policy?.now ?? Date.now)())) return known.result;
    verified.delete(token);
    const entry = { result: verifyToken(keys, token, policy), expiresAt: undefined as number | undefined };
    if (verified.size >= VERIFIED_TOKENS) verified.delete(verified.keys().next().value!);
    verified.set(token, entry);
    entry.result.then(
      (result) => void (entry.expiresAt = result.expiresAt),
      () => void (verified.get(token) === entry && verified.delete(token)),
    );
    return entry.result;
  };
  return {
    async authenticate(authorization) {
      if (!authorization) throw unauthorized('Missing Authorization header: send "Authorization: Bearer <token>".');
      const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
      if (!match) throw unauthorized('Malformed Authorization header: expected "Bearer <token>".');
      const token = match[1];
      if (isApiKeyToken(token)) {
        if (!apiKeys) throw unauthorized('API keys are not accepted here.');
        return apiKeys(token);
      }
      return jwt(token);
    },
  };
}

/**
 * The keys JWTs verify against: the current secret and every retired one still listed, so tokens
 * signed before a rotation keep working until they expire.
 */
export function verificationKeys(config: Pick<Config, 'authSecret' | 'authPreviousSecrets'>): SigningKey[] {
  return [config.authSecret, ...config.authPreviousSecrets].map(signingKeyFromSecret);
}

/** The gateway's authenticator: JWTs by the configured secrets, API keys by their hash in the database. */
export function gatewayAuthenticator(config: Pick<Config, 'authSecret' | 'authPreviousSecrets' | 'tokenMaxLifetimeSeconds'>, database: Database): Authenticator {
  return bearerAuthenticator(verificationKeys(config), apiKeyAuthenticator(database.db), { maxLifetimeSeconds: config.tokenMaxLifetimeSeconds });
}
