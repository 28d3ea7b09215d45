import { listLiveSessions, revokeSessions, type SessionRow } from '@goalpost/db';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { personOf } from '../context.ts';
import { revocationKey } from '../auth/credentialRevocations.ts';
import { clearedSessionCookie } from '../auth/sessionCookie.ts';
import { NotFoundError } from '../errors.ts';
import { builder } from './builder.ts';
import { localId } from './globalIds.ts';
import { ViewerRef } from './viewer.ts';

/** One of the signed-in person's sessions, as `viewer.sessions` lists them; `current` marks the request's own. */
const UserSessionRef = builder.objectRef<SessionRow & { current: boolean }>('UserSession').implement({
  description: "A place the person is signed in. Never carries the session's secret (the cookie's value): `id` only names it for revokeSession.",
  fields: (t) => ({
    id: t.id({ resolve: (s) => encodeGlobalID('UserSession', s.id) }),
    createdAt: t.expose('created_at', { type: 'DateTime', description: 'When it was signed in.' }),
    lastSeenAt: t.expose('last_seen_at', { type: 'DateTime', description: 'Its last use (recorded at most once a minute).' }),
    expiresAt: t.expose('expires_at', { type: 'DateTime', description: 'When it ends at the latest (sooner when unused for the idle time).' }),
    userAgent: t.exposeString('user_agent', { nullable: true, description: 'The User-Agent it was signed in with.' }),
    current: t.exposeBoolean('current', { description: 'True for the session this request came with.' }),
  }),
});

builder.objectField(ViewerRef, 'sessions', (t) =>
  t.field({
    type: [UserSessionRef],
    authScopes: { signedIn: true },
    description: "The signed-in person's live sessions, newest first (a signed-in person only; an API token is refused).",
    resolve: async (_viewer, _args, ctx) => {
      const person = personOf(ctx);
      const now = ctx.now();
      const idleSince = new Date(now.getTime() - ctx.authServices.settings.sessionIdleMinutes * 60_000);
      const sessions = await listLiveSessions(ctx.db, person.userId, now, idleSince);
      return sessions.map((s) => ({ ...s, current: s.id === person.sessionId }));
    },
  }),
);

builder.mutationField('revokeSession', (t) =>
  t.field({
    type: builder.simpleObject('RevokeSessionSuccess', {
      fields: (f) => ({
        revokedId: f.id(),
        current: f.boolean({ description: 'True when it was the request\'s own session: signed out, the cookie cleared.' }),
      }),
    }),
    errors: {},
    skipTypeScopes: true,
    authScopes: { signedIn: true },
    description: "Ends one of the signed-in person's own sessions (from viewer.sessions); its requests and open subscriptions are refused at once. Another person's session is NotFound.",
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const person = personOf(ctx);
      const id = localId(String(args.id), 'UserSession', 'id');
      const ended = await revokeSessions(ctx.db, { sessionId: id, userId: person.userId }, ctx.now());
      if (ended.length === 0) throw new NotFoundError(`No live session ${args.id} of yours.`, String(args.id));
      await ctx.authServices.revocations.revoke(ended.map(revocationKey.session));
      const current = id === person.sessionId;
      if (current) {
        ctx.auth.responseCookies.push(clearedSessionCookie(ctx.auth.secureCookies));
        ctx.auth.identity = null;
        ctx.caller = null;
      }
      return { revokedId: encodeGlobalID('UserSession', id), current };
    },
  }),
);
