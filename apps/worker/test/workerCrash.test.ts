import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testRedisUrl, uniquePrefix } from '@goalpost/devstack/testing';
import { createDb, insertWorkspace, upsertSocialAccount, insertPlan, insertBusinessGoal, insertObjective, insertKeyResults, type Db } from '@goalpost/db';
import { createGoalpostQueues, type GoalpostQueues } from '@goalpost/jobs';
import { addDays, dayOf } from '@goalpost/domain';
import { sql } from 'kysely';
import { demoMetricCount } from '../src/sources/demoSource.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('a worker killed with SIGKILL in the middle of a batch', () => {
  let database: { url: string; drop(): Promise<void> };
  let db: Db;
  let queues: GoalpostQueues;
  const children: ChildProcess[] = [];
  const prefix = uniquePrefix('crash');
  const env = () => ({
    ...process.env,
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl(),
    QUEUE_PREFIX: prefix,
    LIVE_NAMESPACE: prefix,
    DEMO_LATENCY_MS: '150',
    FETCH_CHUNK_DAYS: '10',
    LOCK_DURATION_MS: '2000',
    STALLED_INTERVAL_MS: '1000',
    EVALUATE_DEBOUNCE_MS: '0',
    REFRESH_EVERY_MS: '86400000',
    SWEEP_EVERY_MS: '86400000',
    // The refresh sweep runs at start too; its backfill window is the test's window.
    BACKFILL_DAYS: '364',
    LOG_LEVEL: 'warn',
  });
  const startWorker = () => {
    // `node --import tsx`, not the tsx binary: SIGKILL must hit the worker itself, not a wrapper that would orphan it.
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/worker/src/main.ts'], { cwd: root, env: env(), stdio: 'ignore' });
    children.push(child);
    return child;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb(database.url);
    queues = createGoalpostQueues({ connection: { url: testRedisUrl() }, prefix, evaluateDebounceMs: 0 });
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await queues?.close();
    await db?.destroy();
    await database?.drop();
  });

  it('stores every point exactly once, resumes from the cursor, and raises no alert twice', async () => {
    const today = dayOf(new Date());
    const workspace = await insertWorkspace(db, 'Crash');
    const account = await upsertSocialAccount(db, workspace.id, { platform: 'INSTAGRAM', handle: '@crash', source: 'DEMO', credentials: undefined });
    const plan = await insertPlan(db, workspace.id, { name: 'Crash plan', description: null, startsOn: addDays(today, -60), endsOn: addDays(today, 30) });
    const goal = await insertBusinessGoal(db, workspace.id, { planId: plan.id, kind: 'BRAND_VISIBILITY', title: 'Be seen', description: null });
    const objective = await insertObjective(db, workspace.id, { planId: plan.id, goalId: goal.id, title: 'Tenfold', category: 'AUDIENCE_GROWTH', framework: 'SMART', startsOn: addDays(today, -60), deadline: addDays(today, 30) });
    // An impossible target: the evaluation after the backfill raises OFF_TRACK.
    await insertKeyResults(db, workspace.id, objective.id, [{ metric: 'followers', accountId: account.id, platform: null, direction: 'INCREASE', baseline: null, target: 1_000_000, targetChangePercent: null, weight: 1 }]);

    const from = addDays(today, -364);
    const job = await queues.enqueueFetch({ workspaceId: workspace.id, accountId: account.id, from, to: today, reason: 'connect' });
    const first = startWorker();
    // Wait until some chunks are stored, then kill the worker without warning.
    const deadline = Date.now() + 60_000;
    let cursorAtKill: string | undefined;
    while (Date.now() < deadline) {
      const current = await queues.metricsFetch.getJob(job.id!);
      if (current?.data.cursor && current.data.cursor >= addDays(from, 40)) {
        cursorAtKill = current.data.cursor;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(cursorAtKill).toBeDefined();
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const storedAtKill = await count(db, 'metric_points');
    expect(storedAtKill).toBeLessThan(365 * demoMetricCount);

    // A new worker takes the stalled job over and finishes it from its cursor.
    startWorker();
    // Sample the cursor while the new worker runs: a restart from the beginning would move it back below the kill point.
    const cursorsAfterKill: string[] = [];
    await poll(async () => {
      const current = await queues.metricsFetch.getJob(job.id!);
      if (current?.data.cursor) cursorsAfterKill.push(current.data.cursor);
      const counts = await queues.metricsFetch.getJobCounts('completed', 'active', 'waiting', 'delayed');
      return (counts.completed ?? 0) >= 1 && (counts.active ?? 0) + (counts.waiting ?? 0) + (counts.delayed ?? 0) === 0;
    }, 'the fetch job to complete');
    expect(cursorsAfterKill.every((c) => c >= cursorAtKill!)).toBe(true);
    expect(await count(db, 'metric_points')).toBe(365 * demoMetricCount);
    await poll(async () => (await count(db, 'alerts')) >= 1, 'the OFF_TRACK alert');

    // Every point exactly once, and replaying the whole window writes nothing new.
    const duplicates = await sql<{ n: string }>`select count(*) as n from (select 1 from metric_points group by account_id, metric, granularity, bucket_start having count(*) > 1) d`.execute(db);
    expect(Number(duplicates.rows[0]!.n)).toBe(0);
    await queues.enqueueEvaluation({ workspaceId: workspace.id, planId: plan.id, reason: 'manual' });
    await poll(async () => ((await queues.objectiveEvaluate.getJobCounts('completed')).completed ?? 0) >= 2, 'a second evaluation');
    const alerts = await sql<{ kind: string; n: string }>`select kind, count(*) as n from alerts group by kind`.execute(db);
    expect(alerts.rows.every((r) => Number(r.n) === 1)).toBe(true);
    expect(alerts.rows.map((r) => r.kind)).toContain('OFF_TRACK');

    const finished = await queues.metricsFetch.getJob(job.id!);
    expect(finished?.data.cursor).toBe(addDays(today, 1));
  }, 120_000);
});

async function count(db: Db, table: 'metric_points' | 'alerts'): Promise<number> {
  return Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]!.n);
}

async function poll(check: () => Promise<boolean>, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
