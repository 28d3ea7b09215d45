import { addDays, dayNumber } from '@goalpost/domain';
import { platformFixture, startFakePlatform, type FakeRequest, type FakeResponse } from './fakePlatformServer.ts';

interface RunReport {
  metadata: Record<string, unknown>;
  kind: string;
  rows: { dimensionValues: { value: string }[]; metricValues: { value: string }[] }[];
  metricHeaders: { name: string; type: string }[];
}

export const ga4FakeToken = 'ya29.ga4-fake-access-token';
export const ga4FakeProperty = '314159265';

/** A Google error body as the GA4 Data API sends it (gRPC status, no `errors[]`). */
export function ga4Error(code: number, status: string, message: string): FakeResponse {
  return { status: code, body: { error: { code, message, status } } };
}

const metricTypes: Record<string, string> = {
  activeUsers: 'TYPE_INTEGER',
  sessions: 'TYPE_INTEGER',
  engagedSessions: 'TYPE_INTEGER',
  keyEvents: 'TYPE_INTEGER',
  conversions: 'TYPE_INTEGER',
  bounceRate: 'TYPE_FLOAT',
  totalRevenue: 'TYPE_CURRENCY',
};

/**
 * The property's social-traffic numbers for a day, as GA4 sends them (strings): the fixture's days keep
 * its activeUsers and sessions; everything else is generated from the day.
 */
export function ga4Day(day: string): Record<string, string> {
  const n = dayNumber(day);
  const sessions = 1500 + (n % 300);
  const engaged = 900 + (n % 200);
  const values: Record<string, string> = {
    activeUsers: String(1200 + (n % 250)),
    sessions: String(sessions),
    engagedSessions: String(engaged),
    keyEvents: String(10 + (n % 7)),
    conversions: String(10 + (n % 7)),
    bounceRate: String(1 - engaged / sessions),
    totalRevenue: `${200 + (n % 50)}.25`,
  };
  const fixture = platformFixture<RunReport>('ga4-run-report.json');
  const row = fixture.rows.find((r) => r.dimensionValues[0]?.value === day.replaceAll('-', ''));
  if (row) {
    fixture.metricHeaders.forEach((h, i) => {
      const value = row.metricValues[i]?.value;
      if (value !== undefined) values[h.name] = value;
    });
    // Keep the fixture's sessions consistent: engaged sessions never exceed them.
    values.engagedSessions = String(Math.min(Number(values.engagedSessions), Number(values.sessions)));
  }
  return values;
}

export interface Ga4FakeOptions {
  /** Days without a matching session: GA4 leaves their rows out. */
  missingDays?: string[];
  /** Rows the fake answers at most per page, below the `limit` asked (GA4 may answer fewer). */
  maxRowsPerPage?: number;
  /** The `propertyQuota` sent when the request asks `returnPropertyQuota`. */
  propertyQuota?: Record<string, { consumed?: number; remaining?: number }>;
}

export interface RunReportRequest {
  dateRanges?: { startDate?: string; endDate?: string }[];
  dimensions?: { name?: string }[];
  metrics?: { name?: string }[];
  dimensionFilter?: { filter?: { fieldName?: string; inListFilter?: { values?: string[] }; stringFilter?: { value?: string } } };
  offset?: number | string;
  limit?: number | string;
  returnPropertyQuota?: boolean;
}

const defaultQuota = {
  tokensPerDay: { consumed: 12, remaining: 199_000 },
  tokensPerHour: { consumed: 12, remaining: 39_800 },
  concurrentRequests: { remaining: 10 },
  serverErrorsPerProjectPerHour: { remaining: 10 },
  potentiallyThresholdedRequestsPerHour: { remaining: 120 },
  tokensPerProjectPerHour: { consumed: 12, remaining: 13_900 },
};

/**
 * The GA4 Data API's `POST /v1beta/properties/{id}:runReport`: checks the bearer token and the body,
 * answers rows of string values like the fixture (date as YYYYMMDD, ascending), pages with
 * `offset`/`limit` and reports the total in `rowCount`, and adds `propertyQuota` when asked.
 */
export async function startGa4Fake(options: Ga4FakeOptions = {}) {
  const missing = new Set(options.missingDays ?? []);
  const handler = (request: FakeRequest): FakeResponse => {
    const match = /^\/v1beta\/properties\/([^/:]+):runReport$/.exec(request.path);
    if (!match || request.method !== 'POST') return ga4Error(404, 'NOT_FOUND', 'Requested entity was not found.');
    if (request.headers.authorization !== `Bearer ${ga4FakeToken}`) {
      return ga4Error(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token.');
    }
    if (match[1] !== ga4FakeProperty) {
      return ga4Error(403, 'PERMISSION_DENIED', 'User does not have sufficient permissions for this property.');
    }
    let body: RunReportRequest;
    try {
      body = JSON.parse(request.body) as RunReportRequest;
    } catch {
      return ga4Error(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.');
    }
    const range = body.dateRanges?.[0];
    if (!range?.startDate || !range.endDate) return ga4Error(400, 'INVALID_ARGUMENT', 'dateRanges is required.');
    if (body.dimensions?.[0]?.name !== 'date' || body.dimensions.length !== 1) {
      return ga4Error(400, 'INVALID_ARGUMENT', 'this fake serves reports by date only');
    }
    const metrics = (body.metrics ?? []).map((m) => m.name ?? '');
    const unknown = metrics.find((m) => !(m in metricTypes));
    if (metrics.length === 0 || unknown !== undefined) return ga4Error(400, 'INVALID_ARGUMENT', `Field ${unknown ?? '(none)'} is not a valid metric.`);
    const offset = Number(body.offset ?? 0);
    const limit = Math.min(Number(body.limit ?? 10_000), options.maxRowsPerPage ?? 250_000);

    const rows: RunReport['rows'] = [];
    for (let day = range.startDate; day <= range.endDate; day = addDays(day, 1)) {
      if (missing.has(day)) continue;
      const values = ga4Day(day);
      rows.push({
        dimensionValues: [{ value: day.replaceAll('-', '') }],
        metricValues: metrics.map((m) => ({ value: values[m] ?? '0' })),
      });
    }
    const page = rows.slice(offset, offset + limit);
    const fixture = platformFixture<RunReport>('ga4-run-report.json');
    return {
      body: {
        dimensionHeaders: [{ name: 'date' }],
        metricHeaders: metrics.map((name) => ({ name, type: metricTypes[name] })),
        // GA4 leaves `rows` and `rowCount` out when nothing matched.
        ...(page.length > 0 ? { rows: page } : {}),
        ...(rows.length > 0 ? { rowCount: rows.length } : {}),
        metadata: fixture.metadata,
        ...(body.returnPropertyQuota ? { propertyQuota: options.propertyQuota ?? defaultQuota } : {}),
        kind: fixture.kind,
      },
    };
  };
  return startFakePlatform(handler);
}

/** The body a recorded request carried. */
export const runReportBody = (request: FakeRequest): RunReportRequest => JSON.parse(request.body) as RunReportRequest;
