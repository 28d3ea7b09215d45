import { dailyTotals, type Db } from '@goalpost/db';
import type { SeriesPoint } from '@goalpost/domain';

export type RawDaily = Record<string, SeriesPoint[]>;

/** The daily totals of these metrics over these accounts and days, by metric, as the rules take them. */
export async function rawDailyOf(db: Db, workspaceId: string, query: { accountIds: readonly string[]; metrics: readonly string[]; from: string; to: string }): Promise<RawDaily> {
  const raw: RawDaily = {};
  if (query.accountIds.length === 0 || query.metrics.length === 0 || query.from > query.to) return raw;
  const rows = await dailyTotals(db, workspaceId, { accountIds: [...query.accountIds], metrics: [...query.metrics], from: query.from, to: query.to });
  for (const row of rows) (raw[row.metric] ??= []).push({ at: row.at, value: row.value });
  return raw;
}
