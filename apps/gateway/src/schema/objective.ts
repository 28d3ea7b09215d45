import {
  findBusinessGoals, findObjectives, findSocialAccounts, listThemesOfObjective, insertObjective, updateObjective, insertKeyResults,
  listKeyResultsOfObjectives, nextKeyResultPosition, bumpDefinitionsOfObjective, countPlannedContentItems, setKeyResultResolution,
  type ObjectiveRow, type KeyResultRow, type KeyResultValues, type Db,
} from '@goalpost/db';
import {
  dayOf, okrScore, smartReport, statusMessage, withPlanningOverrides, type BaselineBasis, type Framework, type ObjectiveCategory, type ObjectiveStatus, type KeyResultDraft,
  type ObjectiveDraft, type PlanningSettings, type TargetResolution,
} from '@goalpost/domain';
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
import { baselineOf, targetOf } from '@goalpost/reports';
import { KeyResultNode } from './keyResult.ts';
import { ThemeNode } from './theme.ts';
import { BusinessGoalNode } from './businessGoal.ts';
import { PlanNode } from './plan.ts';
import { SmartParamRef, SmartReportRef, paramsOf } from './smartReport.ts';
import { statusText } from '../messages/messageCatalog.ts';
import { localeOf } from '../messages/requestLocale.ts';
import { resolveTargetFor, storedResolution } from '../planning/resolveTargetFor.ts';
import { resolvedBaselineIssues } from '../planning/resolvedBaselineIssues.ts';
import { requestReadsOf } from '../planning/requestReads.ts';
import { directSmartReads, smartContextFor, type SmartReads } from '../planning/smartContextFor.ts';
import { MemberRef } from './member.ts';

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
  fields: (t) => ({
    score: t.exposeFloat('score'),
    grade: t.exposeString('grade', { description: "GREEN from the plan's okrSuccessFrom (0.6 by default: seed 003 counts 60–70% as a win), YELLOW ≥ 0.4, RED below." }),
  }),
});

/** How a field reads: batched through the request's loaders (queries), or straight from the database (after a mutation's writes). */
type ReadMode = 'batched' | 'direct';

async function planOf(ctx: GatewayContext, o: ObjectiveRow) {
  return (await PlanNode.getDataloader(ctx).load(o.plan_id)) ?? undefined;
}

async function planningOf(ctx: GatewayContext, o: ObjectiveRow): Promise<PlanningSettings> {
  return withPlanningOverrides((await planOf(ctx, o))?.settings.planning ?? {});
}

/** The objective's key results (not archived, in order): one statement for every objective of the request. */
export function keyResultsOf(ctx: GatewayContext, o: ObjectiveRow): Promise<KeyResultRow[]> {
  return requestReadsOf(ctx).keyResultsOfObjective.load(o.id);
}

async function scoreOf(ctx: GatewayContext, o: ObjectiveRow) {
  const krs = await keyResultsOf(ctx, o);
  if (krs.every((k) => k.progress === null)) return null;
  const { okrSuccessFrom } = await planningOf(ctx, o);
  return okrScore(krs.map((k) => ({ score: Math.min(1, Math.max(0, k.progress ?? 0)), weight: k.weight })), okrSuccessFrom);
}

/** What a saved key result keeps: its numbers as resolved from history, not resolved again on reads. */
function keptResolution(k: KeyResultRow): TargetResolution | null {
  if (k.baseline !== null || k.resolved_at === null) return null;
  return { baseline: k.resolved_baseline, target: k.resolved_target, basis: k.baseline_basis as BaselineBasis | null, settled: true };
}

/** The SMART check's reads through the request's loaders: the goal and plan from the node loaders, history batched. */
function batchedSmartReads(ctx: GatewayContext): SmartReads {
  const reads = requestReadsOf(ctx);
  return {
    goal: async (id) => (await BusinessGoalNode.getDataloader(ctx).load(id)) ?? undefined,
    plan: async (id) => (await PlanNode.getDataloader(ctx).load(id)) ?? undefined,
    objectivesOfPlan: (planId) => reads.objectivesOfPlan.load(planId),
    scopeAccounts: reads.scopeAccounts,
    metricHasData: (accountIds, metric) => reads.metricHasData.load({ accountIds, metric }),
    rawDaily: reads.rawDaily,
  };
}

/** The SMART report of a saved objective, from its stored key results, its budget and its planned content. */
async function smartOfObjective(ctx: GatewayContext, o: ObjectiveRow, mode: ReadMode = 'direct') {
  const ws = workspaceOf(ctx);
  const period = { from: o.starts_on, to: o.deadline };
  // Counted beside the history reads, not before them: batched, those join the request's other reads.
  const planned = mode === 'batched' ? requestReadsOf(ctx).plannedContentItems.load({ objectiveId: o.id, ...period }) : countPlannedContentItems(ctx.db, ws, o.id, period);
  const krs = mode === 'batched' ? await keyResultsOf(ctx, o) : await listKeyResultsOfObjectives(ctx.db, ws, [o.id]);
  const draft: ObjectiveDraft = {
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
      maintainTolerance: k.maintain_tolerance ?? undefined,
    })),
  };
  const budget = o.budget_amount === null ? null : { amount: o.budget_amount, currency: o.budget_currency ?? 'EUR' };
  const reads = mode === 'batched' ? batchedSmartReads(ctx) : directSmartReads(ctx.db, ws);
  const [context, plannedContentItems] = await Promise.all([
    smartContextFor(reads, draft, { today: dayOf(ctx.now()), objectiveId: o.id, budget, resolutions: krs.map(keptResolution) }),
    planned,
  ]);
  return smartReport(draft, { ...context, plannedContentItems });
}

/** Spend is a metric: summed over the accounts the objective's key results read, within its period. */
async function budgetOf(ctx: GatewayContext, o: ObjectiveRow) {
  if (o.budget_amount === null) return null;
  const reads = requestReadsOf(ctx);
  const krs = await keyResultsOf(ctx, o);
  const accountIds = [...new Set((await Promise.all(krs.map((k) => reads.scopeAccounts({ accountId: k.account_id, platform: k.platform })))).flat().map((a) => a.id))];
  const spend = (await reads.rawDaily({ accountIds, metrics: ['spend'], from: o.starts_on, to: o.deadline })).spend ?? [];
  const spent = spend.reduce((sum, p) => sum + p.value, 0);
  return { amount: o.budget_amount, currency: o.budget_currency ?? 'EUR', spent, remaining: o.budget_amount - spent };
}

export const ObjectiveNode = builder.loadableNodeRef('Objective', {
  id: { resolve: (o: ObjectiveRow) => o.id },
  load: (ids: string[], ctx) => findObjectives(ctx.db, workspaceOf(ctx), ids),
  sort: (o) => o.id,
  // Rows a list answers are kept for by-id lookups of the same request (a key result's objective).
  cacheResolved: (o) => o.id,
});

const statusMessageOf = async (ctx: GatewayContext, o: ObjectiveRow) =>
  statusMessage(o.framework as Framework, o.status as ObjectiveStatus, await scoreOf(ctx, o), (await planningOf(ctx, o)).okrSuccessFrom);

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
      description: "The status in words, against the bar of the framework (OKR: from the plan's okrSuccessFrom, 0.6 by default, counts as success), in the request's Accept-Language (en, es, ca, it).",
      resolve: async (o, _args, ctx) => statusText(localeOf(ctx), await statusMessageOf(ctx, o)),
    }),
    statusCode: t.string({
      description: 'The stable code of statusText (e.g. SMART_AT_RISK, OKR_MISSED_SUCCESS), to word it in a client\'s own language with statusParams.',
      resolve: async (o, _args, ctx) => (await statusMessageOf(ctx, o)).code,
    }),
    statusParams: t.field({
      type: [SmartParamRef],
      description: 'The values statusText is built from: score, successFrom, grade.',
      resolve: async (o, _args, ctx) => paramsOf((await statusMessageOf(ctx, o)).params),
    }),
    keyResults: t.field({ type: [KeyResultNode], resolve: (o, _args, ctx) => keyResultsOf(ctx, o) }),
    smart: t.field({ type: SmartReportRef, resolve: (o, _args, ctx) => smartOfObjective(ctx, o, 'batched') }),
    themes: t.field({ type: [ThemeNode], resolve: (o, _args, ctx) => listThemesOfObjective(ctx.db, workspaceOf(ctx), o.id) }),
    budget: t.field({ type: BudgetRef, nullable: true, resolve: (o, _args, ctx) => budgetOf(ctx, o) }),
    owner: t.field({
      type: MemberRef,
      nullable: true,
      description: 'The workspace Member who owns the objective (ownerId), with their user.',
      resolve: (o, _args, ctx) => (o.owner_member_id ? requestReadsOf(ctx).member(o.owner_member_id) : null),
    }),
  }),
});

type KeyResultArg = typeof KeyResultInput.$inferInput;

/** Decodes a key result input into its account id, checking the account belongs to the workspace. */
async function accountIdOf(db: Db, workspaceId: string, kr: KeyResultArg, field: string): Promise<string | null> {
  const accountId = kr.accountId ? localId(String(kr.accountId), 'SocialAccount', `${field}.accountId`) : null;
  if (accountId && (await findSocialAccounts(db, workspaceId, [accountId])).length === 0) {
    throw InputError.of([{ field: `${field}.accountId`, rule: 'exists', message: 'no such account in your workspace', params: { type: 'SocialAccount' } }]);
  }
  return accountId;
}

/**
 * A key result input as row values, with its baseline and target resolved from history at the
 * objective's dates (DESIGN.md §2: resolved when created, so the answer carries the numbers).
 */
async function keyResultValues(ctx: GatewayContext, kr: KeyResultArg, accountId: string | null, dates: { startsOn: string; deadline: string }, field: string): Promise<KeyResultValues> {
  const resolution = await resolveTargetFor(ctx.db, workspaceOf(ctx), { ...kr, accountId }, dates);
  const issues = resolvedBaselineIssues(kr, resolution, field);
  if (issues.length > 0) throw InputError.of(issues);
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
    maintainTolerance: kr.maintainTolerance ?? null,
    resolution: storedResolution(resolution, ctx.now()),
  };
}

/**
 * Resolves the baseline and target of an objective's key results again from the history as it is now,
 * at the objective's dates (after its dates change, or when the user asks). Those with a given baseline
 * and an absolute target have nothing to resolve.
 */
async function resolveAgain(ctx: GatewayContext, db: Db, objective: ObjectiveRow, keyResults: readonly KeyResultRow[]): Promise<{ before: KeyResultRow; after: KeyResultRow }[]> {
  const ws = workspaceOf(ctx);
  const changes: { before: KeyResultRow; after: KeyResultRow }[] = [];
  for (const k of keyResults) {
    const resolution = await resolveTargetFor(db, ws, {
      metric: k.metric, accountId: k.account_id, platform: k.platform, baseline: k.baseline, target: k.target, targetChangePercent: k.target_change_percent,
    }, { startsOn: objective.starts_on, deadline: objective.deadline });
    const after = await setKeyResultResolution(db, ws, k.id, storedResolution(resolution, ctx.now()));
    if (after) changes.push({ before: k, after });
  }
  return changes;
}

/** The audit entries of a resolution: the key results whose numbers it moved. */
const resolutionChanges = (objective: ObjectiveRow, action: string, changes: readonly { before: KeyResultRow; after: KeyResultRow }[]) =>
  changes
    .filter(({ before, after }) => baselineOf(before) !== baselineOf(after) || targetOf(before) !== targetOf(after) || before.resolved_at?.getTime() !== after.resolved_at?.getTime())
    .map(({ before, after }) => ({ entity: 'KeyResult' as const, id: after.id, planId: objective.plan_id, action, change: 'UPDATED' as const, before, after }));

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
    resolveTargets: t.boolean({
      required: false,
      description: "Resolve the key results' baselines and relative targets again from the history as it is now (they are kept otherwise; new dates resolve them anyway).",
    }),
  }),
});

const ResolveKeyResultTargetsInput = builder.inputType('ResolveKeyResultTargetsInput', {
  fields: (t) => ({
    objectiveId: t.id({ required: true }),
    keyResultIds: t.idList({ required: false, description: 'Only these key results of the objective; omitted: all of them.' }),
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
      fields: (f) => ({
        objective: f.field({ type: ObjectiveNode }),
        keyResults: f.field({ type: [KeyResultNode], description: 'The key results as stored, baselines and targets resolved.' }),
        smart: f.field({ type: SmartReportRef }),
      }),
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
      const accountIds = await Promise.all((input.keyResults ?? []).map((kr, i) => accountIdOf(ctx.db, ws, kr, `input.keyResults[${i}]`)));
      const dates = { startsOn: input.startsOn, deadline: input.deadline };
      const keyResults = await Promise.all((input.keyResults ?? []).map((kr, i) => keyResultValues(ctx, kr, accountIds[i]!, dates, `input.keyResults[${i}]`)));
      const { objective, rows } = await ctx.db.transaction().execute(async (tx) => {
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
        return { objective: row, rows: keyResultRows };
      });
      await reevaluate(ctx, objective.plan_id);
      const smart = await smartOfObjective(ctx, objective);
      return { objective, keyResults: rows, smart };
    },
  }),
  updateObjective: t.field({
    authScopes: { editor: true },
    type: builder.simpleObject('UpdateObjectiveSuccess', {
      fields: (f) => ({
        objective: f.field({ type: ObjectiveNode }),
        keyResults: f.field({ type: [KeyResultNode], description: 'Its key results, baselines and targets as resolved now.' }),
        smart: f.field({ type: SmartReportRef }),
      }),
    }),
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
        // New dates move the periods the baselines are read from; otherwise they are kept unless asked.
        const resolved = datesMoved || input.resolveTargets === true ? await resolveAgain(ctx, tx, objective, await listKeyResultsOfObjectives(tx, ws, [objective.id])) : [];
        await recordChange(tx, ctx, { entity: 'Objective', id: objective.id, planId: objective.plan_id, action: 'updateObjective', change: 'UPDATED', before: current, after: objective });
        // A new definition's entry carries the numbers it resolved to; without new dates, each moved resolution is its own entry.
        await recordChange(tx, ctx, bumped.map((kr) => {
          const now = resolved.find((r) => r.after.id === kr.id)?.after;
          return {
            entity: 'KeyResult' as const, id: kr.id, planId: objective.plan_id, action: 'updateObjective', change: 'UPDATED' as const,
            before: { definitionVersion: kr.definition_version - 1 },
            after: { definitionVersion: kr.definition_version, definitionChangedAt: kr.definition_changed_at, ...(now && { baseline: baselineOf(now), target: targetOf(now) }) },
          };
        }));
        if (!datesMoved) await recordChange(tx, ctx, resolutionChanges(objective, 'updateObjective', resolved));
        return objective;
      });
      await reevaluate(ctx, objective.plan_id);
      return { objective, keyResults: await listKeyResultsOfObjectives(ctx.db, ws, [objective.id]), smart: await smartOfObjective(ctx, objective) };
    },
  }),
  addKeyResult: t.field({
    authScopes: { editor: true },
    type: builder.simpleObject('AddKeyResultSuccess', {
      fields: (f) => ({ keyResult: f.field({ type: KeyResultNode }), objective: f.field({ type: ObjectiveNode }), smart: f.field({ type: SmartReportRef }) }),
    }),
    errors: {},
    args: { input: t.arg({ type: AddKeyResultInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const ws = workspaceOf(ctx);
      const issues = keyResultInputIssues([input.keyResult], () => 'input.keyResult');
      if (issues.length > 0) throw InputError.of(issues);
      const objective = await objectiveOf(ctx, String(input.objectiveId), 'input.objectiveId');
      refuseArchived(objective, 'input.objectiveId', 'objective');
      const accountId = await accountIdOf(ctx.db, ws, input.keyResult, 'input.keyResult');
      const values = await keyResultValues(ctx, input.keyResult, accountId, { startsOn: objective.starts_on, deadline: objective.deadline }, 'input.keyResult');
      const keyResult = await ctx.db.transaction().execute(async (tx) => {
        const [keyResult] = await insertKeyResults(tx, ws, objective.id, [values], await nextKeyResultPosition(tx, ws, objective.id));
        await recordChange(tx, ctx, { entity: 'KeyResult', id: keyResult!.id, planId: objective.plan_id, action: 'addKeyResult', change: 'CREATED', before: null, after: keyResult! });
        return keyResult;
      });
      await reevaluate(ctx, objective.plan_id);
      return { keyResult: keyResult!, objective, smart: await smartOfObjective(ctx, objective) };
    },
  }),
  resolveKeyResultTargets: t.field({
    type: builder.simpleObject('ResolveKeyResultTargetsSuccess', {
      fields: (f) => ({ objective: f.field({ type: ObjectiveNode }), keyResults: f.field({ type: [KeyResultNode] }), smart: f.field({ type: SmartReportRef }) }),
    }),
    description: "Resolves key results' baselines and relative targets again from the history as it is now (e.g. after importing older history): they are otherwise kept as resolved when created or changed.",
    errors: {},
    args: { input: t.arg({ type: ResolveKeyResultTargetsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const ws = workspaceOf(ctx);
      const objective = await objectiveOf(ctx, String(input.objectiveId), 'input.objectiveId');
      refuseArchived(objective, 'input.objectiveId', 'objective');
      const all = await listKeyResultsOfObjectives(ctx.db, ws, [objective.id]);
      const wanted = input.keyResultIds?.map((id, i) => localId(String(id), 'KeyResult', `input.keyResultIds[${i}]`));
      const strangers = (wanted ?? []).map((id, i) => ({ id, i })).filter(({ id }) => !all.some((k) => k.id === id));
      if (strangers.length > 0) {
        throw InputError.of(strangers.map(({ i }) => ({ field: `input.keyResultIds[${i}]`, rule: 'exists', message: 'no such key result in this objective', params: { type: 'KeyResult' } })));
      }
      await ctx.db.transaction().execute(async (tx) => {
        const resolved = await resolveAgain(ctx, tx, objective, wanted ? all.filter((k) => wanted.includes(k.id)) : all);
        await recordChange(tx, ctx, resolutionChanges(objective, 'resolveKeyResultTargets', resolved));
      });
      await reevaluate(ctx, objective.plan_id);
      const keyResults = (await listKeyResultsOfObjectives(ctx.db, ws, [objective.id])).filter((k) => !wanted || wanted.includes(k.id));
      return { objective, keyResults, smart: await smartOfObjective(ctx, objective) };
    },
  }),
}));
