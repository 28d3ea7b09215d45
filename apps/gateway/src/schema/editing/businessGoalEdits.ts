import { lockBusinessGoal, updateBusinessGoal } from '@goalpost/db';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { recordChange } from '../../audit/recordChange.ts';
import { workspaceOf } from '../../context.ts';
import { refuseArchived } from '../../editing/refuseArchived.ts';
import { removeBusinessGoal } from '../../editing/removal.ts';
import { NotFoundError } from '../../errors.ts';
import { reevaluate } from '../objective.ts';
import { builder } from '../builder.ts';
import { BusinessGoalNode } from '../businessGoal.ts';
import { BusinessGoalKindEnum } from '../enums.ts';
import { localId } from '../globalIds.ts';
import { optionalText, requiredText } from '../inputRules.ts';
import { RemovalOutcomeEnum } from './removalOutcome.ts';

builder.objectField(BusinessGoalNode, 'archivedAt', (t) =>
  t.expose('archived_at', { type: 'DateTime', nullable: true, description: 'When it was removed and kept for its history; null while in the plan.' }),
);

const UpdateBusinessGoalInput = builder.inputType('UpdateBusinessGoalInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    kind: t.field({ type: BusinessGoalKindEnum, required: false }),
    title: t.string({ required: false, validate: requiredText('title').optional() }),
    description: t.string({ required: false, validate: optionalText('description'), description: 'null clears it.' }),
  }),
});

const notFound = (id: string) => new NotFoundError(`No business goal ${id} in your workspace.`, id);

builder.mutationFields((t) => ({
  updateBusinessGoal: t.field({
    type: builder.simpleObject('UpdateBusinessGoalSuccess', { fields: (f) => ({ goal: f.field({ type: BusinessGoalNode }) }) }),
    errors: {},
    authScopes: { editor: true },
    args: { input: t.arg({ type: UpdateBusinessGoalInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const ws = workspaceOf(ctx);
      const id = localId(String(input.id), 'BusinessGoal', 'input.id');
      const goal = await ctx.db.transaction().execute(async (tx) => {
        const before = await lockBusinessGoal(tx, ws, id);
        if (!before) throw notFound(String(input.id));
        refuseArchived(before, 'input.id', 'business goal');
        const after = await updateBusinessGoal(tx, ws, id, {
          ...(input.kind != null && { kind: input.kind }),
          ...(input.title != null && { title: input.title }),
          ...(input.description !== undefined && { description: input.description }),
        });
        if (!after) throw notFound(String(input.id));
        await recordChange(tx, ctx, { entity: 'BusinessGoal', id, planId: after.plan_id, action: 'updateBusinessGoal', change: 'UPDATED', before, after });
        return after;
      });
      return { goal };
    },
  }),
  removeBusinessGoal: t.field({
    type: builder.simpleObject('RemoveBusinessGoalSuccess', {
      fields: (f) => ({
        removedId: f.id(),
        outcome: f.field({ type: RemovalOutcomeEnum }),
        goal: f.field({ type: BusinessGoalNode, nullable: true, description: 'The archived goal; null when deleted.' }),
      }),
    }),
    errors: {},
    authScopes: { editor: true },
    description: 'Removes a business goal with its objectives, each by the rule of removal: what has history (evaluations, check-ins, content results) is archived, the rest deleted.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const ws = workspaceOf(ctx);
      const id = localId(String(args.id), 'BusinessGoal', 'id');
      const removal = await ctx.db.transaction().execute(async (tx) => {
        const goal = await lockBusinessGoal(tx, ws, id);
        if (!goal) throw notFound(String(args.id));
        const result = await removeBusinessGoal(tx, { workspaceId: ws, planId: goal.plan_id, action: 'removeBusinessGoal', at: ctx.now() }, goal);
        await recordChange(tx, ctx, result.changes);
        return { ...result, planId: goal.plan_id };
      });
      if (removal.changes.length > 0) await reevaluate(ctx, removal.planId);
      return { removedId: encodeGlobalID('BusinessGoal', id), outcome: removal.outcome, goal: removal.row };
    },
  }),
}));
