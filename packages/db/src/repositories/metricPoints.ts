import { sql } from 'kysely';
import type { Db } from '../createDb.ts';

export interface PointValue {
  metric: string;
  /** Bucket start, `YYYY-MM-DD` (daily granularity). */
  at: string;
  value: number;
}

/**
 * Writes a batch in one statement (`INSERT … SELECT FROM unnest(…)`), keyed by
 * (account, metric, granularity, bucket): a replayed batch rewrites the same rows, never adds.
 * Returns how many rows were new or changed, so callers can skip re-evaluation when nothing moved; when
 * any did, the account's `points_version` goes up in the same statement.
 */
export async function upsertMetricPoints(
  db: Db,
  workspaceId: string,
  accountId: string,
  points: readonly PointValue[],
  source: string,
): Promise<number> {
  if (points.length === 0) return 0;
  return (await storeMetricPoints(db, { workspaceId, accountId, points, source, webhookId: null })).written;
}

/**
 * `upsertMetricPoints` for a pushed batch, in the same one statement: the webhook id (when any) is
 * claimed first, and the points are written only if the claim is new, so a redelivery writes nothing
 * (`duplicate`) and two deliveries racing each other write once.
 */
export async function storeMetricPoints(
  db: Db,
  batch: { workspaceId: string; accountId: string; points: readonly PointValue[]; source: string; webhookId: string | null },
): Promise<{ duplicate: boolean; written: number }> {
  const { workspaceId, accountId, source, webhookId } = batch;
  // The last value wins when a batch names the same bucket twice (ON CONFLICT cannot touch a row twice).
  const unique = new Map<string, PointValue>();
  for (const p of batch.points) unique.set(`${p.metric}\u0000${p.at}`, p);
  const rows = [...unique.values()];
  const result = await sql<{ claimed: number; n: number }>`
    WITH claimed AS (
      INSERT INTO processed_webhooks (workspace_id, webhook_id)
      SELECT ${workspaceId}::uuid, ${webhookId}::text WHERE ${webhookId}::text IS NOT NULL
      ON CONFLICT (workspace_id, webhook_id) DO NOTHING
      RETURNING 1
    ), written AS (
      INSERT INTO metric_points (workspace_id, account_id, metric, granularity, bucket_start, value, source)
      SELECT ${workspaceId}::uuid, ${accountId}::uuid, m, 'DAY', d, v, ${source}
      FROM unnest(${rows.map((r) => r.metric)}::text[], ${rows.map((r) => r.at)}::date[], ${rows.map((r) => r.value)}::float8[]) AS t(m, d, v)
      WHERE ${webhookId}::text IS NULL OR EXISTS (SELECT 1 FROM claimed)
      ON CONFLICT (account_id, metric, granularity, bucket_start)
      DO UPDATE SET value = excluded.value, source = excluded.source, recorded_at = now()
      WHERE metric_points.value IS DISTINCT FROM excluded.value
      RETURNING 1
    ), bumped AS (
      -- In the same statement, so no write is ever seen without its version bump.
      UPDATE social_accounts SET points_version = points_version + 1
      WHERE id = ${accountId}::uuid AND EXISTS (SELECT 1 FROM written)
    )
    SELECT (SELECT count(*) FROM claimed)::int AS claimed, (SELECT count(*) FROM written)::int AS n`.execute(db);
  const row = result.rows[0];
  return { duplicate: webhookId !== null && row?.claimed === 0, written: row?.n ?? 0 };
}

export interface DailyTotal {
  metric: string;
  at: string;
  value: number;
}

/** Daily sums over a set of accounts, for the given metrics and days (inclusive). */
export function dailyTotals(
  db: Db,
  workspaceId: string,
  query: { accountIds: readonly string[]; metrics: readonly string[]; from: string; to: string },
): Promise<DailyTotal[]> {
  return dailyTotalsInRanges(db, workspaceId, { accountIds: query.accountIds, metrics: query.metrics, ranges: [{ from: query.from, to: query.to }] });
}

export async function countMetricPoints(db: Db, workspaceId: string, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('metric_points')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The first and last days with data for these metrics over these accounts, inside `from`..`to`; null when none. */
export async function metricDataDays(
  db: Db,
  workspaceId: string,
  query: { accountIds: readonly string[]; metrics: readonly string[]; from: string; to: string },
): Promise<{ first: string; last: string } | null> {
  if (query.accountIds.length === 0 || query.metrics.length === 0) return null;
  const row = await dailyPoints(db, workspaceId, query)
    .select((eb) => [eb.fn.min<string>('bucket_start').as('first'), eb.fn.max<string>('bucket_start').as('last')])
    .executeTakeFirst();
  return row?.first && row.last ? { first: String(row.first), last: String(row.last) } : null;
}

/** Daily sums over a set of accounts for the days inside any of the ranges (inclusive). */
export async function dailyTotalsInRanges(
  db: Db,
  workspaceId: string,
  query: { accountIds: readonly string[]; metrics: readonly string[]; ranges: readonly { from: string; to: string }[] },
): Promise<DailyTotal[]> {
  if (query.accountIds.length === 0 || query.metrics.length === 0 || query.ranges.length === 0) return [];
  const rows = await db
    .selectFrom('metric_points')
    .select(['metric', 'bucket_start as at', (eb) => eb.fn.sum<number>('value').as('value')])
    .where('workspace_id', '=', workspaceId)
    .where('account_id', 'in', query.accountIds)
    .where('metric', 'in', query.metrics)
    .where('granularity', '=', 'DAY')
    .where((eb) => eb.or(query.ranges.map((r) => eb.between('bucket_start', r.from, r.to))))
    .groupBy(['metric', 'bucket_start'])
    .orderBy('bucket_start')
    .execute();
  return rows.map((r) => ({ metric: r.metric, at: r.at, value: Number(r.value) }));
}

/** One metric's total over a set of accounts and days, and the last day it counts; null without data. */
export async function metricTotal(
  db: Db,
  workspaceId: string,
  query: { accountIds: readonly string[]; metric: string; from: string; to: string },
): Promise<{ total: number; lastDay: string } | null> {
  if (query.accountIds.length === 0) return null;
  const row = await dailyPoints(db, workspaceId, { ...query, metrics: [query.metric] })
    .select((eb) => [eb.fn.sum<number>('value').as('total'), eb.fn.max<string>('bucket_start').as('lastDay')])
    .executeTakeFirst();
  return row?.lastDay ? { total: Number(row.total), lastDay: String(row.lastDay) } : null;
}

/** Daily points of these metrics over these accounts, `from`..`to` inclusive: the base of the aggregates above. */
function dailyPoints(db: Db, workspaceId: string, query: { accountIds: readonly string[]; metrics: readonly string[]; from: string; to: string }) {
  return db
    .selectFrom('metric_points')
    .where('workspace_id', '=', workspaceId)
    .where('account_id', 'in', query.accountIds)
    .where('metric', 'in', query.metrics)
    .where('granularity', '=', 'DAY')
    .where('bucket_start', '>=', query.from)
    .where('bucket_start', '<=', query.to);
}

export interface DailyTotalsQuery {
  accountIds: readonly string[];
  metrics: readonly string[];
  from: string;
  to: string;
}

/**
 * `dailyTotals` for many queries in one statement (a dashboard's key results at once): answer i holds
 * the daily sums of query i, as `dailyTotals` would give them alone. Queries over the same accounts and
 * metric (a plan's key results share their scopes) are read once, over the days any of them asks for.
 */
export async function dailyTotalsOfQueries(db: Db, workspaceId: string, queries: readonly DailyTotalsQuery[]): Promise<DailyTotal[][]> {
  // One series per (accounts, metric): its sums do not depend on which query asked.
  const series = new Map<string, { accountIds: string[]; metric: string; from: string; to: string; days: DailyTotal[] }>();
  const seriesOf = (accountIds: readonly string[], metric: string) => series.get(`${[...new Set(accountIds)].sort().join(',')}|${metric}`);
  for (const q of queries) {
    if (q.from > q.to || q.accountIds.length === 0) continue;
    const accountIds = [...new Set(q.accountIds)].sort();
    for (const metric of new Set(q.metrics)) {
      const key = `${accountIds.join(',')}|${metric}`;
      const known = series.get(key);
      if (!known) series.set(key, { accountIds, metric, from: q.from, to: q.to, days: [] });
      else {
        if (q.from < known.from) known.from = q.from;
        if (q.to > known.to) known.to = q.to;
      }
    }
  }
  if (series.size === 0) return queries.map(() => []);
  const read = [...series.values()];
  const index: number[] = [];
  const accounts: string[] = [];
  const metrics: string[] = [];
  const froms: string[] = [];
  const tos: string[] = [];
  read.forEach((s, i) => {
    for (const accountId of s.accountIds) {
      index.push(i);
      accounts.push(accountId);
      metrics.push(s.metric);
      froms.push(s.from);
      tos.push(s.to);
    }
  });
  const result = await sql<{ i: number; at: string; value: number }>`
    SELECT q.i, p.bucket_start AS at, sum(p.value) AS value
    FROM unnest(${index}::int[], ${accounts}::uuid[], ${metrics}::text[], ${froms}::date[], ${tos}::date[]) AS q(i, account_id, metric, day_from, day_to)
    JOIN metric_points p
      ON p.account_id = q.account_id AND p.metric = q.metric AND p.granularity = 'DAY' AND p.bucket_start BETWEEN q.day_from AND q.day_to
    WHERE p.workspace_id = ${workspaceId}::uuid
    GROUP BY q.i, p.bucket_start
    ORDER BY q.i, p.bucket_start`.execute(db);
  for (const row of result.rows) {
    const s = read[row.i]!;
    s.days.push({ metric: s.metric, at: row.at, value: Number(row.value) });
  }
  return queries.map((q) => {
    if (q.from > q.to || q.accountIds.length === 0) return [];
    const days = [...new Set(q.metrics)].flatMap((metric) => seriesOf(q.accountIds, metric)!.days.filter((d) => d.at >= q.from && d.at <= q.to));
    // By day, as dailyTotals orders them.
    return days.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  });
}

/** For each (accounts, metric), whether any of the accounts has a daily point of the metric: `metricDataDays` over all time, many at once. */
export async function metricsHaveData(db: Db, workspaceId: string, queries: readonly { accountIds: readonly string[]; metric: string }[]): Promise<boolean[]> {
  const index: number[] = [];
  const accounts: string[] = [];
  const metrics: string[] = [];
  queries.forEach((q, i) => {
    for (const accountId of new Set(q.accountIds)) {
      index.push(i);
      accounts.push(accountId);
      metrics.push(q.metric);
    }
  });
  if (index.length === 0) return queries.map(() => false);
  const result = await sql<{ i: number }>`
    SELECT DISTINCT q.i
    FROM unnest(${index}::int[], ${accounts}::uuid[], ${metrics}::text[]) AS q(i, account_id, metric)
    WHERE EXISTS (
      SELECT 1 FROM metric_points p
      WHERE p.workspace_id = ${workspaceId}::uuid AND p.account_id = q.account_id AND p.metric = q.metric AND p.granularity = 'DAY'
    )`.execute(db);
  const found = new Set(result.rows.map((r) => Number(r.i)));
  return queries.map((_q, i) => found.has(i));
}
