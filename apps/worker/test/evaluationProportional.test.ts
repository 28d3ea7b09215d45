import { insertKeyResults, insertObjective, upsertMetricPoints, upsertSocialAccount, type Db } from '@goalpost/db';
import { addDays } from '@goalpost/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluatePlan } from '../src/processors/evaluatePlan.ts';
import { seedPlan } from './support/planFixture.ts';
import { countingStatements } from './support/statementCounter.ts';
import { createWorkerTestContext, type WorkerTestContext } from './support/workerTestContext.ts';

const days = Array.from({ length: 46 }, (_, i) => addDays('2026-01-01', i)); // through 2026-02-15

/** A plan of `size` objectives, each with one key result on an account of its own, all evaluated once (off track). */
async function seedWidePlan(db: Db, size: number) {
  const dates = { startsOn: '2026-01-01', deadline: '2026-04-01' };
  const first = await seedPlan(db, {
    account: { platform: 'INSTAGRAM', handle: `@wide-${size}-0`, source: 'PUSH' },
    plan: { startsOn: dates.startsOn, endsOn: dates.deadline },
    objective: { ...dates, title: 'Objective 0' },
    keyResults: [{ metric: 'followers', baseline: 1000, target: 2000 }],
  });
  const workspaceId = first.workspace.id;
  const accounts = [first.account.id];
  for (let i = 1; i < size; i++) {
    const account = await upsertSocialAccount(db, workspaceId, { platform: 'INSTAGRAM', handle: `@wide-${size}-${i}`, source: 'PUSH', credentials: undefined });
    const objective = await insertObjective(db, workspaceId, {
      planId: first.plan.id, goalId: first.goal.id, title: `Objective ${i}`, category: 'AUDIENCE_GROWTH', framework: 'SMART', ...dates,
    });
    await insertKeyResults(db, workspaceId, objective.id, [{
      metric: 'followers', accountId: account.id, platform: null, direction: 'INCREASE', baseline: 1000, target: 2000, targetChangePercent: null, weight: 1,
    }]);
    accounts.push(account.id);
  }
  // 10 % of the way after half the time: every objective off track.
  for (const accountId of accounts) await upsertMetricPoints(db, workspaceId, accountId, days.map((at) => ({ metric: 'followers', at, value: 1100 })), 'PUSH');
  return { workspaceId, planId: first.plan.id, objectiveOfFirst: first.objective.id, accounts };
}

/** Each objective's and key result's row version: a row that was not written keeps its xmin. */
async function rowVersions(db: Db, planId: string) {
  const { rows } = await sql<{ id: string; objective: string; key_result: string; updated_at: Date }>`
    SELECT o.id, o.xmin::text AS objective, kr.xmin::text AS key_result, o.updated_at
    FROM objectives o JOIN key_results kr ON kr.objective_id = o.id
    WHERE o.plan_id = ${planId} ORDER BY o.id`.execute(db);
  return rows;
}

describe('evaluation after a webhook for one account', () => {
  let t: WorkerTestContext;
  beforeAll(async () => {
    t = await createWorkerTestContext('proportional', { now: new Date('2026-02-15T12:00:00Z') });
  });
  afterAll(async () => t?.close());

  /** Evaluates the whole plan, then once more after new points on the first account, counting that run's statements. */
  async function statementsAfterOnePoint(size: number) {
    const plan = await seedWidePlan(t.db, size);
    const payload = { workspaceId: plan.workspaceId, planId: plan.planId, reason: 'points' as const };
    expect(await evaluatePlan(payload, t.deps)).toMatchObject({ keyResults: size, unchanged: 0, alertsRaised: size });
    const before = await rowVersions(t.db, plan.planId);
    // The first account jumps to the target: its key result is achieved, its objective moves, its alert resolves.
    await upsertMetricPoints(t.db, plan.workspaceId, plan.accounts[0]!, [{ metric: 'followers', at: '2026-02-15', value: 2000 }], 'PUSH');
    const counting = countingStatements(t.db);
    const result = await evaluatePlan(payload, { ...t.deps, db: counting.db });
    expect(result).toMatchObject({ keyResults: size, unchanged: size - 1, alertsResolved: 1 });
    const after = await rowVersions(t.db, plan.planId);
    const moved = after.filter((row) => {
      const was = before.find((b) => b.id === row.id)!;
      return was.objective !== row.objective || was.key_result !== row.key_result || was.updated_at.getTime() !== row.updated_at.getTime();
    });
    return { statements: counting.statements, moved: moved.map((m) => m.id), objectiveOfFirst: plan.objectiveOfFirst };
  }

  it('runs the same statements at 10 and 50 objectives, and writes only the objective that reads the account', async () => {
    const small = await statementsAfterOnePoint(10);
    const large = await statementsAfterOnePoint(50);
    expect(large.statements).toEqual(small.statements);
    // Plan, objectives, key results, accounts; the changed key result's reads (two for a level); one
    // write; after it, the plan's channels taking STATUS_CHANGED and the outbox marked fanned out.
    expect(small.statements.length).toBeLessThanOrEqual(9);
    expect(small.moved).toEqual([small.objectiveOfFirst]);
    expect(large.moved).toEqual([large.objectiveOfFirst]);
  });

  it('writes nothing at all when no key result moved', async () => {
    const plan = await seedWidePlan(t.db, 10);
    const payload = { workspaceId: plan.workspaceId, planId: plan.planId, reason: 'points' as const };
    await evaluatePlan(payload, t.deps);
    const before = await rowVersions(t.db, plan.planId);
    const counting = countingStatements(t.db);
    expect(await evaluatePlan(payload, { ...t.deps, db: counting.db })).toMatchObject({ keyResults: 10, unchanged: 10 });
    expect(counting.statements).toEqual(['SelectQueryNode', 'SelectQueryNode', 'SelectQueryNode', 'SelectQueryNode']);
    expect(await rowVersions(t.db, plan.planId)).toEqual(before);
  });
});
