import { dailyTotalsInRanges, setForecastCalibration, type Db, type KeyResultRow, type ObjectiveRow } from '@goalpost/db';
import { calibrationRange, calibrationStaleAfterDays, daysBetween, findMetric, keyResultCalibration, type SeriesPoint } from '@goalpost/domain';

/**
 * The scale of the key result's forecast interval (`KeyResultSpec.forecastIntervalScale`), so that
 * the interval the evaluation states holds about as often as it says on the scope's own history. The
 * backtest reads up to a year of daily totals, so it runs at most once every
 * `calibrationStaleAfterDays` per key result, while a forecast is made (from the start to the
 * deadline), and its scale is kept on the key result; otherwise the kept one is used. Undefined: the
 * model's own interval (never calibrated, or no such metric).
 */
export async function forecastIntervalScaleOf(
  db: Db,
  workspaceId: string,
  keyResult: Pick<KeyResultRow, 'id' | 'metric' | 'forecast_interval_scale' | 'forecast_calibrated_on'>,
  objective: Pick<ObjectiveRow, 'starts_on' | 'deadline'>,
  context: { today: string; forecastWindowDays: number; accountIds: readonly string[] },
): Promise<number | undefined> {
  const kept = keyResult.forecast_interval_scale ?? undefined;
  const { today } = context;
  const fresh = keyResult.forecast_calibrated_on !== null && daysBetween(keyResult.forecast_calibrated_on, today) < calibrationStaleAfterDays;
  const definition = findMetric(keyResult.metric);
  if (fresh || !definition || today < objective.starts_on || today > objective.deadline) return kept;
  const dates = { startsOn: objective.starts_on, deadline: objective.deadline };
  const { from, to } = calibrationRange(dates, today);
  const metrics = definition.kind === 'DERIVED' ? definition.inputs : [definition.id];
  const totals = await dailyTotalsInRanges(db, workspaceId, { accountIds: context.accountIds, metrics, ranges: [{ from, to }] });
  const raw: Record<string, SeriesPoint[]> = {};
  for (const { metric, at, value } of totals) (raw[metric] ??= []).push({ at, value });
  const { intervalScale } = keyResultCalibration(definition, raw, { objective: dates, today, forecastWindowDays: context.forecastWindowDays });
  await setForecastCalibration(db, workspaceId, keyResult.id, { scale: intervalScale, on: today });
  return intervalScale;
}
