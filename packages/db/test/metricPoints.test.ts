import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@goalpost/devstack/testing';
import { sql } from 'kysely';
import { createDb, dailyTotals, dailyTotalsInRanges, insertWorkspace, metricDataDays, metricTotal, upsertMetricPoints, upsertSocialAccount, findSocialAccounts, type Db } from '../src/index.ts';

let database: { url: string; drop(): Promise<void> };
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = createDb(database.url);
});
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

describe('metric points', () => {
  it('writes a large batch in one statement and a replay adds nothing', async () => {
    const ws = await insertWorkspace(db, 'Bulk');
    const account = await upsertSocialAccount(db, ws.id, { platform: 'X', handle: '@bulk', source: 'PUSH', credentials: undefined });
    // 40,000 points: more than a multi-row VALUES could bind (65,535 parameters at 7 per row).
    const points = Array.from({ length: 40_000 }, (_, i) => ({
      metric: i % 2 ? 'impressions' : 'reach',
      at: new Date(Date.UTC(2000, 0, 1 + Math.floor(i / 2))).toISOString().slice(0, 10),
      value: i,
    }));
    expect(await upsertMetricPoints(db, ws.id, account.id, points, 'PUSH')).toBe(40_000);
    expect(await upsertMetricPoints(db, ws.id, account.id, points, 'PUSH')).toBe(0);
    const changed = [{ ...points[0]!, value: -1 }];
    expect(await upsertMetricPoints(db, ws.id, account.id, changed, 'PUSH')).toBe(1);
    const rows = await sql<{ n: string }>`select count(*) as n from metric_points`.execute(db);
    expect(Number(rows.rows[0]!.n)).toBe(40_000);
  });

  it('refuses non-finite values at the database too', async () => {
    const ws = await insertWorkspace(db, 'Finite');
    const account = await upsertSocialAccount(db, ws.id, { platform: 'X', handle: '@inf', source: 'PUSH', credentials: undefined });
    await expect(upsertMetricPoints(db, ws.id, account.id, [{ metric: 'reach', at: '2026-01-01', value: Infinity }], 'PUSH')).rejects.toThrow();
  });

  it('scopes reads by workspace', async () => {
    const a = await insertWorkspace(db, 'A');
    const b = await insertWorkspace(db, 'B');
    const account = await upsertSocialAccount(db, a.id, { platform: 'X', handle: '@a', source: 'PUSH', credentials: undefined });
    await upsertMetricPoints(db, a.id, account.id, [{ metric: 'reach', at: '2026-01-01', value: 5 }], 'PUSH');
    expect(await findSocialAccounts(db, b.id, [account.id])).toEqual([]);
    expect(await dailyTotals(db, b.id, { accountIds: [account.id], metrics: ['reach'], from: '2026-01-01', to: '2026-01-31' })).toEqual([]);
    expect(await dailyTotals(db, a.id, { accountIds: [account.id], metrics: ['reach'], from: '2026-01-01', to: '2026-01-31' })).toEqual([{ metric: 'reach', at: '2026-01-01', value: 5 }]);
  });

  it('reads windowed aggregates: data days, daily sums inside ranges, and one total in SQL', async () => {
    const ws = await insertWorkspace(db, 'Windows');
    const north = await upsertSocialAccount(db, ws.id, { platform: 'X', handle: '@north', source: 'PUSH', credentials: undefined });
    const south = await upsertSocialAccount(db, ws.id, { platform: 'X', handle: '@south', source: 'PUSH', credentials: undefined });
    const days = Array.from({ length: 10 }, (_, i) => `2026-03-${String(i + 1).padStart(2, '0')}`);
    await upsertMetricPoints(db, ws.id, north.id, days.map((at, i) => ({ metric: 'link_clicks', at, value: i + 1 })), 'PUSH');
    await upsertMetricPoints(db, ws.id, south.id, days.slice(2, 6).map((at) => ({ metric: 'link_clicks', at, value: 100 })), 'PUSH');
    const accountIds = [north.id, south.id];

    expect(await metricDataDays(db, ws.id, { accountIds, metrics: ['link_clicks'], from: '2026-03-02', to: '2026-03-08' })).toEqual({ first: '2026-03-02', last: '2026-03-08' });
    expect(await metricDataDays(db, ws.id, { accountIds, metrics: ['reach'], from: '2026-03-01', to: '2026-03-31' })).toBeNull();
    const ranges = [{ from: '2026-03-01', to: '2026-03-02' }, { from: '2026-03-09', to: '2026-03-10' }];
    expect(await dailyTotalsInRanges(db, ws.id, { accountIds, metrics: ['link_clicks'], ranges })).toEqual([
      { metric: 'link_clicks', at: '2026-03-01', value: 1 }, { metric: 'link_clicks', at: '2026-03-02', value: 2 },
      { metric: 'link_clicks', at: '2026-03-09', value: 9 }, { metric: 'link_clicks', at: '2026-03-10', value: 10 },
    ]);
    // Days 3–8: north 3+4+5+6+7+8 = 33, south 4 × 100.
    expect(await metricTotal(db, ws.id, { accountIds, metric: 'link_clicks', from: '2026-03-03', to: '2026-03-08' })).toEqual({ total: 433, lastDay: '2026-03-08' });
    expect(await metricTotal(db, ws.id, { accountIds, metric: 'link_clicks', from: '2026-04-01', to: '2026-04-30' })).toBeNull();
  });
});
