import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';

/** What the callback needs to finish an authorisation it did not start. */
const pendingAuthorization = z.object({
  workspaceId: z.uuid(),
  accountId: z.uuid(),
  platform: z.string(),
  redirectUri: z.string(),
  codeVerifier: z.string().optional(),
});
export type PendingAuthorization = z.infer<typeof pendingAuthorization>;

/** Long enough to log in and consent, short enough that a leaked link soon stops working. */
export const authorizationTtlSeconds = 600;

export interface AuthorizationStates {
  /** Stores the pending authorisation under a fresh unguessable state; returns it and when it lapses. */
  create(pending: PendingAuthorization, now: Date): Promise<{ state: string; expiresAt: Date }>;
  /** The pending authorisation of a state, once: a state is consumed by its first use (GETDEL). */
  take(state: string): Promise<PendingAuthorization | undefined>;
}

/** OAuth `state` values in Redis, shared by every gateway process, single use and expiring. */
export function createAuthorizationStates(redis: Pick<Redis, 'set' | 'getdel'>, prefix: string): AuthorizationStates {
  const key = (state: string) => `${prefix}:oauth-state:${state}`;
  return {
    async create(pending, now) {
      const state = randomBytes(32).toString('base64url');
      await redis.set(key(state), JSON.stringify(pending), 'EX', authorizationTtlSeconds);
      return { state, expiresAt: new Date(now.getTime() + authorizationTtlSeconds * 1000) };
    },
    async take(state) {
      if (!/^[A-Za-z0-9_-]{20,100}$/.test(state)) return undefined;
      const stored = await redis.getdel(key(state));
      if (!stored) return undefined;
      const parsed = pendingAuthorization.safeParse(JSON.parse(stored));
      return parsed.success ? parsed.data : undefined;
    },
  };
}
