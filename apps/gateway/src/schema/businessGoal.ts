import { findBusinessGoals, findPlans, insertBusinessGoal, type BusinessGoalRow } from '@goalpost/db';
import type { BusinessGoalKind } from '@goalpost/domain';
import { recordChange } from '../audit/recordChange.ts';
import { requestReadsOf } from '../planning/requestReads.ts';
import { workspaceOf } from '../context.ts';
import { NotFoundError } from '../errors.ts';
import { builder } from './builder.ts';
import { BusinessGoalKindEnum } from './enums.ts';
import { localId } from './globalIds.ts';
import { optionalText, requiredText } from './inputRules.ts';
import { ObjectiveNode } from './objective.ts';
import { PlanNode } from './plan.ts';

export const BusinessGoalNode = builder.loadableNodeRef('BusinessGoal', {
  id: { resolve: (goal: BusinessGoalRow) => goal.id },
  load: (ids: string[], ctx) => findBusinessGoals(ctx.db, workspaceOf(ctx), ids),
  sort: (goal) => goal.id,
  cacheResolved: (goal) => goal.id,
});

BusinessGoalNode.implement({
  description: 'Where the company wants to end up. Goals carry no metric: objectives measure the way there.',
  fields: (t) => ({
    kind: t.field({ type: BusinessGoalKindEnum, resolve: (g) => g.kind as BusinessGoalKind }),
    title: t.exposeString('title'),
    description: t.exposeString('description', { nullable: true }),
    plan: t.field({ type: PlanNode, resolve: (g) => g.plan_id }),
    objectives: t.field({
      type: [ObjectiveNode],
      // The plan's objectives, read once for all its goals: the same rows and order as listObjectivesOfGoals.
      resolve: async (g, _args, ctx) => (await requestReadsOf(ctx).objectivesOfPlan.load(g.plan_id)).filter((o) => o.goal_id === g.id),
    }),
  }),
});

const AddBusinessGoalInput = builder.inputType('AddBusinessGoalInput', {
  fields: (t) => ({
    planId: t.id({ required: true }),
    kind: t.field({ type: BusinessGoalKindEnum, required: true }),
    title: t.string({ required: true, validate: requiredText('title') }),
    description: t.string({ required: false, validate: optionalText('description') }),
  }),
});

builder.mutationField('addBusinessGoal', (t) =>
  t.field({
    authScopes: { editor: true },
    type: builder.simpleObject('AddBusinessGoalSuccess', { fields: (f) => ({ goal: f.field({ type: BusinessGoalNode }) }) }),
    errors: {},
    args: { input: t.arg({ type: AddBusinessGoalInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const ws = workspaceOf(ctx);
      const planId = localId(String(input.planId), 'Plan', 'input.planId');
      const [plan] = await findPlans(ctx.db, ws, [planId]);
      if (!plan) throw new NotFoundError(`No plan ${input.planId} in your workspace.`, String(input.planId));
      const goal = await ctx.db.transaction().execute(async (tx) => {
        const goal = await insertBusinessGoal(tx, ws, {
          planId,
          kind: input.kind,
          title: input.title,
          description: input.description ?? null,
        });
        await recordChange(tx, ctx, { entity: 'BusinessGoal', id: goal.id, planId, action: 'addBusinessGoal', change: 'CREATED', before: null, after: goal });
        return goal;
      });
      return { goal };
    },
  }),
);
