import type { Forecast, SeriesPoint } from '../contract.ts';
import { dayNumber } from '../time/calendarDays.ts';

const alphas = [0.2, 0.5, 0.8];
const betas = [0.1, 0.3];

/**
 * Holt's linear trend (double exponential smoothing) over the trailing window, per calendar day (a gap
 * of k days advances the trend k times). The smoothing pair with the smallest one-step-ahead squared
 * error is kept; the interval is ±2 of that error's standard deviation, widened with the horizon.
 */
export function forecastHolt(series: readonly SeriesPoint[], options: { asOf: string; deadline: string; windowDays: number }): Forecast | null {
  const end = dayNumber(options.asOf);
  let first = series.length;
  while (first > 0) {
    const d = dayNumber(series[first - 1]!.at);
    if (d <= end - options.windowDays) break;
    first--;
  }
  let last = series.length;
  while (last > first && dayNumber(series[last - 1]!.at) > end) last--;
  const n = last - first;
  if (n < 4) return null;
  let best: { level: number; trend: number; sse: number; lastDay: number } | null = null;
  for (const alpha of alphas) {
    for (const beta of betas) {
      let level = series[first]!.value;
      let trend = series[first + 1]!.value - level;
      let day = dayNumber(series[first]!.at);
      let sse = 0;
      for (let i = first + 1; i < last; i++) {
        const d = dayNumber(series[i]!.at);
        const steps = d - day;
        const predicted = level + trend * steps;
        const value = series[i]!.value;
        sse += (value - predicted) ** 2;
        const nextLevel = alpha * value + (1 - alpha) * predicted;
        trend = beta * ((nextLevel - level) / Math.max(1, steps)) + (1 - beta) * trend;
        level = nextLevel;
        day = d;
      }
      if (!best || sse < best.sse) best = { level, trend, sse, lastDay: day };
    }
  }
  const horizon = dayNumber(options.deadline) - best!.lastDay;
  const value = best!.level + best!.trend * horizon;
  const sd = Math.sqrt(best!.sse / (n - 1));
  const spread = 2 * sd * Math.sqrt(Math.max(1, horizon));
  let sst = 0;
  let mean = 0;
  for (let i = first; i < last; i++) mean += series[i]!.value / n;
  for (let i = first; i < last; i++) sst += (series[i]!.value - mean) ** 2;
  const confidence = sst > 1e-12 * Math.max(1, mean * mean) ? Math.max(0, Math.min(1, 1 - best!.sse / sst)) : 1;
  if (!Number.isFinite(value) || !Number.isFinite(spread)) return null;
  return { value, low: value - spread, high: value + spread, confidence, method: 'HOLT' };
}
