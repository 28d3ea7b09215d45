// Benchmark (issue 15): building a plan's weekly digest from PostgreSQL — the read (nine statements,
// whatever the plan's size) and the domain's weeklyDigest — for a large plan: 30 objectives × 5 key
// results, a year of daily evaluations each (54,750 rows), 300 check-ins, 12 accounts and a year of spend.
// `npm run bench -- weeklyDigest [runs=30]`. Starts and stops its own PostgreSQL; writes nothing else.
import { createDb, insertBusinessGoal, insertKeyResults, insertObjective, insertPlan, insertWorkspace, migrateToLatest, readPlanDigest, upsertSocialAccount } from '@goalpost/db';
import { addDays } from '@goalpost/domain';
import { startLocalPostgres } from '@goalpost/devstack';
import { machine, median } from './support/benchStack.ts';

const runs = Number(process.argv[2] ?? 30);
const postgres = await startLocalPostgres({ persistent: false });
const db = createDb(postgres.url);
try {
  await migrateToLatest(db);
  const ws = (await insertWorkspace(db, 'Bench')).id;
  const accounts: Awaited<ReturnType<typeof upsertSocialAccount>>[] = [];
  for (let i = 0; i < 12; i++) accounts.push(await upsertSocialAccount(db, ws, { platform: i % 2 ? 'INSTAGRAM' : 'FACEBOOK', handle: `@bench.${i}`, source: 'PUSH', credentials: undefined }));
  const plan = await insertPlan(db, ws, { name: 'Bench plan', description: null, startsOn: '2026-01-01', endsOn: '2026-12-31' });
  const goal = await insertBusinessGoal(db, ws, { planId: plan.id, kind: 'CUSTOMER_BASE', title: 'More customers', description: null });
  const keyResultIds: string[] = [];
  for (let o = 0; o < 30; o++) {
    const objective = await insertObjective(db, ws, { planId: plan.id, goalId: goal.id, title: `Objective ${o}`, category: 'AUDIENCE_GROWTH', framework: 'SMART', startsOn: '2026-01-01', deadline: '2026-12-31' });
    await db.updateTable('objectives').set({ budget_amount: 1000, budget_currency: 'EUR' }).where('id', '=', objective.id).execute();
    const krs = await insertKeyResults(db, ws, objective.id, Array.from({ length: 5 }, (_, k) => ({
      metric: 'followers', accountId: accounts[(o + k) % accounts.length]!.id, platform: null, direction: 'INCREASE', baseline: 100, target: 200, targetChangePercent: null, weight: 1,
    })));
    keyResultIds.push(...krs.map((k) => k.id));
  }
  const statuses = ['ON_TRACK', 'AT_RISK', 'OFF_TRACK'];
  for (const [index, id] of keyResultIds.entries()) {
    const rows = Array.from({ length: 365 }, (_, d) => ({
      workspace_id: ws, key_result_id: id, evaluated_on: addDays('2026-01-01', d), evaluated_at: new Date(`${addDays('2026-01-01', d)}T06:00:00Z`),
      status: statuses[Math.floor((d + index) / 11) % 3]!, current: 100 + d, progress: d / 365, expected_progress: d / 365, forecast: null,
    }));
    await db.insertInto('key_result_evaluations').values(rows).execute();
    await db.updateTable('key_results').set({ status: rows.at(-1)!.status, current: 465 }).where('id', '=', id).execute();
  }
  await db.insertInto('check_ins').values(Array.from({ length: 300 }, (_, i) => ({
    workspace_id: ws, key_result_id: keyResultIds[i % keyResultIds.length]!, confidence: 1 + (i % 10), note: `Note ${i}`, created_at: new Date(Date.UTC(2026, 11, 1 + (i % 7), 10)),
  }))).execute();
  await db.insertInto('metric_points').values(Array.from({ length: 365 }, (_, d) => ({
    workspace_id: ws, account_id: accounts[0]!.id, metric: 'spend', bucket_start: addDays('2026-01-01', d), value: 20, source: 'PUSH', recorded_at: new Date(),
  }))).execute();

  const now = new Date('2026-12-07T10:00:00Z');
  const timings: number[] = [];
  let digest;
  for (let i = 0; i < runs + 3; i++) {
    const started = performance.now();
    digest = await readPlanDigest(db, ws, plan.id, '2026-12-07', now);
    if (i >= 3) timings.push(performance.now() - started);
  }
  console.log(`Machine: ${machine()}. ${new Date().toISOString().slice(0, 10)}.`);
  console.log(`Plan of 30 objectives × 5 key results, 54,750 evaluation rows, 300 check-ins: readPlanDigest (read + weeklyDigest), ${runs} runs after 3 warm-ups:`);
  console.log(`median ${median(timings).toFixed(1)} ms, worst ${Math.max(...timings).toFixed(1)} ms; ${digest!.statusChanges.length} status changes, ${digest!.needsAttention.length} needing attention, ${digest!.checkIns.length} check-ins.`);
} finally {
  await db.destroy();
  await postgres.stop();
}
