import { describe, it, expect } from 'vitest';
import { loadConfig } from '../subgraphs/kit/config.ts';
import { verificationKeys } from './auth.ts';
import { signingKeyFromSecret } from '../subgraphs/kit/auth/tokens.ts';

describe('gateway signing keys', () => {
  it('reads AUTH_PREVIOUS_SECRETS as a comma-separated list of verify-only secrets', () => {
    expect(loadConfig({}).authPreviousSecrets).toEqual([]);
    const config = loadConfig({ AUTH_SECRET: 'current', AUTH_PREVIOUS_SECRETS: ' old-1, ,old-2,' });
    expect(config.authPreviousSecrets).toEqual(['old-1', 'old-2']);
    // The current secret comes first: it is the one that signs.
    expect(verificationKeys(config)).toEqual(['current', 'old-1', 'old-2'].map(signingKeyFromSecret));
  });
});
