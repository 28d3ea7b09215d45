import { findKeyResults, evaluationHistoryKeyset, type KeyResultRow, type ObjectiveRow, type StoredForecast } from '@goalpost/db';
import {
  addDays, calibrationRange, daysBetween, deprecationsAffecting, findMetric, flowRealism, historicalPace, historyWindow, keyResultCalibration, keyResultSeries, kpiWindowDays,
  periodDays, realism, towardsOf, withThresholdOverrides, type BaselineBasis, type Direction, type ForecastCalibration, type ObjectiveStatus, type PaceCurve, type Platform,
} from '@goalpost/domain';
import { workspaceOf } from '../context.ts';
import { builder } from './builder.ts';
import { DirectionEnum, ObjectiveStatusEnum, PaceCurveEnum, PlatformEnum } from './enums.ts';
import { baselineOf, targetOf } from '@goalpost/reports';
import { SocialAccountNode } from './socialAccount.ts';
import { PlatformMetricDeprecationRef } from './metricCatalog.ts';
import { connectorPlatformsInScope } from '../planning/connectorPlatformsInScope.ts';
import { keysetConnection, type Listing } from './keysetConnection.ts';
import type { RawDaily, RawDailyQuery } from '../planning/rawDailyOf.ts';
import { requestReadsOf } from '../planning/requestReads.ts';
import { BaselineBasisRef, RealismRef } from './smartReport.ts';
import { MemberRef } from './member.ts';
import { ObjectiveNode } from './objective.ts';
import { PlanNode } from './plan.ts';
import type { GatewayContext } from '../context.ts';

/** The key result's objective: the row its parent list read (primed), else one batched lookup. */
async function objectiveOf(ctx: GatewayContext, kr: KeyResultRow): Promise<ObjectiveRow | null> {
  return ObjectiveNode.getDataloader(ctx).load(kr.objective_id);
}

/** The ids of the accounts the key result reads (`listScopeAccountIds`), from the accounts the request read once. */
async function scopeAccountIdsOf(ctx: GatewayContext, kr: KeyResultRow): Promise<string[]> {
  return (await requestReadsOf(ctx).scopeAccounts({ accountId: kr.account_id, platform: kr.platform })).map((a) => a.id);
}

/** `rawDailyOf`, batched with every other read of daily totals in the request. */
async function rawDailyBatched(ctx: GatewayContext, query: RawDailyQuery): Promise<RawDaily> {
  return requestReadsOf(ctx).rawDaily(query);
}

/** The day `days` after `from`, or null. */
const dayAfter = (from: string | undefined, days: number | null | undefined) => (from && days !== null && days !== undefined ? addDays(from, days) : null);

const ForecastRef = builder.objectRef<StoredForecast>('Forecast').implement({
  description: 'The value projected at the deadline from the recent trend, and when the projection reaches the target.',
  fields: (t) => ({
    value: t.exposeFloat('value'),
    low: t.exposeFloat('low', { description: "The interval around the value, nominally 95%: the model's ±2 standard errors scaled to the key result's own backtested errors (KeyResult.forecastCalibration says the scale and how often it held)." }),
    high: t.exposeFloat('high'),
    confidence: t.exposeFloat('confidence'),
    method: t.exposeString('method'),
    asOf: t.field({ type: 'Date', nullable: true, description: 'The day the projection starts from: the latest value\'s.', resolve: (f) => f.asOf ?? null }),
    trendPerDay: t.float({ nullable: true, description: 'Change per day of the projection.', resolve: (f) => f.trendPerDay ?? null }),
    reachesTargetOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'The day the projection reaches the target (asOf when it is there already); null when it does not head there within three years, or there is no single day to reach (MAINTAIN, a count kept under its target).',
      resolve: (f) => dayAfter(f.asOf, f.targetInDays),
    }),
    reachesTargetEarliest: t.field({ type: 'Date', nullable: true, description: 'When the favourable edge of the interval reaches it.', resolve: (f) => dayAfter(f.asOf, f.targetInDaysEarliest) }),
    reachesTargetLatest: t.field({ type: 'Date', nullable: true, description: 'When the unfavourable edge reaches it; null when that edge never does within three years.', resolve: (f) => dayAfter(f.asOf, f.targetInDaysLatest) }),
  }),
});

const ForecastCalibrationRef = builder.objectRef<ForecastCalibration>('ForecastCalibration').implement({
  description: "How often the forecast's stated interval held the value that came, backtested over the scope's own history, and the scale that makes it hold: the model's ±2 standard errors are scaled by `intervalScale` (a conformal quantile of this series' own out-of-sample errors at the horizon) so that about `nominal` of them fall inside.",
  fields: (t) => ({
    coverage: t.exposeFloat('coverage', {
      nullable: true,
      description: 'Share of backtests whose stated interval — the model\'s, scaled by what the errors known by then showed — held the later value: out of sample; null without such a backtest.',
    }),
    backtests: t.exposeInt('backtests', { description: 'Backtests with at least 10 earlier errors to scale their interval by.' }),
    covered: t.exposeInt('covered'),
    horizonDays: t.exposeInt('horizonDays', { description: 'Days ahead each backtest projected (the days to the deadline, 7–182).' }),
    nominal: t.exposeFloat('nominal', { description: 'What the interval claims: 0.95.' }),
    modelCoverage: t.exposeFloat('modelCoverage', { nullable: true, description: "How often the model's own interval (unscaled) held, over every backtest." }),
    modelBacktests: t.exposeInt('modelBacktests'),
    intervalScale: t.exposeFloat('intervalScale', { description: "What the model's interval is scaled by from now on (1 with fewer than 10 backtests); the evaluation applies the one it last stored (KeyResult.forecast)." }),
  }),
});

/** Where the baseline comes from (GIVEN when the key result states it). */
export function basisOf(kr: KeyResultRow): BaselineBasis | null {
  if (kr.baseline !== null) return { kind: 'GIVEN', from: null, to: null, coveredDays: null };
  return (kr.baseline_basis as BaselineBasis | null) ?? null;
}

/** The key result's realism: its resolved numbers against the pace of its scope's history before the start. */
async function realismOf(ctx: GatewayContext, kr: KeyResultRow, objective: ObjectiveRow) {
  const definition = findMetric(kr.metric);
  const baseline = baselineOf(kr);
  const target = targetOf(kr);
  if (!definition || kr.direction === 'MAINTAIN' || baseline === null || target === null) return null;
  const dates = { startsOn: objective.starts_on, deadline: objective.deadline };
  const accountIds = await scopeAccountIdsOf(ctx, kr);
  const raw = await rawDailyBatched(ctx, { accountIds, metrics: definition.kind === 'DERIVED' ? definition.inputs : [definition.id], ...historyWindow(definition, dates) });
  const direction = kr.direction as Direction;
  const pace = historicalPace(definition, raw, { ...dates, towards: towardsOf(direction, baseline, target, definition.goodDirection) });
  const weeks = definition.kind === 'FLOW' ? periodDays(dates) / 7 : daysBetween(objective.starts_on, objective.deadline) / 7;
  const judged = definition.kind === 'FLOW'
    ? flowRealism({ direction, target, weeks, historicalWeeklyRate: pace.weeklyRate })
    : realism({ direction, baseline, target, weeks, historicalWeeklyRate: pace.weeklyRate, basis: pace.basis });
  return { ...judged, historyWeeks: pace.weeks };
}

async function calibrationOf(ctx: GatewayContext, kr: KeyResultRow, objective: ObjectiveRow): Promise<ForecastCalibration | null> {
  const definition = findMetric(kr.metric);
  if (!definition) return null;
  const today = ctx.now().toISOString().slice(0, 10);
  const dates = { startsOn: objective.starts_on, deadline: objective.deadline };
  const { from, to } = calibrationRange(dates, today);
  const accountIds = await scopeAccountIdsOf(ctx, kr);
  const raw = await rawDailyBatched(ctx, { accountIds, metrics: definition.kind === 'DERIVED' ? definition.inputs : [definition.id], from, to });
  const plan = await PlanNode.getDataloader(ctx).load(objective.plan_id);
  const { forecastWindowDays } = withThresholdOverrides(plan?.settings.thresholds ?? {});
  return keyResultCalibration(definition, raw, { objective: dates, today, forecastWindowDays });
}

const EvaluationRef = builder
  .objectRef<{ evaluated_on: string; evaluated_at: Date; status: string; current: number | null; progress: number | null; expected_progress: number; definition_version: number }>('KeyResultEvaluation')
  .implement({
    description: 'One day of evaluation history: draw progress against the expected path.',
    fields: (t) => ({
      on: t.expose('evaluated_on', { type: 'Date' }),
      evaluatedAt: t.expose('evaluated_at', { type: 'DateTime' }),
      status: t.field({ type: ObjectiveStatusEnum, resolve: (e) => e.status as ObjectiveStatus }),
      current: t.exposeFloat('current', { nullable: true }),
      progress: t.exposeFloat('progress', { nullable: true }),
      expectedProgress: t.exposeFloat('expected_progress'),
      definitionVersion: t.exposeInt('definition_version', { description: "The key result's definition this day measured: where it goes up, the definition changed (KeyResult.definitionChangedAt)." }),
    }),
  });

const SeriesPointRef = builder.objectRef<{ at: string; value: number }>('SeriesPoint').implement({
  fields: (t) => ({ at: t.expose('at', { type: 'Date' }), value: t.exposeFloat('value') }),
});

/** Evaluation history by day; read from the latest end unless paged otherwise. */
const historyListing: Listing = { name: 'history', keyset: evaluationHistoryKeyset, defaultSize: 90, maxSize: 1000, startsFromEnd: true };

export const KeyResultNode = builder.loadableNodeRef('KeyResult', {
  id: { resolve: (kr: KeyResultRow) => kr.id },
  load: (ids: string[], ctx) => findKeyResults(ctx.db, workspaceOf(ctx), ids),
  sort: (kr) => kr.id,
  cacheResolved: (kr) => kr.id,
});

KeyResultNode.implement({
  description: 'One measured target: metric, scope, baseline, target and direction.',
  fields: (t) => ({
    metric: t.exposeString('metric'),
    account: t.field({
      type: SocialAccountNode,
      nullable: true,
      // From the workspace's accounts, read once for the request.
      resolve: async (kr, _args, ctx) => (kr.account_id ? (await requestReadsOf(ctx).accounts()).find((a) => a.id === kr.account_id) ?? null : null),
    }),
    owner: t.field({
      type: MemberRef,
      nullable: true,
      description: 'The workspace Member who owns the key result and checks in on it (ownerId), with their user.',
      resolve: (kr, _args, ctx) => (kr.owner_member_id ? requestReadsOf(ctx).member(kr.owner_member_id) : null),
    }),
    platform: t.field({ type: PlatformEnum, nullable: true, resolve: (kr) => kr.platform as Platform | null }),
    direction: t.field({ type: DirectionEnum, resolve: (kr) => kr.direction as Direction }),
    baseline: t.float({
      nullable: true,
      description: 'As given, or resolved from history when the key result was created or changed (see baselineBasis) and kept: a level at the start, a count\'s total over the same-length period before the start, a KPI over its trailing window before the start.',
      resolve: baselineOf,
    }),
    target: t.float({
      nullable: true,
      description: 'As given, or resolved from targetChangePercent against the baseline (a count: the total the objective\'s period must reach).',
      resolve: targetOf,
    }),
    targetChangePercent: t.exposeFloat('target_change_percent', {
      nullable: true,
      description: 'Relative target: a level against its value at the start, a count against its total over the same-length period before the start, a KPI against its value over the trailing window before the start.',
    }),
    baselineBasis: t.field({ type: BaselineBasisRef, nullable: true, description: 'Where the baseline comes from; null while it is not resolved.', resolve: basisOf }),
    resolvedAt: t.expose('resolved_at', {
      type: 'DateTime',
      nullable: true,
      description: 'When the baseline and target were resolved from history and kept; null when given, or not resolved yet. resolveKeyResultTargets resolves them again.',
    }),
    maintainTolerance: t.exposeFloat('maintain_tolerance', { nullable: true, description: 'MAINTAIN: the half-width of the band held around the target (null: 5% of it).' }),
    weight: t.exposeFloat('weight'),
    pace: t.field({ type: PaceCurveEnum, resolve: (kr) => kr.pace as PaceCurve }),
    current: t.exposeFloat('current', { nullable: true }),
    progress: t.exposeFloat('progress', { nullable: true }),
    expectedProgress: t.exposeFloat('expected_progress', { nullable: true }),
    forecast: t.field({ type: ForecastRef, nullable: true, resolve: (kr) => kr.forecast }),
    status: t.field({ type: ObjectiveStatusEnum, resolve: (kr) => kr.status as ObjectiveStatus }),
    evaluatedAt: t.expose('evaluated_at', { type: 'DateTime', nullable: true }),
    history: t.connection({
      type: EvaluationRef,
      description: 'One row per day evaluated, oldest first. Without first or last, the latest 90 days; last/before pages back in time, first/after forward (at most 1000 a page).',
      resolve: (kr, args, ctx) => keysetConnection(args, historyListing, (page) => requestReadsOf(ctx).historyPage.load({ keyResultId: kr.id, page })),
    }, { name: 'KeyResultEvaluationConnection' }, { name: 'KeyResultEvaluationEdge' }),
    realism: t.field({
      type: RealismRef,
      nullable: true,
      description: 'Null for MAINTAIN key results and when the target cannot be resolved yet; band NO_HISTORY only when the metric (a KPI: its inputs) has no history before the start.',
      resolve: async (kr, _args, ctx) => {
        const objective = await objectiveOf(ctx, kr);
        return objective ? realismOf(ctx, kr, objective) : null;
      },
    }),
    forecastCalibration: t.field({
      type: ForecastCalibrationRef,
      nullable: true,
      description: "How often the forecast's interval held, backtested every week over the scope's own history (up to a year before the start) at the horizon to the deadline.",
      resolve: async (kr, _args, ctx) => {
        const objective = await objectiveOf(ctx, kr);
        return objective ? calibrationOf(ctx, kr, objective) : null;
      },
    }),
    sourceDeprecations: t.field({
      type: [PlatformMetricDeprecationRef],
      description: 'Platforms whose connected accounts in scope stop (or stopped) reporting the metric: from deprecatedOn the key result gets no new values from them, never zeros.',
      resolve: async (kr, _args, ctx) => {
        const scope = { accountId: kr.account_id, platform: kr.platform };
        return deprecationsAffecting(kr.metric, connectorPlatformsInScope(await requestReadsOf(ctx).scopeAccounts(scope), scope));
      },
    }),
    series: t.field({
      type: [SeriesPointRef],
      description: "The key result's own value per day over the objective's period (derived KPIs over a trailing window).",
      resolve: async (kr, _args, ctx) => {
        const definition = findMetric(kr.metric);
        const [objective, accountIds] = await Promise.all([objectiveOf(ctx, kr), scopeAccountIdsOf(ctx, kr)]);
        if (!definition || !objective) return [];
        const metrics = definition.kind === 'DERIVED' ? [...definition.inputs] : [definition.id];
        // Read from the look-back before the start, as evaluation does, so a KPI's first days have their window.
        const raw = await rawDailyBatched(ctx, { accountIds, metrics, from: addDays(objective.starts_on, -kpiWindowDays), to: objective.deadline });
        return keyResultSeries(definition, raw, { startsOn: objective.starts_on, windowDays: kpiWindowDays }).filter((p) => p.at >= objective.starts_on);
      },
    }),
  }),
});
