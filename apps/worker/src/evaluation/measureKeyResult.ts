import { dailyTotals, listScopeAccountIds, type Db, type KeyResultRow, type ObjectiveRow } from '@goalpost/db';
import {
  addDays, dayOf, evaluateKeyResult, findMetric, keyResultSeries, resolveTarget,
  type Direction, type EvaluationThresholds, type KeyResultEvaluation, type KeyResultSpec, type MetricDefinition, type SeriesPoint,
} from '@goalpost/domain';

/**
 * Trailing window of derived KPIs, in days. Passed to `keyResultSeries` explicitly so the days read
 * before the start and the window the KPI is computed over are the same number.
 */
export const derivedKpiWindowDays = 28;

export interface KeyResultMeasurement {
  evaluation: KeyResultEvaluation;
  /** The baseline and target the evaluation used (null when they could not be resolved). */
  baseline: number | null;
  target: number | null;
}

/**
 * Reads what one key result needs — the daily totals of its metric (or of the derived KPI's inputs)
 * over the accounts of its scope, from a window before the start to min(today, deadline) — and hands
 * them to the domain rules: series, baseline, target, evaluation.
 */
export async function measureKeyResult(
  db: Db,
  workspaceId: string,
  keyResult: KeyResultRow,
  objective: Pick<ObjectiveRow, 'starts_on' | 'deadline'>,
  context: { now: Date; thresholds: EvaluationThresholds },
): Promise<KeyResultMeasurement> {
  const definition = findMetric(keyResult.metric);
  const spec = { direction: keyResult.direction as Direction, startsOn: objective.starts_on, deadline: objective.deadline };
  const series = definition ? await readSeries(db, workspaceId, keyResult, objective, definition, dayOf(context.now)) : [];
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
  keyResult: KeyResultRow,
  objective: Pick<ObjectiveRow, 'starts_on' | 'deadline'>,
  definition: MetricDefinition,
  today: string,
): Promise<SeriesPoint[]> {
  const accountIds = await listScopeAccountIds(db, workspaceId, { accountId: keyResult.account_id, platform: keyResult.platform });
  const metrics = definition.kind === 'DERIVED' ? definition.inputs : [definition.id];
  const to = today < objective.deadline ? today : objective.deadline;
  const totals = await dailyTotals(db, workspaceId, { accountIds, metrics, from: addDays(objective.starts_on, -derivedKpiWindowDays), to });
  const rawDaily: Record<string, SeriesPoint[]> = {};
  for (const { metric, at, value } of totals) (rawDaily[metric] ??= []).push({ at, value });
  return keyResultSeries(definition, rawDaily, { startsOn: objective.starts_on, windowDays: derivedKpiWindowDays });
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
