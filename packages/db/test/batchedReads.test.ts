import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@goalpost/devstack/testing';
import {
  createDb, dailyTotals, dailyTotalsOfQueries, insertBusinessGoal, insertKeyResults, insertObjective, insertPlan, insertWorkspace, listEvaluationHistory,
  listEvaluationHistoryOfKeyResults, metricDataDays, metricsHaveData, recordKeyResultOutcome, upsertMetricPoints, upsertSocialAccount, type Db, type PageWindow,
} from '../src/index.ts';

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

describe('batched pages of evaluation history', () => {
  it('give each key result the page listEvaluationHistory gives it, in the caller\'s workspace only', async () => {
    const ws = await insertWorkspace(db, 'History');
    const other = await insertWorkspace(db, 'Elsewhere');
    const keyResultIds: string[] = [];
    for (const workspace of [ws, other]) {
      const plan = await insertPlan(db, workspace.id, { name: 'P', description: null, startsOn: day(0), endsOn: day(90) });
      const goal = await insertBusinessGoal(db, workspace.id, { planId: plan.id, kind: 'BRAND_VISIBILITY', title: 'G', description: null });
      const objective = await insertObjective(db, workspace.id, { planId: plan.id, goalId: goal.id, title: 'O', category: 'AUDIENCE_GROWTH', framework: 'SMART', startsOn: day(0), deadline: day(90) });
      const kr = { metric: 'followers', accountId: null, platform: 'INSTAGRAM', direction: 'INCREASE', baseline: 1, target: 2, targetChangePercent: null, weight: 1 };
      const rows = await insertKeyResults(db, workspace.id, objective.id, [kr, kr, kr]);
      for (const [k, row] of rows.entries()) {
        // 12, 7 and 0 days of history: pages longer and shorter than the history, and none.
        for (let d = 0; d < [12, 7, 0][k]!; d++) {
          await recordKeyResultOutcome(db, workspace.id, row.id, {
            status: 'ON_TRACK', current: d, progress: d / 10, expectedProgress: d / 20, forecast: null, baseline: 1, target: 2,
            evaluatedAt: new Date(`${day(d)}T06:00:00Z`), evaluatedOn: day(d), inputsFingerprint: `f${d}`, definitionVersion: 1, driftSince: null,
          });
        }
      }
      keyResultIds.push(...rows.map((r) => r.id));
    }
    const mine = keyResultIds.slice(0, 3);
    const pages: PageWindow[] = [
      { limit: 5, inverted: false },
      { limit: 5, inverted: true },
      { limit: 3, after: [day(4)], inverted: false },
      { limit: 4, before: [day(9)], inverted: true },
      { limit: 100, after: [day(1)], before: [day(10)], inverted: false },
    ];
    for (const page of pages) {
      const alone = await Promise.all(mine.map((id) => listEvaluationHistory(db, ws.id, id, page)));
      expect(await listEvaluationHistoryOfKeyResults(db, ws.id, mine, page)).toEqual(alone);
    }
    expect((await listEvaluationHistoryOfKeyResults(db, ws.id, mine, pages[0]!))[0]).toHaveLength(5);
    // Another workspace's key results read nothing.
    expect(await listEvaluationHistoryOfKeyResults(db, ws.id, keyResultIds.slice(3), pages[0]!)).toEqual([[], [], []]);
  });
});
