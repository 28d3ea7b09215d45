import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@goalpost/devstack/testing';
import { sql } from 'kysely';
import {
  createDb, findKeyResults, insertAlertOnce, insertBusinessGoal, insertKeyResults, insertObjective, insertPlan, insertWorkspace, listAlerts,
  recordKeyResultOutcome, type Db,
} from '../src/index.ts';
import { carryDriftEpisodes } from '../src/migrations/2026-12-01T0300_target_resolution_and_drift_episodes.ts';

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

describe('carrying drift alerts over to episode keys', () => {
  it('gives a key result adrift the first day of its episode and its open alert the episode key; nothing else changes', async () => {
    const ws = await insertWorkspace(db, 'Before the change');
    const plan = await insertPlan(db, ws.id, { name: 'Q1', description: null, startsOn: '2026-01-01', endsOn: '2026-03-31' });
    const goal = await insertBusinessGoal(db, ws.id, { planId: plan.id, kind: 'CUSTOMER_BASE', title: 'Customers', description: null });
    const objective = await insertObjective(db, ws.id, { planId: plan.id, goalId: goal.id, title: 'Audience', category: 'AUDIENCE_GROWTH', framework: 'SMART', startsOn: '2026-01-01', deadline: '2026-03-31' });
    const [adrift, fine] = await insertKeyResults(db, ws.id, objective.id, ['followers', 'reach'].map((metric) => ({
      metric, accountId: null, platform: 'INSTAGRAM', direction: 'INCREASE', baseline: 0, target: 10, targetChangePercent: null, weight: 1,
    })));
    // Evaluated under the old scheme: on track on the 9th, adrift from the 10th (AT_RISK, OFF_TRACK, AT_RISK).
    const history: [string, string][] = [['2026-02-09', 'ON_TRACK'], ['2026-02-10', 'AT_RISK'], ['2026-02-11', 'OFF_TRACK'], ['2026-02-16', 'AT_RISK']];
    for (const [day, status] of history) {
      await recordKeyResultOutcome(db, ws.id, adrift!.id, {
        status, current: 1, progress: 0.1, expectedProgress: 0.5, forecast: null, baseline: 0, target: 10,
        evaluatedAt: new Date(`${day}T12:00:00Z`), evaluatedOn: day, inputsFingerprint: day, driftSince: null, definitionVersion: 1,
      });
    }
    await sql`update key_results set drift_since = null where id in (${adrift!.id}, ${fine!.id})`.execute(db);
    const alert = (keyResultId: string, kind: string, dedupKey: string) =>
      insertAlertOnce(db, ws.id, { planId: plan.id, objectiveId: objective.id, keyResultId, accountId: null, kind, severity: 'WARNING', message: kind, dedupKey });
    await alert(adrift!.id, 'AT_RISK', `kr:${adrift!.id}:AT_RISK:2026-W07`);
    const resolvedOff = await alert(adrift!.id, 'OFF_TRACK', `kr:${adrift!.id}:OFF_TRACK:2026-W07`);
    await sql`update alerts set state = 'RESOLVED', resolved_at = now() where id = ${resolvedOff!.id}`.execute(db);
    await alert(adrift!.id, 'AT_RISK', `kr:${adrift!.id}:AT_RISK:2026-W08`);
    await alert(fine!.id, 'ACHIEVED', `kr:${fine!.id}:ACHIEVED:2026-03-31`);

    await carryDriftEpisodes(db);
    await carryDriftEpisodes(db); // run twice: changes nothing more

    const [afterAdrift, afterFine] = await findKeyResults(db, ws.id, [adrift!.id, fine!.id]).then((rows) => [rows.find((r) => r.id === adrift!.id), rows.find((r) => r.id === fine!.id)]);
    expect(afterAdrift!.drift_since).toBe('2026-02-10');
    expect(afterFine!.drift_since).toBeNull();
    const keys = (await listAlerts(db, ws.id, { planId: plan.id }, {}, { limit: 10, inverted: false })).map(({ row: a }) => [a.dedup_key, a.state]).sort();
    expect(keys).toEqual([
      [`kr:${adrift!.id}:AT_RISK:2026-W07`, 'OPEN'],
      [`kr:${adrift!.id}:AT_RISK:drift-2026-02-10`, 'OPEN'], // the latest open one, now the episode's
      [`kr:${adrift!.id}:OFF_TRACK:2026-W07`, 'RESOLVED'],
      [`kr:${fine!.id}:ACHIEVED:2026-03-31`, 'OPEN'],
    ].sort());
    // The next evaluation derives that key for the ongoing episode: nothing is raised twice.
    expect(await alert(adrift!.id, 'AT_RISK', `kr:${adrift!.id}:AT_RISK:drift-2026-02-10`)).toBeUndefined();
  });
});
