import type { MetricDefinition, SeriesPoint } from '../contract.ts';
import type { IsoDate } from '../vocabulary.ts';
import { addDays, daysBetween } from '../time/calendarDays.ts';
import { forecastCalibration, type ForecastCalibration } from './forecastCalibration.ts';
import { keyResultSeries, kpiWindowDays } from './keyResultSeries.ts';

/** Days of history a calibration backtest reads before the start. */
export const calibrationLookBackDays = 365;

/** A key result's calibration is run again after this many days (its horizon shortens, its history grows). */
export const calibrationStaleAfterDays = 7;

/** The days a key result's calibration reads (a year before the start up to today, or the deadline) and the horizon it backtests. */
export function calibrationRange(objective: { startsOn: IsoDate; deadline: IsoDate }, today: IsoDate): { from: IsoDate; to: IsoDate; horizonDays: number } {
  return {
    from: addDays(objective.startsOn, -calibrationLookBackDays),
    to: today < objective.deadline ? today : objective.deadline,
    // The days left to the deadline: what the forecast projects, 7–182.
    horizonDays: Math.min(182, Math.max(7, daysBetween(today, objective.deadline))),
  };
}

/**
 * The forecast calibration of a key result on its scope's own history (`rawDaily`: daily totals of its
 * metric, a KPI's inputs, over `calibrationRange`): the coverage the API reports and the interval scale
 * the evaluation applies. A count's running sum from any day forecasts alike (a constant apart): from
 * the first day read, its whole history counts.
 */
export function keyResultCalibration(
  definition: MetricDefinition,
  rawDaily: Readonly<Record<string, readonly SeriesPoint[] | undefined>>,
  options: { objective: { startsOn: IsoDate; deadline: IsoDate }; today: IsoDate; forecastWindowDays: number },
): ForecastCalibration {
  const range = calibrationRange(options.objective, options.today);
  const series = keyResultSeries(definition, rawDaily, { startsOn: range.from, windowDays: kpiWindowDays });
  return forecastCalibration(series, { windowDays: options.forecastWindowDays, horizonDays: range.horizonDays });
}
