import {
  deleteMember, findMembers, listMembers, updateMemberRole, withMembersLocked, type MemberWithUser,
} from '@goalpost/db';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { callerOf, workspaceOf, type GatewayContext } from '../context.ts';
import { InputError, NotFoundError } from '../errors.ts';
import { revocationKey } from '../auth/credentialRevocations.ts';
import { forbiddenFor, roleAllows } from '../auth/refusals.ts';
import { builder } from './builder.ts';
import { localId } from './globalIds.ts';
import { UserRef } from './user.ts';
import { WorkspaceRoleEnum } from './workspaceRole.ts';

export const MemberRef = builder.objectRef<MemberWithUser>('Member').implement({
  description: 'A person in the workspace, with their role.',
  fields: (t) => ({
    id: t.id({ resolve: (m) => encodeGlobalID('Member', m.id) }),
    user: t.field({ type: UserRef, resolve: (m) => m.user }),
    role: t.field({ type: WorkspaceRoleEnum, resolve: (m) => m.role }),
    joinedAt: t.expose('created_at', { type: 'DateTime' }),
  }),
});

builder.queryField('members', (t) =>
  t.field({
    type: [MemberRef],
    description: 'The people of the current workspace, earliest first.',
    authScopes: { member: true },
    resolve: (_root, _args, ctx) => listMembers(ctx.db, workspaceOf(ctx)),
  }),
);

const MemberSuccess = builder.simpleObject('MemberSuccess', { fields: (t) => ({ member: t.field({ type: MemberRef }) }) });
const MemberPayload = builder.errorUnion('MemberPayload', { types: [MemberSuccess], resolveType: () => 'MemberSuccess' });

async function memberOfId(ctx: GatewayContext, tx: typeof ctx.db, globalId: string, field: string): Promise<MemberWithUser> {
  const [member] = await findMembers(tx, workspaceOf(ctx), [localId(globalId, 'Member', field)]);
  if (!member) throw new NotFoundError(`No member ${globalId} in your workspace.`, globalId);
  return member;
}

const lastOwner = (field: string, message: string) => InputError.of([{ field, rule: 'last-owner', message }]);

const UpdateMemberRoleInput = builder.inputType('UpdateMemberRoleInput', {
  fields: (t) => ({
    id: t.id({ required: true, description: 'The Member id.' }),
    role: t.field({ type: WorkspaceRoleEnum, required: true }),
  }),
});

builder.mutationFields((t) => ({
  updateMemberRole: t.field({
    type: MemberPayload,
    description: "Changes a member's role (OWNER only). The last owner cannot be demoted.",
    authScopes: { owner: true },
    args: { input: t.arg({ type: UpdateMemberRoleInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const ws = workspaceOf(ctx);
      const member = await withMembersLocked(ctx.db, ws, async (tx, owners) => {
        const current = await memberOfId(ctx, tx, String(input.id), 'input.id');
        if (current.role === 'OWNER' && input.role !== 'OWNER' && owners <= 1) {
          throw lastOwner('input.role', 'the workspace would have no owner: make someone else OWNER first');
        }
        await updateMemberRole(tx, ws, current.id, input.role);
        return { ...current, role: input.role };
      });
      return { member };
    },
  }),
  removeMember: t.field({
    type: MemberPayload,
    description: 'Removes a member (OWNER only), or lets a member leave (their own Member id, any role). The last owner cannot leave. Their open subscriptions in this workspace close at once.',
    skipTypeScopes: true,
    authScopes: { member: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const caller = callerOf(ctx);
      const ws = caller.workspaceId;
      const member = await withMembersLocked(ctx.db, ws, async (tx, owners) => {
        const current = await memberOfId(ctx, tx, String(args.id), 'id');
        const leaving = current.user_id === caller.userId;
        if (!leaving && !roleAllows(caller.role, 'OWNER')) throw forbiddenFor(caller.role, 'OWNER');
        if (current.role === 'OWNER' && owners <= 1) {
          throw lastOwner('id', 'the last owner cannot leave or be removed: make someone else OWNER first');
        }
        await deleteMember(tx, ws, current.id);
        return current;
      });
      await ctx.authServices.revocations.revoke([revocationKey.membership(ws, member.user_id)]);
      return { member };
    },
  }),
}));
