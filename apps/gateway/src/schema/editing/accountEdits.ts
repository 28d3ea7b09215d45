import { disconnectSocialAccount, findSocialAccounts } from '@goalpost/db';
import { recordChange } from '../../audit/recordChange.ts';
import { workspaceOf } from '../../context.ts';
import { NotFoundError } from '../../errors.ts';
import { builder } from '../builder.ts';
import { localId } from '../globalIds.ts';
import { SocialAccountNode } from '../socialAccount.ts';

builder.mutationField('disconnectAccount', (t) =>
  t.field({
    type: builder.simpleObject('DisconnectAccountSuccess', { fields: (f) => ({ account: f.field({ type: SocialAccountNode }) }) }),
    errors: {},
    // Credentials are the owner's to manage (an EDITOR plans, but handles neither secrets nor credentials).
    authScopes: { owner: true },
    description:
      "Wipes the account's credentials and stops fetching it (status DISCONNECTED). Its metric history stays, so key results keep what they measured; those reading it show sourceDisconnected. connectAccount with the same platform and handle connects it again.",
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const ws = workspaceOf(ctx);
      const id = localId(String(args.id), 'SocialAccount', 'id');
      const account = await ctx.db.transaction().execute(async (tx) => {
        const [before] = await findSocialAccounts(tx, ws, [id]);
        if (!before) throw new NotFoundError(`No account ${args.id} in your workspace.`, String(args.id));
        // Already disconnected and wiped: nothing changes, nothing is recorded.
        if (before.status === 'DISCONNECTED' && before.credentials === null) return before;
        const after = await disconnectSocialAccount(tx, ws, id);
        await recordChange(tx, ctx, { entity: 'SocialAccount', id, planId: null, action: 'disconnectAccount', change: 'UPDATED', before, after: after! });
        return after!;
      });
      return { account };
    },
  }),
);
