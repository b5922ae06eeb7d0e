import { unauthorized } from '../subgraphs/kit/errors.ts';
import { verifyToken, type Principal, type SigningKey } from '../subgraphs/kit/auth/tokens.ts';

/**
 * Authenticates a request once, at the gateway: `Authorization: Bearer <token>`. Anything missing,
 * malformed, expired or forged is 401 unauthorized.
 */
export interface Authenticator {
  authenticate(authorization: string | null | undefined): Promise<Principal>;
}

export function bearerAuthenticator(keys: SigningKey[]): Authenticator {
  return {
    async authenticate(authorization) {
      if (!authorization) throw unauthorized('Missing Authorization header: send "Authorization: Bearer <token>".');
      const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
      if (!match) throw unauthorized('Malformed Authorization header: expected "Bearer <token>".');
      return verifyToken(keys, match[1]);
    },
  };
}
