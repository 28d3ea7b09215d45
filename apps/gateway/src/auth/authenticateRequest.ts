import {
  findLiveApiToken, findLiveApiTokenByHash, findLiveSession, findMembership, listMembershipsOfUser, touchApiToken, touchSession,
} from '@goalpost/db';
import { GraphQLError } from 'graphql';
import type { Caller, GatewayDeps, Identity, RequestAuth } from '../context.ts';
import { hashApiToken, hashSecret } from './apiTokenHash.ts';
import { crossSiteRefusal } from './crossSiteCheck.ts';
import { workspaceHeader, type RequestCredentials } from './requestCredentials.ts';
import { clearedSessionCookie } from './sessionCookie.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A cookie request from another site: refused whole (403), before anything runs. */
export function crossSiteError(reason: string): GraphQLError {
  return new GraphQLError(reason, { extensions: { code: 'CSRF_REFUSED', http: { status: 403 } } });
}

type AuthDeps = Pick<GatewayDeps, 'db' | 'now' | 'authServices' | 'log'>;

/**
 * Who a request is and where it acts. A bearer token wins over a cookie (and needs no CSRF check);
 * a token or session that is unknown, revoked or expired authenticates nobody — the request is then
 * anonymous, answered exactly as one without credentials. A signed-in person acts in the workspace the
 * `x-goalpost-workspace` header names, or in their only one.
 */
export async function authenticateRequest(deps: AuthDeps, credentials: RequestCredentials): Promise<{ auth: RequestAuth; caller: Caller | null }> {
  const { settings } = deps.authServices;
  const allowed = new Set([new URL(settings.publicUrl).origin, ...settings.appOrigins]);
  const auth: RequestAuth = {
    identity: null,
    workspaceRefusal: null,
    credentials,
    crossSite: crossSiteRefusal(credentials, allowed),
    responseCookies: [],
    secureCookies: settings.publicUrl.startsWith('https:') || credentials.secure,
  };
  const now = deps.now();
  const named = credentials.workspace?.trim() || null;
  if (named !== null && !uuid.test(named)) {
    auth.workspaceRefusal = `The ${workspaceHeader} header must be a workspace id (as listed by \`workspaces\`), not "${named.slice(0, 60)}".`;
  }

  if (credentials.authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(credentials.authorization.trim());
    const token = match ? await findLiveApiTokenByHash(deps.db, hashApiToken(match[1]!)) : undefined;
    if (!token) return { auth, caller: null };
    auth.identity = { kind: 'token', tokenId: token.id, workspaceId: token.workspace_id, role: token.role };
    // Written at most once a minute (the row says when it was last written), so most requests write nothing.
    if (!token.last_used_at || now.getTime() - token.last_used_at.getTime() > 60_000) {
      await touchApiToken(deps.db, token.id, now).catch((err: unknown) => deps.log.warn({ err }, 'api token use not recorded'));
    }
    if (auth.workspaceRefusal) return { auth, caller: null };
    if (named && named !== token.workspace_id) {
      auth.workspaceRefusal = `This API token belongs to another workspace than the ${workspaceHeader} header names; leave the header out or use a token of that workspace.`;
      return { auth, caller: null };
    }
    return { auth, caller: { workspaceId: token.workspace_id, role: token.role, tokenId: token.id } };
  }

  if (!credentials.sessionId) return { auth, caller: null };
  if (auth.crossSite) throw crossSiteError(auth.crossSite);
  const idleSince = new Date(now.getTime() - settings.sessionIdleMinutes * 60_000);
  const live = await findLiveSession(deps.db, { idHash: hashSecret(credentials.sessionId) }, now, idleSince);
  if (!live) {
    // A cookie that names no live session is dropped, so the browser stops sending it.
    auth.responseCookies.push(clearedSessionCookie(auth.secureCookies));
    return { auth, caller: null };
  }
  const { session, user } = live;
  auth.identity = { kind: 'session', sessionId: session.id, userId: user.id, email: user.email, name: user.name, expiresAt: session.expires_at };
  // Slides the idle expiry, at most once a minute; awaited, so the next request sees it.
  if (now.getTime() - session.last_seen_at.getTime() > 60_000) {
    await touchSession(deps.db, session.id, now).catch((err: unknown) => deps.log.warn({ err }, 'session use not recorded'));
  }
  if (auth.workspaceRefusal) return { auth, caller: null };

  if (named) {
    const membership = await findMembership(deps.db, named, user.id);
    if (!membership) {
      auth.workspaceRefusal = `You are not a member of workspace ${named}: \`workspaces\` lists yours.`;
      return { auth, caller: null };
    }
    return { auth, caller: { workspaceId: named, role: membership.role, userId: user.id } };
  }
  const memberships = await listMembershipsOfUser(deps.db, user.id);
  if (memberships.length === 1) {
    return { auth, caller: { workspaceId: memberships[0]!.workspace_id, role: memberships[0]!.role, userId: user.id } };
  }
  auth.workspaceRefusal = memberships.length === 0
    ? 'You belong to no workspace yet: create one (createWorkspace) or accept an invitation.'
    : `You belong to ${memberships.length} workspaces: name one with the ${workspaceHeader} header (\`workspaces\` lists their ids).`;
  return { auth, caller: null };
}

/**
 * Whether the credential behind an open subscription still holds: the token unrevoked, or the session
 * live (the idle limit aside: a subscription is use) and its person still a member. Checked before each
 * event is delivered, so an instance that missed a revocation message still stops.
 */
export async function identityStillValid(deps: Pick<GatewayDeps, 'db' | 'now'>, identity: Identity, workspaceId: string): Promise<boolean> {
  if (identity.kind === 'token') {
    return (await findLiveApiToken(deps.db, identity.tokenId)) !== undefined;
  }
  const live = await findLiveSession(deps.db, { id: identity.sessionId }, deps.now(), null);
  return live !== undefined && (await findMembership(deps.db, workspaceId, identity.userId)) !== undefined;
}
