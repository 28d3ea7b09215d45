import type { IsoDate, Platform } from '../vocabulary.ts';
import { findMetric } from './metricCatalog.ts';

/**
 * A platform metric the platform has retired: from `deprecatedOn` its API refuses it, so the catalog
 * metric it fed has no source on that platform. Key results reading it are flagged, never silently 0.
 */
export interface PlatformMetricDeprecation {
  platform: Platform;
  /** The catalog metric id that was read from it. */
  metric: string;
  /** The platform's own metric name. */
  platformMetric: string;
  deprecatedOn: IsoDate;
  /** What to track instead, in words a marketer can act on. */
  advice: string;
}

export const platformMetricDeprecations: readonly PlatformMetricDeprecation[] = [
  {
    platform: 'FACEBOOK', metric: 'impressions', platformMetric: 'page_impressions', deprecatedOn: '2026-06-15',
    advice: 'Meta replaced Page impressions with views (page_media_view), which count differently; set a new baseline on views rather than comparing across the change.',
  },
  {
    platform: 'FACEBOOK', metric: 'reach', platformMetric: 'page_impressions_unique', deprecatedOn: '2026-06-15',
    advice: 'Meta replaced Page reach with viewers (page_total_media_view_unique), which count differently; set a new baseline on viewers rather than comparing across the change.',
  },
];

/** The deprecation of this metric on this platform announced for any date (to warn ahead), if any. */
export function findDeprecation(platform: string | null, metric: string): PlatformMetricDeprecation | undefined {
  return platformMetricDeprecations.find((d) => d.platform === platform && d.metric === metric);
}

/** True when the platform no longer supplies the metric on `day`. */
export function isDeprecatedOn(deprecation: PlatformMetricDeprecation | undefined, day: IsoDate): boolean {
  return deprecation !== undefined && day >= deprecation.deprecatedOn;
}

/**
 * The deprecations a key result on `metricId` runs into when its scope covers these platforms: those of
 * the metric itself and, for a derived KPI, of every input it is computed from.
 */
export function deprecationsAffecting(metricId: string, platforms: readonly string[]): PlatformMetricDeprecation[] {
  const metric = findMetric(metricId);
  const read = metric?.kind === 'DERIVED' ? metric.inputs : [metricId];
  return platformMetricDeprecations.filter((d) => platforms.includes(d.platform) && read.includes(d.metric));
}

/**
 * The platform metrics a connector may still ask for on `today`, platform name → catalog id: a retired
 * one is left out from its deprecation day (platforms refuse a whole request naming it).
 */
export function platformMetricsServedOn(platform: Platform, pairs: readonly (readonly [metric: string, platformMetric: string])[], today: IsoDate): Map<string, string> {
  const served = new Map<string, string>();
  for (const [metric, platformMetric] of pairs) {
    const deprecation = findDeprecation(platform, metric);
    if (deprecation?.platformMetric === platformMetric && isDeprecatedOn(deprecation, today)) continue;
    served.set(platformMetric, metric);
  }
  return served;
}
