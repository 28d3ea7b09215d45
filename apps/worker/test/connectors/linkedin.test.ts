import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectorRequest } from '../../src/connectors/connector.ts';
import { linkedinApiVersion, linkedinConnector, shareStatisticsUrl } from '../../src/connectors/linkedin/linkedinConnector.ts';
import { startFakePlatform, type FakePlatform } from '../fakes/fakePlatformServer.ts';
import { linkedinFake, linkedinFollowers, linkedinOrganizationId, linkedinToken, type LinkedInFakeOptions } from '../fakes/linkedinFake.ts';
import { failureOf, sortPoints } from './connectorTestKit.ts';

let fake: FakePlatform;
let options: LinkedInFakeOptions;

beforeAll(async () => {
  fake = await startFakePlatform((request) => linkedinFake(options)(request));
});
afterAll(() => fake.close());
beforeEach(() => {
  options = { version: linkedinApiVersion };
  fake.reset();
});
afterEach(() => {
  vi.useRealTimers();
});

function request(overrides: Partial<ConnectorRequest> = {}): ConnectorRequest {
  return {
    account: { id: 'acc-1', platform: 'LINKEDIN', handle: 'goalpost', externalId: linkedinOrganizationId },
    accessToken: linkedinToken,
    window: { from: '2024-06-01', to: '2024-06-02' },
    baseUrl: `${fake.baseUrl}/rest`,
    today: '2024-06-20',
    ...overrides,
  };
}

describe('linkedinConnector', () => {
  it('reads daily share statistics for the window, with the documented request', async () => {
    const page = await linkedinConnector.fetch(request());

    // Fixture counts + day of month; engagements = likes + comments + shares + clicks; the engagement rate is never a point.
    expect(sortPoints(page.points)).toEqual(sortPoints([
      { metric: 'impressions', at: '2024-06-01', value: 589 },
      { metric: 'reach', at: '2024-06-01', value: 311 },
      { metric: 'link_clicks', at: '2024-06-01', value: 12 },
      { metric: 'reactions', at: '2024-06-01', value: 13 },
      { metric: 'comments', at: '2024-06-01', value: 1 },
      { metric: 'shares', at: '2024-06-01', value: 3 },
      { metric: 'engagements', at: '2024-06-01', value: 29 },
      { metric: 'impressions', at: '2024-06-02', value: 590 },
      { metric: 'reach', at: '2024-06-02', value: 312 },
      { metric: 'link_clicks', at: '2024-06-02', value: 13 },
      { metric: 'reactions', at: '2024-06-02', value: 14 },
      { metric: 'comments', at: '2024-06-02', value: 2 },
      { metric: 'shares', at: '2024-06-02', value: 4 },
      { metric: 'engagements', at: '2024-06-02', value: 33 },
    ]));
    // Today lies outside the window: no follower snapshot, the window is done.
    expect(page.next).toBeUndefined();

    expect(fake.requests).toHaveLength(1);
    const [sent] = fake.requests;
    expect(sent!.method).toBe('GET');
    expect(sent!.path).toBe('/rest/organizationalEntityShareStatistics');
    expect(sent!.query.get('q')).toBe('organizationalEntity');
    expect(sent!.query.get('organizationalEntity')).toBe('urn:li:organization:2414183');
    // 2024-06-01T00:00Z to 2024-06-03T00:00Z (end exclusive).
    expect(sent!.query.get('timeIntervals')).toBe('(timeRange:(start:1717200000000,end:1717372800000),timeGranularityType:DAY)');
    expect(sent!.headers.authorization).toBe(`Bearer ${linkedinToken}`);
    expect(sent!.headers['linkedin-version']).toBe(linkedinApiVersion);
    expect(sent!.headers['x-restli-protocol-version']).toBe('2.0.0');
  });

  it('keeps Rest.li syntax unencoded and the URN encoded in the query', () => {
    const url = shareStatisticsUrl('https://api.linkedin.com/rest', 'urn:li:organization:2414183', { from: '2024-06-01', to: '2024-06-01' }, 0);
    expect(url).toBe(
      'https://api.linkedin.com/rest/organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity=urn%3Ali%3Aorganization%3A2414183' +
        '&timeIntervals=(timeRange:(start:1717200000000,end:1717286400000),timeGranularityType:DAY)',
    );
  });

  it('accepts the organization URN as external id', async () => {
    const page = await linkedinConnector.fetch(request({ account: { id: 'acc-1', platform: 'LINKEDIN', handle: 'goalpost', externalId: `urn:li:organization:${linkedinOrganizationId}` } }));
    expect(page.points.length).toBeGreaterThan(0);
    expect(fake.requests[0]!.query.get('organizationalEntity')).toBe('urn:li:organization:2414183');
  });

  it('adds the follower snapshot, dated today, as a second request when today lies in the window', async () => {
    const window = { from: '2024-06-18', to: '2024-06-20' };
    const first = await linkedinConnector.fetch(request({ window }));
    expect(first.points.some((p) => p.metric === 'followers')).toBe(false);
    expect(first.next).toBe('network');

    const second = await linkedinConnector.fetch(request({ window, cursor: first.next! }));
    expect(second.points).toEqual([{ metric: 'followers', at: '2024-06-20', value: linkedinFollowers }]);
    expect(second.next).toBeUndefined();

    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]!.path).toBe('/rest/networkSizes/urn%3Ali%3Aorganization%3A2414183');
    expect(fake.requests[1]!.query.get('edgeType')).toBe('COMPANY_FOLLOWED_BY_MEMBER');
    expect(fake.requests[1]!.headers.authorization).toBe(`Bearer ${linkedinToken}`);
  });

  it('follows LinkedIn paging with a cursor that holds only the offset', async () => {
    options.pageSize = 2;
    const window = { from: '2024-06-01', to: '2024-06-03' };
    const first = await linkedinConnector.fetch(request({ window }));
    expect([...new Set(first.points.map((p) => p.at))].sort()).toEqual(['2024-06-01', '2024-06-02']);
    expect(first.next).toBe('shares:2');
    expect(first.next).not.toContain(linkedinToken);

    const second = await linkedinConnector.fetch(request({ window, cursor: first.next! }));
    expect([...new Set(second.points.map((p) => p.at))]).toEqual(['2024-06-03']);
    expect(second.points.find((p) => p.metric === 'impressions')).toEqual({ metric: 'impressions', at: '2024-06-03', value: 591 });
    expect(second.next).toBeUndefined();

    expect(fake.requests.map((r) => r.query.get('start'))).toEqual([null, '2']);
    expect(fake.requests[1]!.query.get('timeIntervals')).toBe(fake.requests[0]!.query.get('timeIntervals'));
  });

  it('waits until the next midnight UTC on a 429 without Retry-After, for this account', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-06-20T15:30:00Z'));
    fake.queue({ status: 429, body: { status: 429, serviceErrorCode: 101, code: 'TOO_MANY_REQUESTS', message: 'Resource level throttle MEMBER DAY limit for calls to this resource is reached.' } });

    const failure = await failureOf(linkedinConnector.fetch(request()));
    expect(failure.kind).toBe('RATE_LIMITED');
    expect(failure.details.retryAt).toEqual(new Date('2024-06-21T00:00:00Z'));
    expect(failure.details.scope).toBe('account');
  });

  it('honours Retry-After when LinkedIn sends it, and binds every account when the application limit is named', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-06-20T15:30:00Z'));
    fake.queue({
      status: 429,
      headers: { 'retry-after': '120' },
      body: { status: 429, code: 'TOO_MANY_REQUESTS', message: 'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.' },
    });

    const failure = await failureOf(linkedinConnector.fetch(request()));
    expect(failure.kind).toBe('RATE_LIMITED');
    expect(failure.details.retryAt).toEqual(new Date('2024-06-20T15:32:00Z'));
    expect(failure.details.scope).toBe('platform');
  });

  it('reports an expired token as AUTH_EXPIRED without leaking it', async () => {
    const failure = await failureOf(linkedinConnector.fetch(request({ accessToken: 'AQV-expired' })));
    expect(failure.kind).toBe('AUTH_EXPIRED');
    expect(failure.details.status).toBe(401);
    expect(failure.message).not.toContain('AQV-expired');
  });

  it('reports a sunset API version as INVALID_RESPONSE naming the version', async () => {
    options.version = '209901';
    const failure = await failureOf(linkedinConnector.fetch(request()));
    expect(failure.kind).toBe('INVALID_RESPONSE');
    expect(failure.details.status).toBe(426);
    expect(failure.message).toContain(linkedinApiVersion);
  });

  it('reports an account without an organization id as NOT_FOUND without calling LinkedIn', async () => {
    const failure = await failureOf(linkedinConnector.fetch(request({ account: { id: 'acc-1', platform: 'LINKEDIN', handle: 'goalpost', externalId: null } })));
    expect(failure.kind).toBe('NOT_FOUND');
    expect(fake.requests).toHaveLength(0);
  });

  it('treats a 5xx as TRANSIENT, and the same request then succeeds', async () => {
    fake.queue({ status: 503, body: { status: 503, message: 'Service Unavailable' } });
    const failure = await failureOf(linkedinConnector.fetch(request()));
    expect(failure.kind).toBe('TRANSIENT');

    const page = await linkedinConnector.fetch(request());
    expect(page.points.find((p) => p.metric === 'impressions' && p.at === '2024-06-01')?.value).toBe(589);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]!.query.get('timeIntervals')).toBe(fake.requests[0]!.query.get('timeIntervals'));
  });

  it('gives no point for a day without an element, nor for a field LinkedIn leaves out', async () => {
    options.missingDays = ['2024-06-02'];
    options.omitFields = ['uniqueImpressionsCount', 'clickCount'];
    const page = await linkedinConnector.fetch(request({ window: { from: '2024-06-01', to: '2024-06-03' } }));

    expect(page.points.filter((p) => p.at === '2024-06-02')).toEqual([]);
    expect(page.points.some((p) => p.metric === 'reach' || p.metric === 'link_clicks')).toBe(false);
    // Without clickCount the engagements sum is incomplete: no point rather than an undercount.
    expect(page.points.some((p) => p.metric === 'engagements')).toBe(false);
    expect(page.points.filter((p) => p.metric === 'impressions')).toEqual([
      { metric: 'impressions', at: '2024-06-01', value: 589 },
      { metric: 'impressions', at: '2024-06-03', value: 591 },
    ]);
  });

  it('reads counts sent as strings', async () => {
    options.numbersAsStrings = true;
    const window = { from: '2024-06-20', to: '2024-06-20' };
    const first = await linkedinConnector.fetch(request({ window }));
    expect(first.points.find((p) => p.metric === 'reactions')).toEqual({ metric: 'reactions', at: '2024-06-20', value: 32 });
    expect(first.points.find((p) => p.metric === 'engagements')).toEqual({ metric: 'engagements', at: '2024-06-20', value: 32 + 20 + 22 + 31 });

    const second = await linkedinConnector.fetch(request({ window, cursor: first.next! }));
    expect(second.points).toEqual([{ metric: 'followers', at: '2024-06-20', value: linkedinFollowers }]);
  });

  it('declares only catalog metrics and the platform limits', () => {
    expect(Object.keys(linkedinConnector.metrics).sort()).toEqual(['comments', 'engagements', 'followers', 'impressions', 'link_clicks', 'reach', 'reactions', 'shares']);
    expect(linkedinConnector.lookbackDays).toBeLessThan(365);
    expect(linkedinConnector.defaultBaseUrl).toBe('https://api.linkedin.com/rest');
  });
});
