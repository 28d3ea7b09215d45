import type { SeriesPoint } from '../contract.ts';
import { dayNumber } from '../time/calendarDays.ts';
import { chooseForecast } from './chooseForecast.ts';

export interface ForecastCalibration {
  /**
   * Share of the backtests whose stated interval — the model's, scaled by what the backtests before it
   * had shown (`intervalScale` as it stood then) — held the value that came; null without such a backtest.
   */
  coverage: number | null;
  /** Backtests with enough earlier ones to scale their interval (`minimumCalibrationBacktests`). */
  backtests: number;
  covered: number;
  /** Days ahead each backtest projected. */
  horizonDays: number;
  /** What the interval claims: about 95 %. */
  nominal: number;
  /** The model's own interval (±2 standard errors, unscaled) over every backtest: how often it held; null without a backtest. */
  modelCoverage: number | null;
  modelBacktests: number;
  /**
   * The factor the model's interval is scaled by so that `nominal` of this series' own out-of-sample
   * errors at the horizon fall inside it (a conformal quantile); 1 without enough backtests.
   */
  intervalScale: number;
}

/** The share the stated interval claims to cover. */
export const nominalCoverage = 0.95;

/** Backtests a scale needs before it replaces the model's own interval. */
export const minimumCalibrationBacktests = 10;

/** The latest errors a scale is read from: a series changes its manner (growth slows, noise grows), and the last year's weekly backtests say how it behaves now. */
const recentErrors = 52;

/** The scale is kept within these bounds: a handful of errors neither collapses nor explodes the interval. */
const scaleBounds = { min: 0.25, max: 25 } as const;

/**
 * The conformal scale of a set of normalised errors (|actual − value| / half-width): the
 * ⌈(n + 1) · nominal⌉-th smallest, so that a new error is within it with probability ≥ nominal when
 * the errors are exchangeable. 1 with fewer than `minimumCalibrationBacktests`. Sorts `errors` in place.
 */
export function conformalScale(errors: number[], nominal = nominalCoverage): number {
  if (errors.length < minimumCalibrationBacktests) return 1;
  errors.sort((a, b) => a - b);
  const rank = Math.min(errors.length, Math.ceil((errors.length + 1) * nominal));
  return Math.min(scaleBounds.max, Math.max(scaleBounds.min, errors[rank - 1]!));
}

/** |actual − value| in half-widths of the interval: ≤ 1 is covered. */
function normalisedError(actual: number, forecast: { value: number; low: number; high: number }): number {
  const half = (forecast.high - forecast.low) / 2;
  const error = Math.abs(actual - forecast.value);
  if (half > 0) return error / half;
  return error === 0 ? 0 : Number.POSITIVE_INFINITY;
}

/**
 * How often the forecast's stated interval held the truth over this series' own past (a calibration
 * backtest), and the scale that makes it hold: every `stepDays` from the first day with a full window
 * (plus the model choice's held-out week), the forecast is made as `evaluateKeyResult` makes it — from
 * the points up to that day only — for the last point `horizonDays` later (at most). Each backtest's
 * interval is scaled by the conformal quantile of the errors already known on its day (backtests whose
 * value had come by then), so `coverage` is out of sample; `intervalScale` is the quantile of all of
 * them, the one to apply from now on (`KeyResultSpec.forecastIntervalScale`). `series` is in day order.
 */
export function forecastCalibration(series: readonly SeriesPoint[], options: { windowDays: number; horizonDays: number; stepDays?: number }): ForecastCalibration {
  const horizonDays = Math.max(1, Math.round(options.horizonDays));
  const step = Math.max(1, Math.round(options.stepDays ?? 7));
  const points = series.filter((p) => Number.isFinite(p.value));
  const days = points.map((p) => dayNumber(p.at));
  const runs: { cut: number; actualDay: number; error: number }[] = [];
  if (points.length > 0) {
    const first = days[0]!;
    const last = days.at(-1)!;
    let asOfIndex = 0;
    let actualIndex = 0;
    for (let cut = first + options.windowDays + 7; cut + horizonDays <= last; cut += step) {
      while (asOfIndex + 1 < points.length && days[asOfIndex + 1]! <= cut) asOfIndex++;
      while (actualIndex + 1 < points.length && days[actualIndex + 1]! <= cut + horizonDays) actualIndex++;
      if (days[asOfIndex]! > cut || days[actualIndex]! <= days[asOfIndex]!) continue;
      const actual = points[actualIndex]!;
      const forecast = chooseForecast(points.slice(0, asOfIndex + 1), { asOf: points[asOfIndex]!.at, deadline: actual.at, windowDays: options.windowDays });
      if (forecast) runs.push({ cut, actualDay: days[actualIndex]!, error: normalisedError(actual.value, forecast) });
    }
  }
  let backtests = 0;
  let covered = 0;
  // `runs` are in cut order; an error is known from its actual's day on.
  const known: number[] = [];
  let next = 0;
  for (const run of runs) {
    while (next < runs.length && runs[next]!.actualDay <= run.cut) known.push(runs[next++]!.error);
    if (known.length < minimumCalibrationBacktests) continue;
    backtests++;
    if (run.error <= conformalScale(known.slice(-recentErrors))) covered++;
  }
  const modelCovered = runs.filter((r) => r.error <= 1).length;
  return {
    coverage: backtests > 0 ? covered / backtests : null, backtests, covered, horizonDays, nominal: nominalCoverage,
    modelCoverage: runs.length > 0 ? modelCovered / runs.length : null, modelBacktests: runs.length,
    intervalScale: conformalScale(runs.slice(-recentErrors).map((r) => r.error)),
  };
}
