import { deleteStaleSessionsOfUser, insertSession, revokeSessions, type UserRow } from '@goalpost/db';
import type { GatewayContext } from '../context.ts';
import { generateSecret, hashSecret } from './apiTokenHash.ts';
import { revocationKey } from './credentialRevocations.ts';
import { sessionCookie } from './sessionCookie.ts';

/**
 * Signs `user` in: a new session id each time (the session a request arrived with, if any, is
 * revoked, so a planted id is worth nothing), stored hashed, sent as the session cookie. The rest of
 * this request then has that person's identity (its caller is for the resolver to choose).
 */
export async function startSession(ctx: GatewayContext, user: Pick<UserRow, 'id' | 'email' | 'name'>): Promise<{ expiresAt: Date }> {
  const now = ctx.now();
  const { settings, revocations } = ctx.authServices;
  const previous = ctx.auth.identity?.kind === 'session' ? ctx.auth.identity.sessionId : null;
  if (previous) {
    await revokeSessions(ctx.db, { sessionId: previous }, now);
    await revocations.revoke([revocationKey.session(previous)]);
  }
  await deleteStaleSessionsOfUser(ctx.db, user.id, now);
  const sessionId = generateSecret('gps_');
  const expiresAt = new Date(now.getTime() + settings.sessionMaxHours * 3_600_000);
  const session = await insertSession(ctx.db, { userId: user.id, idHash: hashSecret(sessionId), now, expiresAt, userAgent: ctx.auth.credentials.userAgent });
  ctx.auth.responseCookies.push(sessionCookie(sessionId, expiresAt, ctx.auth.secureCookies));
  ctx.auth.identity = { kind: 'session', sessionId: session.id, userId: user.id, email: user.email, name: user.name, expiresAt };
  ctx.caller = null;
  return { expiresAt };
}
