import { dailyTotalsOfQueries, type Db } from '@goalpost/db';
import type { SeriesPoint } from '@goalpost/domain';
import DataLoader from 'dataloader';
import { readsNothing, type RawDaily, type RawDailyQuery } from './rawDailyOf.ts';

/** One metric summed over one set of accounts (sorted, unique), over a range of days. */
interface ScopeRange {
  scope: string;
  accountIds: readonly string[];
  metric: string;
  from: string;
  to: string;
}

/** The first index of `points` (in day order) whose day is not before `day`. */
function firstFrom(points: readonly SeriesPoint[], day: string): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (points[mid]!.at < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The request's daily totals, one series per (accounts, metric) read once over the widest range any field
 * asked for, in one statement: every field then gets a slice of the same points (no per-field copies,
 * re-sorting or per-day objects), which is where a dashboard's allocations went.
 */
export function scopeDailyLoader(db: Db, workspaceId: () => string): (query: RawDailyQuery) => Promise<RawDaily> {
  const loader = new DataLoader<ScopeRange, SeriesPoint[], string>(async (asks) => {
    const widest = new Map<string, { accountIds: readonly string[]; metrics: string[]; from: string; to: string }>();
    for (const ask of asks) {
      const known = widest.get(ask.scope);
      if (!known) widest.set(ask.scope, { accountIds: ask.accountIds, metrics: [ask.metric], from: ask.from, to: ask.to });
      else {
        if (ask.from < known.from) known.from = ask.from;
        if (ask.to > known.to) known.to = ask.to;
      }
    }
    const scopes = [...widest.keys()];
    const rows = await dailyTotalsOfQueries(db, workspaceId(), [...widest.values()]);
    const series = new Map(scopes.map((scope, i) => [scope, rows[i]!.map((r): SeriesPoint => ({ at: r.at, value: r.value }))]));
    return asks.map((ask) => {
      const points = series.get(ask.scope)!;
      // `to` and a NUL: the first day after it.
      return points.slice(firstFrom(points, ask.from), firstFrom(points, `${ask.to}\u0000`));
    });
  }, { cacheKeyFn: (ask) => `${ask.scope}|${ask.from}|${ask.to}` });

  return async (query) => {
    if (readsNothing(query)) return {};
    const accountIds = [...new Set(query.accountIds)].sort();
    const metrics = [...new Set(query.metrics)];
    const slices = await Promise.all(metrics.map((metric) => loader.load({ scope: `${accountIds.join(',')}|${metric}`, accountIds, metric, from: query.from, to: query.to })));
    // As rawDailyOfTotals: a metric without points is absent.
    const raw: RawDaily = {};
    metrics.forEach((metric, i) => {
      if (slices[i]!.length > 0) raw[metric] = slices[i]!;
    });
    return raw;
  };
}
