import type { Principal } from '../../platform/auth/tokens.ts';
import { mintToken, signingKeyFromSecret } from '../../platform/auth/tokens.ts';
import { principalHeaderKey } from '../../platform/auth/principal-header.ts';

/** The secret every test system runs with. */
export const TEST_AUTH_SECRET = 'test-secret-for-the-testkit-0123456789abcdef';
export const TEST_PRINCIPAL_KEY = principalHeaderKey(TEST_AUTH_SECRET);
export const TEST_SIGNING_KEY = signingKeyFromSecret(TEST_AUTH_SECRET);

/** Principals over the demo data: the docs' organization, a narrowed token, and the other tenant. */
export const principals = {
  apexAdmin: { organizationId: 'ORG-26-090500', workspaceId: null, role: 'admin', actorId: 'USR-26-000044', actorType: 'user' },
  apexMember: { organizationId: 'ORG-26-090500', workspaceId: null, role: 'member', actorId: 'USR-26-000081', actorType: 'user' },
  apexViewer: { organizationId: 'ORG-26-090500', workspaceId: null, role: 'viewer', actorId: 'USR-26-000081', actorType: 'user' },
  /** Narrowed to the docs' workspace WS-26-000021. */
  apexPayments: { organizationId: 'ORG-26-090500', workspaceId: 'WS-26-000021', role: 'member', actorId: 'USR-26-000044', actorType: 'user' },
} satisfies Record<string, Principal>;

/** A principal of another organization (filled from the demo data's second tenant). */
export function otherTenant(organizationId: string, actorId: string): Principal {
  return { organizationId, workspaceId: null, role: 'admin', actorId, actorType: 'user' };
}

export function bearer(principal: Principal, expiresIn: string | number = '1h'): Promise<string> {
  return mintToken(TEST_SIGNING_KEY, principal, { expiresIn });
}
