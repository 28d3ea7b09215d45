import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCredentialCipher, CredentialsUnreadable, parseCredentialKeys } from '../src/index.ts';

const keyText = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
const credentials = { accessToken: 'EAAB-secret-access-token', refreshToken: 'refresh-secret', expiresAt: '2026-12-01T00:00:00.000Z' };

describe('the credential cipher', () => {
  it('seals with the first key and opens what it sealed; the sealed record holds no token in clear', () => {
    const cipher = createCredentialCipher(parseCredentialKeys(`${keyText('k2')},${keyText('k1')}`));
    const sealed = cipher.seal(credentials);
    expect(sealed.kid).toBe('k2');
    expect(JSON.stringify(sealed)).not.toContain('secret');
    expect(cipher.open(sealed)).toEqual(credentials);
    // A fresh nonce each time: the same credentials never seal to the same bytes.
    expect(cipher.seal(credentials).data).not.toBe(sealed.data);
  });

  it('opens records sealed under an older key still listed, and says they need resealing', () => {
    const old = keyText('old');
    const sealedBefore = createCredentialCipher(parseCredentialKeys(old)).seal(credentials);
    const rotated = createCredentialCipher(parseCredentialKeys(`${keyText('new')},${old}`));
    expect(rotated.open(sealedBefore)).toEqual(credentials);
    expect(rotated.needsResealing(sealedBefore)).toBe(true);
    expect(rotated.needsResealing(rotated.seal(credentials))).toBe(false);
  });

  it('refuses a tampered record, a record under a dropped key and one relabelled to another key', () => {
    const a = keyText('a');
    const b = keyText('b');
    const cipher = createCredentialCipher(parseCredentialKeys(`${a},${b}`));
    const sealed = cipher.seal(credentials);
    const flipped = Buffer.from(sealed.data, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => cipher.open({ ...sealed, data: flipped.toString('base64') })).toThrow(CredentialsUnreadable);
    expect(() => cipher.open({ ...sealed, kid: 'b' })).toThrow(/fail authentication/);
    expect(() => createCredentialCipher(parseCredentialKeys(b)).open(sealed)).toThrow(/key "a", which CREDENTIALS_KEYS no longer lists/);
    expect(() => cipher.open({ accessToken: 'plain' })).toThrow(/not a sealed record/);
  });

  it('explains a malformed CREDENTIALS_KEYS', () => {
    expect(() => parseCredentialKeys('')).toThrow(/at least one key/);
    expect(() => parseCredentialKeys('nokey')).toThrow(/id:base64key/);
    expect(() => parseCredentialKeys(`k1:${randomBytes(16).toString('base64')}`)).toThrow(/32 bytes.*not 16/);
    expect(() => parseCredentialKeys(`${keyText('k1')},${keyText('k1')}`)).toThrow(/same key id twice/);
  });
});
