import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { CredentialKey } from './credentialCipher.ts';

/** What an unsubscribe link stops: one event kind of one workspace's e-mail to one address. */
export interface UnsubscribeClaim {
  workspaceId: string;
  email: string;
  event: string;
}

/** Keys for links only, derived per credential key: a link's MAC is good for nothing else. */
const linkKey = (key: Buffer) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'goalpost unsubscribe links v1', 32));

/**
 * Signed, single-purpose unsubscribe tokens (`<key id>.<claim>.<mac>`, base64url): HMAC-SHA256 under a
 * key derived from CREDENTIALS_KEYS, which gateway and worker both hold, so the worker signs the link
 * every e-mail carries and the gateway checks it. Tokens do not expire: an old e-mail's link still works.
 */
export function createUnsubscribeTokens(keys: readonly CredentialKey[]) {
  const current = keys[0];
  if (!current) throw new Error('unsubscribe tokens need at least one key');
  const byId = new Map(keys.map((k) => [k.id, linkKey(k.key)]));
  const mac = (key: Buffer, body: string) => createHmac('sha256', key).update(`unsubscribe.${body}`).digest();
  return {
    sign(claim: UnsubscribeClaim): string {
      const body = Buffer.from(JSON.stringify({ w: claim.workspaceId, e: claim.email.toLowerCase(), v: claim.event })).toString('base64url');
      return `${current.id}.${body}.${mac(byId.get(current.id)!, body).toString('base64url')}`;
    },
    /** The claim of a token this deployment signed, or null (unknown key, altered, malformed). */
    verify(token: string): UnsubscribeClaim | null {
      const [kid, body, signature, ...rest] = token.split('.');
      const key = kid ? byId.get(kid) : undefined;
      if (!key || !body || !signature || rest.length > 0) return null;
      const given = Buffer.from(signature, 'base64url');
      const expected = mac(key, body);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      try {
        const parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { w?: unknown; e?: unknown; v?: unknown };
        if (typeof parsed.w !== 'string' || typeof parsed.e !== 'string' || typeof parsed.v !== 'string') return null;
        return { workspaceId: parsed.w, email: parsed.e, event: parsed.v };
      } catch {
        return null;
      }
    },
  };
}

export type UnsubscribeTokens = ReturnType<typeof createUnsubscribeTokens>;
