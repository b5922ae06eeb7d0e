import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Integration credentials are sealed with AES-256-GCM before they touch the database. The platform's
 * sync workers need them back (a hash would not do), the API never does: only `unseal` reads them,
 * and no resolver or REST mapper calls it.
 */
export interface SealingKey {
  id: string;
  key: Buffer;
}

/** CREDENTIALS_KEY (32 bytes, base64) in production; otherwise a key derived from the auth secret. */
export function sealingKey(credentialsKey: string | undefined, fallbackSecret: string): SealingKey {
  const key = credentialsKey
    ? Buffer.from(credentialsKey, 'base64')
    : createHash('sha256').update(`credentials:${fallbackSecret}`).digest();
  if (key.length !== 32) throw new Error('CREDENTIALS_KEY must be 32 bytes, base64-encoded');
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 12), key };
}

export function seal(key: SealingKey, value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64')).join('.');
}

export function unseal(key: SealingKey, sealed: string): unknown {
  const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64'));
  const decipher = createDecipheriv('aes-256-gcm', key.key, iv);
  decipher.setAuthTag(tag);
  return JSON.parse(Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8'));
}
