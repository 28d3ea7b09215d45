import {
  claimInvitation, findInvitationByTokenHash, findMembership, findUserByEmail, insertInvitation, insertMember,
  insertUser, listMembers, listPendingInvitations, revokeInvitation, type InvitationRow,
} from '@goalpost/db';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { callerOf, workspaceOf } from '../context.ts';
import { InputError, NotFoundError } from '../errors.ts';
import { generateSecret, hashSecret } from '../auth/apiTokenHash.ts';
import { hashPassword } from '../auth/passwords.ts';
import { normalizeEmail, passwordIssues } from '../auth/passwordPolicy.ts';
import { builder } from './builder.ts';
import { localId } from './globalIds.ts';
import { requiredText } from './inputRules.ts';
import { emailRule, passwordRule, refuseCrossSite, signedIn, SignInPayload } from './session.ts';
import { WorkspaceRoleEnum } from './workspaceRole.ts';

type InvitationShape = InvitationRow & { url?: string };

export const InvitationRef = builder.objectRef<InvitationShape>('Invitation').implement({
  description: 'A single-use link that lets one person join the workspace with a role, until it expires.',
  fields: (t) => ({
    id: t.id({ resolve: (i) => encodeGlobalID('Invitation', i.id) }),
    email: t.exposeString('email'),
    role: t.field({ type: WorkspaceRoleEnum, resolve: (i) => i.role }),
    createdAt: t.expose('created_at', { type: 'DateTime' }),
    expiresAt: t.expose('expires_at', { type: 'DateTime' }),
    url: t.string({
      nullable: true,
      description: 'The link to send the person (the worker also e-mails it when SMTP_URL is set there). Shown once, in inviteMember\'s answer; null afterwards (only its hash is kept).',
      resolve: (i) => i.url ?? null,
    }),
  }),
});

builder.queryField('invitations', (t) =>
  t.field({
    type: [InvitationRef],
    description: 'Invitations of the workspace not yet accepted, revoked or expired, newest first (OWNER only).',
    authScopes: { owner: true },
    resolve: (_root, _args, ctx) => listPendingInvitations(ctx.db, workspaceOf(ctx), ctx.now()),
  }),
);

const InviteMemberInput = builder.inputType('InviteMemberInput', {
  fields: (t) => ({
    email: t.string({ required: true, validate: emailRule }),
    role: t.field({ type: WorkspaceRoleEnum, required: true }),
  }),
});

const AcceptInvitationInput = builder.inputType('AcceptInvitationInput', {
  fields: (t) => ({
    token: t.string({ required: true, validate: z.string().min(1, 'must not be empty').max(200), description: 'The token of the link (after `#token=`).' }),
    name: t.string({ required: false, validate: requiredText('name').nullish(), description: 'A new person: their name.' }),
    password: t.string({ required: false, validate: passwordRule.nullish(), description: 'A new person: the password they choose.' }),
  }),
});

const invitationIssue = (rule: string, message: string) => InputError.of([{ field: 'input.token', rule, message }]);

/** Why an invitation cannot be used now, or null. */
function unusable(invitation: InvitationRow | undefined, now: Date): InputError | null {
  if (!invitation) return invitationIssue('unknown', 'is not the token of any invitation: copy the whole link');
  if (invitation.accepted_at) return invitationIssue('used', 'this invitation was already accepted: each link works once; ask for a new one');
  if (invitation.revoked_at) return invitationIssue('revoked', 'this invitation was withdrawn: ask for a new one');
  if (invitation.expires_at <= now) return invitationIssue('expired', 'this invitation has expired: ask for a new one');
  return null;
}

builder.mutationFields((t) => ({
  inviteMember: t.field({
    type: builder.simpleObject('InviteMemberSuccess', { fields: (f) => ({ invitation: f.field({ type: InvitationRef }) }) }),
    errors: {},
    description: 'Invites a person by email with a role (OWNER only): the answer carries the single-use link, valid for INVITATION_TTL_HOURS. A new invitation to the same email replaces a pending one.',
    authScopes: { owner: true },
    args: { input: t.arg({ type: InviteMemberInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const caller = callerOf(ctx);
      const email = normalizeEmail(input.email);
      const members = await listMembers(ctx.db, caller.workspaceId);
      if (members.some((m) => m.user.email === email)) {
        throw InputError.of([{ field: 'input.email', rule: 'member', message: 'already belongs to this workspace: change their role instead', params: { already: true } }]);
      }
      const { settings } = ctx.authServices;
      const token = generateSecret('gpi_');
      const now = ctx.now();
      const invitation = await insertInvitation(ctx.db, {
        workspaceId: caller.workspaceId,
        email,
        role: input.role,
        tokenHash: hashSecret(token),
        invitedBy: caller.userId ?? null,
        now,
        expiresAt: new Date(now.getTime() + settings.invitationTtlHours * 3_600_000),
      });
      // In the fragment: browsers send it to no server, so it stays out of access logs and Referer headers.
      const url = `${settings.invitationUrl}#token=${token}`;
      // The worker e-mails it when SMTP is configured there; sealed, as the token is a credential. A queue
      // that is down costs the e-mail only: the link is in this answer.
      const cipher = ctx.connections.cipher;
      if (cipher) await ctx.queues.enqueueInvitationMail({ workspaceId: caller.workspaceId, invitationId: invitation.id, linkSealed: cipher.seal({ accessToken: url }) }).catch(() => {});
      return { invitation: { ...invitation, url } };
    },
  }),
  revokeInvitation: t.field({
    type: builder.simpleObject('RevokeInvitationSuccess', { fields: (f) => ({ invitation: f.field({ type: InvitationRef }) }) }),
    errors: {},
    description: 'Withdraws a pending invitation (OWNER only): its link stops working.',
    authScopes: { owner: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const invitation = await revokeInvitation(ctx.db, workspaceOf(ctx), localId(String(args.id), 'Invitation', 'id'), ctx.now());
      if (!invitation) throw new NotFoundError(`No pending invitation ${args.id} in your workspace.`, String(args.id));
      return { invitation };
    },
  }),
  acceptInvitation: t.field({
    type: SignInPayload,
    description: "Joins the invitation's workspace with its role, once. Signed in, the person joins as themselves (the invitation must be for their email); otherwise a new person gives a name and a password and is signed in. Someone who already has an account signs in first.",
    skipTypeScopes: true,
    args: { input: t.arg({ type: AcceptInvitationInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      refuseCrossSite(ctx);
      const now = ctx.now();
      const invitation = await findInvitationByTokenHash(ctx.db, hashSecret(input.token));
      const refusal = unusable(invitation, now);
      if (refusal || !invitation) throw refusal;
      const identity = ctx.auth.identity;
      if (identity?.kind === 'token') {
        throw invitationIssue('signed-in', 'an API token cannot accept invitations: accept it as the invited person');
      }
      const signedInPerson = identity?.kind === 'session' ? { id: identity.userId, email: identity.email, name: identity.name } : null;
      let newPerson: { name: string; passwordHash: string } | null = null;
      if (signedInPerson) {
        if (signedInPerson.email !== invitation.email) {
          throw invitationIssue('email', 'this invitation is for another email address: sign out, then accept it as that person');
        }
        if (await findMembership(ctx.db, invitation.workspace_id, signedInPerson.id)) {
          throw invitationIssue('member', 'you already belong to this workspace');
        }
      } else {
        if (await findUserByEmail(ctx.db, invitation.email)) {
          throw invitationIssue('signed-in', 'an account with this email exists: sign in, then accept the invitation');
        }
        const issues = [
          ...(input.name ? [] : [{ field: 'input.name', rule: 'required', message: 'is required for a new account' }]),
          ...(input.password
            ? passwordIssues(input.password, invitation.email)
            : [{ field: 'input.password', rule: 'required', message: 'is required for a new account' }]),
        ];
        if (issues.length > 0 || !input.name || !input.password) throw InputError.of(issues);
        newPerson = { name: input.name, passwordHash: await hashPassword(input.password) };
      }
      // One transaction: the person, the claim (conditional: a link raced twice admits one) and the membership.
      const user = await ctx.db.transaction().execute(async (tx) => {
        const person = signedInPerson ?? (await insertUser(tx, { email: invitation.email, ...newPerson! }));
        if (!person) throw invitationIssue('signed-in', 'an account with this email exists: sign in, then accept the invitation');
        const claimed = await claimInvitation(tx, invitation.id, person.id, now);
        if (!claimed) throw invitationIssue('used', 'this invitation was already accepted: each link works once; ask for a new one');
        await insertMember(tx, invitation.workspace_id, person.id, invitation.role);
        return person;
      });
      return signedIn(ctx, user, invitation.workspace_id);
    },
  }),
}));
