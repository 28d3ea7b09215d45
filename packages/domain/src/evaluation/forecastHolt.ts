import type { Forecast, SeriesPoint } from '../contract.ts';
import { dayNumber } from '../time/calendarDays.ts';
import { boundAfter, boundBefore, trailingWindow, type DayValues } from './trailingWindow.ts';

const alphas = [0.2, 0.5, 0.8];
const betas = [0.1, 0.3];
const pairAlpha = alphas.flatMap((a) => betas.map(() => a));
const pairBeta = alphas.flatMap(() => betas);
// Per-pair state, reused by every fit (the evaluation fits for every key result).
const level = new Float64Array(pairAlpha.length);
const trend = new Float64Array(pairAlpha.length);
const sse = new Float64Array(pairAlpha.length);

/**
 * Holt's linear trend (double exponential smoothing) over the trailing window, per calendar day (a gap
 * of k days advances the trend k times). The smoothing pair with the smallest one-step-ahead squared
 * error is kept; the interval is ±2 of that error's standard deviation, widened with the horizon.
 */
export function forecastHolt(series: readonly SeriesPoint[], options: { asOf: string; deadline: string; windowDays: number }): Forecast | null {
  const end = dayNumber(options.asOf);
  return holtFit(trailingWindow(series, end, options.windowDays), end, options.windowDays, dayNumber(options.deadline), options.asOf);
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
  // Every smoothing pair in one pass over the points (each point read once, not once per pair).
  const pairs = alphas.length * betas.length;
  for (let k = 0; k < pairs; k++) {
    level[k] = values[first]!;
    trend[k] = values[first + 1]! - values[first]!;
    sse[k] = 0;
  }
  let day = days[first]!;
  for (let i = first + 1; i < last; i++) {
    const d = days[i]!;
    const steps = d - day;
    const perStep = steps > 1 ? 1 / steps : 1;
    const value = values[i]!;
    for (let k = 0; k < pairs; k++) {
      const alpha = pairAlpha[k]!;
      const beta = pairBeta[k]!;
      const previous = level[k]!;
      const predicted = previous + trend[k]! * steps;
      const error = value - predicted;
      sse[k] = sse[k]! + error * error;
      const nextLevel = alpha * value + (1 - alpha) * predicted;
      trend[k] = beta * (nextLevel - previous) * perStep + (1 - beta) * trend[k]!;
      level[k] = nextLevel;
    }
    day = d;
  }
  // The first pair with the smallest error, as a NaN error never wins (comparisons with NaN are false).
  let best = 0;
  for (let k = 1; k < pairs; k++) if (sse[k]! < sse[best]!) best = k;
  const bestLevel = level[best]!, bestTrend = trend[best]!, bestSse = sse[best]!;
  const lastDay = days[last - 1]!;
  const horizon = deadline - lastDay;
  const value = bestLevel + bestTrend * horizon;
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
