import type { MetricDefinition, SeriesPoint } from '../contract.ts';
import type { IsoDate } from '../vocabulary.ts';
import { computeDerivedKpi, type WindowAggregates } from './computeDerivedKpi.ts';
import { findMetric } from './metricCatalog.ts';
import { dayNumber } from '../time/calendarDays.ts';

/**
 * A derived KPI over one window of days, from the raw daily totals inside it (points outside are
 * ignored): FLOW inputs summed, CUMULATIVE inputs as the first and last levels inside the window — the
 * same ratios of sums as `keyResultSeries`, for a window that need not end on a day with data. A window
 * whose data starts late covers only the days since its first point (per-day KPIs divide by those).
 * null when the KPI has no value there (no data, a zero denominator).
 */
export function kpiOverWindow(
  definition: MetricDefinition,
  rawDaily: Readonly<Record<string, readonly SeriesPoint[] | undefined>>,
  window: { from: IsoDate; to: IsoDate },
): number | null {
  const aggregates: WindowAggregates = {};
  let firstDay = Number.POSITIVE_INFINITY;
  for (const id of definition.inputs) {
    const inside = (rawDaily[id] ?? []).filter((p) => p.at >= window.from && p.at <= window.to && Number.isFinite(p.value));
    if (inside.length === 0) continue;
    const ordered = [...new Map(inside.map((p) => [p.at, p.value])).entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    firstDay = Math.min(firstDay, dayNumber(ordered[0]![0]));
    if (findMetric(id)?.kind === 'CUMULATIVE') {
      aggregates[`${id}_start`] = ordered[0]![1];
      aggregates[`${id}_end`] = ordered.at(-1)![1];
    } else {
      aggregates[id] = ordered.reduce((sum, [, value]) => sum + value, 0);
    }
  }
  if (!Number.isFinite(firstDay)) return null;
  return computeDerivedKpi(definition.id, aggregates, { windowDays: dayNumber(window.to) - firstDay + 1 });
}
