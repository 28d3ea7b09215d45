import { findMetric } from '../catalog/metricCatalog.ts';
import { unitRanges } from '../catalog/unitRanges.ts';
import { dayNumber, isIsoDate, isSupportedDay, supportedDays } from '../time/calendarDays.ts';
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

/**
 * The rules every stored point obeys, whichever way it arrives (recordMetrics, the webhook, a CSV): a
 * raw metric of the catalog (derived KPIs are computed, never stored), a real calendar day inside
 * `supportedDays` that has begun somewhere (UTC today, or tomorrow for people east of UTC), and a
 * finite value in the metric's range. Returns every broken rule, empty when the point is good.
 */
export function validatePoint(point: IncomingPoint, today: IsoDate): PointIssue[] {
  const issues: PointIssue[] = [];
  const metric = findMetric(point.metric);
  if (!metric) issues.push({ field: 'metric', rule: 'catalog', message: `${JSON.stringify(point.metric.slice(0, 60))} is not a metric of the catalog (metricCatalog lists them)` });
  else if (metric.kind === 'DERIVED') {
    issues.push({ field: 'metric', rule: 'raw', message: `${metric.id} is computed from ${metric.inputs.join(' and ')}: send those instead` });
  }
  if (!isIsoDate(point.at)) issues.push({ field: 'at', rule: 'date', message: `${JSON.stringify(String(point.at).slice(0, 30))} is not a calendar day YYYY-MM-DD` });
  else if (!isSupportedDay(point.at)) issues.push({ field: 'at', rule: 'date-range', message: `${point.at} is outside the days Goalpost keeps (${supportedDays.first} to ${supportedDays.last})` });
  // Day numbers, not `addDays(today, 1)`: this runs for each of a webhook's thousands of points.
  else if (dayNumber(point.at) > dayNumber(today) + 1) issues.push({ field: 'at', rule: 'not-future', message: `${point.at} has not begun anywhere yet (today is ${today} UTC): record days that have begun` });
  if (!Number.isFinite(point.value)) issues.push({ field: 'value', rule: 'finite', message: 'must be a finite number' });
  else if (metric && metric.kind !== 'DERIVED') {
    const range = unitRanges[metric.unit];
    if (point.value < range.min || point.value > range.max) {
      issues.push({ field: 'value', rule: 'range', message: `${point.value} is out of range: ${metric.id} is ${range.words}` });
    }
  }
  return issues;
}
