import { findPlans, insertPlan, updatePlan, archivePlan, listPlans, planKeyset, type PlanRow } from '@goalpost/db';
import { dayOf, objectiveStatuses, statusSeverity, withPlanningOverrides, withThresholdOverrides, type EvaluationThresholds, type MetricAudit, type Platform, type PlanningSettings } from '@goalpost/domain';
import { workspaceOf } from '../context.ts';
import { InputError, NotFoundError } from '../errors.ts';
import { builder } from './builder.ts';
import { PlanStatusEnum, ObjectiveStatusEnum, PlatformEnum } from './enums.ts';
import { localId } from './globalIds.ts';
import { BusinessGoalNode } from './businessGoal.ts';
import { ObjectiveNode } from './objective.ts';
import { MetricAuditRef, SocialAccountNode } from './socialAccount.ts';
import { auditOfAccounts } from '../planning/auditOfAccounts.ts';
import { dateRange, numberIn, requiredText, optionalText } from './inputRules.ts';
import { asQueryInput, checkInput } from './inputIssues.ts';
import { keysetConnection, type Listing } from './keysetConnection.ts';
import { recordChange } from '../audit/recordChange.ts';
import { requestReadsOf } from '../planning/requestReads.ts';
import { DigestScheduleInput, mergedDigestSchedule } from './digestScheduleInput.ts';

const ThresholdsRef = builder.objectRef<EvaluationThresholds>('EvaluationThresholds').implement({
  fields: (t) => ({
    atRiskTolerance: t.exposeFloat('atRiskTolerance', { description: 'AT_RISK below expected × (1 − this). Default 0.1.' }),
    offTrackTolerance: t.exposeFloat('offTrackTolerance', { description: 'OFF_TRACK below expected × (1 − this). Default 0.25.' }),
    deadlineNearDays: t.exposeFloat('deadlineNearDays'),
    staleAfterDays: t.exposeFloat('staleAfterDays'),
    forecastWindowDays: t.exposeFloat('forecastWindowDays'),
    forecastMinConfidence: t.exposeFloat('forecastMinConfidence', {
      description: 'A forecast at least this confident (0..1) can lower ON_TRACK/AT_RISK when it projects a shortfall at the deadline. Default 0.5; 1 turns it off but for perfect fits.',
    }),
  }),
});

const ThresholdsInput = builder.inputType('ThresholdsInput', {
  description: 'Overrides of the evaluation thresholds; fields left out keep their value. offTrackTolerance is never below atRiskTolerance once merged with the stored ones.',
  fields: (t) => ({
    atRiskTolerance: t.float({ required: false, validate: numberIn(0, 1) }),
    offTrackTolerance: t.float({ required: false, validate: numberIn(0, 1) }),
    deadlineNearDays: t.int({ required: false, validate: numberIn(0, 365) }),
    staleAfterDays: t.int({ required: false, validate: numberIn(1, 365) }),
    forecastWindowDays: t.int({ required: false, validate: numberIn(7, 365) }),
    forecastMinConfidence: t.float({ required: false, validate: numberIn(0, 1) }),
  }),
});

type ThresholdsArg = typeof ThresholdsInput.$inferInput;

/**
 * The plan's threshold overrides after this change, checked as they will be in force (defaults, the
 * stored overrides, then these): OFF_TRACK must lie at or below AT_RISK, so its tolerance is the wider.
 */
function mergedThresholds(stored: Partial<EvaluationThresholds> | undefined, given: ThresholdsArg): Partial<EvaluationThresholds> {
  const merged = { ...stored, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v != null)) } as Partial<EvaluationThresholds>;
  const effective = withThresholdOverrides(merged);
  if (effective.offTrackTolerance < effective.atRiskTolerance) {
    const field = given.offTrackTolerance != null ? 'offTrackTolerance' : 'atRiskTolerance';
    throw InputError.of([{
      field: `input.thresholds.${field}`,
      rule: 'offTrack>=atRisk',
      message: `offTrackTolerance (${effective.offTrackTolerance}) must be at least atRiskTolerance (${effective.atRiskTolerance}), counting the values already stored for this plan`,
    }]);
  }
  return merged;
}

const PlanningSettingsRef = builder.objectRef<PlanningSettings>('PlanningSettings').implement({
  fields: (t) => ({
    okrSuccessFrom: t.exposeFloat('okrSuccessFrom', { description: 'An OKR score from this share counts as success (GREEN). Default 0.6: seed 003 counts 60–70% as a win.' }),
    maxPrimaryCategories: t.exposeInt('maxPrimaryCategories', {
      description: "Primary objective categories the plan may pursue before its objectives' Relevant letter warns that it should focus (seed 001). Default 3.",
    }),
  }),
});

const PlanningSettingsInput = builder.inputType('PlanningSettingsInput', {
  fields: (t) => ({
    okrSuccessFrom: t.float({ required: false, validate: numberIn(0.4, 1, 'from 0.4 (where YELLOW starts) to 1') }),
    maxPrimaryCategories: t.int({ required: false, validate: numberIn(1, 9) }),
  }),
});

export const PlanNode = builder.loadableNodeRef('Plan', {
  id: { resolve: (plan: PlanRow) => plan.id },
  load: (ids: string[], ctx) => findPlans(ctx.db, workspaceOf(ctx), ids),
  sort: (plan) => plan.id,
  cacheResolved: (plan) => plan.id,
});

PlanNode.implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    startsOn: t.expose('starts_on', { type: 'Date' }),
    endsOn: t.expose('ends_on', { type: 'Date' }),
    status: t.field({ type: PlanStatusEnum, resolve: (p) => p.status as 'ACTIVE' | 'ARCHIVED' }),
    createdAt: t.expose('created_at', { type: 'DateTime' }),
    thresholds: t.field({
      type: ThresholdsRef,
      description: 'The evaluation thresholds in force: the defaults, overridden by this plan.',
      resolve: (p) => withThresholdOverrides(p.settings.thresholds ?? {}),
    }),
    planning: t.field({
      type: PlanningSettingsRef,
      description: 'How OKRs are graded and how many primary categories the plan may pursue: the defaults, overridden by this plan.',
      resolve: (p) => withPlanningOverrides(p.settings.planning ?? {}),
    }),
    goals: t.field({
      type: [BusinessGoalNode],
      resolve: (p, _args, ctx) => requestReadsOf(ctx).goalsOfPlan.load(p.id),
    }),
    objectives: t.field({
      type: [ObjectiveNode],
      resolve: (p, _args, ctx) => requestReadsOf(ctx).objectivesOfPlan.load(p.id),
    }),
    accounts: t.field({
      type: [SocialAccountNode],
      description: 'Accounts belong to the workspace; every plan sees them.',
      resolve: (_p, _args, ctx) => requestReadsOf(ctx).accounts(),
    }),
    audit: t.field({
      type: [PlatformAudit],
      description: "Where each platform stands across the workspace's accounts on it (values summed), as of a day (default: today): the ground for this plan's baselines and targets.",
      args: { asOf: t.arg({ type: 'Date', required: false }), platform: t.arg({ type: PlatformEnum, required: false }) },
      resolve: async (_p, args, ctx) => {
        const ws = workspaceOf(ctx);
        const asOf = args.asOf ?? dayOf(ctx.now());
        const accounts = (await requestReadsOf(ctx).accounts()).filter((a) => !args.platform || a.platform === args.platform);
        const platforms = [...new Set(accounts.map((a) => a.platform as Platform))];
        return Promise.all(platforms.map(async (platform) => {
          const ids = accounts.filter((a) => a.platform === platform).map((a) => a.id);
          return { platform, accounts: ids.length, metrics: await auditOfAccounts(ctx.db, ws, ids, asOf) };
        }));
      },
    }),
    health: t.field({
      type: PlanHealth,
      resolve: async (p, _args, ctx) => {
        const reads = requestReadsOf(ctx);
        const objectives = await reads.objectivesOfPlan.load(p.id);
        const keyResults = (await reads.keyResultsOfObjective.loadMany(objectives.map((o) => o.id))).flatMap((krs) => {
          if (krs instanceof Error) throw krs;
          return krs;
        });
        return { objectives: objectives.map((o) => o.status), keyResults: keyResults.map((k) => k.status) };
      },
    }),
  }),
});

const PlatformAudit = builder.objectRef<{ platform: Platform; accounts: number; metrics: MetricAudit[] }>('PlatformAudit').implement({
  fields: (t) => ({
    platform: t.field({ type: PlatformEnum, resolve: (a) => a.platform }),
    accounts: t.int({ description: 'Accounts on the platform whose values are summed.', resolve: (a) => a.accounts }),
    metrics: t.field({ type: [MetricAuditRef], resolve: (a) => a.metrics }),
  }),
});

interface Health { objectives: string[]; keyResults: string[] }
const StatusCount = builder.objectRef<{ status: string; count: number }>('StatusCount').implement({
  fields: (t) => ({
    status: t.field({ type: ObjectiveStatusEnum, resolve: (c) => c.status as (typeof objectiveStatuses)[number] }),
    count: t.exposeInt('count'),
  }),
});
/** Counts by status, worst first, so a dashboard shows what needs attention at the top. */
function countByStatus(statuses: string[]) {
  const counts = new Map<string, number>();
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts]
    .map(([status, count]) => ({ status, count }))
    .sort((a, b) => statusSeverity(b.status as never) - statusSeverity(a.status as never));
}
const PlanHealth = builder.objectRef<Health>('PlanHealth').implement({
  fields: (t) => ({
    objectives: t.field({ type: [StatusCount], resolve: (h) => countByStatus(h.objectives) }),
    keyResults: t.field({ type: [StatusCount], resolve: (h) => countByStatus(h.keyResults) }),
  }),
});

/** Plans in the order they were created. */
const planListing: Listing = { name: 'plans', keyset: planKeyset, defaultSize: 20, maxSize: 100 };

builder.queryFields((t) => ({
  plans: t.connection({
    type: PlanNode,
    description: 'The workspace\'s plans, oldest first: first/after pages forward, last/before backward (at most 100 a page).',
    resolve: (_root, args, ctx) => keysetConnection(args, planListing, (page) => listPlans(ctx.db, workspaceOf(ctx), page)),
  }, { name: 'PlanConnection' }, { name: 'PlanEdge' }),
  plan: t.field({
    type: PlanNode,
    nullable: true,
    description: 'The plan, or null when no plan of your workspace has this id.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args) => asQueryInput(() => localId(String(args.id), 'Plan', 'id')),
  }),
}));

const CreatePlanInput = builder.inputType('CreatePlanInput', {
  fields: (t) => ({
    name: t.string({ required: true, validate: requiredText('name') }),
    startsOn: t.field({ type: 'Date', required: true }),
    endsOn: t.field({ type: 'Date', required: true }),
    description: t.string({ required: false, validate: optionalText('description') }),
  }),
  validate: dateRange('startsOn', 'endsOn'),
});

const UpdatePlanInput = builder.inputType('UpdatePlanInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    name: t.string({ required: false, validate: requiredText('name').optional() }),
    startsOn: t.field({ type: 'Date', required: false }),
    endsOn: t.field({ type: 'Date', required: false }),
    description: t.string({ required: false, validate: optionalText('description') }),
    thresholds: t.field({ type: ThresholdsInput, required: false }),
    checkInOverdueAfterDays: t.int({ required: false, validate: numberIn(1, 365), description: 'Days without a check-in before an owned key result is flagged.' }),
    planning: t.field({ type: PlanningSettingsInput, required: false }),
    digestSchedule: t.field({ type: DigestScheduleInput, required: false }),
  }),
});

builder.mutationFields((t) => ({
  createPlan: t.field({
    authScopes: { editor: true },
    type: builder.simpleObject('CreatePlanSuccess', { fields: (f) => ({ plan: f.field({ type: PlanNode }) }) }),
    errors: {},
    args: { input: t.arg({ type: CreatePlanInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      plan: await ctx.db.transaction().execute(async (tx) => {
        const plan = await insertPlan(tx, workspaceOf(ctx), {
          name: input.name,
          description: input.description ?? null,
          startsOn: input.startsOn,
          endsOn: input.endsOn,
        });
        await recordChange(tx, ctx, { entity: 'Plan', id: plan.id, planId: plan.id, action: 'createPlan', change: 'CREATED', before: null, after: plan });
        return plan;
      }),
    }),
  }),
  updatePlan: t.field({
    authScopes: { editor: true },
    type: builder.simpleObject('UpdatePlanSuccess', { fields: (f) => ({ plan: f.field({ type: PlanNode }) }) }),
    errors: {},
    args: { input: t.arg({ type: UpdatePlanInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const ws = workspaceOf(ctx);
      const id = localId(String(input.id), 'Plan', 'input.id');
      const [current] = await findPlans(ctx.db, ws, [id]);
      if (!current) throw new NotFoundError(`No plan ${input.id} in your workspace.`, String(input.id));
      checkInput(dateRange('startsOn', 'endsOn'), {
        startsOn: input.startsOn ?? current.starts_on,
        endsOn: input.endsOn ?? current.ends_on,
      });
      const thresholds = input.thresholds ? mergedThresholds(current.settings.thresholds, input.thresholds) : undefined;
      const plan = await ctx.db.transaction().execute(async (tx) => {
        const plan = await updatePlan(tx, ws, id, {
          ...(input.name != null && { name: input.name }),
          ...(input.description !== undefined && { description: input.description }),
          ...(input.startsOn != null && { startsOn: input.startsOn }),
          ...(input.endsOn != null && { endsOn: input.endsOn }),
          ...((thresholds || input.checkInOverdueAfterDays != null || input.planning != null || input.digestSchedule != null) && {
            settings: {
              ...current.settings,
              ...(thresholds && { thresholds }),
              ...(input.checkInOverdueAfterDays != null && { checkIns: { ...current.settings.checkIns, overdueAfterDays: input.checkInOverdueAfterDays } }),
              ...(input.planning != null && {
                planning: { ...current.settings.planning, ...Object.fromEntries(Object.entries(input.planning).filter(([, v]) => v != null)) },
              }),
              ...(input.digestSchedule != null && { digest: mergedDigestSchedule(current.settings.digest, input.digestSchedule) }),
            },
          }),
        });
        if (!plan) throw new NotFoundError(`No plan ${input.id} in your workspace.`, String(input.id));
        await recordChange(tx, ctx, { entity: 'Plan', id, planId: id, action: 'updatePlan', change: 'UPDATED', before: current, after: plan });
        return plan;
      });
      await ctx.queues.enqueueEvaluation({ workspaceId: ws, planId: id, reason: 'plan-changed' }).catch(() => {});
      return { plan };
    },
  }),
  archivePlan: t.field({
    authScopes: { editor: true },
    type: builder.simpleObject('ArchivePlanSuccess', { fields: (f) => ({ plan: f.field({ type: PlanNode }) }) }),
    errors: {},
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const ws = workspaceOf(ctx);
      const id = localId(String(args.id), 'Plan', 'id');
      const plan = await ctx.db.transaction().execute(async (tx) => {
        const [before] = await findPlans(tx, ws, [id]);
        const plan = await archivePlan(tx, ws, id);
        if (!before || !plan) throw new NotFoundError(`No plan ${args.id} in your workspace.`, String(args.id));
        await recordChange(tx, ctx, { entity: 'Plan', id, planId: id, action: 'archivePlan', change: 'ARCHIVED', before, after: plan });
        return plan;
      });
      return { plan };
    },
  }),
  evaluatePlan: t.field({
    authScopes: { editor: true },
    type: builder.simpleObject('EvaluatePlanSuccess', {
      fields: (f) => ({ plan: f.field({ type: PlanNode }), queued: f.boolean() }),
    }),
    errors: {},
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const ws = workspaceOf(ctx);
      const id = localId(String(args.id), 'Plan', 'id');
      const [plan] = await findPlans(ctx.db, ws, [id]);
      if (!plan) throw new NotFoundError(`No plan ${args.id} in your workspace.`, String(args.id));
      await ctx.queues.enqueueEvaluation({ workspaceId: ws, planId: id, reason: 'manual' });
      return { plan, queued: true };
    },
  }),
}));
