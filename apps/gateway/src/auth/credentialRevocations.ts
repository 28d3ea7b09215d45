import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { z } from 'zod';

/**
 * What a credential answers to: an API token, a session, or a person's membership of a workspace.
 * Open subscriptions and WebSockets watch their keys and end when one is revoked.
 */
export const revocationKey = {
  token: (tokenId: string) => `token:${tokenId}`,
  session: (sessionId: string) => `session:${sessionId}`,
  membership: (workspaceId: string, userId: string) => `member:${workspaceId}:${userId}`,
};

export interface CredentialRevocations {
  /** Ends whatever watches these keys, on every gateway instance (Redis pub/sub) and here at once. */
  revoke(keys: readonly string[]): Promise<void>;
  /** Calls `onRevoked` once when any key is revoked; answers how to stop watching. */
  watch(keys: readonly string[], onRevoked: () => void): () => void;
}

const message = z.object({ keys: z.array(z.string()) });

export function createCredentialRevocations(clients: { publish: Redis; subscribe: Redis }, namespace: string, log: Logger): CredentialRevocations {
  const channel = `${namespace}:credential-revoked`;
  const watchers = new Map<string, Set<() => void>>();

  const fire = (keys: readonly string[]) => {
    for (const key of keys) {
      for (const onRevoked of watchers.get(key) ?? []) onRevoked();
    }
  };

  // The subscriber connection re-subscribes by itself after a reconnect (ioredis autoResubscribe).
  clients.subscribe.subscribe(channel).catch((err: unknown) => log.warn({ err }, 'could not subscribe to credential revocations'));
  clients.subscribe.on('message', (from: string, payload: string) => {
    if (from !== channel) return;
    let parsed: z.infer<typeof message> | undefined;
    try {
      parsed = message.parse(JSON.parse(payload));
    } catch {
      parsed = undefined;
    }
    if (parsed) fire(parsed.keys);
  });

  return {
    revoke: async (keys) => {
      if (keys.length === 0) return;
      fire(keys);
      await clients.publish.publish(channel, JSON.stringify({ keys })).catch((err: unknown) => {
        // The other instances still refuse the credential at its next event (re-checked on delivery).
        log.warn({ err }, 'credential revocation not published');
      });
    },
    watch: (keys, onRevoked) => {
      let done = false;
      const once = () => {
        if (done) return;
        done = true;
        stop();
        onRevoked();
      };
      const stop = () => {
        for (const key of keys) {
          const set = watchers.get(key);
          set?.delete(once);
          if (set?.size === 0) watchers.delete(key);
        }
      };
      for (const key of keys) {
        const set = watchers.get(key) ?? new Set();
        set.add(once);
        watchers.set(key, set);
      }
      return () => {
        done = true;
        stop();
      };
    },
  };
}
