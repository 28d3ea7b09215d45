import { createHash, randomBytes } from 'node:crypto';

/**
 * Tokens, session ids and invitation links are 256-bit random secrets stored as SHA-256 hashes: a
 * database leak reveals none that works. (A slow hash is for guessable passwords, not for these.)
 */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');
export const hashApiToken = hashSecret;

/** A fresh secret with a prefix that says what it is (`gp_` API token, `gps_` session, `gpi_` invitation). */
export const generateSecret = (prefix: string): string => `${prefix}${randomBytes(32).toString('base64url')}`;
export const generateApiToken = (): string => generateSecret('gp_');

/** What lists show of a token so that people recognise it: `gp_` and 7 characters, never enough to use it. */
export const apiTokenPrefix = (token: string): string => token.slice(0, 10);
