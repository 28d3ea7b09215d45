import {
  findBusinessGoals, findObjectives, findSocialAccounts, listThemesOfObjective, dailyTotals, listScopeAccountIds, insertObjective, updateObjective, insertKeyResults,
  listKeyResultsOfObjectives, nextKeyResultPosition, bumpDefinitionsOfObjective, type ObjectiveRow, type KeyResultValues, type Db,
} from '@goalpost/db';
import { okrScore, statusWording, type Framework, type ObjectiveCategory, type ObjectiveStatus, type KeyResultDraft } from '@goalpost/domain';
import { z } from 'zod';
import { recordChange } from '../audit/recordChange.ts';
import { ownerMemberId as ownerMemberIdOf } from '../editing/ownerMemberId.ts';
import { refuseArchived } from '../editing/refuseArchived.ts';
import { workspaceOf, type GatewayContext } from '../context.ts';
import { InputError, NotFoundError } from '../errors.ts';
import { builder } from './builder.ts';
import { FrameworkEnum, ObjectiveCategoryEnum, ObjectiveStatusEnum } from './enums.ts';
import { localId } from './globalIds.ts';
import { checkInput } from './inputIssues.ts';
import { dateRange, numberIn, requiredText } from './inputRules.ts';
import { KeyResultInput, keyResultInputIssues } from './keyResultInput.ts';
import { KeyResultNode } from './keyResult.ts';
import { ThemeNode } from './theme.ts';
import { BusinessGoalNode } from './businessGoal.ts';
import { PlanNode } from './plan.ts';
import { SmartReportRef, reportFor } from './smartReport.ts';

const BudgetRef = builder.objectRef<{ amount: number; currency: string; spent: number; remaining: number }>('Budget').implement({
  description: 'Money planned for the objective (boosted posts, ads) and the spend recorded against it.',
  fields: (t) => ({
    amount: t.exposeFloat('amount'),
    currency: t.exposeString('currency'),
    spent: t.exposeFloat('spent'),
    remaining: t.exposeFloat('remaining'),
  }),
});

const BudgetInput = builder.inputType('BudgetInput', {
  fields: (t) => ({
    amount: t.float({ required: true, validate: numberIn(0, 1e12, 'an amount from 0 to 1000000000000') }),
    currency: t.string({ required: true, validate: z.string().refine((v) => /^[A-Z]{3}$/.test(v), { message: 'must be an ISO 4217 code such as EUR', params: { rule: 'currency' } }) }),
  }),
});

const OkrScoreRef = builder.objectRef<{ score: number; grade: string }>('OkrScore').implement({
  fields: (t) => ({ score: t.exposeFloat('score'), grade: t.exposeString('grade', { description: 'GREEN ≥ 0.7, YELLOW ≥ 0.4, RED below.' }) }),
});

async function scoreOf(ctx: GatewayContext, o: ObjectiveRow) {
  const krs = await listKeyResultsOfObjectives(ctx.db, workspaceOf(ctx), [o.id]);
  if (krs.every((k) => k.progress === null)) return null;
  return okrScore(krs.map((k) => ({ score: Math.min(1, Math.max(0, k.progress ?? 0)), weight: k.weight })));
}

/** The SMART report of a saved objective, from its stored key results. */
async function smartOfObjective(ctx: GatewayContext, o: ObjectiveRow) {
  const krs = await listKeyResultsOfObjectives(ctx.db, workspaceOf(ctx), [o.id]);
  return reportFor(ctx, {
    goalId: o.goal_id,
    title: o.title,
    category: o.category as ObjectiveCategory,
    framework: o.framework as Framework,
    startsOn: o.starts_on,
    deadline: o.deadline,
    keyResults: krs.map((k) => ({
      metric: k.metric,
      accountId: k.account_id ?? undefined,
      platform: (k.platform ?? undefined) as KeyResultDraft['platform'],
      direction: k.direction as KeyResultDraft['direction'],
      baseline: k.baseline ?? undefined,
      target: k.target ?? undefined,
      targetChangePercent: k.target_change_percent ?? undefined,
      weight: k.weight,
    })),
  });
}

export const ObjectiveNode = builder.loadableNodeRef('Objective', {
  id: { resolve: (o: ObjectiveRow) => o.id },
  load: (ids: string[], ctx) => findObjectives(ctx.db, workspaceOf(ctx), ids),
  sort: (o) => o.id,
});

ObjectiveNode.implement({
  description: 'A measurable, time-bound step of the plan that serves exactly one business goal.',
  fields: (t) => ({
    title: t.exposeString('title'),
    category: t.field({ type: ObjectiveCategoryEnum, resolve: (o) => o.category as ObjectiveCategory }),
    framework: t.field({ type: FrameworkEnum, resolve: (o) => o.framework as Framework }),
    goal: t.field({ type: BusinessGoalNode, resolve: (o) => o.goal_id }),
    plan: t.field({ type: PlanNode, resolve: (o) => o.plan_id }),
    startsOn: t.expose('starts_on', { type: 'Date' }),
    deadline: t.expose('deadline', { type: 'Date' }),
    status: t.field({ type: ObjectiveStatusEnum, resolve: (o) => o.status as ObjectiveStatus }),
    score: t.field({
      type: OkrScoreRef,
      nullable: true,
      description: 'Weighted OKR score of the key results (also computed for SMART objectives).',
      resolve: (o, _args, ctx) => scoreOf(ctx, o),
    }),
    statusText: t.string({
      description: 'The status in words, against the bar of the framework (OKR: 0.7 counts as success).',
      resolve: async (o, _args, ctx) => statusWording(o.framework as Framework, o.status as ObjectiveStatus, await scoreOf(ctx, o)),
    }),
    keyResults: t.field({
      type: [KeyResultNode],
      resolve: (o, _args, ctx) => listKeyResultsOfObjectives(ctx.db, workspaceOf(ctx), [o.id]),
    }),
    smart: t.field({ type: SmartReportRef, resolve: (o, _args, ctx) => smartOfObjective(ctx, o) }),
    themes: t.field({ type: [ThemeNode], resolve: (o, _args, ctx) => listThemesOfObjective(ctx.db, workspaceOf(ctx), o.id) }),
    budget: t.field({
      type: BudgetRef,
      nullable: true,
      resolve: async (o, _args, ctx) => {
        if (o.budget_amount === null) return null;
        // Spend is a metric: summed over the accounts the objective's key results read, within its period.
        const ws = workspaceOf(ctx);
        const krs = await listKeyResultsOfObjectives(ctx.db, ws, [o.id]);
        const accountIds = [...new Set((await Promise.all(krs.map((k) => listScopeAccountIds(ctx.db, ws, { accountId: k.account_id, platform: k.platform })))).flat())];
        const spend = await dailyTotals(ctx.db, ws, { accountIds, metrics: ['spend'], from: o.starts_on, to: o.deadline });
        const spent = spend.reduce((sum, p) => sum + p.value, 0);
        return { amount: o.budget_amount, currency: o.budget_currency ?? 'EUR', spent, remaining: o.budget_amount - spent };
      },
    }),
  }),
});

type KeyResultArg = typeof KeyResultInput.$inferInput;

/** Decodes a key result input into row values, checking its account belongs to the workspace. */
async function keyResultValues(db: Db, workspaceId: string, kr: KeyResultArg, field: string): Promise<KeyResultValues> {
  const accountId = kr.accountId ? localId(String(kr.accountId), 'SocialAccount', `${field}.accountId`) : null;
  if (accountId && (await findSocialAccounts(db, workspaceId, [accountId])).length === 0) {
    throw InputError.of([{ field: `${field}.accountId`, rule: 'exists', message: 'no such account in your workspace' }]);
  }
  return {
    metric: kr.metric,
    accountId,
    platform: kr.platform ?? null,
    direction: kr.direction,
    baseline: kr.baseline ?? null,
    target: kr.target ?? null,
    targetChangePercent: kr.targetChangePercent ?? null,
    weight: kr.weight ?? 1,
    ...(kr.pace ? { pace: kr.pace } : {}),
  };
}

const AddObjectiveInput = builder.inputType('AddObjectiveInput', {
  fields: (t) => ({
    goalId: t.id({ required: true }),
    title: t.string({ required: true, validate: requiredText('title') }),
    category: t.field({ type: ObjectiveCategoryEnum, required: true }),
    framework: t.field({ type: FrameworkEnum, required: true }),
    startsOn: t.field({ type: 'Date', required: true }),
    deadline: t.field({ type: 'Date', required: true }),
    keyResults: t.field({ type: [KeyResultInput], required: false, validate: z.array(z.unknown()).max(20, 'at most 20 key results per objective') }),
  }),
  validate: dateRange('startsOn', 'deadline'),
});

const UpdateObjectiveInput = builder.inputType('UpdateObjectiveInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    title: t.string({ required: false, validate: requiredText('title').optional() }),
    category: t.field({ type: ObjectiveCategoryEnum, required: false }),
    framework: t.field({ type: FrameworkEnum, required: false }),
    startsOn: t.field({ type: 'Date', required: false }),
    deadline: t.field({ type: 'Date', required: false }),
    budget: t.field({ type: BudgetInput, required: false }),
    ownerId: t.id({ required: false, description: 'A workspace Member; null: nobody owns it.' }),
  }),
});

const AddKeyResultInput = builder.inputType('AddKeyResultInput', {
  fields: (t) => ({
    objectiveId: t.id({ required: true }),
    keyResult: t.field({ type: KeyResultInput, required: true }),
  }),
});

async function objectiveOf(ctx: GatewayContext, globalId: string, field: string): Promise<ObjectiveRow> {
  const [objective] = await findObjectives(ctx.db, workspaceOf(ctx), [localId(globalId, 'Objective', field)]);
  if (!objective) throw new NotFoundError(`No objective ${globalId} in your workspace.`, globalId);
  return objective;
}

/** New inputs change what the evaluation sees; a failed enqueue is repaired by the worker's sweep. */
export function reevaluate(ctx: GatewayContext, planId: string) {
  return ctx.queues
    .enqueueEvaluation({ workspaceId: workspaceOf(ctx), planId, reason: 'plan-changed' })
    .catch((error: unknown) => ctx.log.warn({ err: error }, 'evaluation not queued; the sweep will run it'));
}

builder.mutationFields((t) => ({
  addObjective: t.field({
    authScopes: { editor: true },
    type: builder.simpleObject('AddObjectiveSuccess', {
      fields: (f) => ({ objective: f.field({ type: ObjectiveNode }), smart: f.field({ type: SmartReportRef }) }),
    }),
    errors: {},
    args: { input: t.arg({ type: AddObjectiveInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const ws = workspaceOf(ctx);
      const issues = keyResultInputIssues(input.keyResults ?? [], (i) => `input.keyResults[${i}]`);
      if (issues.length > 0) throw InputError.of(issues);
      const goalId = localId(String(input.goalId), 'BusinessGoal', 'input.goalId');
      const [goal] = await findBusinessGoals(ctx.db, ws, [goalId]);
      if (!goal) throw new NotFoundError(`No business goal ${input.goalId} in your workspace.`, String(input.goalId));
      refuseArchived(goal, 'input.goalId', 'business goal');
      const keyResults = await Promise.all(
        (input.keyResults ?? []).map((kr, i) => keyResultValues(ctx.db, ws, kr, `input.keyResults[${i}]`)),
      );
      const objective = await ctx.db.transaction().execute(async (tx) => {
        const row = await insertObjective(tx, ws, {
          planId: goal.plan_id,
          goalId,
          title: input.title,
          category: input.category,
          framework: input.framework,
          startsOn: input.startsOn,
          deadline: input.deadline,
        });
        const keyResultRows = await insertKeyResults(tx, ws, row.id, keyResults);
        await recordChange(tx, ctx, [
          { entity: 'Objective', id: row.id, planId: row.plan_id, action: 'addObjective', change: 'CREATED', before: null, after: row },
          ...keyResultRows.map((kr) => ({ entity: 'KeyResult' as const, id: kr.id, planId: row.plan_id, action: 'addObjective', change: 'CREATED' as const, before: null, after: kr })),
        ]);
        return row;
      });
      await reevaluate(ctx, objective.plan_id);
      const smart = await smartOfObjective(ctx, objective);
      return { objective, smart };
    },
  }),
  updateObjective: t.field({
    authScopes: { editor: true },
    type: builder.simpleObject('UpdateObjectiveSuccess', { fields: (f) => ({ objective: f.field({ type: ObjectiveNode }) }) }),
    errors: {},
    args: { input: t.arg({ type: UpdateObjectiveInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const current = await objectiveOf(ctx, String(input.id), 'input.id');
      refuseArchived(current, 'input.id', 'objective');
      checkInput(dateRange('startsOn', 'deadline'), {
        startsOn: input.startsOn ?? current.starts_on,
        deadline: input.deadline ?? current.deadline,
      });
      const ws = workspaceOf(ctx);
      const ownerMemberId = await ownerMemberIdOf(ctx.db, ws, input.ownerId, 'input.ownerId');
      const objective = await ctx.db.transaction().execute(async (tx) => {
        const objective = await updateObjective(tx, ws, current.id, {
          ...(input.title != null && { title: input.title }),
          ...(input.category != null && { category: input.category }),
          ...(input.framework != null && { framework: input.framework }),
          ...(input.startsOn != null && { startsOn: input.startsOn }),
          ...(input.deadline != null && { deadline: input.deadline }),
          ...(input.budget !== undefined && { budget: input.budget }),
          ...(ownerMemberId !== undefined && { ownerMemberId }),
        });
        if (!objective) throw new NotFoundError(`No objective ${input.id} in your workspace.`, String(input.id));
        // The dates are part of every key result's definition: their history counts a new version from now.
        const datesMoved = objective.starts_on !== current.starts_on || objective.deadline !== current.deadline;
        const bumped = datesMoved ? await bumpDefinitionsOfObjective(tx, ws, objective.id, ctx.now()) : [];
        await recordChange(tx, ctx, { entity: 'Objective', id: objective.id, planId: objective.plan_id, action: 'updateObjective', change: 'UPDATED', before: current, after: objective });
        await recordChange(tx, ctx, bumped.map((kr) => ({
          entity: 'KeyResult' as const, id: kr.id, planId: objective.plan_id, action: 'updateObjective', change: 'UPDATED' as const,
          before: { definitionVersion: kr.definition_version - 1 }, after: { definitionVersion: kr.definition_version, definitionChangedAt: kr.definition_changed_at },
        })));
        return objective;
      });
      await reevaluate(ctx, objective.plan_id);
      return { objective };
    },
  }),
  addKeyResult: t.field({
    authScopes: { editor: true },
    type: builder.simpleObject('AddKeyResultSuccess', {
      fields: (f) => ({ keyResult: f.field({ type: KeyResultNode }), objective: f.field({ type: ObjectiveNode }) }),
    }),
    errors: {},
    args: { input: t.arg({ type: AddKeyResultInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const ws = workspaceOf(ctx);
      const issues = keyResultInputIssues([input.keyResult], () => 'input.keyResult');
      if (issues.length > 0) throw InputError.of(issues);
      const objective = await objectiveOf(ctx, String(input.objectiveId), 'input.objectiveId');
      refuseArchived(objective, 'input.objectiveId', 'objective');
      const values = await keyResultValues(ctx.db, ws, input.keyResult, 'input.keyResult');
      const keyResult = await ctx.db.transaction().execute(async (tx) => {
        const [keyResult] = await insertKeyResults(tx, ws, objective.id, [values], await nextKeyResultPosition(tx, ws, objective.id));
        await recordChange(tx, ctx, { entity: 'KeyResult', id: keyResult!.id, planId: objective.plan_id, action: 'addKeyResult', change: 'CREATED', before: null, after: keyResult! });
        return keyResult;
      });
      await reevaluate(ctx, objective.plan_id);
      return { keyResult: keyResult!, objective };
    },
  }),
}));
