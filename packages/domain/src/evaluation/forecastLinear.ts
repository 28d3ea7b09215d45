import type { Forecast, SeriesPoint } from '../contract.ts';
import { dayNumber } from '../time/calendarDays.ts';

/**
 * Least-squares line through the trailing window, projected to the deadline. The interval is ±2
 * residual standard errors of the projection (series in day order); confidence is R², 1 for a perfectly flat or straight series.
 */
export function forecastLinear(series: readonly SeriesPoint[], options: { asOf: string; deadline: string; windowDays: number }): Forecast | null {
  const end = dayNumber(options.asOf);
  // Walk back from the newest point (series are in day order): only the trailing window is read.
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = series.length - 1; i >= 0; i--) {
    const d = dayNumber(series[i]!.at);
    if (d > end) continue;
    if (d <= end - options.windowDays) break;
    xs.push(d - end);
    ys.push(series[i]!.value);
  }
  const n = xs.length;
  if (n < 3) return null;
  const meanX = xs.reduce((a, b) => a + b, 0) / n;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - meanX) ** 2;
    sxy += (xs[i]! - meanX) * (ys[i]! - meanY);
    syy += (ys[i]! - meanY) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  const intercept = meanY - slope * meanX;
  const horizon = dayNumber(options.deadline) - end;
  const value = intercept + slope * horizon;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (ys[i]! - (intercept + slope * xs[i]!)) ** 2;
  const se = n > 2 ? Math.sqrt(sse / (n - 2)) : 0;
  const spread = 2 * se * Math.sqrt(1 + 1 / n + (sxx > 0 ? (horizon - meanX) ** 2 / sxx : 0));
  const confidence = syy > 0 ? Math.max(0, Math.min(1, 1 - sse / syy)) : 1;
  if (![value, spread, confidence].every(Number.isFinite)) return null;
  return { value, low: value - spread, high: value + spread, confidence, method: 'LEAST_SQUARES' };
}
