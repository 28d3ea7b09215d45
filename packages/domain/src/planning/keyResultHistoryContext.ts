import type { KeyResultDraft, KeyResultSources, MetricDefinition, SeriesPoint, SmartKeyResultContext } from '../contract.ts';
import type { IsoDate, Platform } from '../vocabulary.ts';
import type { DayRange } from '../evaluation/keyResultReads.ts';
import { findMetric } from '../catalog/metricCatalog.ts';
import { historicalWeeklyRate } from '../audit/historicalWeeklyRate.ts';
import { keyResultSeries, kpiWindowDays } from '../evaluation/keyResultSeries.ts';
import { addDays } from '../time/calendarDays.ts';
import { isCostKpi, isPerPostKpi } from '../catalog/kpiRoles.ts';
import { historicalPace, historyWindow, towardsOf } from './historicalPace.ts';
import { referenceBaseline, referenceWindow } from './targetReference.ts';
import { resolveKeyResultTarget, type TargetResolution } from './resolveKeyResultTarget.ts';

type RawDaily = Readonly<Record<string, readonly SeriesPoint[] | undefined>>;

/**
 * The days `keyResultHistoryContext` reads, in one range: from the earliest of its reference period and
 * its history window to today (the deadline at the latest), or to the day before the start.
 */
export function keyResultHistoryRange(definition: MetricDefinition, dates: { startsOn: IsoDate; deadline: IsoDate }, today: IsoDate): DayRange {
  const reference = referenceWindow(definition, dates).from;
  const history = historyWindow(definition, dates).from;
  const end = today < dates.deadline ? today : dates.deadline;
  return { from: reference < history ? reference : history, to: end >= dates.startsOn ? end : addDays(dates.startsOn, -1) };
}

/**
 * What the SMART check needs to know of one key result, from the raw daily totals of its metric (a KPI:
 * its inputs) over its scope in `keyResultHistoryRange`: its baseline and target resolved (unless a
 * resolution is `kept`), the pace of its history before the start, where it stands today once started,
 * the posting pace behind a per-post KPI and the volume a cost KPI pays for.
 */
export function keyResultHistoryContext(input: {
  definition: MetricDefinition;
  draft: KeyResultDraft;
  dates: { startsOn: IsoDate; deadline: IsoDate };
  today: IsoDate;
  raw: RawDaily;
  sources: KeyResultSources;
  scopePlatforms: readonly Platform[];
  kept?: TargetResolution | null | undefined;
}): SmartKeyResultContext {
  const { definition, draft, dates, today, raw } = input;
  const resolution = input.kept ?? resolveKeyResultTarget(definition, draft, { reference: referenceBaseline(definition, raw, dates) });
  const pace = historicalPace(definition, raw, { ...dates, towards: towardsOf(draft.direction, resolution.baseline, resolution.target, definition.goodDirection) });
  const rateOf = (metric: string) => {
    const input = findMetric(metric);
    return input ? historicalWeeklyRate(input, raw[metric] ?? [], { startsOn: dates.startsOn }).weeklyRate : null;
  };
  const last = today < dates.deadline ? today : dates.deadline;
  const current = today > dates.startsOn
    ? keyResultSeries(definition, raw, { startsOn: dates.startsOn, windowDays: kpiWindowDays }).filter((p) => p.at >= dates.startsOn && p.at <= last).at(-1)?.value ?? null
    : null;
  return {
    measurable: input.sources.accounts > 0,
    sources: input.sources,
    historicalBaseline: resolution.baseline,
    historicalWeeklyRate: pace.weeklyRate,
    historyWeeks: pace.weeks,
    realismBasis: pace.basis,
    historicalChange: pace.change,
    windows: pace.windows,
    resolution,
    current,
    postsPerWeek: isPerPostKpi(definition) ? rateOf('posts') : null,
    costVolumePerWeek: isCostKpi(definition) ? rateOf(definition.inputs[1]!) : null,
    scopePlatforms: input.scopePlatforms,
  };
}
