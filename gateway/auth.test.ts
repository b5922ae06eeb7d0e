import { describe, it, expect } from 'vitest';
import { loadConfig } from '../platform/config.ts';
import { verificationKeys } from './auth.ts';
import { signingKeyFromSecret } from '../platform/auth/tokens.ts';

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
});
