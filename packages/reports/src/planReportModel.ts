import { planReportDailyValues, readPlanReportRows, type Db, type KeyResultRow, type PlanReportAccount, type StoredForecast } from '@goalpost/db';
import {
  addDays, findMetric, keyResultSeries, kpiWindowDays, okrScore, withPlanningOverrides,
  type BusinessGoalKind, type Direction, type Framework, type MetricUnit, type ObjectiveStatus, type OkrScore, type PaceCurve, type Platform, type SeriesPoint,
} from '@goalpost/domain';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { baselineOf, targetOf } from './keyResultNumbers.ts';

export interface ReportKeyResult {
  /** Global id, as the API names it. */
  id: string;
  metric: string;
  metricLabel: string;
  unit: MetricUnit | null;
  /** The account's handle, or null when the key result reads every account of `platform`. */
  accountHandle: string | null;
  platform: Platform | null;
  direction: Direction;
  pace: PaceCurve;
  baseline: number | null;
  target: number | null;
  current: number | null;
  progress: number | null;
  expectedProgress: number | null;
  forecast: StoredForecast | null;
  status: ObjectiveStatus;
  startsOn: string;
  deadline: string;
  /** The key result's own value per day over its objective's period, as `KeyResult.series` answers. */
  series: SeriesPoint[];
}

export interface ReportObjective {
  id: string;
  title: string;
  framework: Framework;
  status: ObjectiveStatus;
  score: OkrScore | null;
  startsOn: string;
  deadline: string;
  keyResults: ReportKeyResult[];
}

export interface ReportGoal {
  /** Null for the objectives whose goal was removed (they stay in the plan). */
  id: string | null;
  kind: BusinessGoalKind | null;
  title: string | null;
  description: string | null;
  objectives: ReportObjective[];
}

export interface PlanReport {
  plan: { id: string; name: string; description: string | null; startsOn: string; endsOn: string; status: string };
  goals: ReportGoal[];
  objectiveCount: number;
  keyResultCount: number;
  generatedAt: Date;
}

/** The raw metrics a key result reads: its own, or a KPI's inputs. */
function metricsOf(kr: KeyResultRow): string[] {
  const definition = findMetric(kr.metric);
  if (!definition) return [];
  return definition.kind === 'DERIVED' ? [...definition.inputs] : [definition.id];
}

/** The accounts a key result reads (listScopeAccounts' rule), and a key naming that set. */
function scopeOf(kr: KeyResultRow, accounts: readonly PlanReportAccount[]): { key: string; accountIds: Set<string> } {
  if (kr.account_id) return { key: `account:${kr.account_id}`, accountIds: new Set(accounts.some((a) => a.id === kr.account_id) ? [kr.account_id] : []) };
  if (kr.platform) return { key: `platform:${kr.platform}`, accountIds: new Set(accounts.filter((a) => a.platform === kr.platform).map((a) => a.id)) };
  return { key: 'none', accountIds: new Set() };
}

/**
 * A plan's report: its goals, objectives and key results with their stored evaluation and their daily
 * series. Six statements whatever the plan's size (readPlanReportRows, then one read of every metric
 * point the key results need); undefined when the workspace holds no such plan.
 */
export async function loadPlanReport(db: Db, workspaceId: string, planId: string, now: Date): Promise<PlanReport | undefined> {
  const rows = await readPlanReportRows(db, workspaceId, planId);
  if (!rows) return undefined;
  const { plan, goals, objectives, keyResults, accounts } = rows;
  const objectiveById = new Map(objectives.map((o) => [o.id, o]));

  // One read of every point any key result needs, from the earliest look-back to the latest deadline.
  const scopes = new Map(keyResults.map((kr) => [kr.id, scopeOf(kr, accounts)]));
  const windows = keyResults.flatMap((kr) => {
    const o = objectiveById.get(kr.objective_id);
    return o ? [{ from: addDays(o.starts_on, -kpiWindowDays), to: o.deadline }] : [];
  });
  const values = windows.length === 0 ? [] : await planReportDailyValues(db, workspaceId, {
    accountIds: [...new Set([...scopes.values()].flatMap((scope) => [...scope.accountIds]))],
    metrics: [...new Set(keyResults.flatMap(metricsOf))],
    from: windows.reduce((min, w) => (w.from < min ? w.from : min), windows[0]!.from),
    to: windows.reduce((max, w) => (w.to > max ? w.to : max), windows[0]!.to),
  });
  const valuesOfMetric = new Map<string, typeof values>();
  for (const v of values) (valuesOfMetric.get(v.metric) ?? valuesOfMetric.set(v.metric, []).get(v.metric)!).push(v);
  // Daily sums over a scope's accounts, once per (scope, metric) however many key results share them.
  const sums = new Map<string, SeriesPoint[]>();
  const dailySumsOf = (scope: { key: string; accountIds: Set<string> }, metric: string): SeriesPoint[] => {
    const key = `${scope.key}\u0000${metric}`;
    let out = sums.get(key);
    if (!out) {
      out = [];
      // The values come in day order: a day's accounts are consecutive.
      for (const v of valuesOfMetric.get(metric) ?? []) {
        if (!scope.accountIds.has(v.accountId)) continue;
        const last = out.at(-1);
        if (last && last.at === v.at) last.value += v.value;
        else out.push({ at: v.at, value: v.value });
      }
      sums.set(key, out);
    }
    return out;
  };

  const { okrSuccessFrom } = withPlanningOverrides(plan.settings.planning ?? {});
  const accountById = new Map(accounts.map((a) => [a.id, a]));
  const reportKeyResult = (kr: KeyResultRow, startsOn: string, deadline: string): ReportKeyResult => {
    const definition = findMetric(kr.metric);
    let series: SeriesPoint[] = [];
    if (definition) {
      const from = addDays(startsOn, -kpiWindowDays);
      const raw: Record<string, SeriesPoint[]> = {};
      const scope = scopes.get(kr.id)!;
      for (const metric of metricsOf(kr)) {
        const inPeriod = dailySumsOf(scope, metric).filter((v) => v.at >= from && v.at <= deadline);
        if (inPeriod.length) raw[metric] = inPeriod;
      }
      series = keyResultSeries(definition, raw, { startsOn, windowDays: kpiWindowDays }).filter((p) => p.at >= startsOn);
    }
    return {
      id: encodeGlobalID('KeyResult', kr.id),
      metric: kr.metric,
      metricLabel: definition?.label ?? kr.metric,
      unit: definition?.unit ?? null,
      accountHandle: kr.account_id ? (accountById.get(kr.account_id)?.handle ?? null) : null,
      platform: (kr.platform ?? (kr.account_id ? accountById.get(kr.account_id)?.platform : null) ?? null) as Platform | null,
      direction: kr.direction as Direction,
      pace: kr.pace as PaceCurve,
      baseline: baselineOf(kr),
      target: targetOf(kr),
      current: kr.current,
      progress: kr.progress,
      expectedProgress: kr.expected_progress,
      forecast: kr.forecast,
      status: kr.status as ObjectiveStatus,
      startsOn,
      deadline,
      series,
    };
  };

  const keyResultsOf = new Map<string, KeyResultRow[]>();
  for (const kr of keyResults) (keyResultsOf.get(kr.objective_id) ?? keyResultsOf.set(kr.objective_id, []).get(kr.objective_id)!).push(kr);
  const reportObjectives = new Map(objectives.map((o) => {
    const krs = keyResultsOf.get(o.id) ?? [];
    // As Objective.score: the weighted progress of its key results, once any has one.
    const score = krs.every((k) => k.progress === null)
      ? null
      : okrScore(krs.map((k) => ({ score: Math.min(1, Math.max(0, k.progress ?? 0)), weight: k.weight })), okrSuccessFrom);
    return [o.id, {
      id: encodeGlobalID('Objective', o.id),
      title: o.title,
      framework: o.framework as Framework,
      status: o.status as ObjectiveStatus,
      score,
      startsOn: o.starts_on,
      deadline: o.deadline,
      keyResults: krs.map((kr) => reportKeyResult(kr, o.starts_on, o.deadline)),
    } satisfies ReportObjective];
  }));

  const goalIds = new Set(goals.map((g) => g.id));
  const reportGoals: ReportGoal[] = goals.map((g) => ({
    id: encodeGlobalID('BusinessGoal', g.id),
    kind: g.kind as BusinessGoalKind,
    title: g.title,
    description: g.description,
    objectives: objectives.filter((o) => o.goal_id === g.id).map((o) => reportObjectives.get(o.id)!),
  }));
  const orphans = objectives.filter((o) => !goalIds.has(o.goal_id));
  if (orphans.length) reportGoals.push({ id: null, kind: null, title: null, description: null, objectives: orphans.map((o) => reportObjectives.get(o.id)!) });

  return {
    plan: { id: encodeGlobalID('Plan', plan.id), name: plan.name, description: plan.description, startsOn: plan.starts_on, endsOn: plan.ends_on, status: plan.status },
    goals: reportGoals,
    objectiveCount: objectives.length,
    keyResultCount: keyResults.length,
    generatedAt: now,
  };
}
