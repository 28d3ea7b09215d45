import { findKeyResults, upsertMetricPoints } from '@goalpost/db';
import { addDays, chooseForecast, defaultThresholds, forecastCalibration, type SeriesPoint } from '@goalpost/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluatePlan } from '../src/processors/evaluatePlan.ts';
import { seedPlan } from './support/planFixture.ts';
import { createWorkerTestContext, type WorkerTestContext } from './support/workerTestContext.ts';

/** A year and a half of followers wandering as a random walk (deterministic): a recent fit's interval is far too narrow for it. */
function walk(from: string, days: number): SeriesPoint[] {
  let s = 42;
  const uniform = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) + 1) / 4294967297;
  };
  let level = 5000;
  return Array.from({ length: days }, (_, i) => ({ at: addDays(from, i), value: Math.round((level += 30 * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()))) }));
}

describe('the evaluation states a calibrated forecast interval', () => {
  let t: WorkerTestContext;
  beforeAll(async () => {
    t = await createWorkerTestContext('forecast-calibration', { now: new Date('2026-06-01T12:00:00Z') });
  });
  afterAll(async () => t?.close());

  it("scales the model's interval by the key result's own backtest, keeps the scale a week, and runs it again after", async () => {
    t.setNow(new Date('2026-06-01T12:00:00Z'));
    const { workspace, account, plan, keyResults } = await seedPlan(t.db, {
      account: { platform: 'INSTAGRAM', handle: '@wander', source: 'PUSH' },
      plan: { startsOn: '2026-05-01', endsOn: '2026-09-30' },
      objective: { startsOn: '2026-05-01', deadline: '2026-08-31' },
      keyResults: [{ metric: 'followers', baseline: 5000, target: 9000 }],
    });
    const series = walk('2025-05-01', 397); // through 2026-06-01
    await upsertMetricPoints(t.db, workspace.id, account.id, series.map((p) => ({ metric: 'followers', ...p })), 'PUSH');

    await evaluatePlan({ workspaceId: workspace.id, planId: plan.id, reason: 'points' }, t.deps);
    const [stored] = await findKeyResults(t.db, workspace.id, [keyResults[0]!.id]);
    // What the domain finds on the same history at the same horizon (91 days to the deadline).
    const expected = forecastCalibration(series, { windowDays: defaultThresholds.forecastWindowDays, horizonDays: 91 });
    expect(expected.intervalScale).toBeGreaterThan(2);
    expect(stored).toMatchObject({ forecast_calibrated_on: '2026-06-01' });
    expect(stored!.forecast_interval_scale).toBeCloseTo(expected.intervalScale, 9);
    // The stated interval is the model's, scaled around the same value.
    const model = chooseForecast(series, { asOf: '2026-06-01', deadline: '2026-08-31', windowDays: defaultThresholds.forecastWindowDays })!;
    expect(stored!.forecast!.value).toBeCloseTo(model.value, 6);
    expect(stored!.forecast!.high - stored!.forecast!.low).toBeCloseTo(expected.intervalScale * (model.high - model.low), 4);

    // Within the week the kept scale is used, not a new backtest (the stamp stays); a week later it runs again.
    t.setNow(new Date('2026-06-05T12:00:00Z'));
    await evaluatePlan({ workspaceId: workspace.id, planId: plan.id, reason: 'schedule' }, t.deps);
    expect((await findKeyResults(t.db, workspace.id, [keyResults[0]!.id]))[0]).toMatchObject({ forecast_calibrated_on: '2026-06-01', forecast_interval_scale: stored!.forecast_interval_scale });
    t.setNow(new Date('2026-06-08T12:00:00Z'));
    await evaluatePlan({ workspaceId: workspace.id, planId: plan.id, reason: 'schedule' }, t.deps);
    expect((await findKeyResults(t.db, workspace.id, [keyResults[0]!.id]))[0]).toMatchObject({ forecast_calibrated_on: '2026-06-08' });
  });
});
