import type { Platform } from '../vocabulary.ts';

/** The catalog metrics one platform's connector fetches (the worker's `src/connectors/<connector>/`). */
export interface ConnectorCoverage {
  platform: Platform;
  /** The connector's folder, e.g. `meta-page`. */
  connector: string;
  metrics: readonly string[];
}

/**
 * Which connector platform delivers which catalog metric: the rules need it to say whether a key result
 * can be measured from the accounts in its scope (the SMART check's Measurable), and the worker's
 * connectors are tested against it (each connector's `metrics` map has exactly these keys). A metric no
 * connector fetches arrives only by push, import or entry.
 */
export const connectorMetrics: readonly ConnectorCoverage[] = [
  { platform: 'FACEBOOK', connector: 'meta-page', metrics: ['impressions', 'reach', 'engagements', 'reactions', 'video_views', 'profile_visits', 'followers'] },
  { platform: 'INSTAGRAM', connector: 'meta-instagram', metrics: ['reach', 'impressions', 'engagements', 'reactions', 'comments', 'shares', 'followers'] },
  { platform: 'X', connector: 'x', metrics: ['followers', 'posts', 'reactions', 'shares', 'comments', 'impressions'] },
  { platform: 'LINKEDIN', connector: 'linkedin', metrics: ['impressions', 'reach', 'link_clicks', 'reactions', 'comments', 'shares', 'engagements', 'followers'] },
  { platform: 'PINTEREST', connector: 'pinterest', metrics: ['impressions', 'engagements', 'link_clicks', 'shares', 'followers'] },
  { platform: 'TIKTOK', connector: 'tiktok', metrics: ['followers', 'posts', 'reactions', 'comments', 'shares', 'video_views'] },
  { platform: 'YOUTUBE', connector: 'youtube', metrics: ['video_views', 'reactions', 'comments', 'shares'] },
  { platform: 'WEBSITE', connector: 'ga4', metrics: ['sessions', 'bounces', 'conversions', 'revenue'] },
];

const byPlatform = new Map(connectorMetrics.map((c) => [c.platform, c]));

/** The connector of a platform, if it has one. */
export function connectorOf(platform: Platform): ConnectorCoverage | undefined {
  return byPlatform.get(platform);
}

/** Whether the platform's connector fetches this raw metric. */
export function connectorFetches(platform: Platform, metric: string): boolean {
  return byPlatform.get(platform)?.metrics.includes(metric) ?? false;
}

/** The platforms whose connectors fetch this raw metric, in the catalog's platform order. */
export function platformsFetching(metric: string): Platform[] {
  return connectorMetrics.filter((c) => c.metrics.includes(metric)).map((c) => c.platform);
}
