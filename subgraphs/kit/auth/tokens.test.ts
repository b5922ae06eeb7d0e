import { describe, it, expect } from 'vitest';
import { SignJWT } from 'jose';
import { mintToken, verifyToken, signingKeyFromSecret, type Principal } from './tokens.ts';
import { seal, unseal, sealingKey } from '../secrets.ts';

const key = signingKeyFromSecret('test-secret-0123456789-0123456789');
const principal: Principal = { organizationId: 'ORG-26-090500', workspaceId: 'WS-26-000021', role: 'member', actorId: 'USR-26-000044', actorType: 'user' };

describe('bearer tokens', () => {
  it('round-trips a principal', async () => {
    expect(await verifyToken([key], await mintToken(key, principal))).toEqual(principal);
  });

  it('verifies tokens of a rotated-out key while it is still listed', async () => {
    const old = signingKeyFromSecret('old-secret-0123456789-0123456789');
    const token = await mintToken(old, principal);
    expect((await verifyToken([key, old], token)).organizationId).toBe('ORG-26-090500');
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

describe('sealed credentials', () => {
  it('seals so that the stored text reveals nothing and only the key opens it', () => {
    const k = sealingKey(undefined, 'some-secret');
    const sealed = seal(k, { api_key: 'dd-secret-123' });
    expect(sealed).not.toContain('dd-secret-123');
    expect(unseal(k, sealed)).toEqual({ api_key: 'dd-secret-123' });
    expect(() => unseal(sealingKey(undefined, 'other'), sealed)).toThrow();
  });
});
