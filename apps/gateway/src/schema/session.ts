import { findUserByEmail, insertUser, insertWorkspaceWithOwner, revokeSessions, type UserRow } from '@goalpost/db';
import { z } from 'zod';
import type { Caller, GatewayContext } from '../context.ts';
import { InputError } from '../errors.ts';
import { revocationKey } from '../auth/credentialRevocations.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { normalizeEmail, passwordIssues, passwordMaxLength } from '../auth/passwordPolicy.ts';
import { ForbiddenError } from '../auth/refusals.ts';
import { clearedSessionCookie } from '../auth/sessionCookie.ts';
import { InvalidCredentialsError, SignInLockedError } from '../auth/signInRefusals.ts';
import { startSession } from '../auth/startSession.ts';
import { builder } from './builder.ts';
import { requiredText } from './inputRules.ts';
import { UserRef } from './user.ts';
import { ViewerRef } from './viewer.ts';
import { WorkspaceRef, workspacesOfIdentity } from './workspace.ts';

export const emailRule = z.string().trim().pipe(z.email('must be an email address').max(254, 'must be at most 254 characters'));
/** Checked in full by the password policy; the cap here only keeps huge strings away from it. */
export const passwordRule = z.string().max(passwordMaxLength * 4, `must be at most ${passwordMaxLength} characters`);

const SignInSuccess = builder.simpleObject('SignInSuccess', {
  description: 'Signed in: the session cookie is set on this response (HttpOnly; send it back with each request).',
  fields: (t) => ({
    user: t.field({ type: UserRef }),
    workspaces: t.field({ type: [WorkspaceRef] }),
    viewer: t.field({
      type: ViewerRef,
      nullable: true,
      description: 'The person in their workspace; null when they have several (name one with x-goalpost-workspace) or none yet.',
    }),
    sessionExpiresAt: t.field({ type: 'DateTime', description: 'The session ends then at the latest (sooner when unused for the idle time).' }),
  }),
});

/** signUp's one answer, whether the email was free (the account exists now) or already had an account (nothing changed). */
interface SignUpReceived { kind: 'SignUpReceived'; email: string }

const SignUpReceivedRef = builder.objectRef<SignUpReceived>('SignUpReceived').implement({
  description: 'signUp\'s answer, the same whether the email was free or already had an account (so that it never tells which emails have one): sign in with signIn next. A free email now has its account and own workspace; one that had an account is left as it was.',
  fields: (t) => ({
    email: t.exposeString('email', { description: 'The email as it will be signed in with (trimmed, lower-case).' }),
    message: t.string({ resolve: () => 'If this email had no account, it has one now with its own workspace: sign in with the password you chose. If it had one, nothing changed: sign in with its password.' }),
  }),
});

export const SignInPayload = builder.errorUnion('SignInPayload', {
  types: [SignInSuccess, SignUpReceivedRef, InvalidCredentialsError, SignInLockedError],
  resolveType: (value) => ((value as Partial<SignUpReceived>).kind === 'SignUpReceived' ? 'SignUpReceived' : 'SignInSuccess'),
});

/**
 * Starts the person's session and answers it. The rest of the request acts as them, in `workspaceId`
 * (or their only workspace), so that the payload's viewer shows what they will see.
 */
export async function signedIn(ctx: GatewayContext, user: Pick<UserRow, 'id' | 'email' | 'name'>, workspaceId?: string) {
  const { expiresAt } = await startSession(ctx, user);
  const workspaces = await workspacesOfIdentity(ctx);
  const chosen = workspaceId ? workspaces.find((w) => w.id === workspaceId) : workspaces.length === 1 ? workspaces[0] : undefined;
  const viewer: Caller | null = chosen ? { workspaceId: chosen.id, role: chosen.role, userId: user.id } : null;
  ctx.caller = viewer;
  return { user, workspaces, viewer, sessionExpiresAt: expiresAt };
}

/** Sign-in, sign-up and invitations from a foreign site are refused: they would sign the browser in as someone else (login CSRF). */
export function refuseCrossSite(ctx: GatewayContext): void {
  if (ctx.auth.crossSite) throw new ForbiddenError(`${ctx.auth.crossSite} Nothing was changed.`, null, 'CROSS_SITE');
}

const SignUpInput = builder.inputType('SignUpInput', {
  fields: (t) => ({
    email: t.string({ required: true, validate: emailRule }),
    password: t.string({ required: true, validate: passwordRule }),
    name: t.string({ required: true, validate: requiredText('name') }),
    workspaceName: t.string({ required: false, validate: requiredText('name').nullish(), description: "The new person's own workspace; default: \"<name>'s workspace\"." }),
  }),
});

const SignInInput = builder.inputType('SignInInput', {
  fields: (t) => ({
    email: t.string({ required: true, validate: z.string().max(254) }),
    password: t.string({ required: true, validate: passwordRule }),
  }),
});

builder.mutationFields((t) => ({
  signUp: t.field({
    type: SignInPayload,
    description: 'Creates a person and their own workspace (they are its OWNER) when the email has no account, and answers SignUpReceived either way — a taken email is neither said to be taken nor changed (OWASP: the same answer) —; then sign in with signIn. Sign-ups are counted per client address (SIGN_UP_MAX_PER_ADDRESS per SIGN_UP_WINDOW_MINUTES; past it SignInLockedError). Off when the server is closed to sign-ups (SIGN_UP_ENABLED=false): join by invitation then.',
    skipTypeScopes: true,
    args: { input: t.arg({ type: SignUpInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      refuseCrossSite(ctx);
      if (!ctx.authServices.settings.signUpEnabled) {
        return new ForbiddenError('Sign-up is closed on this server: ask an owner of a workspace for an invitation.', null, 'SIGN_UP_CLOSED');
      }
      const email = normalizeEmail(input.email);
      const issues = passwordIssues(input.password, email);
      if (issues.length > 0) throw InputError.of(issues);
      const wait = await ctx.authServices.signUpThrottle.take(ctx.auth.credentials.address);
      if (wait !== null) return new SignInLockedError(wait, 'sign-ups from this address');
      // Hashed whether or not the email is free: the same work, about the same time, either way.
      const passwordHash = await hashPassword(input.password);
      const user = await insertUser(ctx.db, { email, name: input.name, passwordHash });
      if (user) await insertWorkspaceWithOwner(ctx.db, input.workspaceName ?? `${input.name}'s workspace`, user.id);
      return { kind: 'SignUpReceived' as const, email };
    },
  }),
  signIn: t.field({
    type: SignInPayload,
    description: 'Signs a person in with their email and password and sets the session cookie. A wrong password and an unknown email answer alike; repeated failures lock the email (and the client address) for a while.',
    skipTypeScopes: true,
    args: { input: t.arg({ type: SignInInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      refuseCrossSite(ctx);
      const email = normalizeEmail(input.email);
      const address = ctx.auth.credentials.address;
      const { throttle } = ctx.authServices;
      const locked = await throttle.lockedFor(email, address);
      if (locked !== null) return new SignInLockedError(locked);
      const user = await findUserByEmail(ctx.db, email);
      // Verified against a dummy hash when there is no such user: the same work, the same time.
      const valid = await verifyPassword(user?.password_hash, input.password);
      if (!user || !valid) {
        await throttle.recordFailure(email, address);
        return new InvalidCredentialsError();
      }
      await throttle.recordSuccess(email);
      return signedIn(ctx, user);
    },
  }),
  signOut: t.field({
    type: builder.simpleObject('SignOutPayload', {
      fields: (f) => ({ sessionsEnded: f.int({ description: 'How many sessions ended (0 when the request had none).' }) }),
    }),
    description: 'Ends this session (or, with everywhere: true, every session of the person) and clears the cookie. Their open subscriptions close at once.',
    skipTypeScopes: true,
    args: { everywhere: t.arg.boolean({ required: false }) },
    resolve: async (_root, args, ctx) => {
      const identity = ctx.auth.identity;
      ctx.auth.responseCookies.push(clearedSessionCookie(ctx.auth.secureCookies));
      if (identity?.kind !== 'session') return { sessionsEnded: 0 };
      const ended = await revokeSessions(ctx.db, args.everywhere ? { userId: identity.userId } : { sessionId: identity.sessionId }, ctx.now());
      await ctx.authServices.revocations.revoke(ended.map(revocationKey.session));
      ctx.auth.identity = null;
      ctx.caller = null;
      return { sessionsEnded: ended.length };
    },
  }),
}));

builder.queryField('signUpEnabled', (t) =>
  t.boolean({
    description: 'Whether signUp is open on this server (SIGN_UP_ENABLED); asked before signing in, so it needs no credential.',
    skipTypeScopes: true,
    resolve: (_root, _args, ctx) => ctx.authServices.settings.signUpEnabled,
  }),
);
