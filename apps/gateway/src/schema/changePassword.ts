import { findUsers, revokeSessions, setPasswordHash } from '@goalpost/db';
import { personOf } from '../context.ts';
import { revocationKey } from '../auth/credentialRevocations.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { passwordIssues } from '../auth/passwordPolicy.ts';
import { InvalidCredentialsError, SignInLockedError } from '../auth/signInRefusals.ts';
import { startSession } from '../auth/startSession.ts';
import { InputError } from '../errors.ts';
import { builder } from './builder.ts';
import { passwordRule } from './session.ts';

const ChangePasswordInput = builder.inputType('ChangePasswordInput', {
  fields: (t) => ({
    currentPassword: t.string({ required: true, validate: passwordRule }),
    newPassword: t.string({ required: true, validate: passwordRule, description: 'By the password policy: 12–256 characters, not the email, not a common password.' }),
  }),
});

builder.mutationField('changePassword', (t) =>
  t.field({
    type: builder.simpleObject('ChangePasswordSuccess', {
      fields: (f) => ({
        sessionsEnded: f.int({ description: 'The person\'s other sessions, ended (their requests and subscriptions refused at once).' }),
        sessionExpiresAt: f.field({ type: 'DateTime', description: 'This request\'s session was replaced by a new one (a new cookie is set): it ends then at the latest.' }),
      }),
    }),
    errors: { types: [InvalidCredentialsError, SignInLockedError] },
    skipTypeScopes: true,
    authScopes: { signedIn: true },
    description: 'Changes the signed-in person\'s password: the current one verified (failures count toward the sign-in lockout), the new one by the password policy. Every other session of theirs ends, and this one is replaced by a new session (new cookie).',
    args: { input: t.arg({ type: ChangePasswordInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const person = personOf(ctx);
      const issues = passwordIssues(input.newPassword, person.email, 'input.newPassword');
      if (input.newPassword === input.currentPassword) {
        issues.push({ field: 'input.newPassword', rule: 'unchanged', message: 'must differ from the current password' });
      }
      if (issues.length > 0) throw InputError.of(issues);
      const { throttle } = ctx.authServices;
      const address = ctx.auth.credentials.address;
      const locked = await throttle.lockedFor(person.email, address);
      if (locked !== null) throw new SignInLockedError(locked);
      const [user] = await findUsers(ctx.db, [person.userId]);
      if (!user || !(await verifyPassword(user.password_hash, input.currentPassword))) {
        const lockout = await throttle.recordFailure(person.email, address);
        throw lockout !== null ? new SignInLockedError(lockout) : new InvalidCredentialsError('The current password is wrong. Nothing was changed.');
      }
      await throttle.recordSuccess(person.email);
      await setPasswordHash(ctx.db, user.id, await hashPassword(input.newPassword));
      const others = await revokeSessions(ctx.db, { userId: user.id, except: person.sessionId }, ctx.now());
      await ctx.authServices.revocations.revoke(others.map(revocationKey.session));
      // The session the request came with is revoked and replaced: a new id, a new cookie.
      const { expiresAt } = await startSession(ctx, user);
      return { sessionsEnded: others.length, sessionExpiresAt: expiresAt };
    },
  }),
);
