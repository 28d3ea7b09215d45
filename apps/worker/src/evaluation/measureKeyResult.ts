import { dailyTotalsInRanges, metricDataDays, metricTotal, type Db, type KeyResultRow, type ObjectiveRow } from '@goalpost/db';
import {
  addDays, compactKeyResultSeries, dayOf, evaluateKeyResult, findMetric, keyResultReads, kpiWindowDays, referenceBaseline, referenceWindow,
  resolveKeyResultTarget, type BaselineBasis, type Direction, type EvaluationThresholds, type PaceCurve, type KeyResultEvaluation,
  type KeyResultSpec, type MetricDefinition, type SeriesPoint, type TargetResolution,
} from '@goalpost/domain';
import { forecastIntervalScaleOf } from './forecastIntervalScale.ts';

export interface KeyResultMeasurement {
  evaluation: KeyResultEvaluation;
  /** The baseline and target the evaluation used (null when they could not be resolved). */
  baseline: number | null;
  target: number | null;
  /** Set when this evaluation resolved the baseline and target from history for the first time: to keep. */
  resolved: TargetResolution | null;
}

type RawDaily = Record<string, SeriesPoint[]>;

/**
 * Reads what one key result needs — not its whole history: the first and last days with data, the
 * daily totals of a head around the start and a tail before the last day, and for a count one SQL sum
 * of the days between (`keyResultReads`) — over the accounts of its scope, and hands them to the
 * domain rules: series, baseline, target, evaluation. A baseline and target resolved before (when the
 * key result was created or changed) are kept; one never resolved yet is resolved here from the same
 * reads (`referenceBaseline` over the head; for a count, one more read of the period before the start)
 * and returned in `resolved` once settled. `accountIds` are the accounts of its scope.
 */
export async function measureKeyResult(
  db: Db,
  workspaceId: string,
  keyResult: KeyResultRow,
  objective: Pick<ObjectiveRow, 'starts_on' | 'deadline'>,
  context: { now: Date; thresholds: EvaluationThresholds; accountIds: readonly string[] },
): Promise<KeyResultMeasurement> {
  const definition = findMetric(keyResult.metric);
  const dates = { startsOn: objective.starts_on, deadline: objective.deadline };
  const spec = {
    direction: keyResult.direction as Direction, ...dates, pace: keyResult.pace as PaceCurve,
    maintainTolerance: keyResult.maintain_tolerance ?? undefined, flow: definition?.kind === 'FLOW',
  };
  const read = definition
    ? await readSeries(db, workspaceId, context.accountIds, objective, definition, { today: dayOf(context.now), forecastWindowDays: context.thresholds.forecastWindowDays })
    : { series: [], daily: {} };
  const resolution = await resolutionOf(db, workspaceId, keyResult, definition, dates, read, context.accountIds);
  const { baseline, target } = resolution;
  const resolved = resolution.settled && keyResult.resolved_at === null && keyResult.baseline === null ? resolution : null;
  if (baseline === null || target === null) {
    // Nothing to measure against. With no series, the rules' verdict depends on the dates only
    // (NOT_STARTED before the start, NO_DATA after), never on the placeholder baseline and target.
    return { evaluation: evaluateKeyResult({ ...spec, baseline: 0, target: 0 }, [], context.now, context.thresholds), baseline, target, resolved };
  }
  const forecastIntervalScale = await forecastIntervalScaleOf(db, workspaceId, keyResult, objective, {
    today: dayOf(context.now), forecastWindowDays: context.thresholds.forecastWindowDays, accountIds: context.accountIds,
  });
  const full: KeyResultSpec = { ...spec, baseline, target, forecastIntervalScale };
  return { evaluation: evaluateKeyResult(full, read.series, context.now, context.thresholds), baseline, target, resolved };
}

/** What the key result's baseline and target are: given, kept from before, or resolved now from the reads. */
async function resolutionOf(
  db: Db,
  workspaceId: string,
  kr: KeyResultRow,
  definition: MetricDefinition | undefined,
  dates: { startsOn: string; deadline: string },
  read: { series: SeriesPoint[]; daily: RawDaily },
  accountIds: readonly string[],
): Promise<TargetResolution> {
  const given = { baseline: kr.baseline, target: kr.target, targetChangePercent: kr.target_change_percent };
  if (kr.baseline === null && kr.resolved_at !== null) {
    return { baseline: kr.resolved_baseline, target: kr.resolved_target, basis: kr.baseline_basis as BaselineBasis | null, settled: true };
  }
  if (kr.baseline !== null || !definition) return resolveKeyResultTarget(definition, given, { reference: null });
  // A level's or a KPI's reference lies inside the head the evaluation read; a count's lies before the start.
  const daily = definition.kind === 'FLOW'
    ? await readDaily(db, workspaceId, accountIds, [definition.id], referenceWindow(definition, dates))
    : read.daily;
  const firstAfterStart = read.series.find((p) => p.at >= dates.startsOn) ?? null;
  return resolveKeyResultTarget(definition, given, { reference: referenceBaseline(definition, daily, dates), firstAfterStart });
}

async function readDaily(db: Db, workspaceId: string, accountIds: readonly string[], metrics: readonly string[], range: { from: string; to: string }): Promise<RawDaily> {
  const totals = await dailyTotalsInRanges(db, workspaceId, { accountIds, metrics, ranges: [range] });
  const daily: RawDaily = {};
  for (const { metric, at, value } of totals) (daily[metric] ??= []).push({ at, value });
  return daily;
}

async function readSeries(
  db: Db,
  workspaceId: string,
  accountIds: readonly string[],
  objective: Pick<ObjectiveRow, 'starts_on' | 'deadline'>,
  definition: MetricDefinition,
  options: { today: string; forecastWindowDays: number },
): Promise<{ series: SeriesPoint[]; daily: RawDaily }> {
  const metrics = definition.kind === 'DERIVED' ? definition.inputs : [definition.id];
  const to = options.today < objective.deadline ? options.today : objective.deadline;
  const dataDays = await metricDataDays(db, workspaceId, { accountIds, metrics, from: addDays(objective.starts_on, -kpiWindowDays), to });
  if (!dataDays) return { series: [], daily: {} };
  const reads = keyResultReads(definition, { startsOn: objective.starts_on, dataDays, forecastWindowDays: options.forecastWindowDays, windowDays: kpiWindowDays });
  const [totals, flowSince] = await Promise.all([
    dailyTotalsInRanges(db, workspaceId, { accountIds, metrics: reads.metrics, ranges: reads.daily }),
    reads.flowSince ? metricTotal(db, workspaceId, { accountIds, metric: definition.id, ...reads.flowSince }) : null,
  ]);
  const daily: RawDaily = {};
  for (const { metric, at, value } of totals) (daily[metric] ??= []).push({ at, value });
  return { series: compactKeyResultSeries(definition, reads, { daily, flowSince }, { startsOn: objective.starts_on, windowDays: kpiWindowDays }), daily };
}
