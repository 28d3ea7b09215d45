import type { SeriesPoint } from '../contract.ts';
import { dayNumber } from '../time/calendarDays.ts';
import { chooseForecast } from './chooseForecast.ts';

export interface ForecastCalibration {
  /** Share of the backtests whose stated interval held the value that came; null without a backtest. */
  coverage: number | null;
  backtests: number;
  covered: number;
  /** Days ahead each backtest projected. */
  horizonDays: number;
  /** What the interval claims: ±2 standard errors, about 95 %. */
  nominal: number;
}

/** The share a ±2σ interval claims to cover. */
export const nominalCoverage = 0.95;

/**
 * How often the forecast's stated interval held the truth over this series' own past (a calibration
 * backtest): every `stepDays` from the first day with a full window (plus the model choice's held-out
 * week), the forecast is made as `evaluateKeyResult` makes it — from the points up to that day only — for
 * the last point `horizonDays` later (at most), and it counts as covered when that point's value lies in
 * [low, high]. A coverage well below `nominal` says the interval is too narrow for this series; well above,
 * too wide. `series` is in day order.
 */
export function forecastCalibration(series: readonly SeriesPoint[], options: { windowDays: number; horizonDays: number; stepDays?: number }): ForecastCalibration {
  const horizonDays = Math.max(1, Math.round(options.horizonDays));
  const step = Math.max(1, Math.round(options.stepDays ?? 7));
  const points = series.filter((p) => Number.isFinite(p.value));
  const days = points.map((p) => dayNumber(p.at));
  let backtests = 0;
  let covered = 0;
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
      if (!forecast) continue;
      backtests++;
      if (actual.value >= forecast.low && actual.value <= forecast.high) covered++;
    }
  }
  return { coverage: backtests > 0 ? covered / backtests : null, backtests, covered, horizonDays, nominal: nominalCoverage };
}
