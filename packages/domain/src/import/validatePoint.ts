import { findMetric } from '../catalog/metricCatalog.ts';
import type { MetricUnit } from '../contract.ts';
import { addDays, isIsoDate } from '../time/calendarDays.ts';
import type { IsoDate } from '../vocabulary.ts';

/** A daily value of a raw metric as people send it: typed in, pushed, or read from a file. */
export interface IncomingPoint {
  metric: string;
  at: IsoDate;
  value: number;
}

export interface PointIssue {
  /** `metric`, `at` or `value`. */
  field: 'metric' | 'at' | 'value';
  rule: string;
  message: string;
}

/** The range a value of each unit can take; percentages are 0–100 and scores (NPS, sentiment) −100–100. */
const unitRanges: Record<MetricUnit, { min: number; max: number; words: string }> = {
  COUNT: { min: 0, max: Number.MAX_SAFE_INTEGER, words: 'a count of 0 or more' },
  CURRENCY: { min: 0, max: Number.MAX_SAFE_INTEGER, words: 'an amount of 0 or more' },
  MINUTES: { min: 0, max: Number.MAX_SAFE_INTEGER, words: 'minutes, 0 or more' },
  RATIO: { min: 0, max: Number.MAX_SAFE_INTEGER, words: 'a ratio of 0 or more' },
  PERCENT: { min: 0, max: 100, words: 'a percentage between 0 and 100' },
  SCORE: { min: -100, max: 100, words: 'a score between -100 and 100' },
};

/**
 * The rules every stored point obeys, whichever way it arrives (recordMetrics, the webhook, a CSV): a
 * raw metric of the catalog (derived KPIs are computed, never stored), a real calendar day that has begun
 * somewhere (UTC today, or tomorrow for people east of UTC), and a finite value in the metric's range. Returns every broken rule, empty when the point is good.
 */
export function validatePoint(point: IncomingPoint, today: IsoDate): PointIssue[] {
  const issues: PointIssue[] = [];
  const metric = findMetric(point.metric);
  if (!metric) issues.push({ field: 'metric', rule: 'catalog', message: `"${point.metric}" is not a metric of the catalog (metricCatalog lists them)` });
  else if (metric.kind === 'DERIVED') {
    issues.push({ field: 'metric', rule: 'raw', message: `${metric.id} is computed from ${metric.inputs.join(' and ')}: send those instead` });
  }
  if (!isIsoDate(point.at)) issues.push({ field: 'at', rule: 'date', message: `"${point.at}" is not a calendar day YYYY-MM-DD` });
  else if (point.at > addDays(today, 1)) issues.push({ field: 'at', rule: 'not-future', message: `${point.at} has not begun anywhere yet (today is ${today} UTC): record days that have begun` });
  if (!Number.isFinite(point.value)) issues.push({ field: 'value', rule: 'finite', message: 'must be a finite number' });
  else if (metric && metric.kind !== 'DERIVED') {
    const range = unitRanges[metric.unit];
    if (point.value < range.min || point.value > range.max) {
      issues.push({ field: 'value', rule: 'range', message: `${point.value} is out of range: ${metric.id} is ${range.words}` });
    }
  }
  return issues;
}
