import { smartReport, type BaselineBasis, type KeyResultAdvice, type ObjectiveDraft, type Realism, type SmartFinding, type SmartReport, type SmartSuggestion, type SmartVerdict } from '@goalpost/domain';
import { z } from 'zod';
import type { GatewayContext } from '../context.ts';
import { workspaceOf } from '../context.ts';
import { directSmartReads, smartContextFor, type SmartExtras } from '../planning/smartContextFor.ts';
import { builder } from './builder.ts';
import { VerdictEnum, ObjectiveCategoryEnum, FrameworkEnum } from './enums.ts';
import { localId } from './globalIds.ts';
import { KeyResultInput, keyResultInputIssues } from './keyResultInput.ts';
import { asQueryInput } from './inputIssues.ts';
import { numberIn, textIssue } from './inputRules.ts';
import { InputError } from '../errors.ts';
import { smartVerdictIn } from '../messages/smartReportIn.ts';
import { localeOf } from '../messages/requestLocale.ts';

export const RealismRef = builder.objectRef<Realism & { historyWeeks: number }>('Realism').implement({
  description: 'The pace the target demands against the pace the history showed before the start (seed 002), read as a level\'s trend, a count\'s weekly volume or a KPI\'s changes over windows of the objective\'s length (`basis`).',
  fields: (t) => ({
    requiredWeeklyRate: t.exposeFloat('requiredWeeklyRate', { description: '(target − baseline) ÷ weeks; for a count (FLOW_VOLUME), the period\'s target total ÷ weeks.' }),
    historicalWeeklyRate: t.exposeFloat('historicalWeeklyRate', {
      nullable: true,
      description: 'LEVEL_TREND: the slope a week; FLOW_VOLUME: the volume a week; KPI_CHANGES: the change the better quarter of past windows of the objective\'s length reached, ÷ its weeks.',
    }),
    ratio: t.exposeFloat('ratio', { nullable: true, description: 'How many times the history\'s pace the target needs, in its good direction (for a DECREASE count, how many times lower).' }),
    band: t.exposeString('band', { description: 'REALISTIC (≤ 1.5×), AMBITIOUS (≤ 3×), UNREALISTIC, or NO_HISTORY (the metric, or a KPI\'s inputs, have no history before the start).' }),
    basis: t.exposeString('basis', { description: 'LEVEL_TREND, FLOW_VOLUME or KPI_CHANGES.' }),
    historyWeeks: t.exposeFloat('historyWeeks'),
  }),
});

export const BaselineBasisRef = builder.objectRef<BaselineBasis>('BaselineBasis').implement({
  description: 'Where a baseline comes from. GIVEN; LEVEL_AT_START (a level on the start day or the last before it); PREVIOUS_PERIOD_TOTAL (a count over the same length of time just before the start: "+15% link clicks" = 15% more than that period); KPI_BEFORE_START (a KPI over its trailing window before the start); FIRST_LEVEL_AFTER_START and NO_REFERENCE (stand-ins while history does not reach the start).',
  fields: (t) => ({
    kind: t.exposeString('kind'),
    from: t.expose('from', { type: 'Date', nullable: true }),
    to: t.expose('to', { type: 'Date', nullable: true }),
    coveredDays: t.exposeInt('coveredDays', { nullable: true, description: 'PREVIOUS_PERIOD_TOTAL: days of that period the history covers; the total is scaled to the whole period.' }),
  }),
});

export const SmartParamRef = builder.objectRef<{ name: string; value: string | number | boolean | null }>('SmartParam').implement({
  description: 'A value a SMART message is built from, to word it in another language.',
  fields: (t) => ({
    name: t.exposeString('name'),
    value: t.string({ nullable: true, description: 'The value as text (lists comma-separated).', resolve: (p) => (p.value === null ? null : String(p.value)) }),
    number: t.float({ nullable: true, description: 'The value when it is a number.', resolve: (p) => (typeof p.value === 'number' ? p.value : null) }),
  }),
});

export const paramsOf = (params: Readonly<Record<string, string | number | boolean | null>>) => Object.entries(params).map(([name, value]) => ({ name, value }));

const SmartSuggestionRef = builder.objectRef<SmartSuggestion>('SmartSuggestion').implement({
  description: 'A change a client can apply to the draft: set `field` (of the key result at `keyResult`, or of the objective) to `number` or `day`.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'TARGET_AT_HISTORICAL_PACE, TARGET_AT_REALISTIC_PACE, DEADLINE_FOR_TARGET, OKR_STRETCH_TARGET, BUDGET_FOR_COST_TARGETS or CONTENT_FOR_PER_POST_TARGET.' }),
    keyResult: t.exposeInt('keyResult', { nullable: true, description: 'Position of the key result in the draft (0-based); null for the objective.' }),
    field: t.exposeString('field', { description: 'target, deadline, budget or plannedContentItems.' }),
    number: t.float({ nullable: true, resolve: (s) => (typeof s.value === 'number' ? s.value : null) }),
    day: t.field({ type: 'Date', nullable: true, resolve: (s) => (typeof s.value === 'string' ? s.value : null) }),
  }),
});

const SmartFindingRef = builder.objectRef<SmartFinding>('SmartFinding').implement({
  description: "One thing a SMART letter says: a stable code and its params beside the message, in the request's Accept-Language (en, es, ca, it; English otherwise).",
  fields: (t) => ({
    verdict: t.field({ type: VerdictEnum, resolve: (f) => f.verdict }),
    code: t.exposeString('code'),
    params: t.field({ type: [SmartParamRef], resolve: (f) => paramsOf(f.params) }),
    message: t.exposeString('message'),
    keyResult: t.exposeInt('keyResult', { nullable: true }),
    suggestions: t.field({ type: [SmartSuggestionRef], resolve: (f) => [...f.suggestions] }),
  }),
});

const SmartVerdictRef = builder.objectRef<SmartVerdict>('SmartVerdict').implement({
  fields: (t) => ({
    verdict: t.field({ type: VerdictEnum, resolve: (v) => v.verdict }),
    message: t.exposeString('message'),
    code: t.exposeString('code', { description: 'The letter\'s pass (e.g. SPECIFIC_OK), or the code of its worst finding.' }),
    params: t.field({ type: [SmartParamRef], resolve: (v) => paramsOf(v.params) }),
    findings: t.field({ type: [SmartFindingRef], description: 'Everything that is not a pass, in order.', resolve: (v) => [...v.findings] }),
  }),
});

const KeyResultAdviceRef = builder.objectRef<KeyResultAdvice>('KeyResultAdvice').implement({
  description: 'A key result of the draft as the rules read it: its resolved numbers, its realism, and the alternatives.',
  fields: (t) => ({
    keyResult: t.exposeInt('keyResult'),
    metric: t.exposeString('metric', { nullable: true }),
    baseline: t.exposeFloat('baseline', { nullable: true }),
    target: t.exposeFloat('target', { nullable: true }),
    basis: t.field({ type: BaselineBasisRef, nullable: true, resolve: (a) => a.basis }),
    realism: t.field({ type: RealismRef, nullable: true, resolve: (a) => (a.realism ? { ...a.realism, historyWeeks: a.historyWeeks } : null) }),
    targetAtHistoricalPace: t.exposeFloat('targetAtHistoricalPace', { nullable: true }),
    targetAtRealisticPace: t.exposeFloat('targetAtRealisticPace', { nullable: true, description: 'At 1.5× the historical pace: the top of the realistic band.' }),
    deadlineForTarget: t.expose('deadlineForTarget', { type: 'Date', nullable: true, description: 'The earliest deadline at which the given target is realistic.' }),
    stretchTarget: t.exposeFloat('stretchTarget', { nullable: true, description: 'OKR: the target the historical pace reaches about 0.7 of.' }),
  }),
});

export const SmartReportRef = builder.objectRef<SmartReport>('SmartReport').implement({
  description: 'One verdict per SMART letter, each with what is wrong and how to fix it, as codes and words; Attainable judges history, Realistic resources.',
  fields: (t) => ({
    specific: t.field({ type: SmartVerdictRef, resolve: (r, _args, ctx) => smartVerdictIn(localeOf(ctx), r.specific, r) }),
    measurable: t.field({ type: SmartVerdictRef, resolve: (r, _args, ctx) => smartVerdictIn(localeOf(ctx), r.measurable, r) }),
    attainable: t.field({ type: SmartVerdictRef, description: 'From history: each target\'s pace against the pace shown before the start.', resolve: (r, _args, ctx) => smartVerdictIn(localeOf(ctx), r.attainable, r) }),
    realistic: t.field({ type: SmartVerdictRef, description: 'From resources: budget against the spend cost targets imply, planned content against what per-post targets need, time left.', resolve: (r, _args, ctx) => smartVerdictIn(localeOf(ctx), r.realistic, r) }),
    relevant: t.field({ type: SmartVerdictRef, resolve: (r, _args, ctx) => smartVerdictIn(localeOf(ctx), r.relevant, r) }),
    timeBound: t.field({ type: SmartVerdictRef, resolve: (r, _args, ctx) => smartVerdictIn(localeOf(ctx), r.timeBound, r) }),
    passed: t.exposeBoolean('passed'),
    keyResults: t.field({ type: [KeyResultAdviceRef], description: 'Every key result of the draft, in its order: baseline and target as resolved, and the advice.', resolve: (r) => [...r.keyResults] }),
  }),
});

/** The SMART report of a draft whose ids are already local. Reads history; writes nothing. */
export async function reportFor(ctx: GatewayContext, draft: ObjectiveDraft, extras: Partial<SmartExtras> = {}): Promise<SmartReport> {
  const today = ctx.now().toISOString().slice(0, 10);
  return smartReport(draft, await smartContextFor(directSmartReads(ctx.db, workspaceOf(ctx)), draft, { today, ...extras }));
}

const DraftBudgetInput = builder.inputType('DraftBudgetInput', {
  fields: (t) => ({
    amount: t.float({ required: true, validate: numberIn(0, 1e12, 'an amount from 0 to 1000000000000') }),
    currency: t.string({ required: true, validate: z.string().refine((v) => /^[A-Z]{3}$/.test(v), { message: 'must be an ISO 4217 code such as EUR', params: { rule: 'currency' } }) }),
  }),
});

const ObjectiveDraftInput = builder.inputType('ObjectiveDraftInput', {
  description: 'The fields of AddObjectiveInput, all optional: lint an objective as the user types.',
  fields: (t) => ({
    goalId: t.id({ required: false }),
    title: t.string({ required: false }),
    category: t.field({ type: ObjectiveCategoryEnum, required: false }),
    framework: t.field({ type: FrameworkEnum, required: false }),
    startsOn: t.field({ type: 'Date', required: false }),
    deadline: t.field({ type: 'Date', required: false }),
    keyResults: t.field({ type: [KeyResultInput], required: false }),
    budget: t.field({ type: DraftBudgetInput, required: false, description: 'The budget planned for it: Realistic checks it against the spend cost targets imply.' }),
    plannedContentItems: t.int({ required: false, validate: numberIn(0, 1_000_000), description: 'Content items planned for its period: Realistic checks them against what per-post targets need.' }),
  }),
});

builder.queryField('checkObjective', (t) =>
  t.field({
    type: SmartReportRef,
    description: 'The SMART report of a draft objective; nothing is saved. Malformed input is refused (BAD_USER_INPUT); a target that contradicts the baseline read from history is a finding (specific: TARGET_AGAINST_DIRECTION), as a draft is checked while it is typed — addObjective refuses it.',
    args: { input: t.arg({ type: ObjectiveDraftInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const draft = await asQueryInput(() => {
        const issues = [
          ...(input.title != null ? titleIssues(input.title) : []),
          ...keyResultInputIssues(input.keyResults ?? [], (i) => `input.keyResults[${i}]`),
        ];
        if (issues.length > 0) throw InputError.of(issues);
        return {
          goalId: input.goalId ? localId(String(input.goalId), 'BusinessGoal', 'input.goalId') : undefined,
          title: input.title ?? undefined,
          category: input.category ?? undefined,
          framework: input.framework ?? undefined,
          startsOn: input.startsOn ?? undefined,
          deadline: input.deadline ?? undefined,
          keyResults: (input.keyResults ?? []).map((kr, i) => ({
            metric: kr.metric,
            accountId: kr.accountId ? localId(String(kr.accountId), 'SocialAccount', `input.keyResults[${i}].accountId`) : undefined,
            platform: kr.platform ?? undefined,
            direction: kr.direction,
            baseline: kr.baseline ?? undefined,
            target: kr.target ?? undefined,
            targetChangePercent: kr.targetChangePercent ?? undefined,
            weight: kr.weight ?? undefined,
            maintainTolerance: kr.maintainTolerance ?? undefined,
          })),
        };
      });
      // A target on the wrong side of the baseline read from history is a finding of the report's
      // Specific letter (TARGET_AGAINST_DIRECTION), not a refusal: a draft is checked while it is typed.
      const report = await reportFor(ctx, draft, { budget: input.budget ?? null, plannedContentItems: input.plannedContentItems ?? null });
      return report;
    },
  }),
);

/** The draft's title, by the rules of every title. */
function titleIssues(title: string) {
  const issue = textIssue('title', title);
  return issue ? [{ field: 'input.title', ...issue }] : [];
}
