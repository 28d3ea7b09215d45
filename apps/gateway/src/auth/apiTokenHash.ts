import { createHash, randomBytes } from 'node:crypto';

/** Tokens are stored as SHA-256 hashes: a database leak reveals no usable token. */
export const hashApiToken = (token: string): string => createHash('sha256').update(token).digest('hex');
export const generateApiToken = (): string => `gp_${randomBytes(32).toString('base64url')}`;
