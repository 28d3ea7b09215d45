import { computeDerivedKpi } from '../catalog/computeDerivedKpi.ts';
import { findMetric, metricCatalog } from '../catalog/metricCatalog.ts';

/** One content item's own results: lifetime totals of flow metrics (reach, engagements, link clicks, spend…). */
export interface ContentItemResults {
  metrics: Readonly<Record<string, number>>;
}

export interface ThemeResult {
  metric: string;
  value: number;
}

/**
 * What a theme's content achieved: each flow metric summed over its items (an item without the metric
 * adds nothing; a metric no item has is absent, not 0), `posts` = the items with results, and every KPI
 * whose inputs those sums provide — ratios of sums, as at channel level, so three posts read as one body
 * of work rather than an average of three rates.
 */
export function themeResults(items: readonly ContentItemResults[]): ThemeResult[] {
  const measured = items.filter((item) => Object.keys(item.metrics).length > 0);
  if (measured.length === 0) return [];
  const sums: Record<string, number> = {};
  for (const item of measured) {
    for (const [metric, value] of Object.entries(item.metrics)) {
      if (findMetric(metric)?.kind === 'FLOW' && Number.isFinite(value)) sums[metric] = (sums[metric] ?? 0) + value;
    }
  }
  sums.posts ??= measured.length;
  const results: ThemeResult[] = metricCatalog.filter((m) => sums[m.id] !== undefined).map((m) => ({ metric: m.id, value: sums[m.id]! }));
  for (const kpi of metricCatalog) {
    if (kpi.kind !== 'DERIVED' || !kpi.inputs.every((input) => sums[input] !== undefined)) continue;
    const value = computeDerivedKpi(kpi.id, sums);
    if (value !== null) results.push({ metric: kpi.id, value });
  }
  return results;
}

/** A content item's results take flow metrics only: a level (followers) belongs to an account, not a post. */
export function contentMetricIssue(metric: string): string | undefined {
  const definition = findMetric(metric);
  if (!definition) return `"${metric}" is not a metric of the catalog`;
  if (definition.kind !== 'FLOW') return `${definition.id} is ${definition.kind === 'DERIVED' ? 'computed from the item\'s results' : 'a level of the account, not a result of one item'}: send flow metrics such as reach, engagements or link_clicks`;
  return undefined;
}
