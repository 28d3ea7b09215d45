import { insertBusinessGoal, insertKeyResults, insertObjective, insertPlan, type Db } from '@goalpost/db';
import { createGoalpostQueues } from '@goalpost/jobs';
import { Redis } from 'ioredis';

/**
 * A plan written straight to PostgreSQL (no evaluation is queued): one objective per entry, each with one
 * `followers` key result (1,000 → 2,000) on the entry's account. Seeding thousands of objectives through
 * the API would take longer than the benchmark.
 */
export async function seedFollowersPlan(
  db: Db,
  workspaceId: string,
  plan: { name: string; startsOn: string; deadline: string; objectives: readonly { title: string; accountId: string }[] },
) {
  const dates = { startsOn: plan.startsOn, deadline: plan.deadline };
  const row = await insertPlan(db, workspaceId, { name: plan.name, description: null, startsOn: plan.startsOn, endsOn: plan.deadline });
  const goal = await insertBusinessGoal(db, workspaceId, { planId: row.id, kind: 'CUSTOMER_BASE', title: 'More customers', description: null });
  for (const { title, accountId } of plan.objectives) {
    const objective = await insertObjective(db, workspaceId, { planId: row.id, goalId: goal.id, title, category: 'AUDIENCE_GROWTH', framework: 'SMART', ...dates });
    await insertKeyResults(db, workspaceId, objective.id, [{
      metric: 'followers', accountId, platform: null, direction: 'INCREASE', baseline: 1000, target: 2000, targetChangePercent: null, weight: 1,
    }]);
  }
  return row;
}

/** The producer side of the stack's queues (default QUEUE_PREFIX), to queue work and to wait until none is left. */
export function stackQueues(redisUrl: string) {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queues = createGoalpostQueues({ connection, prefix: 'goalpost', evaluateDebounceMs: 0 });
  return {
    queues,
    /** Resolves once no fetch, evaluation or delivery is waiting, delayed or running. */
    async idle(timeoutMs = 600_000) {
      const deadline = Date.now() + timeoutMs;
      let lastSaid = Date.now();
      const all = [queues.metricsFetch, queues.objectiveEvaluate, queues.alertDeliver, queues.notificationDeliver];
      for (;;) {
        const counts = await Promise.all(all.map((q) => q.getJobCounts('active', 'waiting', 'delayed', 'prioritized')));
        if (counts.every((c) => Object.values(c).every((n) => n === 0))) return;
        if (Date.now() > deadline) throw new Error(`The queues are still busy: ${JSON.stringify(counts)}`);
        if (Date.now() - lastSaid > 10_000) {
          lastSaid = Date.now();
          console.error(`waiting for the queues: ${all.map((q, i) => `${q.name} ${JSON.stringify(counts[i])}`).join(', ')}`);
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    async close() {
      await queues.close();
      await connection.quit();
    },
  };
}
