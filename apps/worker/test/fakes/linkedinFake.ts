import { platformFixture, type FakeHandler, type FakeRequest, type FakeResponse } from './fakePlatformServer.ts';

/**
 * LinkedIn Community Management API (versioned REST under `/rest`), as far as the connector uses it:
 * time-bound organization share statistics (one element per UTC day of the asked range, built from the
 * documented fixture, paged by `start`/`count` with a `rel: next` link) and the organization's network
 * size. Every request must carry the bearer token, a `LinkedIn-Version` and `X-Restli-Protocol-Version: 2.0.0`.
 */

export const linkedinToken = 'AQV-linkedin-member-token';
export const linkedinOrganizationId = '2414183';
export const linkedinFollowers = 18_432;

interface ShareElement {
  organizationalEntity: string;
  timeRange: { start: number; end: number };
  totalShareStatistics: Record<string, number>;
}

export interface LinkedInFakeOptions {
  /** The `LinkedIn-Version` accepted; any other answers 426 as a sunset version does. */
  version: string;
  /** Elements per page when the request names no `count`. */
  pageSize?: number;
  /** UTC days LinkedIn has no element for. */
  missingDays?: string[];
  /** Send every count as a string. */
  numbersAsStrings?: boolean;
  /** Leave these fields out of every day's statistics. */
  omitFields?: string[];
}

const dayMs = 86_400_000;
const template = () => platformFixture<{ elements: ShareElement[] }>('linkedin-share-statistics-timebound.json').elements[0]!.totalShareStatistics;

/** The fixture's counts plus the day of the month, so each day differs; `engagement` stays a rate. */
export function linkedinDayStatistics(day: string): Record<string, number> {
  const dom = Number(day.slice(8, 10));
  const stats = template();
  return Object.fromEntries(Object.entries(stats).map(([k, v]) => [k, k === 'engagement' ? v : v + dom]));
}

const error = (status: number, code: string, message: string, extra: Partial<FakeResponse> = {}): FakeResponse => ({
  status,
  body: { status, serviceErrorCode: status === 401 ? 65600 : 100, code, message },
  ...extra,
});

function checkHeaders(request: FakeRequest, version: string): FakeResponse | undefined {
  if (request.headers.authorization !== `Bearer ${linkedinToken}`) return error(401, 'INVALID_ACCESS_TOKEN', 'Invalid access token');
  if (!request.headers['linkedin-version']) return error(400, 'VERSION_MISSING', 'A version must be present. Please specify a version by adding the LinkedIn-Version header.');
  if (request.headers['linkedin-version'] !== version) return error(426, 'NONEXISTENT_VERSION', `Requested version ${String(request.headers['linkedin-version'])} is not active`);
  if (request.headers['x-restli-protocol-version'] !== '2.0.0') return error(400, 'ILLEGAL_ARGUMENT', 'Rest.li protocol 2.0.0 expected');
  return undefined;
}

const timeIntervals = /^\(timeRange:\(start:(\d+),end:(\d+)\),timeGranularityType:DAY\)$/;

export function linkedinFake(options: LinkedInFakeOptions): FakeHandler {
  const organization = `urn:li:organization:${linkedinOrganizationId}`;
  return (request) => {
    const refused = checkHeaders(request, options.version);
    if (refused) return refused;

    if (request.path === '/rest/organizationalEntityShareStatistics') {
      const { query } = request;
      if (query.get('q') !== 'organizationalEntity') return error(400, 'ILLEGAL_ARGUMENT', 'q must be organizationalEntity');
      if (query.get('organizationalEntity') !== organization) return error(403, 'ACCESS_DENIED', 'Not enough permissions to access this organization');
      const range = timeIntervals.exec(query.get('timeIntervals') ?? '');
      if (!range) return error(400, 'ILLEGAL_ARGUMENT', 'Invalid timeIntervals');
      const [from, to] = [Number(range[1]), Number(range[2])];
      if (from % dayMs !== 0 || to % dayMs !== 0 || to <= from) return error(400, 'ILLEGAL_ARGUMENT', 'timeRange must cover whole days');

      const elements: ShareElement[] = [];
      for (let t = from; t < to; t += dayMs) {
        const day = new Date(t).toISOString().slice(0, 10);
        if (options.missingDays?.includes(day)) continue;
        const stats = linkedinDayStatistics(day);
        for (const field of options.omitFields ?? []) delete stats[field];
        const totalShareStatistics = options.numbersAsStrings ? Object.fromEntries(Object.entries(stats).map(([k, v]) => [k, String(v)])) : stats;
        elements.push({ organizationalEntity: organization, timeRange: { start: t, end: t + dayMs }, totalShareStatistics: totalShareStatistics as Record<string, number> });
      }
      const start = Number(query.get('start') ?? 0);
      const count = Number(query.get('count') ?? options.pageSize ?? 10);
      const page = elements.slice(start, start + count);
      const more = start + count < elements.length;
      const nextQuery = new URLSearchParams(query);
      nextQuery.set('start', String(start + count));
      nextQuery.set('count', String(count));
      return {
        body: {
          paging: { count, start, links: more ? [{ rel: 'next', type: 'application/json', href: `/rest/organizationalEntityShareStatistics?${nextQuery.toString()}` }] : [] },
          elements: page,
        },
      };
    }

    if (request.path.startsWith('/rest/networkSizes/')) {
      const urn = decodeURIComponent(request.path.slice('/rest/networkSizes/'.length));
      if (urn !== organization) return error(404, 'NOT_FOUND', 'Organization not found');
      if (request.query.get('edgeType') !== 'COMPANY_FOLLOWED_BY_MEMBER') return error(400, 'ILLEGAL_ARGUMENT', 'Invalid edgeType');
      return { body: { firstDegreeSize: options.numbersAsStrings ? String(linkedinFollowers) : linkedinFollowers } };
    }

    return error(404, 'NOT_FOUND', `No resource ${request.path}`);
  };
}
