import type http from 'node:http';
import type { Principal, RequestOrigin } from '../platform/auth/tokens.ts';

/** As much of a user agent as is kept: the signed principal header must stay far below a server's header limit. */
export const MAX_USER_AGENT = 500;

/**
 * The principal with where its request came from: the client's address (as the rate limits see it:
 * `X-Forwarded-For` only from TRUST_PROXY's proxies), its user agent, the API it used, and the API
 * key's prefix the key authenticator put there. It travels to the subgraphs in the signed principal
 * header, and the audit trail records it (subgraphs/audit-logs).
 */
export function withOrigin(principal: Principal, req: http.IncomingMessage, clientAddress: string, channel: RequestOrigin['channel']): Principal {
  const userAgent = req.headers['user-agent']?.slice(0, MAX_USER_AGENT) ?? null;
  return { ...principal, origin: { clientAddress, userAgent, keyPrefix: principal.origin?.keyPrefix ?? null, channel } };
}
