import type { SeriesPoint } from '../contract.ts';
import type { IsoDate } from '../vocabulary.ts';
import { dayNumber } from '../time/calendarDays.ts';

export interface KpiChangeHistory {
  /**
   * The change over a window of `periodDays` that the better quarter of past windows reached (their
   * 75th percentile, taken in the direction `towards`), signed as the KPI moves; null without two values.
   */
  change: number | null;
  /** Windows compared (one per day with a value and a value `periodDays` earlier). */
  windows: number;
  /** Weeks of KPI history before the start. */
  weeks: number;
}

/** The 75th percentile of sorted values, linearly interpolated. */
function upperQuartile(sorted: readonly number[]): number {
  const at = (sorted.length - 1) * 0.75;
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/**
 * How far a derived KPI has moved over windows as long as the objective, before its start: for every
 * day with a value, its change since the last value `periodDays` (or more) earlier, scaled to exactly
 * `periodDays`. With less history than that, windows as long as the history allows stand in, scaled the
 * same way. A ratio such as reach per post or engagement rate has no growth rate of its own; the spread
 * of these changes says how much of a move is usual (seed 002's realism for "an average reach of 1,000
 * per post"). `series` is the KPI's own daily series (`keyResultSeries`), in day order.
 */
export function kpiHistoricalChange(series: readonly SeriesPoint[], options: { startsOn: IsoDate; periodDays: number; towards: 1 | -1 }): KpiChangeHistory {
  const end = dayNumber(options.startsOn);
  const days: number[] = [];
  const values: number[] = [];
  for (const p of series) {
    const day = dayNumber(p.at);
    if (day >= end || !Number.isFinite(p.value)) continue;
    days.push(day);
    values.push(p.value);
  }
  if (days.length < 2) return { change: null, windows: 0, weeks: days.length === 1 ? 1 / 7 : 0 };
  const span = days.at(-1)! - days[0]!;
  const length = Math.max(1, Math.min(Math.round(options.periodDays), span));
  const changes: number[] = [];
  let earlier = 0;
  for (let i = 1; i < days.length; i++) {
    // The last value at least `length` days before this one (indices only move forward).
    while (earlier + 1 < i && days[earlier + 1]! <= days[i]! - length) earlier++;
    const gap = days[i]! - days[earlier]!;
    if (gap < length) continue;
    changes.push(((values[i]! - values[earlier]!) * options.periodDays) / gap * options.towards);
  }
  if (changes.length === 0) return { change: null, windows: 0, weeks: (span + 1) / 7 };
  changes.sort((a, b) => a - b);
  return { change: upperQuartile(changes) * options.towards, windows: changes.length, weeks: (span + 1) / 7 };
}
