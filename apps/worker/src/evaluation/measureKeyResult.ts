import { dailyTotalsInRanges, metricDataDays, metricTotal, type Db, type KeyResultRow, type ObjectiveRow } from '@goalpost/db';
import {
  addDays, compactKeyResultSeries, dayOf, evaluateKeyResult, findMetric, keyResultReads, kpiWindowDays, resolveTarget,
  type Direction, type EvaluationThresholds, type PaceCurve, type KeyResultEvaluation, type KeyResultSpec, type MetricDefinition, type SeriesPoint,
} from '@goalpost/domain';

export interface KeyResultMeasurement {
  evaluation: KeyResultEvaluation;
  /** The baseline and target the evaluation used (null when they could not be resolved). */
  baseline: number | null;
  target: number | null;
}

/**
 * Reads what one key result needs — not its whole history: the first and last days with data, the
 * daily totals of a head around the start and a tail before the last day, and for a count one SQL sum
 * of the days between (`keyResultReads`) — over the accounts of its scope, and hands them to the
 * domain rules: series, baseline, target, evaluation. `accountIds` are the accounts of its scope.
 */
export async function measureKeyResult(
  db: Db,
  workspaceId: string,
  keyResult: KeyResultRow,
  objective: Pick<ObjectiveRow, 'starts_on' | 'deadline'>,
  context: { now: Date; thresholds: EvaluationThresholds; accountIds: readonly string[] },
): Promise<KeyResultMeasurement> {
  const definition = findMetric(keyResult.metric);
  const spec = { direction: keyResult.direction as Direction, startsOn: objective.starts_on, deadline: objective.deadline, pace: keyResult.pace as PaceCurve };
  const series = definition
    ? await readSeries(db, workspaceId, context.accountIds, objective, definition, { today: dayOf(context.now), forecastWindowDays: context.thresholds.forecastWindowDays })
    : [];
  const baseline = keyResult.baseline ?? (definition ? baselineFromHistory(definition, series, objective.starts_on) : null);
  const target = resolveTarget({ baseline, target: keyResult.target, targetChangePercent: keyResult.target_change_percent });
  if (baseline === null || target === null) {
    // Nothing to measure against. With no series, the rules' verdict depends on the dates only
    // (NOT_STARTED before the start, NO_DATA after), never on the placeholder baseline and target.
    return { evaluation: evaluateKeyResult({ ...spec, baseline: 0, target: 0 }, [], context.now, context.thresholds), baseline, target };
  }
  const full: KeyResultSpec = { ...spec, baseline, target };
  return { evaluation: evaluateKeyResult(full, series, context.now, context.thresholds), baseline, target };
}

async function readSeries(
  db: Db,
  workspaceId: string,
  accountIds: readonly string[],
  objective: Pick<ObjectiveRow, 'starts_on' | 'deadline'>,
  definition: MetricDefinition,
  options: { today: string; forecastWindowDays: number },
): Promise<SeriesPoint[]> {
  const metrics = definition.kind === 'DERIVED' ? definition.inputs : [definition.id];
  const to = options.today < objective.deadline ? options.today : objective.deadline;
  const dataDays = await metricDataDays(db, workspaceId, { accountIds, metrics, from: addDays(objective.starts_on, -kpiWindowDays), to });
  if (!dataDays) return [];
  const reads = keyResultReads(definition, { startsOn: objective.starts_on, dataDays, forecastWindowDays: options.forecastWindowDays, windowDays: kpiWindowDays });
  const [totals, flowSince] = await Promise.all([
    dailyTotalsInRanges(db, workspaceId, { accountIds, metrics: reads.metrics, ranges: reads.daily }),
    reads.flowSince ? metricTotal(db, workspaceId, { accountIds, metric: definition.id, ...reads.flowSince }) : null,
  ]);
  const daily: Record<string, SeriesPoint[]> = {};
  for (const { metric, at, value } of totals) (daily[metric] ??= []).push({ at, value });
  return compactKeyResultSeries(definition, reads, { daily, flowSince }, { startsOn: objective.starts_on, windowDays: kpiWindowDays });
}

/**
 * A baseline the key result did not state, read from its series at the start, as the audit reads it:
 * a level (CUMULATIVE, DERIVED) is the last value on or before the start — or the first after it, for
 * an account connected late; a count (FLOW) starts at 0, since its series counts from the start.
 */
function baselineFromHistory(definition: MetricDefinition, series: readonly SeriesPoint[], startsOn: string): number | null {
  if (definition.kind === 'FLOW') return 0;
  const atOrBefore = series.filter((point) => point.at <= startsOn).at(-1);
  return (atOrBefore ?? series[0])?.value ?? null;
}
