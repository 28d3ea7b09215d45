import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { platformCredentials, type PlatformCredentials } from './platformCredentials.ts';

/** Credentials as stored: AES-256-GCM under the key named by `kid`, so keys can rotate. */
export interface SealedCredentials {
  v: 1;
  kid: string;
  /** Base64 of the 12-byte nonce, the 16-byte tag and the ciphertext. */
  iv: string;
  tag: string;
  data: string;
}

export interface CredentialKey {
  id: string;
  key: Buffer;
}

/**
 * Reads `CREDENTIALS_KEYS`: `id:base64key[,id:base64key…]`, each key 32 bytes; the first seals, every one
 * opens (so an old key stays listed until nothing sealed with it is left).
 */
export function parseCredentialKeys(value: string): CredentialKey[] {
  const keys = value.split(',').map((entry) => entry.trim()).filter(Boolean).map((entry, index) => {
    const separator = entry.indexOf(':');
    const id = entry.slice(0, separator).trim();
    if (separator <= 0 || !/^[A-Za-z0-9_.-]{1,40}$/.test(id)) {
      throw new Error(`key ${index + 1} must look like id:base64key, with an id of letters, digits, _ . - (e.g. k2026:$(openssl rand -base64 32))`);
    }
    const key = Buffer.from(entry.slice(separator + 1).trim(), 'base64');
    if (key.length !== 32) throw new Error(`key "${id}" must be 32 bytes of base64 (openssl rand -base64 32), not ${key.length}`);
    return { id, key };
  });
  if (keys.length === 0) throw new Error('must list at least one key, e.g. k1:$(openssl rand -base64 32)');
  const ids = new Set(keys.map((k) => k.id));
  if (ids.size !== keys.length) throw new Error('lists the same key id twice');
  return keys;
}

export function isSealedCredentials(value: unknown): value is SealedCredentials {
  const v = value as SealedCredentials | null;
  return typeof v === 'object' && v !== null && v.v === 1 && typeof v.kid === 'string' && typeof v.iv === 'string' && typeof v.tag === 'string' && typeof v.data === 'string';
}

export class CredentialsUnreadable extends Error {
  override readonly name = 'CredentialsUnreadable';
}

export function createCredentialCipher(keys: readonly CredentialKey[]) {
  const current = keys[0];
  if (!current) throw new Error('a credential cipher needs at least one key');
  const byId = new Map(keys.map((k) => [k.id, k.key]));
  return {
    currentKeyId: current.id,
    seal(credentials: PlatformCredentials): SealedCredentials {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.key, iv);
      // The key id is authenticated too: a record cannot be moved under another key's name.
      cipher.setAAD(Buffer.from(current.id));
      const data = Buffer.concat([cipher.update(JSON.stringify(platformCredentials.parse(credentials)), 'utf8'), cipher.final()]);
      return { v: 1, kid: current.id, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
    },
    open(sealed: unknown): PlatformCredentials {
      if (!isSealedCredentials(sealed)) throw new CredentialsUnreadable('the stored credentials are not a sealed record');
      const key = byId.get(sealed.kid);
      if (!key) throw new CredentialsUnreadable(`the credentials were sealed with key "${sealed.kid}", which CREDENTIALS_KEYS no longer lists`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
        decipher.setAAD(Buffer.from(sealed.kid));
        decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
        const plain = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
        return platformCredentials.parse(JSON.parse(plain));
      } catch {
        throw new CredentialsUnreadable(`the credentials sealed with key "${sealed.kid}" fail authentication (tampered, or the key changed under the same id)`);
      }
    },
    /** True when the record should be sealed again under the current key (rotation). */
    needsResealing(sealed: SealedCredentials): boolean {
      return sealed.kid !== current.id;
    },
  };
}
export type CredentialCipher = ReturnType<typeof createCredentialCipher>;

/** `CREDENTIALS_KEYS` as an environment variable: unset (or empty) means no connector credentials. */
export const credentialKeysVariable = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z
    .string()
    .transform((value, ctx) => {
      try {
        return parseCredentialKeys(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    })
    .optional(),
);
