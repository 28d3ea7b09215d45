import { dailyTotals, type DailyTotal, type Db } from '@goalpost/db';
import type { SeriesPoint } from '@goalpost/domain';

export type RawDaily = Record<string, SeriesPoint[]>;

export interface RawDailyQuery {
  accountIds: readonly string[];
  metrics: readonly string[];
  from: string;
  to: string;
}

/** Nothing to read: no account, no metric, or an empty range. */
export const readsNothing = (query: RawDailyQuery) => query.accountIds.length === 0 || query.metrics.length === 0 || query.from > query.to;

/** Daily totals by metric, as the rules take them. */
export function rawDailyOfTotals(rows: readonly DailyTotal[]): RawDaily {
  const raw: RawDaily = {};
  for (const row of rows) (raw[row.metric] ??= []).push({ at: row.at, value: row.value });
  return raw;
}

/** The daily totals of these metrics over these accounts and days, by metric, as the rules take them. */
export async function rawDailyOf(db: Db, workspaceId: string, query: RawDailyQuery): Promise<RawDaily> {
  if (readsNothing(query)) return {};
  return rawDailyOfTotals(await dailyTotals(db, workspaceId, { accountIds: [...query.accountIds], metrics: [...query.metrics], from: query.from, to: query.to }));
}
