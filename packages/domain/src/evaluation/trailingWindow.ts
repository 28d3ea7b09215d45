import type { SeriesPoint } from '../contract.ts';
import { dayNumber } from '../time/calendarDays.ts';

/** A series' points over a span of days, as day numbers beside values (indices `start` to `end`): each day parsed once. */
export interface DayValues {
  days: Float64Array;
  values: Float64Array;
  start: number;
  end: number;
}

/**
 * The points with `endDay − spanDays < day ≤ endDay`, in day order (`series` is in day order). The
 * arrays are views of buffers reused by the next call: the forecasts read them at once and keep nothing
 * (the evaluation runs this for every key result, and fresh arrays each time were a tenth of its cost).
 */
export function trailingWindow(series: readonly SeriesPoint[], endDay: number, spanDays: number): DayValues {
  let last = series.length;
  let lastDay = Number.NEGATIVE_INFINITY;
  while (last > 0 && (lastDay = dayNumber(series[last - 1]!.at)) > endDay) last--;
  // Room for every point up to `last` (a day given twice still fits); the buffers only ever grow.
  const n = last;
  if (scratch.days.length < n) scratch = { days: new Float64Array(n * 2), values: new Float64Array(n * 2) };
  let count = 0;
  // Newest first, written from the back: the window fills its buffers without a second pass.
  for (let i = last - 1, day = lastDay; i >= 0; i--) {
    if (i < last - 1) day = dayNumber(series[i]!.at);
    if (day <= endDay - spanDays) break;
    count++;
    scratch.days[n - count] = day;
    scratch.values[n - count] = series[i]!.value;
  }
  return { days: scratch.days, values: scratch.values, start: n - count, end: n };
}

let scratch = { days: new Float64Array(128), values: new Float64Array(128) };

/** One past the window's last point on or before `endDay`. */
export function boundBefore(window: DayValues, endDay: number): number {
  let to = window.end;
  while (to > window.start && window.days[to - 1]! > endDay) to--;
  return to;
}

/** The first of the window's points after `endDay − windowDays`, given `to` from `boundBefore`. */
export function boundAfter(window: DayValues, to: number, endDay: number, windowDays: number): number {
  let from = to;
  while (from > window.start && window.days[from - 1]! > endDay - windowDays) from--;
  return from;
}
