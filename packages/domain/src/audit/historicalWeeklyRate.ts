import type { MetricDefinition, SeriesPoint } from '../contract.ts';
import { dayNumber } from '../time/calendarDays.ts';

export interface HistoricalRate {
  /** Change per week of the metric (for FLOW metrics: the weekly volume). null without enough history. */
  weeklyRate: number | null;
  /** The value at the end of the history (CUMULATIVE: last level; FLOW: 0, a count starts at the objective's start). */
  baseline: number | null;
  /** Weeks of history backing the rate. */
  weeks: number;
}

/**
 * What the audit says about a metric before an objective starts, read from its raw daily totals in
 * the trailing window (12 weeks by default, fewer when fewer exist): CUMULATIVE metrics by their
 * least-squares slope, FLOW metrics by their average weekly volume. DERIVED KPIs have no weekly rate
 * here: their realism compares levels, not growth.
 */
export function historicalWeeklyRate(
  definition: MetricDefinition,
  daily: readonly SeriesPoint[],
  options: { startsOn: string; windowWeeks?: number },
): HistoricalRate {
  const end = dayNumber(options.startsOn);
  const begin = end - (options.windowWeeks ?? 12) * 7;
  const window = daily.filter((p) => {
    const d = dayNumber(p.at);
    return d >= begin && d < end && Number.isFinite(p.value);
  });
  if (window.length === 0) return { weeklyRate: null, baseline: null, weeks: 0 };
  const first = dayNumber(window[0]!.at);
  const last = dayNumber(window.at(-1)!.at);
  const weeks = (last - first + 1) / 7;
  if (definition.kind === 'FLOW') {
    const total = window.reduce((sum, p) => sum + p.value, 0);
    return { weeklyRate: weeks > 0 ? total / weeks : null, baseline: 0, weeks };
  }
  const baseline = window.at(-1)!.value;
  if (definition.kind === 'DERIVED' || window.length < 2) return { weeklyRate: null, baseline, weeks };
  const n = window.length;
  const xs = window.map((p) => dayNumber(p.at));
  const meanX = xs.reduce((a, b) => a + b, 0) / n;
  const meanY = window.reduce((a, p) => a + p.value, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - meanX) * (window[i]!.value - meanY);
    sxx += (xs[i]! - meanX) ** 2;
  }
  return { weeklyRate: sxx > 0 ? (sxy / sxx) * 7 : 0, baseline, weeks };
}
