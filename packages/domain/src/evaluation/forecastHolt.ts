import type { Forecast, SeriesPoint } from '../contract.ts';
import { dayNumber } from '../time/calendarDays.ts';
import { boundAfter, boundBefore, trailingWindow, type DayValues } from './trailingWindow.ts';

/**
 * The smoothing pairs tried, in this order (the first with the smallest error wins): α 0.2, 0.5, 0.8,
 * each with β 0.1 and 0.3. `holtFit` spells them out (see there).
 */
export const holtSmoothingPairs: readonly (readonly [alpha: number, beta: number])[] = [[0.2, 0.1], [0.2, 0.3], [0.5, 0.1], [0.5, 0.3], [0.8, 0.1], [0.8, 0.3]];

/**
 * Holt's linear trend (double exponential smoothing) over the trailing window, per calendar day (a gap
 * of k days advances the trend k times). The smoothing pair with the smallest one-step-ahead squared
 * error is kept; the interval is ±2 of that error's standard deviation, widened with the horizon.
 */
export function forecastHolt(series: readonly SeriesPoint[], options: { asOf: string; deadline: string; windowDays: number }): Forecast | null {
  const end = dayNumber(options.asOf);
  return holtFit(trailingWindow(series, end, options.windowDays), end, options.windowDays, dayNumber(options.deadline), options.asOf);
}

// The pair chosen by the last `smooth`: read at once by its caller, never kept.
let fittedLevel = 0;
let fittedTrend = 0;
let fittedSse = 0;

/** Smooths the points `first`…`last − 1` with every pair and leaves the best one's level, trend and error in `fitted*`. */
function smooth(days: Float64Array, values: Float64Array, first: number, last: number): void {
  // Every smoothing pair in one pass over the points, each pair's state in locals (registers, not
  // memory): the same arithmetic as one loop over `alphas` × `betas`, in the same order.
  let l0 = values[first]!, t0 = values[first + 1]! - values[first]!, e0 = 0;
  let l1 = values[first]!, t1 = values[first + 1]! - values[first]!, e1 = 0;
  let l2 = values[first]!, t2 = values[first + 1]! - values[first]!, e2 = 0;
  let l3 = values[first]!, t3 = values[first + 1]! - values[first]!, e3 = 0;
  let l4 = values[first]!, t4 = values[first + 1]! - values[first]!, e4 = 0;
  let l5 = values[first]!, t5 = values[first + 1]! - values[first]!, e5 = 0;
  let day = days[first]!;
  for (let i = first + 1; i < last; i++) {
    const d = days[i]!;
    const steps = d - day;
    const perStep = steps > 1 ? 1 / steps : 1;
    const value = values[i]!;
    {
      const predicted = l0 + t0 * steps;
      const error = value - predicted;
      e0 += error * error;
      const next = 0.2 * value + (1 - 0.2) * predicted;
      t0 = 0.1 * (next - l0) * perStep + (1 - 0.1) * t0;
      l0 = next;
    }
    {
      const predicted = l1 + t1 * steps;
      const error = value - predicted;
      e1 += error * error;
      const next = 0.2 * value + (1 - 0.2) * predicted;
      t1 = 0.3 * (next - l1) * perStep + (1 - 0.3) * t1;
      l1 = next;
    }
    {
      const predicted = l2 + t2 * steps;
      const error = value - predicted;
      e2 += error * error;
      const next = 0.5 * value + (1 - 0.5) * predicted;
      t2 = 0.1 * (next - l2) * perStep + (1 - 0.1) * t2;
      l2 = next;
    }
    {
      const predicted = l3 + t3 * steps;
      const error = value - predicted;
      e3 += error * error;
      const next = 0.5 * value + (1 - 0.5) * predicted;
      t3 = 0.3 * (next - l3) * perStep + (1 - 0.3) * t3;
      l3 = next;
    }
    {
      const predicted = l4 + t4 * steps;
      const error = value - predicted;
      e4 += error * error;
      const next = 0.8 * value + (1 - 0.8) * predicted;
      t4 = 0.1 * (next - l4) * perStep + (1 - 0.1) * t4;
      l4 = next;
    }
    {
      const predicted = l5 + t5 * steps;
      const error = value - predicted;
      e5 += error * error;
      const next = 0.8 * value + (1 - 0.8) * predicted;
      t5 = 0.3 * (next - l5) * perStep + (1 - 0.3) * t5;
      l5 = next;
    }
    day = d;
  }
  // The first pair with the smallest error, as a NaN error never wins (comparisons with NaN are false).
  let bestLevel = l0, bestTrend = t0, bestSse = e0;
  if (e1 < bestSse) { bestLevel = l1; bestTrend = t1; bestSse = e1; }
  if (e2 < bestSse) { bestLevel = l2; bestTrend = t2; bestSse = e2; }
  if (e3 < bestSse) { bestLevel = l3; bestTrend = t3; bestSse = e3; }
  if (e4 < bestSse) { bestLevel = l4; bestTrend = t4; bestSse = e4; }
  if (e5 < bestSse) { bestLevel = l5; bestTrend = t5; bestSse = e5; }
  fittedLevel = bestLevel;
  fittedTrend = bestTrend;
  fittedSse = bestSse;
}

/**
 * `forecastHolt` on day numbers: the points of `window` in (end − windowDays, end]; `asOf` names the
 * day of the last of them (the projection's start).
 */
export function holtFit(window: DayValues, end: number, windowDays: number, deadline: number, asOf: string): Forecast | null {
  const last = boundBefore(window, end);
  const first = boundAfter(window, last, end, windowDays);
  const { days, values } = window;
  const n = last - first;
  if (n < 4) return null;
  smooth(days, values, first, last);
  const lastDay = days[last - 1]!;
  const horizon = deadline - lastDay;
  const bestTrend = fittedTrend, bestSse = fittedSse;
  const value = fittedLevel + bestTrend * horizon;
  const sd = Math.sqrt(bestSse / (n - 1));
  const spread = 2 * sd * Math.sqrt(Math.max(1, horizon));
  let sst = 0;
  let mean = 0;
  for (let i = first; i < last; i++) mean += values[i]! / n;
  for (let i = first; i < last; i++) sst += (values[i]! - mean) ** 2;
  const confidence = sst > 1e-12 * Math.max(1, mean * mean) ? Math.max(0, Math.min(1, 1 - bestSse / sst)) : 1;
  if (!Number.isFinite(value) || !Number.isFinite(spread)) return null;
  return {
    value, low: value - spread, high: value + spread, confidence, method: 'HOLT',
    asOf, trendPerDay: bestTrend, targetInDays: null, targetInDaysEarliest: null, targetInDaysLatest: null,
  };
}

/**
 * What `holtFit` projects at `deadline`, alone — NaN where it gives no forecast: the model choice's
 * held-out week needs neither the interval's bounds nor the confidence (two passes fewer, no allocation).
 */
export function holtValue(window: DayValues, end: number, windowDays: number, deadline: number): number {
  const last = boundBefore(window, end);
  const first = boundAfter(window, last, end, windowDays);
  const n = last - first;
  if (n < 4) return Number.NaN;
  smooth(window.days, window.values, first, last);
  const horizon = deadline - window.days[last - 1]!;
  const value = fittedLevel + fittedTrend * horizon;
  const spread = 2 * Math.sqrt(fittedSse / (n - 1)) * Math.sqrt(Math.max(1, horizon));
  return Number.isFinite(value) && Number.isFinite(spread) ? value : Number.NaN;
}
