import type { PointValue } from '@goalpost/db';
import { isIsoDate } from '@goalpost/domain';
import type { Connector, ConnectorPage, ConnectorRequest } from '../connector.ts';
import { ConnectorFailure } from '../connectorFailure.ts';
import { requestJson } from '../connectorHttp.ts';
import { googleApiErrorReader, nextPacificMidnight } from '../google/googleApiErrors.ts';
import { platformNumber } from '../platformNumber.ts';

const label = 'Google Analytics 4';

/** The GA4 metrics asked for; `bounces` is derived from two of them. */
const requestedMetrics = ['sessions', 'engagedSessions', 'keyEvents', 'totalRevenue'] as const;
type Ga4Metric = (typeof requestedMetrics)[number];

/**
 * Catalog id ← GA4 metric, over sessions whose default channel group is social.
 * GA4 counts a bounce as a session that was not engaged (under 10 s, one page view, no key event),
 * so bounces = sessions − engagedSessions. `keyEvents` is GA4's current name for conversions.
 * Revenue is in the property's currency (`metadata.currencyCode`).
 */
const metricMap = {
  sessions: 'sessions',
  bounces: 'sessions - engagedSessions',
  conversions: 'keyEvents',
  revenue: 'totalRevenue',
} as const satisfies Record<string, string>;

/**
 * The channel groups counted as "from social": both organic and paid social, since the catalog's
 * sessions/conversions/revenue are "from social" without excluding boosted posts and ads (whose spend
 * the social connectors report).
 */
export const ga4SocialChannelGroups = ['Organic Social', 'Paid Social'] as const;

/** Rows asked for per page; GA4 may answer fewer, and `rowCount` says how many the report has in all. */
export const ga4PageSize = 10_000;

/** Slow down once fewer tokens remain than this many more requests like the one just made would use. */
const quotaHeadroomRequests = 10;
const hourMs = 3_600_000;

/** GA4 quotas are the property's (tokens per property, and per project per property): one account. */
const readError = googleApiErrorReader(label, { quotaScope: 'account' });

export const ga4Connector: Connector = {
  id: 'ga4',
  platform: 'WEBSITE',
  label,
  defaultBaseUrl: 'https://analyticsdata.googleapis.com',
  metrics: metricMap,
  granularity: 'DAY',
  // A report's token cost grows with its date range; 90 days keeps each request cheap.
  maxWindowDays: 90,
  // Aggregated reports are kept since the property was created (the 2/14-month retention applies to
  // explorations only); three years bounds a first backfill.
  lookbackDays: 1095,

  async fetch(request: ConnectorRequest): Promise<ConnectorPage> {
    const property = propertyId(request.account.externalId);
    const offset = request.cursor === undefined ? 0 : readCursor(request.cursor);
    const answer = await requestJson(
      label,
      {
        method: 'POST',
        url: `${request.baseUrl}/v1beta/properties/${encodeURIComponent(property)}:runReport`,
        headers: { authorization: `Bearer ${request.accessToken}` },
        body: {
          dateRanges: [{ startDate: request.window.from, endDate: request.window.to }],
          dimensions: [{ name: 'date' }],
          metrics: requestedMetrics.map((name) => ({ name })),
          dimensionFilter: {
            filter: { fieldName: 'sessionDefaultChannelGroup', inListFilter: { values: [...ga4SocialChannelGroups], caseSensitive: false } },
          },
          orderBys: [{ dimension: { dimensionName: 'date' } }],
          offset,
          limit: ga4PageSize,
          returnPropertyQuota: true,
        },
        ...(request.signal ? { signal: request.signal } : {}),
      },
      readError,
    );
    const report = parseRunReport(answer.body, request.window);
    const nextOffset = offset + report.rowsOnPage;
    const more = report.rowsOnPage > 0 && nextOffset < report.rowCount;
    const slowDownUntil = quotaSlowDown(answer.body, Date.now());
    return {
      points: report.points,
      ...(more ? { next: String(nextOffset) } : {}),
      ...(slowDownUntil ? { slowDownUntil: { until: slowDownUntil, scope: 'account' as const } } : {}),
    };
  },
};

/** The numeric property id; `properties/123` is accepted too. */
function propertyId(externalId: string | null): string {
  const id = externalId?.trim().replace(/^properties\//, '');
  if (!id) throw new ConnectorFailure('NOT_FOUND', `${label}: the account has no GA4 property id`);
  return id;
}

function readCursor(cursor: string): number {
  const n = Number(cursor);
  if (!Number.isInteger(n) || n < 0) throw new ConnectorFailure('INVALID_RESPONSE', `${label}: unreadable page cursor`);
  return n;
}

interface RunReportBody {
  metricHeaders?: { name?: unknown }[];
  dimensionHeaders?: { name?: unknown }[];
  rows?: { dimensionValues?: { value?: unknown }[]; metricValues?: { value?: unknown }[] }[];
  rowCount?: unknown;
  propertyQuota?: Record<string, { consumed?: unknown; remaining?: unknown } | undefined>;
}

/**
 * A runReport answer: headers name the columns, each row holds `dimensionValues`/`metricValues` whose
 * `value` is a string ("1710", "23.5"); `date` is `YYYYMMDD` in the property's time zone. Days without
 * social sessions have no row (GA4 drops empty rows), and `rows`/`rowCount` are absent when nothing matched.
 */
export function parseRunReport(body: unknown, window: { from: string; to: string }) {
  if (typeof body !== 'object' || body === null) throw new ConnectorFailure('INVALID_RESPONSE', `${label}: the report is empty`);
  const report = body as RunReportBody;
  const rows = report.rows ?? [];
  if (!Array.isArray(rows)) throw new ConnectorFailure('INVALID_RESPONSE', `${label}: rows is not an array`);
  const rowCount = report.rowCount === undefined ? rows.length : platformNumber(report.rowCount, `${label} rowCount`);
  if (rows.length === 0) return { points: [], rowsOnPage: 0, rowCount };

  const dimensionNames = (report.dimensionHeaders ?? []).map((h) => h?.name);
  const metricNames = (report.metricHeaders ?? []).map((h) => h?.name);
  const dateColumn = dimensionNames.indexOf('date');
  if (dateColumn < 0) throw new ConnectorFailure('INVALID_RESPONSE', `${label}: the report has no date dimension`);
  const column = (name: Ga4Metric) => metricNames.indexOf(name);

  const points: PointValue[] = [];
  for (const row of rows) {
    const raw = row?.dimensionValues?.[dateColumn]?.value;
    const day = typeof raw === 'string' && /^\d{8}$/.test(raw) ? `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6, 8)}` : undefined;
    if (!day || !isIsoDate(day)) throw new ConnectorFailure('INVALID_RESPONSE', `${label}: unreadable date ${JSON.stringify(raw)?.slice(0, 20)}`);
    if (day < window.from || day > window.to) continue;
    const value = (name: Ga4Metric): number | undefined => {
      const i = column(name);
      const cell = i < 0 ? undefined : row.metricValues?.[i]?.value;
      return cell === undefined || cell === null ? undefined : platformNumber(cell, `${label} ${name} on ${day}`);
    };
    const sessions = value('sessions');
    const engaged = value('engagedSessions');
    const keyEvents = value('keyEvents');
    const revenue = value('totalRevenue');
    if (sessions !== undefined) points.push({ metric: 'sessions', at: day, value: sessions });
    if (sessions !== undefined && engaged !== undefined) points.push({ metric: 'bounces', at: day, value: Math.max(0, sessions - engaged) });
    if (keyEvents !== undefined) points.push({ metric: 'conversions', at: day, value: keyEvents });
    if (revenue !== undefined) points.push({ metric: 'revenue', at: day, value: revenue });
  }
  return { points, rowsOnPage: rows.length, rowCount };
}

/**
 * `propertyQuota` (asked with `returnPropertyQuota: true`): each quota is `{consumed, remaining}`,
 * `consumed` by this request and `remaining` after it; proto3 JSON leaves a 0 out, so a quota object
 * without `remaining` has none left. When the daily tokens run low, wait for midnight Pacific time
 * (when GA4 resets them); when an hourly budget runs low, wait an hour (GA4: hourly quotas refresh
 * "within an hour").
 */
export function quotaSlowDown(body: unknown, now: number): Date | undefined {
  const quota = (body as RunReportBody | undefined)?.propertyQuota;
  if (typeof quota !== 'object' || quota === null) return undefined;
  const low = (key: string): boolean => {
    const status = quota[key];
    if (typeof status !== 'object' || status === null) return false;
    const remaining = status.remaining === undefined ? 0 : platformNumber(status.remaining, `${label} ${key}.remaining`);
    const consumed = status.consumed === undefined ? 0 : platformNumber(status.consumed, `${label} ${key}.consumed`);
    return remaining <= 0 || remaining < consumed * quotaHeadroomRequests;
  };
  if (low('tokensPerDay')) return nextPacificMidnight(new Date(now));
  if (low('tokensPerHour') || low('tokensPerProjectPerHour')) return new Date(now + hourMs);
  return undefined;
}
