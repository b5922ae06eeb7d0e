import { describe, it, expect } from 'vitest';
import { loadConfig } from '../platform/config.ts';
import { bearerAuthenticator, verificationKeys } from './auth.ts';
import { mintToken, signingKeyFromSecret } from '../platform/auth/tokens.ts';

describe('gateway signing keys', () => {
  it('reads AUTH_PREVIOUS_SECRETS as a comma-separated list of verify-only secrets', () => {
    expect(loadConfig({}).authPreviousSecrets).toEqual([]);
    const config = loadConfig({ AUTH_SECRET: 'current', AUTH_PREVIOUS_SECRETS: ' old-1, ,old-2,' });
    expect(config.authPreviousSecrets).toEqual(['old-1', 'old-2']);
    // The current secret comes first: it is the one that signs.
    expect(verificationKeys(config)).toEqual(['current', 'old-1', 'old-2'].map(signingKeyFromSecret));
  });

  it('refuses, in production, a missing, public or short secret, retired ones included', () => {
    const strong = 'a-production-secret-of-more-than-32-bytes';
    expect(loadConfig({ NODE_ENV: 'production', AUTH_SECRET: strong }).authSecret).toBe(strong);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow('AUTH_SECRET must be set when NODE_ENV=production');
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(31) })).toThrow('AUTH_SECRET is 31 bytes, too short');
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_SECRET: strong, AUTH_PREVIOUS_SECRETS: 'old' })).toThrow('AUTH_PREVIOUS_SECRETS is 3 bytes, too short');
    // Outside production the development secret stands in for a missing one.
    expect(loadConfig({}).authSecret).toBe('dev-only-secret-change-me-in-production-0123456789');
  });

  it('verifies a token once, and refuses it from its expiry on all the same', async () => {
    const key = signingKeyFromSecret('a-secret-for-the-token-cache-0123456789');
    let clock = Date.now();
    const authenticator = bearerAuthenticator([key], undefined, { maxLifetimeSeconds: 3600, now: () => clock });
    const principal = { organizationId: 'ORG-26-090500', workspaceId: null, role: 'viewer' as const, actorId: 'USR-26-000044', actorType: 'user' as const };
    const token = await mintToken(key, principal, { expiresIn: '60s' });
    const first = await authenticator.authenticate(`Bearer ${token}`);
    expect(first.principal).toEqual(principal);
    expect(await authenticator.authenticate(`Bearer ${token}`)).toBe(first);
    // Connections arriving while a token is being checked share that check.
    const other = await mintToken(key, principal, { expiresIn: '30s' });
    const [a, b] = await Promise.all([authenticator.authenticate(`Bearer ${other}`), authenticator.authenticate(`Bearer ${other}`)]);
    expect(a).toBe(b);
    // Another token of the same text but one character is not the one remembered. The signature's
    // first character is changed: its last one carries two bits that decode to nothing (32 bytes in 43
    // base64url characters), so changing it could leave the same signature.
    const [header, payload, signature] = token.split('.');
    const altered = `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    await expect(authenticator.authenticate(`Bearer ${altered}`)).rejects.toThrow('Token is invalid.');
    clock = first.expiresAt!;
    await expect(authenticator.authenticate(`Bearer ${token}`)).rejects.toThrow('Token has expired.');
  });
});
