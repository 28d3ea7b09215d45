import type { MetricDefinition, SeriesPoint } from '../contract.ts';
import type { IsoDate } from '../vocabulary.ts';
import { findMetric } from '../catalog/metricCatalog.ts';
import { computeDerivedKpi, type WindowAggregates } from '../catalog/computeDerivedKpi.ts';
import { dayNumber } from '../time/calendarDays.ts';

interface DayValue { day: number; at: IsoDate; value: number }

/** The trailing window a derived KPI is computed over each day, and the look-back read before a start. */
export const kpiWindowDays = 28;

/**
 * The key result's own daily value, from the daily totals of raw metrics over its scope (one point per
 * day, days may be missing):
 * - CUMULATIVE (followers): the metric's daily values as they are;
 * - FLOW (link clicks): the running sum from `startsOn`, so the key result counts what happened since
 *   the objective started; earlier points are ignored;
 * - DERIVED (engagement rate): for each day with data, the KPI over the trailing `windowDays` (default 28)
 *   ending that day, from the window's sums of its FLOW inputs and the opening/closing levels of its
 *   CUMULATIVE inputs (see `WindowAggregates`) — never an average of daily ratios. Days where the KPI
 *   has no value (zero denominator) are left out. Days before `startsOn` are kept: they are the history
 *   a baseline is read from.
 * Non-finite values are dropped; the result is in day order.
 */
export function keyResultSeries(
  definition: MetricDefinition,
  rawDaily: Readonly<Record<string, readonly SeriesPoint[] | undefined>>,
  options: { startsOn: IsoDate; windowDays?: number },
): SeriesPoint[] {
  if (definition.kind === 'CUMULATIVE') return byDay(rawDaily[definition.id]).map(({ at, value }) => ({ at, value }));
  if (definition.kind === 'FLOW') {
    const start = dayNumber(options.startsOn);
    let total = 0;
    return byDay(rawDaily[definition.id]).filter((p) => p.day >= start).map(({ at, value }) => ({ at, value: (total += value) }));
  }
  return derivedSeries(definition, rawDaily, Math.max(1, Math.floor(options.windowDays ?? kpiWindowDays)));
}

function derivedSeries(definition: MetricDefinition, rawDaily: Readonly<Record<string, readonly SeriesPoint[] | undefined>>, windowDays: number): SeriesPoint[] {
  // The aggregates' keys made once, not per day: a key built per day is a new string to hash each time.
  const inputs = definition.inputs.map((id) => ({ id, startKey: `${id}_start`, endKey: `${id}_end`, cumulative: findMetric(id)?.kind === 'CUMULATIVE', points: byDay(rawDaily[id]), lo: 0, hi: 0 }));
  const ordered = daysOfAny(inputs.map((input) => input.points));
  const firstDay = ordered[0]?.day ?? 0;
  const out: SeriesPoint[] = [];
  for (const { day, at } of ordered) {
    const from = day - windowDays + 1;
    const aggregates: WindowAggregates = {};
    for (const input of inputs) {
      // Window bounds only move forward as the days do: [lo, hi) are the input's points inside it.
      const { points } = input;
      while (input.hi < points.length && points[input.hi]!.day <= day) input.hi++;
      while (input.lo < input.hi && points[input.lo]!.day < from) input.lo++;
      if (input.lo === input.hi) continue;
      if (input.cumulative) {
        const before = input.lo > 0 ? points[input.lo - 1]! : undefined;
        // The window opens with the close of the day before it; without that day, its first known level.
        aggregates[input.startKey] = before && before.day === from - 1 ? before.value : points[input.lo]!.value;
        aggregates[input.endKey] = points[input.hi - 1]!.value;
      } else {
        let sum = 0;
        for (let i = input.lo; i < input.hi; i++) sum += points[i]!.value;
        aggregates[input.id] = sum;
      }
    }
    // A window that starts before the first data covers only the days since then.
    const value = computeDerivedKpi(definition.id, aggregates, { windowDays: Math.min(windowDays, day - firstDay + 1) });
    if (value !== null) out.push({ at, value });
  }
  return out;
}

/**
 * The days any of the lists (each in day order, a day once) has, in order, merged without a map or a
 * sort; a day several lists have is named as the last of them names it.
 */
function daysOfAny(lists: readonly (readonly DayValue[])[]): DayValue[] {
  if (lists.length === 1) return lists[0] as DayValue[];
  const next = lists.map(() => 0);
  const out: DayValue[] = [];
  for (;;) {
    let day = Infinity;
    let named: DayValue | undefined;
    lists.forEach((list, i) => {
      const head = list[next[i]!];
      if (head && head.day <= day) {
        day = head.day;
        named = head;
      }
    });
    if (!named) return out;
    lists.forEach((list, i) => {
      if (list[next[i]!]?.day === day) next[i] = next[i]! + 1;
    });
    out.push(named);
  }
}

/** Finite points in day order; a day given twice keeps its last value. */
function byDay(points: readonly SeriesPoint[] | undefined): DayValue[] {
  if (!points) return [];
  // Daily totals come finite and in day order, one a day: then no map and no sort.
  const ordered: DayValue[] = [];
  let previous = -Infinity;
  for (const p of points) {
    const day = dayNumber(p.at);
    if (!Number.isFinite(p.value) || !(day > previous)) break;
    ordered.push({ day, at: p.at, value: p.value });
    previous = day;
  }
  if (ordered.length === points.length) return ordered;
  const byDayNumber = new Map<number, DayValue>();
  for (const p of points ?? []) {
    if (!Number.isFinite(p.value)) continue;
    const day = dayNumber(p.at);
    if (Number.isFinite(day)) byDayNumber.set(day, { day, at: p.at, value: p.value });
  }
  return [...byDayNumber.values()].sort((a, b) => a.day - b.day);
}
