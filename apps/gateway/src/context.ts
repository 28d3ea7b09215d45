import type { Db } from '@goalpost/db';
import type { GoalpostQueues } from '@goalpost/jobs';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { LivePubSub } from './live/livePubSub.ts';
import type { AccountConnections } from './oauth/accountConnections.ts';

/** What every resolver may use; built per request by `createContext`. */
export interface GatewayDeps {
  db: Db;
  queues: GoalpostQueues;
  pubsub: LivePubSub;
  /** Fails fast while Redis is away (no offline queue); shared counters such as rate limits. */
  redis: Redis;
  log: Logger;
  now: () => Date;
  /** Pings Postgres and Redis for /readyz. */
  ready: () => Promise<{ postgres: boolean; redis: boolean }>;
  webhookMaxBodyBytes: number;
  meta: { appSecret?: string | undefined; verifyToken?: string | undefined };
  /** Notification channels may take http:// URLs (OUTBOUND_ALLOW_HTTP, development). */
  outboundAllowHttp: boolean;
  /** Sealing credentials and the OAuth flow of CONNECTOR accounts. */
  connections: AccountConnections;
}

export type WorkspaceRole = 'OWNER' | 'EDITOR' | 'VIEWER';

/** Who is asking: a person (userId, through a session) or an API token (tokenId), with its role in the workspace. */
export interface Caller {
  workspaceId: string;
  role: WorkspaceRole;
  userId?: string;
  tokenId?: string;
}

export interface GatewayContext extends GatewayDeps {
  caller: Caller | null;
}

/** The workspace of an authenticated caller; scope-auth guarantees it exists where this is called. */
export function workspaceOf(ctx: GatewayContext): string {
  if (!ctx.caller) throw new Error('Unauthenticated request reached a protected resolver.');
  return ctx.caller.workspaceId;
}
