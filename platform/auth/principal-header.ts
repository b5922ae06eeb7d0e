import { createHmac, timingSafeEqual, createHash } from 'node:crypto';
import type { Principal } from './tokens.ts';

/**
 * The gateway authenticates a request once and hands subgraphs the principal in this header:
 * `v1.<base64url(json)>.<base64url(hmac-sha256)>`. The JSON carries an expiry a minute ahead, so a
 * captured header is useless soon after. A subgraph refuses every request (including `_entities`)
 * whose header is missing, forged or stale, so calling a subgraph directly yields nothing.
 */
export const PRINCIPAL_HEADER = 'x-scrums-principal';
const TTL_SECONDS = 60;

export function principalHeaderKey(authSecret: string): Buffer {
  // A key of its own, so a leaked subgraph key cannot mint bearer tokens and the reverse.
  return createHash('sha256').update(`subgraph-principal:${authSecret}`).digest();
}

export function signPrincipal(key: Buffer, principal: Principal, now = Date.now()): string {
  const body = Buffer.from(JSON.stringify({ ...principal, exp: Math.floor(now / 1000) + TTL_SECONDS })).toString('base64url');
  const mac = createHmac('sha256', key).update(body).digest('base64url');
  return `v1.${body}.${mac}`;
}

/** The principal in a header, or undefined when the header is absent, forged or expired. */
export function verifyPrincipal(key: Buffer, header: string | null | undefined, now = Date.now()): Principal | undefined {
  if (!header) return undefined;
  const [version, body, mac] = header.split('.');
  if (version !== 'v1' || !body || !mac) return undefined;
  const expected = createHmac('sha256', key).update(body).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const { exp, ...principal } = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (typeof exp !== 'number' || exp * 1000 < now) return undefined;
    return principal as Principal;
  } catch {
    return undefined;
  }
}
