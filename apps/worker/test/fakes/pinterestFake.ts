import { platformFixture, type FakeHandler, type FakeResponse } from './fakePlatformServer.ts';

/**
 * Pinterest API v5 under `/v5`, as far as the connector uses it: user account analytics (one
 * `daily_metrics` entry per day asked for, built from the documented fixture; not paginated; dates
 * within the last 90 days and at most 90 days apart) and the user account itself (`follower_count`).
 */

export const pinterestToken = 'pina_pinterest-user-token';
export const pinterestFollowers = 5_210;

interface DailyMetrics {
  date: string;
  data_status: string;
  metrics: Record<string, number | string>;
}

export interface PinterestFakeOptions {
  /** Today for the fake (UTC): start_date may be at most 90 days before it. */
  today: string;
  /** Days Pinterest has no entry for. */
  missingDays?: string[];
  /** Days still `PROCESSING` (their metrics are placeholder zeros). */
  processingDays?: string[];
  /** Send every metric as a string. */
  numbersAsStrings?: boolean;
  /** Key the answer `ALL` instead of the fixture's `all`. */
  upperCaseKey?: boolean;
  /** Extra headers on every successful answer (rate-limit headers). */
  headers?: Record<string, string>;
}

const dayMs = 86_400_000;
const knownMetrics = new Set(['IMPRESSION', 'ENGAGEMENT', 'SAVE', 'PIN_CLICK', 'OUTBOUND_CLICK', 'ENGAGEMENT_RATE', 'SAVE_RATE', 'PIN_CLICK_RATE', 'OUTBOUND_CLICK_RATE']);
const template = () => {
  const fixture = platformFixture<{ all: { daily_metrics: DailyMetrics[] } }>('pinterest-user-account-analytics.json');
  return fixture.all.daily_metrics.find((d) => d.data_status === 'READY')!.metrics as Record<string, number>;
};

/** The fixture's READY counts plus the day of the month, so each day differs. */
export function pinterestDayMetrics(day: string): Record<string, number> {
  const dom = Number(day.slice(8, 10));
  return Object.fromEntries(Object.entries(template()).map(([k, v]) => [k, v + dom]));
}

const error = (status: number, code: number, message: string): FakeResponse => ({ status, body: { code, message } });
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / dayMs;
const isDay = (value: string | null): value is string => value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));

export function pinterestFake(options: PinterestFakeOptions): FakeHandler {
  return (request) => {
    if (request.headers.authorization !== `Bearer ${pinterestToken}`) return error(401, 2, 'Authentication failed.');
    const headers = options.headers ?? {};

    if (request.path === '/v5/user_account/analytics') {
      const start = request.query.get('start_date');
      const end = request.query.get('end_date');
      if (!isDay(start) || !isDay(end)) return error(400, 1, 'start_date and end_date are required (YYYY-MM-DD)');
      if (dayNumber(options.today) - dayNumber(start) > 90) return error(400, 1, 'start_date cannot be more than 90 days back from today');
      if (dayNumber(end) - dayNumber(start) > 90 || end < start) return error(400, 1, 'end_date cannot be more than 90 days past start_date');
      const asked = (request.query.get('metric_types') ?? '').split(',').filter(Boolean);
      const unknown = asked.filter((m) => !knownMetrics.has(m));
      if (unknown.length > 0) return error(400, 1, `Invalid metric_types: ${unknown.join(',')}`);

      const daily: DailyMetrics[] = [];
      for (let n = dayNumber(start); n <= dayNumber(end); n += 1) {
        const date = new Date(n * dayMs).toISOString().slice(0, 10);
        if (options.missingDays?.includes(date)) continue;
        const processing = options.processingDays?.includes(date) ?? false;
        const all = pinterestDayMetrics(date);
        const metrics = Object.fromEntries(
          Object.entries(all)
            .filter(([k]) => asked.length === 0 || asked.includes(k))
            .map(([k, v]) => [k, processing ? 0 : options.numbersAsStrings ? String(v) : v]),
        );
        daily.push({ date, data_status: processing ? 'PROCESSING' : 'READY', metrics });
      }
      const summary: Record<string, number> = {};
      for (const d of daily) if (d.data_status === 'READY') for (const [k, v] of Object.entries(d.metrics)) summary[k] = (summary[k] ?? 0) + Number(v);
      return { headers, body: { [options.upperCaseKey ? 'ALL' : 'all']: { daily_metrics: daily, summary_metrics: summary } } };
    }

    if (request.path === '/v5/user_account') {
      return {
        headers,
        body: {
          account_type: 'BUSINESS',
          id: '549755885175',
          username: 'goalpost',
          business_name: 'Goalpost',
          board_count: 12,
          pin_count: 340,
          follower_count: options.numbersAsStrings ? String(pinterestFollowers) : pinterestFollowers,
          following_count: 51,
          monthly_views: 48_000,
        },
      };
    }

    return error(404, 3, `No route ${request.path}`);
  };
}
