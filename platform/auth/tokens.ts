import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { createHash } from 'node:crypto';
import { unauthorized } from '../errors.ts';

export const ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: their organization, the workspace a token is narrowed to, their role and id. */
export interface Principal {
  organizationId: string;
  workspaceId: string | null;
  role: Role;
  /** USR-*, KEY-* or AGT-* that acts. */
  actorId: string;
  actorType: 'user' | 'api_key' | 'agent';
  /** Where the request came from, as the gateway saw it (the audit trail records it); absent off the request path. */
  origin?: RequestOrigin;
}

/** The request behind a principal: its client's address and user agent, the API key's prefix, the API it used. */
export interface RequestOrigin {
  clientAddress: string | null;
  userAgent: string | null;
  /** The acting API key's non-secret prefix (`sk_<prefix>_...`), when a key acts. */
  keyPrefix: string | null;
  channel: 'graphql' | 'rest' | 'export';
}

const ISSUER = 'scrums-platform-graph';
const AUDIENCE = 'scrums-api';

/**
 * Bearer tokens are HS256 JWTs with a key id (`kid`), so the signing secret can rotate: a verifier
 * keeps the old key under its kid until the last token signed with it expires.
 */
export interface SigningKey {
  kid: string;
  secret: string;
}

export function signingKeyFromSecret(secret: string): SigningKey {
  // The kid names the secret without revealing it.
  return { kid: createHash('sha256').update(secret).digest('hex').slice(0, 12), secret };
}

export async function mintToken(
  key: SigningKey,
  principal: Principal,
  options: { expiresIn?: string | number } = {},
): Promise<string> {
  return new SignJWT({
    org: principal.organizationId,
    ws: principal.workspaceId ?? undefined,
    role: principal.role,
    act: principal.actorType,
  })
    .setProtectedHeader({ alg: 'HS256', kid: key.kid, typ: 'JWT' })
    .setSubject(principal.actorId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '12h')
    .sign(new TextEncoder().encode(key.secret));
}

/** How long a token may live, from its `iat` (or from now) to its `exp`: TOKEN_MAX_LIFETIME_SECONDS. */
export const DEFAULT_TOKEN_MAX_LIFETIME_SECONDS = 24 * 3600;
/** How far ahead of ours the issuer's clock may be, for `iat` and `nbf` (never for `exp`). */
export const CLOCK_SKEW_SECONDS = 60;

export interface TokenPolicy {
  maxLifetimeSeconds: number;
  /** Milliseconds since the epoch; tests move it. */
  now?: () => number;
}

/** A verified token: whose it is, and when it stops being valid (milliseconds since the epoch). */
export interface VerifiedToken {
  principal: Principal;
  expiresAt: number;
}

/**
 * Verifies a bearer token against the keys in force; any failure is 401 unauthorized, with a
 * message that says which rule it broke. Beyond the signature, issuer and audience, a token must
 * carry an expiry (`exp`) no further than `maxLifetimeSeconds` from when it was issued (`iat`) nor
 * from now, may not be issued (`iat`) or start (`nbf`) more than CLOCK_SKEW_SECONDS in the future,
 * and is refused from the second of its expiry on.
 */
export async function verifyToken(
  keys: SigningKey[], token: string, policy: TokenPolicy = { maxLifetimeSeconds: DEFAULT_TOKEN_MAX_LIFETIME_SECONDS },
): Promise<VerifiedToken> {
  const byKid = new Map(keys.map((k) => [k.kid, k]));
  const now = (policy.now ?? Date.now)() / 1000;
  try {
    const { payload } = await jwtVerify(
      token,
      async (header) => {
        const key = header.kid ? byKid.get(header.kid) : undefined;
        if (!key) throw new joseErrors.JWKSNoMatchingKey();
        return new TextEncoder().encode(key.secret);
      },
      // The tolerance lets `nbf` and `iat` run a little ahead; `exp` is checked exactly below.
      { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], requiredClaims: ['exp'], clockTolerance: CLOCK_SKEW_SECONDS, currentDate: new Date(now * 1000) },
    );
    const exp = payload.exp!;
    if (exp <= now) throw unauthorized('Token has expired.');
    if (payload.iat !== undefined && payload.iat > now + CLOCK_SKEW_SECONDS) {
      throw unauthorized(`Token is issued in the future (iat), more than ${CLOCK_SKEW_SECONDS} seconds ahead of this server's clock.`);
    }
    const lifetime = Math.max(exp - now, payload.iat === undefined ? 0 : exp - payload.iat);
    if (lifetime > policy.maxLifetimeSeconds + CLOCK_SKEW_SECONDS) {
      throw unauthorized(`Token lives longer than the maximum of ${policy.maxLifetimeSeconds} seconds (exp - iat); mint a shorter-lived one.`);
    }
    const role = payload.role as Role;
    if (typeof payload.org !== 'string' || !ROLES.includes(role) || typeof payload.sub !== 'string') {
      throw unauthorized('Token is missing its organization, role or subject.');
    }
    return {
      principal: {
        organizationId: payload.org,
        workspaceId: typeof payload.ws === 'string' ? payload.ws : null,
        role,
        actorId: payload.sub,
        actorType: payload.act === 'agent' ? 'agent' : payload.act === 'api_key' ? 'api_key' : 'user',
      },
      expiresAt: exp * 1000,
    };
  } catch (error) {
    if (error instanceof Error && error.name === 'PlatformError') throw error;
    if (error instanceof joseErrors.JWTExpired) throw unauthorized('Token has expired.');
    if (error instanceof joseErrors.JWTClaimValidationFailed) {
      if (error.claim === 'exp') throw unauthorized('Token has no expiry (exp): every token must carry one.');
      if (error.claim === 'nbf') throw unauthorized('Token is not valid yet (nbf).');
      if (error.claim === 'iat') throw unauthorized('Token has a malformed issue time (iat).');
    }
    throw unauthorized('Token is invalid.');
  }
}
