import type { Db, WorkspaceRole } from '@goalpost/db';
import type { GoalpostQueues } from '@goalpost/jobs';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { AuthSettings } from './auth/authSettings.ts';
import type { CredentialRevocations } from './auth/credentialRevocations.ts';
import type { RequestCredentials } from './auth/requestCredentials.ts';
import type { SignUpThrottle } from './auth/signUpThrottle.ts';
import type { SignInThrottle } from './auth/signInThrottle.ts';
import type { LivePubSub } from './live/livePubSub.ts';
import type { AccountConnections } from './oauth/accountConnections.ts';
import type { UnsubscribeTokens } from '@goalpost/credentials';

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
  /** People, sessions and tokens: settings, the sign-in throttle, revocations of open subscriptions. */
  authServices: AuthServices;
  /** Checks the signed unsubscribe links of e-mails (from CREDENTIALS_KEYS, which the worker signs with). */
  unsubscribe: Pick<UnsubscribeTokens, 'verify'> | undefined;
}

export interface AuthServices {
  settings: AuthSettings;
  throttle: SignInThrottle;
  signUpThrottle: SignUpThrottle;
  revocations: CredentialRevocations;
}

export type { WorkspaceRole };

/**
 * Who acts, in which workspace, with which role. A signed-in person has `userId`; an API token has
 * `tokenId` (and no userId: the token, not the person who made it, is the actor).
 */
export interface Caller {
  workspaceId: string;
  role: WorkspaceRole;
  userId?: string;
  tokenId?: string;
}

/** The credential a request authenticated with, before any workspace is chosen. */
export type Identity =
  | { kind: 'token'; tokenId: string; workspaceId: string; role: WorkspaceRole }
  | { kind: 'session'; sessionId: string; userId: string; email: string; name: string; expiresAt: Date };

export interface RequestAuth {
  identity: Identity | null;
  /** Why an authenticated request has no caller (no workspace named, not a member of it), or null. */
  workspaceRefusal: string | null;
  credentials: RequestCredentials;
  /** Why this browser request may not act with a session (sign in included): CSRF, or null. */
  crossSite: string | null;
  /** Set-Cookie values for the response (sign-in, sign-out, a stale cookie cleared). */
  responseCookies: string[];
  secureCookies: boolean;
}

export interface GatewayContext extends GatewayDeps {
  caller: Caller | null;
  auth: RequestAuth;
}

/** The caller of a request that acts in a workspace; scope-auth guarantees it exists where this is called. */
export function callerOf(ctx: GatewayContext): Caller {
  if (!ctx.caller) throw new Error('Unauthenticated request reached a protected resolver.');
  return ctx.caller;
}

/** The workspace of an authenticated caller; scope-auth guarantees it exists where this is called. */
export function workspaceOf(ctx: GatewayContext): string {
  return callerOf(ctx).workspaceId;
}

export type SessionIdentity = Extract<Identity, { kind: 'session' }>;

/** The signed-in person of a request; scope-auth (signedIn) guarantees one where this is called. */
export function personOf(ctx: GatewayContext): SessionIdentity {
  if (ctx.auth.identity?.kind !== 'session') throw new Error('A request without a session reached a resolver for signed-in people.');
  return ctx.auth.identity;
}
