import { serialize } from 'cookie';

export const sessionCookieName = 'goalpost_session';

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site POSTs),
 * Secure whenever the gateway is reached over HTTPS, for the whole site.
 */
export function sessionCookie(sessionId: string, expiresAt: Date, secure: boolean): string {
  return serialize(sessionCookieName, sessionId, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: expiresAt });
}

export function clearedSessionCookie(secure: boolean): string {
  return serialize(sessionCookieName, '', { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: new Date(0), maxAge: 0 });
}
