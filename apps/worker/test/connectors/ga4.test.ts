import { addDays } from '@goalpost/domain';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectorRequest } from '../../src/connectors/connector.ts';
import { ga4Connector, ga4PageSize, quotaSlowDown } from '../../src/connectors/ga4/ga4Connector.ts';
import { nextPacificMidnight } from '../../src/connectors/google/googleApiErrors.ts';
import { ga4Day, ga4Error, ga4FakeProperty, ga4FakeToken, runReportBody, startGa4Fake } from '../fakes/ga4Fake.ts';
import { failureOf } from './connectorTestKit.ts';

const fake = await startGa4Fake();
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const account = { id: 'acc-ga4', platform: 'WEBSITE' as const, handle: 'goalpost.example', externalId: ga4FakeProperty };

function request(overrides: Partial<ConnectorRequest> = {}): ConnectorRequest {
  return {
    account,
    accessToken: ga4FakeToken,
    window: { from: '2024-06-01', to: '2024-06-02' },
    baseUrl: fake.baseUrl,
    today: '2024-06-10',
    ...overrides,
  };
}


/** The points the fake's numbers should give for a day. */
function expectedDay(day: string) {
  const v = ga4Day(day);
  return [
    { metric: 'sessions', at: day, value: Number(v.sessions) },
    { metric: 'bounces', at: day, value: Number(v.sessions) - Number(v.engagedSessions) },
    { metric: 'conversions', at: day, value: Number(v.keyEvents) },
    { metric: 'revenue', at: day, value: Number(v.totalRevenue) },
  ];
}

describe('ga4 connector', () => {
  it('reads a window of social sessions into daily points, with the report request GA4 expects', async () => {
    const page = await ga4Connector.fetch(request());

    expect(page.next).toBeUndefined();
    expect(page.slowDownUntil).toBeUndefined();
    // The fixture's sessions for both days; the fake's engaged sessions, key events and revenue.
    const june1 = ga4Day('2024-06-01');
    expect(page.points).toEqual([
      { metric: 'sessions', at: '2024-06-01', value: 1710 },
      { metric: 'bounces', at: '2024-06-01', value: 1710 - Number(june1.engagedSessions) },
      { metric: 'conversions', at: '2024-06-01', value: Number(june1.keyEvents) },
      { metric: 'revenue', at: '2024-06-01', value: Number(june1.totalRevenue) },
      ...expectedDay('2024-06-02'),
    ]);
    expect(page.points[4]).toEqual({ metric: 'sessions', at: '2024-06-02', value: 1604 });
    expect(page.points[3]!.value % 1).toBeCloseTo(0.25);

    expect(fake.requests).toHaveLength(1);
    const sent = fake.requests[0]!;
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe(`/v1beta/properties/${ga4FakeProperty}:runReport`);
    expect(sent.headers.authorization).toBe(`Bearer ${ga4FakeToken}`);
    expect(sent.headers['content-type']).toBe('application/json');
    expect([...sent.query.keys()]).toEqual([]);
    expect(runReportBody(sent)).toEqual({
      dateRanges: [{ startDate: '2024-06-01', endDate: '2024-06-02' }],
      dimensions: [{ name: 'date' }],
      metrics: [{ name: 'sessions' }, { name: 'engagedSessions' }, { name: 'keyEvents' }, { name: 'totalRevenue' }],
      dimensionFilter: {
        filter: { fieldName: 'sessionDefaultChannelGroup', inListFilter: { values: ['Organic Social', 'Paid Social'], caseSensitive: false } },
      },
      orderBys: [{ dimension: { dimensionName: 'date' } }],
      offset: 0,
      limit: ga4PageSize,
      returnPropertyQuota: true,
    });
  });

  it('accepts a property id written as properties/{id}', async () => {
    const page = await ga4Connector.fetch(request({ account: { ...account, externalId: `properties/${ga4FakeProperty}` } }));
    expect(fake.requests[0]!.path).toBe(`/v1beta/properties/${ga4FakeProperty}:runReport`);
    expect(page.points).toHaveLength(8);
  });

  it('fails NOT_FOUND, without a request, when the account has no property id', async () => {
    const error = await failureOf(ga4Connector.fetch(request({ account: { ...account, externalId: null } })));
    expect(error.kind).toBe('NOT_FOUND');
    expect(fake.requests).toHaveLength(0);
  });

  it('pages with offset until rowCount is reached, and the cursor holds no token', async () => {
    const paged = await startGa4Fake({ maxRowsPerPage: 20 });
    try {
      const window = { from: '2024-03-01', to: addDays('2024-03-01', 29) };
      const first = await ga4Connector.fetch(request({ baseUrl: paged.baseUrl, window }));
      expect(first.next).toBe('20');
      expect(first.next).not.toContain(ga4FakeToken);
      expect(first.points.filter((p) => p.metric === 'sessions')).toHaveLength(20);

      const second = await ga4Connector.fetch(request({ baseUrl: paged.baseUrl, window, cursor: first.next! }));
      expect(second.next).toBeUndefined();
      expect(runReportBody(paged.requests[1]!)).toMatchObject({ offset: 20, limit: ga4PageSize });
      const days = [...first.points, ...second.points].filter((p) => p.metric === 'sessions').map((p) => p.at);
      expect(days).toHaveLength(30);
      expect(new Set(days).size).toBe(30);
      expect(days[0]).toBe('2024-03-01');
      expect(days.at(-1)).toBe(window.to);
      expect(second.points.slice(-4)).toEqual(expectedDay(window.to));
    } finally {
      await paged.close();
    }
  });

  it('waits an hour for the property on 429 RESOURCE_EXHAUSTED (hourly tokens)', async () => {
    fake.queue(ga4Error(429, 'RESOURCE_EXHAUSTED', 'Exhausted property tokens per hour for a project per property. These quota tokens will return in under an hour.'));
    const before = Date.now();
    const error = await failureOf(ga4Connector.fetch(request()));
    expect(error.kind).toBe('RATE_LIMITED');
    expect(error.details.scope).toBe('account');
    expect(error.details.status).toBe(429);
    const wait = error.details.retryAt!.getTime() - before;
    expect(wait).toBeGreaterThanOrEqual(3_600_000);
    expect(wait).toBeLessThan(3_605_000);
  });

  it('waits for midnight Pacific on exhausted daily tokens, and honours Retry-After when sent', async () => {
    fake.queue(ga4Error(429, 'RESOURCE_EXHAUSTED', 'Exhausted property tokens per day. These quota tokens will return at midnight Pacific time.'));
    const before = Date.now();
    const daily = await failureOf(ga4Connector.fetch(request()));
    expect(daily.kind).toBe('RATE_LIMITED');
    expect([nextPacificMidnight(new Date(before)).getTime(), nextPacificMidnight().getTime()]).toContain(daily.details.retryAt!.getTime());

    fake.queue({ ...ga4Error(429, 'RESOURCE_EXHAUSTED', 'Exhausted concurrent requests quota.'), headers: { 'retry-after': '7' } });
    const now = Date.now();
    const concurrent = await failureOf(ga4Connector.fetch(request()));
    expect(concurrent.details.scope).toBe('account');
    const wait = concurrent.details.retryAt!.getTime() - now;
    expect(wait).toBeGreaterThanOrEqual(7_000);
    expect(wait).toBeLessThan(12_000);
  });

  it('slows down when propertyQuota says the hourly tokens are nearly spent', async () => {
    const low = await startGa4Fake({
      propertyQuota: { tokensPerDay: { consumed: 15, remaining: 150_000 }, tokensPerHour: { consumed: 15, remaining: 100 }, tokensPerProjectPerHour: { consumed: 15, remaining: 9_000 } },
    });
    try {
      const before = Date.now();
      const page = await ga4Connector.fetch(request({ baseUrl: low.baseUrl }));
      expect(page.points).toHaveLength(8);
      expect(page.slowDownUntil?.scope).toBe('account');
      const wait = page.slowDownUntil!.until.getTime() - before;
      expect(wait).toBeGreaterThanOrEqual(3_600_000);
      expect(wait).toBeLessThan(3_605_000);
    } finally {
      await low.close();
    }
  });

  it('reads a quota with no remaining field as spent (proto3 leaves zeros out), and daily as midnight Pacific', () => {
    const now = Date.parse('2024-06-15T12:00:00Z');
    expect(quotaSlowDown({ propertyQuota: { tokensPerDay: { consumed: 10 }, tokensPerHour: { consumed: 10, remaining: 30_000 } } }, now)?.toISOString()).toBe('2024-06-16T07:00:00.000Z');
    expect(quotaSlowDown({ propertyQuota: { tokensPerDay: { consumed: 10, remaining: 1_000 }, tokensPerHour: { consumed: 10, remaining: 5_000 } } }, now)).toBeUndefined();
    expect(quotaSlowDown({ rows: [] }, now)).toBeUndefined();
  });

  it('reports an expired token as AUTH_EXPIRED', async () => {
    const error = await failureOf(ga4Connector.fetch(request({ accessToken: 'ya29.expired' })));
    expect(error.kind).toBe('AUTH_EXPIRED');
    expect(error.details.status).toBe(401);
    expect(error.message).not.toContain('ya29.expired');
  });

  it('reports a property the token cannot read (403 PERMISSION_DENIED) as AUTH_EXPIRED', async () => {
    const error = await failureOf(ga4Connector.fetch(request({ account: { ...account, externalId: '999' } })));
    expect(error.kind).toBe('AUTH_EXPIRED');
    expect(error.details.status).toBe(403);
  });

  it('fails TRANSIENT on a 5xx, then the same request succeeds', async () => {
    fake.queue(ga4Error(500, 'INTERNAL', 'Internal error encountered.'));
    const error = await failureOf(ga4Connector.fetch(request()));
    expect(error.kind).toBe('TRANSIENT');
    const page = await ga4Connector.fetch(request());
    expect(page.points).toHaveLength(8);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]!.body).toBe(fake.requests[0]!.body);
  });

  it('gives no point for days GA4 has no row for', async () => {
    const sparse = await startGa4Fake({ missingDays: ['2024-06-02', '2024-06-04'] });
    try {
      const page = await ga4Connector.fetch(request({ baseUrl: sparse.baseUrl, window: { from: '2024-06-01', to: '2024-06-05' } }));
      expect(page.points).toEqual([...expectedDay('2024-06-01'), ...expectedDay('2024-06-03'), ...expectedDay('2024-06-05')]);
      expect(page.next).toBeUndefined();
    } finally {
      await sparse.close();
    }
  });

  it('gives no points when nothing matched (no rows, no rowCount)', async () => {
    fake.queue({ body: { dimensionHeaders: [{ name: 'date' }], metricHeaders: [{ name: 'sessions', type: 'TYPE_INTEGER' }], kind: 'analyticsData#runReport' } });
    const page = await ga4Connector.fetch(request());
    expect(page).toEqual({ points: [] });
  });

  it('reads string values, and refuses an unreadable one instead of storing 0', async () => {
    fake.queue({
      body: {
        dimensionHeaders: [{ name: 'date' }],
        metricHeaders: [{ name: 'totalRevenue', type: 'TYPE_CURRENCY' }, { name: 'sessions', type: 'TYPE_INTEGER' }],
        rows: [{ dimensionValues: [{ value: '20240601' }], metricValues: [{ value: '12.5' }, { value: '40' }] }],
        rowCount: '1',
      },
    });
    const page = await ga4Connector.fetch(request());
    // Columns are read by header; without engagedSessions there is no bounces point.
    expect(page.points).toEqual([
      { metric: 'sessions', at: '2024-06-01', value: 40 },
      { metric: 'revenue', at: '2024-06-01', value: 12.5 },
    ]);

    fake.queue({
      body: {
        dimensionHeaders: [{ name: 'date' }],
        metricHeaders: [{ name: 'sessions', type: 'TYPE_INTEGER' }],
        rows: [{ dimensionValues: [{ value: '20240601' }], metricValues: [{ value: '' }] }],
        rowCount: 1,
      },
    });
    const error = await failureOf(ga4Connector.fetch(request()));
    expect(error.kind).toBe('INVALID_RESPONSE');
  });
});
