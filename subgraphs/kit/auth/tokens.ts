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

/** Verifies a bearer token against the keys in force; any failure is 401 unauthorized. */
export async function verifyToken(keys: SigningKey[], token: string): Promise<Principal> {
  const byKid = new Map(keys.map((k) => [k.kid, k]));
  try {
    const { payload } = await jwtVerify(
      token,
      async (header) => {
        const key = header.kid ? byKid.get(header.kid) : undefined;
        if (!key) throw new joseErrors.JWKSNoMatchingKey();
        return new TextEncoder().encode(key.secret);
      },
      { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] },
    );
    const role = payload.role as Role;
    if (typeof payload.org !== 'string' || !ROLES.includes(role) || typeof payload.sub !== 'string') {
      throw unauthorized('Token is missing its organization, role or subject.');
    }
    return {
      organizationId: payload.org,
      workspaceId: typeof payload.ws === 'string' ? payload.ws : null,
      role,
      actorId: payload.sub,
      actorType: payload.act === 'agent' ? 'agent' : payload.act === 'api_key' ? 'api_key' : 'user',
    };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw unauthorized('Token has expired.');
    if (error instanceof Error && error.name === 'PlatformError') throw error;
    throw unauthorized('Token is invalid.');
  }
}
