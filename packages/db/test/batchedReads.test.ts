import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@goalpost/devstack/testing';
import { createDb, dailyTotals, dailyTotalsOfQueries, insertWorkspace, metricDataDays, metricsHaveData, upsertMetricPoints, upsertSocialAccount, type Db } from '../src/index.ts';

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

const day = (offset: number) => new Date(Date.UTC(2026, 0, 1 + offset)).toISOString().slice(0, 10);

describe('batched reads of daily totals', () => {
  it('answer each query as dailyTotals does alone, in the caller\'s workspace only', async () => {
    const ws = await insertWorkspace(db, 'Batched');
    const other = await insertWorkspace(db, 'Other');
    const accounts = [];
    for (const handle of ['@a', '@b', '@c']) accounts.push((await upsertSocialAccount(db, ws.id, { platform: 'INSTAGRAM', handle, source: 'PUSH', credentials: undefined })).id);
    const foreign = (await upsertSocialAccount(db, other.id, { platform: 'INSTAGRAM', handle: '@x', source: 'PUSH', credentials: undefined })).id;
    for (const [a, id] of [...accounts, foreign].entries()) {
      const points = Array.from({ length: 60 }, (_, i) => [
        { metric: 'reach', at: day(i), value: 100 + i * (a + 1) },
        { metric: 'engagements', at: day(i), value: (i * 7 + a) % 13 },
      ]).flat().filter((p) => a !== 1 || p.at !== day(10));
      await upsertMetricPoints(db, a === 3 ? other.id : ws.id, id, points, 'PUSH');
    }
    const [a, b, c] = accounts as [string, string, string];
    const queries = [
      { accountIds: [a], metrics: ['reach'], from: day(0), to: day(20) },
      { accountIds: [a, b, c], metrics: ['reach', 'engagements'], from: day(5), to: day(40) },
      { accountIds: [c, b, a], metrics: ['reach'], from: day(30), to: day(70) },
      { accountIds: [a, a], metrics: ['engagements', 'engagements'], from: day(-10), to: day(3) },
      { accountIds: [b], metrics: ['reach'], from: day(9), to: day(11) },
      { accountIds: [], metrics: ['reach'], from: day(0), to: day(10) },
      { accountIds: [a], metrics: [], from: day(0), to: day(10) },
      { accountIds: [a], metrics: ['reach'], from: day(10), to: day(5) },
      // Another workspace's account reads nothing, alone or beside one of this workspace.
      { accountIds: [foreign], metrics: ['reach'], from: day(0), to: day(59) },
      { accountIds: [a, foreign], metrics: ['reach'], from: day(0), to: day(59) },
    ];
    const batched = await dailyTotalsOfQueries(db, ws.id, queries);
    const alone = await Promise.all(queries.map((q) => dailyTotals(db, ws.id, q)));
    const byDayAndMetric = (rows: { metric: string; at: string }[]) => [...rows].sort((x, y) => x.at.localeCompare(y.at) || x.metric.localeCompare(y.metric));
    expect(batched.map(byDayAndMetric)).toEqual(alone.map(byDayAndMetric));
    expect(batched[1]!.length).toBeGreaterThan(60);
    expect(batched[8]).toEqual([]);
    expect(batched[9]).toEqual(await dailyTotals(db, ws.id, { accountIds: [a], metrics: ['reach'], from: day(0), to: day(59) }));

    const has = [
      { accountIds: [a, b], metric: 'reach' },
      { accountIds: [c], metric: 'followers' },
      { accountIds: [], metric: 'reach' },
      { accountIds: [foreign], metric: 'reach' },
    ];
    const expected = await Promise.all(has.map(async (q) => (await metricDataDays(db, ws.id, { accountIds: q.accountIds, metrics: [q.metric], from: '0001-01-01', to: '9999-12-31' })) !== null));
    expect(await metricsHaveData(db, ws.id, has)).toEqual(expected);
    expect(expected).toEqual([true, false, false, false]);
  });
});
