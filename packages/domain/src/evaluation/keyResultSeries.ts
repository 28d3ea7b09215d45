import type { MetricDefinition, SeriesPoint } from '../contract.ts';
import { findMetric } from '../catalog/metricCatalog.ts';
import { computeDerivedKpi, type WindowAggregates } from '../catalog/computeDerivedKpi.ts';
import { addDays, dayNumber } from '../time/calendarDays.ts';

/**
 * The key result's own daily value from the daily totals of raw metrics over its scope:
 * CUMULATIVE as is; FLOW as the running sum since the start (a FLOW key result counts what happened
 * during the objective); DERIVED as the KPI over the trailing window ending that day.
 */
export function keyResultSeries(
  definition: MetricDefinition,
  rawDaily: Readonly<Record<string, readonly SeriesPoint[]>>,
  options: { startsOn: string; windowDays?: number },
): SeriesPoint[] {
  if (definition.kind === 'CUMULATIVE') return [...(rawDaily[definition.id] ?? [])].sort(byDay);
  if (definition.kind === 'FLOW') {
    let total = 0;
    return [...(rawDaily[definition.id] ?? [])]
      .filter((p) => p.at >= options.startsOn)
      .sort(byDay)
      .map((p) => ({ at: p.at, value: (total += p.value) }));
  }
  const windowDays = options.windowDays ?? 28;
  const byMetric = new Map(definition.inputs.map((id) => [id, new Map((rawDaily[id] ?? []).map((p) => [p.at, p.value]))]));
  const days = [...new Set(definition.inputs.flatMap((id) => (rawDaily[id] ?? []).map((p) => p.at)))].sort();
  const out: SeriesPoint[] = [];
  for (const day of days) {
    const from = addDays(day, -(windowDays - 1));
    const aggregates: WindowAggregates = {};
    for (const id of definition.inputs) {
      const values = byMetric.get(id)!;
      const inWindow = [...values].filter(([at]) => at >= from && at <= day).sort(([a], [b]) => dayNumber(a) - dayNumber(b));
      if (inWindow.length === 0) continue;
      if (findMetric(id)?.kind === 'CUMULATIVE') {
        aggregates[`${id}_start`] = inWindow[0]![1];
        aggregates[`${id}_end`] = inWindow.at(-1)![1];
      } else {
        aggregates[id] = inWindow.reduce((sum, [, v]) => sum + v, 0);
      }
    }
    const value = computeDerivedKpi(definition.id, aggregates, windowDays);
    if (value !== null) out.push({ at: day, value });
  }
  return out;
}

const byDay = (a: SeriesPoint, b: SeriesPoint) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);
