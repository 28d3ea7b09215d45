import type { PointValue } from '@goalpost/db';
import type { IsoDate, Platform } from '@goalpost/domain';

/** What a connector knows of the account it fetches: never the row itself, so credentials stay out. */
export interface ConnectorAccount {
  id: string;
  platform: Platform;
  handle: string;
  /** The platform's own id: Page id, Instagram user id, channel id, organization id, GA4 property id… */
  externalId: string | null;
}

export interface ConnectorRequest {
  account: ConnectorAccount;
  /** A bearer access token, already decrypted and refreshed when it had expired. */
  accessToken: string;
  /** Whole UTC days, inclusive; never longer than the connector's `maxWindowDays`. */
  window: { from: IsoDate; to: IsoDate };
  /** The `next` of the previous page of this same window; absent for its first page. */
  cursor?: string;
  /** The API's base URL without a trailing slash (configurable so tests reach local fakes). */
  baseUrl: string;
  /** Today in UTC: snapshot metrics (follower counts) are dated here, and deprecations are judged against it. */
  today: IsoDate;
  signal?: AbortSignal;
}

export interface ConnectorPage {
  /** Daily points in catalog metric ids. A day the platform has no row for yields no point, never a 0. */
  points: PointValue[];
  /** Opaque: pass it back as `cursor` for the next page of the same window; absent when the window is done. */
  next?: string;
  /**
   * Set when the platform says the budget is nearly spent (remaining 0, usage headers near 100 %):
   * later requests wait until then instead of being refused.
   */
  slowDownUntil?: { until: Date; scope: RateLimitScope };
}

/** Who a rate limit applies to: the one account (its token) or every account of the platform (the app). */
export type RateLimitScope = 'account' | 'platform';

/**
 * One platform API as a metric source. Adding a platform means adding one folder under `connectors/`
 * exporting a `Connector` and listing it in `connectorRegistry.ts`.
 */
export interface Connector {
  /** The folder name, e.g. `meta-page`; also names the base-URL setting. */
  id: string;
  platform: Platform;
  label: string;
  defaultBaseUrl: string;
  /** Catalog metric id → the platform's metric name(s) it is read from. */
  metrics: Readonly<Record<string, string>>;
  granularity: 'DAY';
  /** The longest window one request may ask for (Meta: 90 days). */
  maxWindowDays: number;
  /** How far back the platform keeps data; older days are not asked for. */
  lookbackDays: number;
  fetch(request: ConnectorRequest): Promise<ConnectorPage>;
}
