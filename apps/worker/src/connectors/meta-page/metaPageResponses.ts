import type { PointValue } from '@goalpost/db';
import { addDays, isIsoDate, type IsoDate } from '@goalpost/domain';
import { ConnectorFailure } from '../connectorFailure.ts';
import { platformNumber } from '../platformNumber.ts';

const label = 'Facebook';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The `since`/`until` (Unix seconds) that ask Page Insights for the days `from`..`to`.
 *
 * Meta's days are its reporting days (midnight to midnight Pacific time): a daily value carries the
 * `end_time` of the day's end (`T07:00:00+0000` in summer, `T08:00:00+0000` in winter), and the first
 * value answered is the day `since` falls in. Noon UTC lies inside the Pacific day of the same date
 * whatever the season (04:00 or 05:00 there), so `since` at noon of `from` starts at `from`, and
 * `until` at noon of the day after `to` ends the answer with `to`. Midnight UTC would fall on the
 * evening of the day before in Pacific time and shift every day by one.
 */
export function insightsRange(from: IsoDate, to: IsoDate): { since: number; until: number } {
  return { since: noonSeconds(from), until: noonSeconds(addDays(to, 1)) };
}

export const noonSeconds = (day: IsoDate) => Date.parse(`${day}T12:00:00Z`) / 1000;

/** The day a daily value covers: the day before its `end_time`'s date (`2024-06-28T07:00:00+0000` → 2024-06-27). */
export function dayOfEndTime(endTime: unknown): IsoDate {
  const date = typeof endTime === 'string' ? endTime.slice(0, 10) : '';
  if (!isIsoDate(date)) throw new ConnectorFailure('INVALID_RESPONSE', `${label} insights: unreadable end_time ${JSON.stringify(endTime)?.slice(0, 40)}`);
  return addDays(date, -1);
}

/**
 * A metric's daily value: a number (or numeric string), or for the per-type totals
 * (`page_actions_post_reactions_total` → `{ like, love, wow, haha, sorry, anger }`) the sum of its
 * parts. Undefined when Meta sends no value for the day.
 */
function valueOf(value: unknown, where: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (isRecord(value)) {
    const parts = Object.entries(value).filter(([, v]) => v !== null && v !== undefined);
    // `{}` is the empty breakdown Meta sends for a day with none of them: the day had none.
    return parts.reduce((sum, [key, v]) => sum + platformNumber(v, `${where}.${key}`), 0);
  }
  return platformNumber(value, where);
}

export interface InsightsAnswer {
  points: PointValue[];
  /** `since`/`until` of `paging.next` when Meta gave one (never the URL: it carries `access_token`). */
  next?: { since: number; until: number };
}

/**
 * `GET /{page-id}/insights`: `data[]` of `{ name, period, values: [{ value, end_time }] }`. Only `day`
 * series of the wanted metrics give points, only for days of the window; a day Meta has no value for
 * gives none (never a 0).
 */
export function readPageInsights(body: unknown, wanted: ReadonlyMap<string, string>, window: { from: IsoDate; to: IsoDate }): InsightsAnswer {
  if (!isRecord(body) || !Array.isArray(body.data)) throw new ConnectorFailure('INVALID_RESPONSE', `${label} insights answer has no data list`);
  const points: PointValue[] = [];
  for (const row of body.data as unknown[]) {
    if (!isRecord(row) || typeof row.name !== 'string') throw new ConnectorFailure('INVALID_RESPONSE', `${label} insights row without a name`);
    const metric = wanted.get(row.name);
    if (!metric || (row.period !== undefined && row.period !== 'day')) continue;
    if (!Array.isArray(row.values)) throw new ConnectorFailure('INVALID_RESPONSE', `${label} insights ${row.name} has no values`);
    for (const entry of row.values as unknown[]) {
      if (!isRecord(entry)) throw new ConnectorFailure('INVALID_RESPONSE', `${label} insights ${row.name}: a value is not an object`);
      const at = dayOfEndTime(entry.end_time);
      if (at < window.from || at > window.to) continue;
      const value = valueOf(entry.value, `${label} ${row.name} on ${at}`);
      if (value !== undefined) points.push({ metric, at, value });
    }
  }
  const next = pagingRange(body.paging);
  return { points, ...(next ? { next } : {}) };
}

/** `since`/`until` of `paging.next`, read from the URL Meta built; undefined when absent or without them. */
function pagingRange(paging: unknown): { since: number; until: number } | undefined {
  const next = isRecord(paging) && typeof paging.next === 'string' ? paging.next : undefined;
  if (!next) return undefined;
  let url: URL;
  try {
    url = new URL(next);
  } catch {
    return undefined;
  }
  const since = Number(url.searchParams.get('since'));
  const until = Number(url.searchParams.get('until'));
  if (!url.searchParams.get('since') || !url.searchParams.get('until') || !Number.isInteger(since) || !Number.isInteger(until) || until <= since) return undefined;
  return { since, until };
}

/** `GET /{page-id}?fields=followers_count`; undefined when the Page does not show it. */
export function readPageFollowers(body: unknown): number | undefined {
  if (!isRecord(body)) throw new ConnectorFailure('INVALID_RESPONSE', `${label} Page answer is not an object`);
  if (body.followers_count === undefined || body.followers_count === null) return undefined;
  return platformNumber(body.followers_count, `${label} followers_count`);
}
