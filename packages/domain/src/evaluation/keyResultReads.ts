import type { MetricDefinition, SeriesPoint } from '../contract.ts';
import { addDays } from '../time/calendarDays.ts';
import type { IsoDate } from '../vocabulary.ts';
import { keyResultSeries } from './keyResultSeries.ts';

/** Days held out by the forecast's backtest (see `chooseForecast`). */
const backtestDays = 7;

export interface DayRange {
  from: IsoDate;
  to: IsoDate;
}

/**
 * What evaluating a key result reads, instead of its whole history: the daily totals of a few day
 * ranges, plus — for a count (FLOW) — one sum over the days between the start and those ranges.
 * - `daily`: the days its value, baseline and forecast are computed from: a head around the start (the
 *   baseline of a level or a KPI) and a tail ending at the last day with data (the current value and the
 *   `forecastWindowDays` + backtest week the forecast fits, plus a KPI's trailing window before them).
 * - `flowSince`: a count's total from the start up to the tail, read as one SQL aggregate.
 */
export interface KeyResultReads {
  metrics: readonly string[];
  daily: readonly DayRange[];
  flowSince?: DayRange;
}

export interface KeyResultReadContext {
  startsOn: IsoDate;
  /**
   * The first and last days with data for the key result's metrics, between the start's look-back
   * (`startsOn − windowDays`, as the whole history is read) and min(today, deadline).
   */
  dataDays: { first: IsoDate; last: IsoDate };
  forecastWindowDays: number;
  /** A derived KPI's trailing window (days). */
  windowDays: number;
}

const later = (a: IsoDate, b: IsoDate) => (a > b ? a : b);

/** The ranges a key result's evaluation needs (see `KeyResultReads`); `compactKeyResultSeries` turns them into its series. */
export function keyResultReads(definition: MetricDefinition, context: KeyResultReadContext): KeyResultReads {
  const { startsOn, dataDays } = context;
  const span = context.forecastWindowDays + backtestDays;
  if (definition.kind === 'FLOW') {
    const tailFrom = later(startsOn, addDays(dataDays.last, -span));
    return {
      metrics: [definition.id],
      daily: [{ from: tailFrom, to: dataDays.last }],
      ...(tailFrom > startsOn ? { flowSince: { from: startsOn, to: addDays(tailFrom, -1) } } : {}),
    };
  }
  const window = definition.kind === 'DERIVED' ? context.windowDays : 1;
  // The baseline is the value on the start day or the last one before it (read from the same look-back
  // window as the whole history), else the first one after.
  const head = dataDays.first > startsOn ? { from: dataDays.first, to: dataDays.first } : { from: dataDays.first, to: startsOn };
  const tail = { from: addDays(dataDays.last, -(span + window - 1)), to: dataDays.last };
  const metrics = definition.kind === 'DERIVED' ? definition.inputs : [definition.id];
  return { metrics, daily: tail.from <= addDays(head.to, 1) ? [{ from: head.from < tail.from ? head.from : tail.from, to: tail.to }] : [head, tail] };
}

/**
 * The key result's series from what `keyResultReads` asked for: the same values `keyResultSeries` gives
 * over the whole history at the days evaluation looks at (the baseline's, the latest, the forecast's).
 * A count starts from the SQL sum of the days before the tail; a KPI keeps only the days whose trailing
 * window lies wholly inside what was read.
 */
export function compactKeyResultSeries(
  definition: MetricDefinition,
  reads: KeyResultReads,
  data: { daily: Readonly<Record<string, readonly SeriesPoint[] | undefined>>; flowSince?: { total: number; lastDay: IsoDate } | null },
  options: { startsOn: IsoDate; windowDays: number },
): SeriesPoint[] {
  if (definition.kind === 'FLOW') {
    const before = data.flowSince && reads.flowSince ? data.flowSince : null;
    const tail = keyResultSeries(definition, data.daily, { startsOn: reads.daily[0]?.from ?? options.startsOn });
    if (!before) return tail;
    return [{ at: before.lastDay, value: before.total }, ...tail.map((p) => ({ at: p.at, value: p.value + before.total }))];
  }
  if (definition.kind === 'CUMULATIVE' || reads.daily.length === 1) return keyResultSeries(definition, data.daily, options);
  // Two separate ranges: a KPI at a day near the tail's start would see a window with a hole in it.
  const [head, tail] = reads.daily as [DayRange, DayRange];
  const firstWhole = addDays(tail.from, options.windowDays - 1);
  return keyResultSeries(definition, data.daily, options).filter((p) => p.at <= head.to || p.at >= firstWhole);
}
