import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@goalpost/devstack/testing';
import { sql } from 'kysely';
import { createDb, dailyTotals, insertWorkspace, upsertMetricPoints, upsertSocialAccount, findSocialAccounts, type Db } from '../src/index.ts';

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
});
