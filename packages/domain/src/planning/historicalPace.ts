import type { MetricDefinition, SeriesPoint } from '../contract.ts';
import type { Direction, IsoDate } from '../vocabulary.ts';
import type { DayRange } from '../evaluation/keyResultReads.ts';
import type { RealismBasis } from '../smart/realism.ts';
import { historicalWeeklyRate } from '../audit/historicalWeeklyRate.ts';
import { kpiHistoricalChange } from '../audit/kpiHistoricalChange.ts';
import { keyResultSeries, kpiWindowDays } from '../evaluation/keyResultSeries.ts';
import { addDays, daysBetween } from '../time/calendarDays.ts';
import { periodDays } from './targetReference.ts';

/** What the history before the start says about a key result's pace, in the terms realism compares. */
export interface HistoricalPace {
  basis: RealismBasis;
  /** Per week: a level's slope, a count's volume, or a KPI's typical favourable change over the period ÷ its weeks; null without history. */
  weeklyRate: number | null;
  /** Weeks of history behind it. */
  weeks: number;
  /** KPI_CHANGES: the change over a window of the objective's length reached by the better quarter of past windows. */
  change: number | null;
  /** KPI_CHANGES: the windows compared. */
  windows: number;
}

/** Trailing weeks of history the pace is read from (DESIGN.md §1: 12, a setting). */
export const historyWindowWeeks = 12;

/**
 * The days `historicalPace` reads before the start: the trailing 12 weeks for levels and counts; for a KPI
 * enough for 12 weeks of windows as long as the objective, plus the KPI's own trailing window.
 */
export function historyWindow(definition: MetricDefinition, dates: { startsOn: IsoDate; deadline: IsoDate }): DayRange {
  const back = definition.kind === 'DERIVED' ? periodDays(dates) + historyWindowWeeks * 7 + kpiWindowDays : historyWindowWeeks * 7;
  return { from: addDays(dates.startsOn, -back), to: addDays(dates.startsOn, -1) };
}

/** The direction a KPI's changes are ranked in: the key result's, or for MAINTAIN the way from baseline to target. */
export function towardsOf(direction: Direction | undefined, baseline: number | null, target: number | null, good: Direction): 1 | -1 {
  const d = direction ?? good;
  if (d === 'INCREASE') return 1;
  if (d === 'DECREASE') return -1;
  return baseline !== null && target !== null && target < baseline ? -1 : 1;
}

/**
 * The pace realism compares a target with, from the raw daily totals over the scope (only days before
 * the start count): a level's least-squares slope and a count's weekly volume over the trailing 12 weeks
 * (`historicalWeeklyRate`), a KPI's changes over windows of the objective's length (`kpiHistoricalChange`).
 */
export function historicalPace(
  definition: MetricDefinition,
  rawDaily: Readonly<Record<string, readonly SeriesPoint[] | undefined>>,
  options: { startsOn: IsoDate; deadline: IsoDate; towards: 1 | -1 },
): HistoricalPace {
  if (definition.kind !== 'DERIVED') {
    const rate = historicalWeeklyRate(definition, rawDaily[definition.id] ?? [], { startsOn: options.startsOn, windowWeeks: historyWindowWeeks });
    return { basis: definition.kind === 'FLOW' ? 'FLOW_VOLUME' : 'LEVEL_TREND', weeklyRate: rate.weeklyRate, weeks: rate.weeks, change: null, windows: 0 };
  }
  const window = historyWindow(definition, options);
  const inWindow = Object.fromEntries(definition.inputs.map((id) => [id, (rawDaily[id] ?? []).filter((p) => p.at >= window.from && p.at <= window.to)]));
  const series = keyResultSeries(definition, inWindow, { startsOn: options.startsOn, windowDays: kpiWindowDays });
  // A KPI moves from its value on the start day to its value on the deadline: windows of that many days.
  const length = Math.max(1, daysBetween(options.startsOn, options.deadline));
  const history = kpiHistoricalChange(series, { startsOn: options.startsOn, periodDays: length, towards: options.towards });
  return {
    basis: 'KPI_CHANGES',
    weeklyRate: history.change === null ? null : history.change / (length / 7),
    weeks: history.weeks,
    change: history.change,
    windows: history.windows,
  };
}
