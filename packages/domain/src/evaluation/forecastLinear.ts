import type { Forecast, SeriesPoint } from '../contract.ts';
import { dayNumber } from '../time/calendarDays.ts';
import { boundAfter, boundBefore, trailingWindow, type DayValues } from './trailingWindow.ts';

/**
 * Least-squares line through the trailing `windowDays` calendar days ending at `asOf` (gaps allowed:
 * x is the day, not the index), projected to the deadline. The interval is ±2 residual standard errors
 * of a prediction at that horizon; confidence is adjusted R² in [0, 1]. null with fewer than 3 points.
 * `series` is in day order.
 */
export function forecastLinear(series: readonly SeriesPoint[], options: { asOf: string; deadline: string; windowDays: number }): Forecast | null {
  const end = dayNumber(options.asOf);
  return linearFit(trailingWindow(series, end, options.windowDays), end, options.windowDays, dayNumber(options.deadline), options.asOf);
}

/**
 * `forecastLinear` on day numbers: the points of `window` in (end − windowDays, end]. Sums only, no
 * allocation but the answer (`asOf` names the day `end`; the target's day is left to `withTargetReach`).
 */
export function linearFit(window: DayValues, end: number, windowDays: number, deadline: number, asOf: string): Forecast | null {
  if (!fitLine(window, end, windowDays, deadline)) return null;
  const value = line.value;
  const spread = line.spread;
  return {
    value, low: value - spread, high: value + spread, confidence: line.confidence, method: 'LEAST_SQUARES',
    asOf, trendPerDay: line.slope, targetInDays: null, targetInDaysEarliest: null, targetInDaysLatest: null,
  };
}

/** What `linearFit` projects at `deadline`, alone — NaN where it gives no forecast (the model choice's held-out week: no allocation). */
export function linearValue(window: DayValues, end: number, windowDays: number, deadline: number): number {
  return fitLine(window, end, windowDays, deadline) ? line.value : Number.NaN;
}

// The last `fitLine`'s answer: read at once by its caller, never kept.
const line = { value: 0, spread: 0, confidence: 0, slope: 0 };

/** The least-squares fit of `linearFit` into `line`; false where it gives no forecast. */
function fitLine(window: DayValues, end: number, windowDays: number, deadline: number): boolean {
  const to = boundBefore(window, end);
  const from = boundAfter(window, to, end, windowDays);
  const n = to - from;
  if (n < 3) return false;
  let sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
  for (let i = from; i < to; i++) {
    const x = window.days[i]! - end;
    const y = window.values[i]!;
    sx += x; sy += y; sxx += x * x; sxy += x * y; syy += y * y;
  }
  const meanX = sx / n;
  const meanY = sy / n;
  const cxx = sxx - n * meanX * meanX;
  const cxy = sxy - n * meanX * meanY;
  const cyy = Math.max(0, syy - n * meanY * meanY);
  const slope = cxx > 0 ? cxy / cxx : 0;
  const intercept = meanY - slope * meanX;
  const horizon = deadline - end;
  const value = intercept + slope * horizon;
  const sse = Math.max(0, cyy - slope * cxy);
  const se = n > 2 ? Math.sqrt(sse / (n - 2)) : 0;
  const spread = 2 * se * Math.sqrt(1 + 1 / n + (cxx > 0 ? (horizon - meanX) ** 2 / cxx : 0));
  // Adjusted R²: R² penalised for few points (three points fit a line too easily). A flat series has
  // nothing left to explain, so it is fully explained: confidence 1, slope 0.
  const confidence = cyy > 1e-12 * Math.max(1, meanY * meanY) ? Math.max(0, Math.min(1, 1 - ((sse / cyy) * (n - 1)) / (n - 2))) : 1;
  if (!Number.isFinite(value) || !Number.isFinite(spread) || !Number.isFinite(confidence)) return false;
  line.value = value;
  line.spread = spread;
  line.confidence = confidence;
  line.slope = slope;
  return true;
}
