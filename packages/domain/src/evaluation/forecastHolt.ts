import type { Forecast, SeriesPoint } from '../contract.ts';
import { dayNumber } from '../time/calendarDays.ts';
import { boundAfter, boundBefore, trailingWindow, type DayValues } from './trailingWindow.ts';

const alphas = [0.2, 0.5, 0.8];
const betas = [0.1, 0.3];

/**
 * Holt's linear trend (double exponential smoothing) over the trailing window, per calendar day (a gap
 * of k days advances the trend k times). The smoothing pair with the smallest one-step-ahead squared
 * error is kept; the interval is ±2 of that error's standard deviation, widened with the horizon.
 */
export function forecastHolt(series: readonly SeriesPoint[], options: { asOf: string; deadline: string; windowDays: number }): Forecast | null {
  const end = dayNumber(options.asOf);
  return holtFit(trailingWindow(series, end, options.windowDays), end, options.windowDays, dayNumber(options.deadline));
}

/** `forecastHolt` on day numbers: the points of `window` in (end − windowDays, end]. */
export function holtFit(window: DayValues, end: number, windowDays: number, deadline: number): Forecast | null {
  const last = boundBefore(window, end);
  const first = boundAfter(window, last, end, windowDays);
  const { days, values } = window;
  const n = last - first;
  if (n < 4) return null;
  let bestLevel = 0, bestTrend = 0, bestSse = Number.POSITIVE_INFINITY;
  const lastDay = days[last - 1]!;
  for (const alpha of alphas) {
    for (const beta of betas) {
      let level = values[first]!;
      let trend = values[first + 1]! - level;
      let day = days[first]!;
      let sse = 0;
      for (let i = first + 1; i < last; i++) {
        const d = days[i]!;
        const steps = d - day;
        const predicted = level + trend * steps;
        const value = values[i]!;
        const error = value - predicted;
        sse += error * error;
        const nextLevel = alpha * value + (1 - alpha) * predicted;
        trend = beta * ((nextLevel - level) / (steps > 1 ? steps : 1)) + (1 - beta) * trend;
        level = nextLevel;
        day = d;
      }
      // NaN never wins, as before: a comparison with NaN is false.
      if (sse < bestSse || bestSse === Number.POSITIVE_INFINITY) {
        bestLevel = level;
        bestTrend = trend;
        bestSse = sse;
      }
    }
  }
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
  return { value, low: value - spread, high: value + spread, confidence, method: 'HOLT' };
}
