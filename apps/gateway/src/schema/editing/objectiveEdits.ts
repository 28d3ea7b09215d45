import { findPlans, listObjectivesOfPlans, lockObjective, reorderObjectives } from '@goalpost/db';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { recordChange } from '../../audit/recordChange.ts';
import { workspaceOf } from '../../context.ts';
import { removeObjective } from '../../editing/removal.ts';
import { NotFoundError } from '../../errors.ts';
import { builder } from '../builder.ts';
import { localId } from '../globalIds.ts';
import { ObjectiveNode, reevaluate } from '../objective.ts';
import { PlanNode } from '../plan.ts';
import { RemovalOutcomeEnum } from './removalOutcome.ts';
import { checkNewOrder } from './checkNewOrder.ts';

builder.objectFields(ObjectiveNode, (t) => ({
  archivedAt: t.expose('archived_at', { type: 'DateTime', nullable: true, description: 'When it was removed and kept for its history; null while in the plan.' }),
  position: t.exposeInt('position', { description: 'Its place among the plan\'s objectives (reorderObjectives).' }),
  ownerId: t.id({
    nullable: true,
    description: 'The workspace Member who owns the objective (set with updateObjective).',
    resolve: (o) => (o.owner_member_id ? encodeGlobalID('Member', o.owner_member_id) : null),
  }),
}));

const ReorderObjectivesInput = builder.inputType('ReorderObjectivesInput', {
  fields: (t) => ({
    planId: t.id({ required: true }),
    objectiveIds: t.idList({ required: true, description: "Every objective of the plan, once each, in the new order.", validate: z.array(z.unknown()).max(500) }),
  }),
});

builder.mutationFields((t) => ({
  removeObjective: t.field({
    type: builder.simpleObject('RemoveObjectiveSuccess', {
      fields: (f) => ({
        removedId: f.id(),
        outcome: f.field({ type: RemovalOutcomeEnum }),
        objective: f.field({ type: ObjectiveNode, nullable: true, description: 'The archived objective; null when deleted.' }),
      }),
    }),
    errors: {},
    authScopes: { editor: true },
    description: 'Removes an objective with its key results and themes, each by the rule of removal: what has history is archived, the rest deleted.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const ws = workspaceOf(ctx);
      const id = localId(String(args.id), 'Objective', 'id');
      const removal = await ctx.db.transaction().execute(async (tx) => {
        const objective = await lockObjective(tx, ws, id);
        if (!objective) throw new NotFoundError(`No objective ${args.id} in your workspace.`, String(args.id));
        const result = await removeObjective(tx, { workspaceId: ws, planId: objective.plan_id, action: 'removeObjective', at: ctx.now() }, objective);
        await recordChange(tx, ctx, result.changes);
        return { ...result, planId: objective.plan_id };
      });
      if (removal.changes.length > 0) await reevaluate(ctx, removal.planId);
      return { removedId: encodeGlobalID('Objective', id), outcome: removal.outcome, objective: removal.row };
    },
  }),
  reorderObjectives: t.field({
    type: builder.simpleObject('ReorderObjectivesSuccess', { fields: (f) => ({ plan: f.field({ type: PlanNode }) }) }),
    errors: {},
    authScopes: { editor: true },
    args: { input: t.arg({ type: ReorderObjectivesInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const ws = workspaceOf(ctx);
      const planId = localId(String(input.planId), 'Plan', 'input.planId');
      const wanted = input.objectiveIds.map((gid, i) => localId(String(gid), 'Objective', `input.objectiveIds[${i}]`));
      const plan = await ctx.db.transaction().execute(async (tx) => {
        const [plan] = await findPlans(tx, ws, [planId]);
        if (!plan) throw new NotFoundError(`No plan ${input.planId} in your workspace.`, String(input.planId));
        const current = (await listObjectivesOfPlans(tx, ws, [planId])).map((o) => o.id);
        checkNewOrder('input.objectiveIds', 'objective', current, wanted);
        await reorderObjectives(tx, ws, planId, wanted);
        const ids = (list: string[]) => ({ objectiveIds: list.map((o) => encodeGlobalID('Objective', o)) });
        await recordChange(tx, ctx, { entity: 'Plan', id: planId, planId, action: 'reorderObjectives', change: 'UPDATED', before: ids(current), after: ids(wanted) });
        return plan;
      });
      return { plan };
    },
  }),
}));
