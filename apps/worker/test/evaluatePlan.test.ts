import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testRedisUrl, uniquePrefix } from '@goalpost/devstack/testing';
import {
  createDb, insertWorkspace, upsertSocialAccount, insertPlan, insertBusinessGoal, insertObjective, insertKeyResults,
  upsertMetricPoints, listEvaluationHistory, type Db,
} from '@goalpost/db';
import { createGoalpostQueues } from '@goalpost/jobs';
import { Redis } from 'ioredis';
import pino from 'pino';
import { sql } from 'kysely';
import { evaluatePlan } from '../src/processors/evaluatePlan.ts';
import { demoDay } from '../src/sources/demoSource.ts';
import type { WorkerDeps } from '../src/workerDeps.ts';

describe('evaluatePlan', () => {
  let database: { url: string; drop(): Promise<void> };
  let deps: WorkerDeps;
  let db: Db;
  let clock = new Date('2026-02-15T12:00:00Z');
  const published: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb(database.url);
    deps = {
      db,
      queues: createGoalpostQueues({ connection: new Redis(testRedisUrl(), { maxRetriesPerRequest: null }), prefix: uniquePrefix('evaluate'), evaluateDebounceMs: 0 }),
      publisher: { publish: async (channel: string, message: string) => { published.push(`${channel} ${message}`); return 1; } } as WorkerDeps['publisher'],
      liveNamespace: 'test',
      sources: {},
      fetchChunkDays: 30,
      backfillDays: 365,
      now: () => clock,
      log: pino({ level: 'silent' }),
    };
  });
  afterAll(async () => {
    await deps?.queues.close();
    await db?.destroy();
    await database?.drop();
  });

  it('stores history and statuses, raises an alert once, resolves it when back on track', async () => {
    const ws = await insertWorkspace(db, 'Eval');
    const account = await upsertSocialAccount(db, ws.id, { platform: 'INSTAGRAM', handle: '@eval', source: 'PUSH', credentials: undefined });
    const plan = await insertPlan(db, ws.id, { name: 'P', description: null, startsOn: '2026-01-01', endsOn: '2026-04-01' });
    const goal = await insertBusinessGoal(db, ws.id, { planId: plan.id, kind: 'REVENUE', title: 'G', description: null });
    const objective = await insertObjective(db, ws.id, { planId: plan.id, goalId: goal.id, title: 'Grow', category: 'AUDIENCE_GROWTH', framework: 'OKR', startsOn: '2026-01-01', deadline: '2026-04-01' });
    await insertKeyResults(db, ws.id, objective.id, [
      { metric: 'followers', accountId: account.id, platform: null, direction: 'INCREASE', baseline: 1000, target: 2000, targetChangePercent: null, weight: 1 },
      { metric: 'engagement_rate_by_reach', accountId: null, platform: 'INSTAGRAM', direction: 'INCREASE', baseline: null, target: 50, targetChangePercent: null, weight: 1 },
    ]);
    const days = Array.from({ length: 46 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));
    await upsertMetricPoints(db, ws.id, account.id, days.flatMap((d) => demoDay('INSTAGRAM', '@eval', d)).filter((p) => p.metric !== 'followers'), 'PUSH');
    await upsertMetricPoints(db, ws.id, account.id, days.map((at) => ({ metric: 'followers', at, value: 1100 })), 'PUSH');

    const first = await evaluatePlan({ workspaceId: ws.id, planId: plan.id, reason: 'manual' }, deps);
    const again = await evaluatePlan({ workspaceId: ws.id, planId: plan.id, reason: 'manual' }, deps);
    expect(first.evaluated).toBe(2);
    expect(again.alerts).toBe(0);
    const krs = await sql<{ metric: string; status: string; progress: number; effective_baseline: number | null }>`select metric, status, progress, effective_baseline from key_results order by position`.execute(db);
    expect(krs.rows[0]).toMatchObject({ metric: 'followers', status: 'OFF_TRACK' });
    expect(krs.rows[0]!.progress).toBeCloseTo(0.1);
    // The engagement rate had no baseline: it was taken from its history at the start.
    expect(krs.rows[1]!.effective_baseline).toBeGreaterThan(0);
    const alerts = await sql<{ kind: string; state: string }>`select a.kind, a.state from alerts a join key_results k on k.id = a.key_result_id where a.kind = 'OFF_TRACK' and k.metric = 'followers'`.execute(db);
    expect(alerts.rows).toEqual([{ kind: 'OFF_TRACK', state: 'OPEN' }]);
    expect(published.some((p) => p.includes('keyResultEvaluated'))).toBe(true);

    // The audience catches up: the alert resolves itself, history keeps one row per day.
    clock = new Date('2026-02-16T12:00:00Z');
    await upsertMetricPoints(db, ws.id, account.id, [{ metric: 'followers', at: '2026-02-16', value: 1600 }], 'PUSH');
    await evaluatePlan({ workspaceId: ws.id, planId: plan.id, reason: 'points' }, deps);
    const resolved = await sql<{ state: string }>`select a.state from alerts a join key_results k on k.id = a.key_result_id where a.kind = 'OFF_TRACK' and k.metric = 'followers'`.execute(db);
    expect(resolved.rows).toEqual([{ state: 'RESOLVED' }]);
    const [followers] = (await sql<{ id: string }>`select id from key_results where metric = 'followers'`.execute(db)).rows;
    const history = await listEvaluationHistory(db, ws.id, followers!.id, 10);
    expect(history.map((h) => [h.evaluated_on, h.status])).toEqual([['2026-02-16', 'ON_TRACK'], ['2026-02-15', 'OFF_TRACK']]);
  });
});
