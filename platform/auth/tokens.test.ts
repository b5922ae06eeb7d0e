import { describe, it, expect } from 'vitest';
import { SignJWT } from 'jose';
import { mintToken, verifyToken, signingKeyFromSecret, type Principal } from './tokens.ts';
import { seal, unseal, sealingKey } from '../secrets.ts';

const key = signingKeyFromSecret('test-secret-0123456789-0123456789');
const principal: Principal = { organizationId: 'ORG-26-090500', workspaceId: 'WS-26-000021', role: 'member', actorId: 'USR-26-000044', actorType: 'user' };

describe('bearer tokens', () => {
  it('round-trips a principal, with its expiry', async () => {
    const verified = await verifyToken([key], await mintToken(key, principal, { expiresIn: '1h' }));
    expect(verified.principal).toEqual(principal);
    expect(Math.abs(verified.expiresAt - (Date.now() + 3_600_000))).toBeLessThan(2_000);
  });

  it('verifies tokens of a rotated-out key while it is still listed', async () => {
    const old = signingKeyFromSecret('old-secret-0123456789-0123456789');
    const token = await mintToken(old, principal);
    expect((await verifyToken([key, old], token)).principal.organizationId).toBe('ORG-26-090500');
    await expect(verifyToken([key], token)).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('refuses expired, tampered and foreign tokens with unauthorized', async () => {
    const expired = await mintToken(key, principal, { expiresIn: Math.floor(Date.now() / 1000) - 10 });
    await expect(verifyToken([key], expired)).rejects.toMatchObject({ code: 'unauthorized', message: 'Token has expired.' });
    const token = await mintToken(key, principal);
    const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    await expect(verifyToken([key], tampered)).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(verifyToken([key], 'not.a.token')).rejects.toMatchObject({ code: 'unauthorized' });
    const noOrg = await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256', kid: key.kid })
      .setSubject('USR-26-000044').setIssuer('scrums-platform-graph').setAudience('scrums-api').setExpirationTime('1h')
      .sign(new TextEncoder().encode(key.secret));
    await expect(verifyToken([key], noOrg)).rejects.toMatchObject({ code: 'unauthorized' });
  });
});

describe('token lifetimes', () => {
  const policy = { maxLifetimeSeconds: 24 * 3600 };
  const now = () => Math.floor(Date.now() / 1000);
  /** A token with exactly the time claims given (none when undefined). */
  const signed = (claims: { iat?: number; exp?: number; nbf?: number }) => {
    const jwt = new SignJWT({ org: principal.organizationId, role: 'admin', ...claims }).setProtectedHeader({ alg: 'HS256', kid: key.kid })
      .setSubject('USR-26-000044').setIssuer('scrums-platform-graph').setAudience('scrums-api');
    return jwt.sign(new TextEncoder().encode(key.secret));
  };
  const refused = async (token: Promise<string>, message: string) =>
    expect(verifyToken([key], await token, policy)).rejects.toMatchObject({ code: 'unauthorized', message });

  it('requires an expiry', async () => {
    await refused(signed({ iat: now() }), 'Token has no expiry (exp): every token must carry one.');
  });

  it('bounds the lifetime, from issue and from now, and accepts one at the bound', async () => {
    await expect(verifyToken([key], await signed({ iat: now(), exp: now() + 24 * 3600 }), policy)).resolves.toBeTruthy();
    await refused(signed({ iat: now(), exp: 10 ** 15 }), 'Token lives longer than the maximum of 86400 seconds (exp - iat); mint a shorter-lived one.');
    await refused(signed({ exp: now() + 25 * 3600 }), 'Token lives longer than the maximum of 86400 seconds (exp - iat); mint a shorter-lived one.');
    // Issued long ago for longer than allowed, though little of it is left.
    await refused(signed({ iat: now() - 47 * 3600, exp: now() + 3600 }), 'Token lives longer than the maximum of 86400 seconds (exp - iat); mint a shorter-lived one.');
    await expect(verifyToken([key], await signed({ iat: now(), exp: now() + 3 * 24 * 3600 }), { maxLifetimeSeconds: 3 * 24 * 3600 })).resolves.toBeTruthy();
  });

  it('allows a minute of clock skew on iat and nbf, not more', async () => {
    await expect(verifyToken([key], await signed({ iat: now() + 30, nbf: now() + 30, exp: now() + 3600 }), policy)).resolves.toBeTruthy();
    await refused(signed({ iat: now() + 365 * 24 * 3600, exp: now() + 365 * 24 * 3600 + 60 }), 'Token is issued in the future (iat), more than 60 seconds ahead of this server\'s clock.');
    await refused(signed({ iat: now() + 120, exp: now() + 3600 }), 'Token is issued in the future (iat), more than 60 seconds ahead of this server\'s clock.');
    await refused(signed({ iat: now(), nbf: now() + 120, exp: now() + 3600 }), 'Token is not valid yet (nbf).');
  });

  it('refuses a token from the second it expires', async () => {
    const token = await signed({ iat: now() - 60, exp: now() + 60 });
    await expect(verifyToken([key], token, { ...policy, now: () => (now() + 59) * 1000 })).resolves.toBeTruthy();
    await expect(verifyToken([key], token, { ...policy, now: () => (now() + 60) * 1000 })).rejects.toMatchObject({ message: 'Token has expired.' });
  });
});

describe('sealed credentials', () => {
  it('seals so that the stored text reveals nothing and only the key opens it', () => {
    const k = sealingKey(undefined, 'some-secret');
    const sealed = seal(k, { api_key: 'dd-secret-123' });
    expect(sealed).not.toContain('dd-secret-123');
    expect(unseal(k, sealed)).toEqual({ api_key: 'dd-secret-123' });
    expect(() => unseal(sealingKey(undefined, 'other'), sealed)).toThrow();
  });
});
