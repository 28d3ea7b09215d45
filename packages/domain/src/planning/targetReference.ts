import type { MetricDefinition, SeriesPoint } from '../contract.ts';
import type { IsoDate } from '../vocabulary.ts';
import type { DayRange } from '../evaluation/keyResultReads.ts';
import { kpiWindowDays } from '../evaluation/keyResultSeries.ts';
import { kpiOverWindow } from '../catalog/kpiOverWindow.ts';
import { addDays, daysBetween, dayNumber } from '../time/calendarDays.ts';

/**
 * Where a baseline taken from history comes from:
 * - GIVEN: the key result states it;
 * - LEVEL_AT_START: a level (followers) on the start day, or the last one before it;
 * - FIRST_LEVEL_AFTER_START: nothing at or before the start (an account connected late), so the first
 *   value after it stands in — provisional, replaced once history reaches the start;
 * - PREVIOUS_PERIOD_TOTAL: a count (link clicks) over the period of the objective's length just before its
 *   start ("+15% link clicks" = 15 % more than the previous quarter), scaled up when history covers only
 *   part of that period (`coveredDays`);
 * - KPI_BEFORE_START: a derived KPI (reach per post) over the trailing window before the start;
 * - NO_REFERENCE: a count with an absolute target and no history before the start: it counts from 0 —
 *   provisional, replaced once history before the start arrives.
 */
export type BaselineBasisKind = 'GIVEN' | 'LEVEL_AT_START' | 'FIRST_LEVEL_AFTER_START' | 'PREVIOUS_PERIOD_TOTAL' | 'KPI_BEFORE_START' | 'NO_REFERENCE';

export interface BaselineBasis {
  kind: BaselineBasisKind;
  /** The days the baseline was read from (one day for a level); null for GIVEN and NO_REFERENCE. */
  from: IsoDate | null;
  to: IsoDate | null;
  /** PREVIOUS_PERIOD_TOTAL: the days of that period history covers (the total is scaled by length ÷ these). */
  coveredDays: number | null;
}

export interface ReferenceBaseline { value: number; basis: BaselineBasis }

/** The objective's length in days, its deadline day included (the same length is looked back for a count). */
export function periodDays(dates: { startsOn: IsoDate; deadline: IsoDate }): number {
  return Math.max(1, daysBetween(dates.startsOn, dates.deadline) + 1);
}

/**
 * The days a baseline is read from (`referenceBaseline`): for a count the same-length period before the
 * start; for a KPI its trailing window before the start; for a level the look-back evaluation reads,
 * through the start day.
 */
export function referenceWindow(definition: MetricDefinition, dates: { startsOn: IsoDate; deadline: IsoDate }): DayRange {
  const { startsOn } = dates;
  if (definition.kind === 'FLOW') return { from: addDays(startsOn, -periodDays(dates)), to: addDays(startsOn, -1) };
  if (definition.kind === 'DERIVED') return { from: addDays(startsOn, -kpiWindowDays), to: addDays(startsOn, -1) };
  return { from: addDays(startsOn, -kpiWindowDays), to: startsOn };
}

/**
 * The baseline the history gives a key result before its start (see `BaselineBasisKind`), from the raw
 * daily totals of its metric (a KPI: of its inputs) over its scope; only points inside
 * `referenceWindow` count, so any wider read gives the same answer. null when that window has no data.
 */
export function referenceBaseline(
  definition: MetricDefinition,
  rawDaily: Readonly<Record<string, readonly SeriesPoint[] | undefined>>,
  dates: { startsOn: IsoDate; deadline: IsoDate },
): ReferenceBaseline | null {
  const window = referenceWindow(definition, dates);
  const inside = (id: string) => (rawDaily[id] ?? []).filter((p) => p.at >= window.from && p.at <= window.to && Number.isFinite(p.value));
  if (definition.kind === 'DERIVED') {
    const value = kpiOverWindow(definition, rawDaily, window);
    return value === null ? null : { value, basis: { kind: 'KPI_BEFORE_START', from: window.from, to: window.to, coveredDays: null } };
  }
  const points = inside(definition.id);
  if (points.length === 0) return null;
  // A day given twice keeps its last value, as the series do.
  const byDay = new Map<string, number>();
  for (const p of points) byDay.set(p.at, p.value);
  const days = [...byDay.keys()].sort();
  if (definition.kind === 'CUMULATIVE') {
    const on = days.at(-1)!;
    return { value: byDay.get(on)!, basis: { kind: 'LEVEL_AT_START', from: on, to: on, coveredDays: null } };
  }
  const length = periodDays(dates);
  const covered = dayNumber(window.to) - dayNumber(days[0]!) + 1;
  let total = 0;
  for (const value of byDay.values()) total += value;
  const value = covered < length ? (total * length) / covered : total;
  return { value, basis: { kind: 'PREVIOUS_PERIOD_TOTAL', from: window.from, to: window.to, coveredDays: covered } };
}
