import { createHash, randomBytes, randomInt } from 'node:crypto';

/**
 * API keys travel in the same `Authorization: Bearer` header as tokens, as `sk_<prefix>_<secret>`.
 * The prefix is short, random and not secret: lists show it so people can tell their keys apart.
 * The secret is 256 random bits, so a single SHA-256 of the whole key is as strong as a slow hash
 * would be, and lets the gateway find the key with one indexed lookup. Only that hash is stored.
 */
export const API_KEY_MARKER = 'sk_';
const PREFIX_LENGTH = 10;
const SECRET_BYTES = 32;
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// base64url of 32 bytes is 43 characters, without padding; it may itself contain `_` and `-`.
const KEY_PATTERN = /^sk_([A-Za-z0-9]{10})_([A-Za-z0-9_-]{43})$/;

/**
 * The channel a revocation NOTIFYs, with the key's ID, in the revoking transaction: every gateway
 * replica LISTENs and ends the key's open subscriptions at once (gateway/sessions.ts).
 */
export const API_KEY_REVOKED_CHANNEL = 'scrums_api_key_revoked';

export interface MintedApiKey {
  /** The whole key: shown to its creator once, never stored. */
  token: string;
  tokenPrefix: string;
  secretHash: string;
}

export function mintApiKey(): MintedApiKey {
  const tokenPrefix = Array.from({ length: PREFIX_LENGTH }, () => BASE62[randomInt(BASE62.length)]).join('');
  const token = `${API_KEY_MARKER}${tokenPrefix}_${randomBytes(SECRET_BYTES).toString('base64url')}`;
  return { token, tokenPrefix, secretHash: hashApiKey(token) };
}

export function hashApiKey(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether a bearer credential claims to be an API key (rather than a JWT). */
export function isApiKeyToken(token: string): boolean {
  return token.startsWith(API_KEY_MARKER);
}

/** Whether a key has the exact shape keys are minted with; anything else need not be looked up. */
export function isWellFormedApiKey(token: string): boolean {
  return KEY_PATTERN.test(token);
}
