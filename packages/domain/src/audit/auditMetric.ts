import type { MetricDefinition, SeriesPoint } from '../contract.ts';
import { addDays } from '../time/calendarDays.ts';
import { historicalWeeklyRate } from './historicalWeeklyRate.ts';

export interface MetricAudit {
  metric: string;
  /** Latest value on or before `asOf` (levels), or the last 28 days' total (flows). */
  current: number | null;
  /** Change per day, per week and per 4 weeks over trailing windows of 1, 4 and 12 weeks. */
  dailyRate: number | null;
  weeklyRate: number | null;
  fourWeeklyRate: number | null;
  /** Days of history that back the rates. */
  historyDays: number;
}

/** One line of an account's audit: where a metric stands before objectives are set, and how fast it moves. */
export function auditMetric(definition: MetricDefinition, daily: readonly SeriesPoint[], asOf: string): MetricAudit {
  const until = addDays(asOf, 1);
  const known = daily.filter((p) => p.at <= asOf);
  const rate = (weeks: number) => historicalWeeklyRate(definition, known, { startsOn: until, windowWeeks: weeks }).weeklyRate;
  const lastFourWeeks = known.filter((p) => p.at > addDays(asOf, -28));
  const current = definition.kind === 'FLOW'
    ? (lastFourWeeks.length ? lastFourWeeks.reduce((sum, p) => sum + p.value, 0) : null)
    : (known.at(-1)?.value ?? null);
  const daily1 = rate(1);
  const weekly = rate(4);
  const fourWeekly = rate(12);
  return {
    metric: definition.id,
    current,
    dailyRate: daily1 === null ? null : daily1 / 7,
    weeklyRate: weekly,
    fourWeeklyRate: fourWeekly === null ? null : fourWeekly * 4,
    historyDays: historicalWeeklyRate(definition, known, { startsOn: until, windowWeeks: 12 }).weeks * 7,
  };
}
