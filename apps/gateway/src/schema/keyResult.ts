import { dailyTotals, evaluationHistoryKeyset, listScopeAccountIds, listScopeAccounts, findKeyResults, listEvaluationHistory, findObjectives, type KeyResultRow, type StoredForecast } from '@goalpost/db';
import { addDays, daysBetween, deprecationsAffecting, findMetric, historicalWeeklyRate, keyResultSeries, kpiWindowDays, realism, resolveTarget, type Direction, type ObjectiveStatus, type PaceCurve, type Platform, type Realism } from '@goalpost/domain';
import { workspaceOf } from '../context.ts';
import { builder } from './builder.ts';
import { DirectionEnum, ObjectiveStatusEnum, PaceCurveEnum, PlatformEnum } from './enums.ts';
import { SocialAccountNode } from './socialAccount.ts';
import { PlatformMetricDeprecationRef } from './metricCatalog.ts';
import { connectorPlatformsInScope } from '../planning/connectorPlatformsInScope.ts';
import { keysetConnection, type Listing } from './keysetConnection.ts';

const ForecastRef = builder.objectRef<StoredForecast>('Forecast').implement({
  description: 'The value projected at the deadline from the recent trend.',
  fields: (t) => ({
    value: t.exposeFloat('value'),
    low: t.exposeFloat('low'),
    high: t.exposeFloat('high'),
    confidence: t.exposeFloat('confidence'),
    method: t.exposeString('method'),
  }),
});

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

const RealismRef = builder.objectRef<Realism & { historyWeeks: number }>('Realism').implement({
  description: 'The weekly rate the target demands against the rate the history showed before the start (seed 002).',
  fields: (t) => ({
    requiredWeeklyRate: t.exposeFloat('requiredWeeklyRate'),
    historicalWeeklyRate: t.exposeFloat('historicalWeeklyRate', { nullable: true }),
    ratio: t.exposeFloat('ratio', { nullable: true }),
    band: t.exposeString('band', { description: 'REALISTIC (≤ 1.5×), AMBITIOUS (≤ 3×), UNREALISTIC, or NO_HISTORY.' }),
    historyWeeks: t.exposeFloat('historyWeeks'),
  }),
});

/** Evaluation history by day; read from the latest end unless paged otherwise. */
const historyListing: Listing = { name: 'history', keyset: evaluationHistoryKeyset, defaultSize: 90, maxSize: 1000, startsFromEnd: true };

export const KeyResultNode = builder.loadableNodeRef('KeyResult', {
  id: { resolve: (kr: KeyResultRow) => kr.id },
  load: (ids: string[], ctx) => findKeyResults(ctx.db, workspaceOf(ctx), ids),
  sort: (kr) => kr.id,
});

KeyResultNode.implement({
  description: 'One measured target: metric, scope, baseline, target and direction.',
  fields: (t) => ({
    metric: t.exposeString('metric'),
    account: t.field({ type: SocialAccountNode, nullable: true, resolve: (kr) => kr.account_id }),
    platform: t.field({ type: PlatformEnum, nullable: true, resolve: (kr) => kr.platform as Platform | null }),
    direction: t.field({ type: DirectionEnum, resolve: (kr) => kr.direction as Direction }),
    baseline: t.float({
      nullable: true,
      description: 'As given, or taken from history at the start by the last evaluation.',
      resolve: (kr) => kr.baseline ?? kr.effective_baseline,
    }),
    target: t.float({
      nullable: true,
      description: 'As given, or resolved from targetChangePercent against the baseline.',
      resolve: (kr) => kr.target ?? kr.effective_target,
    }),
    targetChangePercent: t.exposeFloat('target_change_percent', { nullable: true }),
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
      resolve: (kr, args, ctx) => keysetConnection(args, historyListing, (page) => listEvaluationHistory(ctx.db, workspaceOf(ctx), kr.id, page)),
    }, { name: 'KeyResultEvaluationConnection' }, { name: 'KeyResultEvaluationEdge' }),
    realism: t.field({
      type: RealismRef,
      nullable: true,
      description: 'Null for MAINTAIN key results and when the target cannot be resolved yet.',
      resolve: async (kr, _args, ctx) => {
        const ws = workspaceOf(ctx);
        const definition = findMetric(kr.metric);
        const [objective] = await findObjectives(ctx.db, ws, [kr.objective_id]);
        if (!definition || !objective || kr.direction === 'MAINTAIN') return null;
        const accountIds = await listScopeAccountIds(ctx.db, ws, { accountId: kr.account_id, platform: kr.platform });
        const raw = await dailyTotals(ctx.db, ws, { accountIds, metrics: [definition.id], from: addDays(objective.starts_on, -84), to: addDays(objective.starts_on, -1) });
        const history = historicalWeeklyRate(definition, raw, { startsOn: objective.starts_on });
        const baseline = kr.baseline ?? kr.effective_baseline ?? history.baseline;
        const target = resolveTarget({ baseline, target: kr.target, targetChangePercent: kr.target_change_percent });
        if (baseline === null || target === null) return null;
        const weeks = daysBetween(objective.starts_on, objective.deadline) / 7;
        return { ...realism({ direction: kr.direction as Direction, baseline, target, weeks, historicalWeeklyRate: history.weeklyRate }), historyWeeks: history.weeks };
      },
    }),
    sourceDeprecations: t.field({
      type: [PlatformMetricDeprecationRef],
      description: 'Platforms whose connected accounts in scope stop (or stopped) reporting the metric: from deprecatedOn the key result gets no new values from them, never zeros.',
      resolve: async (kr, _args, ctx) => {
        const scope = { accountId: kr.account_id, platform: kr.platform };
        return deprecationsAffecting(kr.metric, connectorPlatformsInScope(await listScopeAccounts(ctx.db, workspaceOf(ctx), scope), scope));
      },
    }),
    series: t.field({
      type: [SeriesPointRef],
      description: "The key result's own value per day over the objective's period (derived KPIs over a trailing window).",
      resolve: async (kr, _args, ctx) => {
        const ws = workspaceOf(ctx);
        const definition = findMetric(kr.metric);
        const [objective] = await findObjectives(ctx.db, ws, [kr.objective_id]);
        if (!definition || !objective) return [];
        const accountIds = await listScopeAccountIds(ctx.db, ws, { accountId: kr.account_id, platform: kr.platform });
        const metrics = definition.kind === 'DERIVED' ? [...definition.inputs] : [definition.id];
        // Read from the look-back before the start, as evaluation does, so a KPI's first days have their window.
        const rows = await dailyTotals(ctx.db, ws, { accountIds, metrics, from: addDays(objective.starts_on, -kpiWindowDays), to: objective.deadline });
        const raw: Record<string, { at: string; value: number }[]> = {};
        for (const row of rows) (raw[row.metric] ??= []).push({ at: row.at, value: row.value });
        return keyResultSeries(definition, raw, { startsOn: objective.starts_on, windowDays: kpiWindowDays }).filter((p) => p.at >= objective.starts_on);
      },
    }),
  }),
});
