import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * Signing per the Standard Webhooks specification, with its reference library: each request
 * carries `webhook-id` (the event's ID: receivers deduplicate retries by it), `webhook-timestamp`
 * (Unix seconds) and `webhook-signature`, a space-separated list of `v1,<base64 HMAC-SHA256 of
 * "id.timestamp.body">`, one per secret in force. During a rotation the old and the new secret
 * both sign, so a receiver holding either verifies.
 */
export const SECRET_PREFIX = 'whsec_';
/** 24 random bytes, as Standard Webhooks' own examples (and Svix) mint them: within its 24..64. */
const SECRET_BYTES = 24;

export function mintSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString('base64')}`;
}

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

export function signedHeaders(secrets: readonly string[], messageId: string, timestamp: Date, body: string): SignedHeaders {
  if (secrets.length === 0) throw new Error('no signing secret');
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(messageId, timestamp, body)).join(' '),
  };
}
