import {
  archivePlan, findKeyResults, findObjectives, insertWorkspace, listAlerts, listEvaluationHistory, upsertMetricPoints, type PointValue,
} from '@goalpost/db';
import { addDays } from '@goalpost/domain';
import { jobIds, liveChannel, liveTopics } from '@goalpost/jobs';
import { UnrecoverableError } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluatePlan } from '../src/processors/evaluatePlan.ts';
import { demoDay } from '../src/sources/demoSource.ts';
import { eventually } from '@goalpost/devstack/testing';
import { seedPlan } from './support/planFixture.ts';
import { createWorkerTestContext, listenToLiveEvents, type WorkerTestContext } from './support/workerTestContext.ts';

const daysFrom = (from: string, count: number) => Array.from({ length: count }, (_, i) => addDays(from, i));

describe('evaluatePlan', () => {
  let t: WorkerTestContext;
  let live: Awaited<ReturnType<typeof listenToLiveEvents>>;

  beforeAll(async () => {
    t = await createWorkerTestContext('evaluate', { now: new Date('2026-02-15T12:00:00Z') });
    live = await listenToLiveEvents(t.prefix);
  });
  afterAll(async () => {
    await live?.close();
    await t?.close();
  });
  const planAlerts = async (workspaceId: string, planId: string) =>
    (await listAlerts(t.db, workspaceId, { planId }, {}, { limit: 50, inverted: false })).map((a) => a.row);
  // Newest first: the last page of the history, read backwards.
  const newestHistory = async (workspaceId: string, keyResultId: string) =>
    (await listEvaluationHistory(t.db, workspaceId, keyResultId, { limit: 10, inverted: true })).map((h) => h.row);

  it('stores history and statuses, raises an alert once, and resolves it when back on track', async () => {
    t.setNow(new Date('2026-02-15T12:00:00Z'));
    const { workspace, account, plan, objective, keyResults } = await seedPlan(t.db, {
      account: { platform: 'INSTAGRAM', handle: '@pushed', source: 'PUSH' },
      plan: { startsOn: '2026-01-01', endsOn: '2026-04-01' },
      objective: { startsOn: '2026-01-01', deadline: '2026-04-01', framework: 'OKR' },
      keyResults: [
        { metric: 'followers', baseline: 1000, target: 2000 },
        // Platform scope and no baseline: read from the history at the start.
        { metric: 'engagement_rate_by_reach', platform: 'INSTAGRAM', target: 50 },
      ],
    });
    const [followers, engagementRate] = keyResults;
    const days = daysFrom('2026-01-01', 46); // through 2026-02-15
    const points: PointValue[] = days.flatMap((day) => demoDay('INSTAGRAM', '@pushed', day)).filter((p) => p.metric !== 'followers');
    await upsertMetricPoints(t.db, workspace.id, account.id, [...points, ...days.map((at) => ({ metric: 'followers', at, value: 1100 }))], 'PUSH');

    // 10 % of the way after half the time: off track.
    const first = await evaluatePlan({ workspaceId: workspace.id, planId: plan.id, reason: 'points' }, t.deps);
    expect(first).toMatchObject({ keyResults: 2, alertsResolved: 0 });

    const [storedFollowers, storedRate] = await findKeyResults(t.db, workspace.id, [followers!.id, engagementRate!.id])
      .then((rows) => [rows.find((r) => r.id === followers!.id)!, rows.find((r) => r.id === engagementRate!.id)!]);
    expect(storedFollowers).toMatchObject({ status: 'OFF_TRACK', current: 1100, effective_baseline: 1000, effective_target: 2000 });
    expect(storedFollowers!.progress).toBeCloseTo(0.1);
    expect(storedFollowers!.expected_progress).toBeCloseTo(45 / 90);
    expect(storedRate!.effective_baseline).toBeGreaterThan(0);
    expect(storedRate!.status).not.toBe('NO_DATA');
    const [storedObjective] = await findObjectives(t.db, workspace.id, [objective.id]);
    expect(storedObjective!.status).toBe('OFF_TRACK');
    expect(storedObjective!.score).toBeGreaterThanOrEqual(0);
    expect(storedObjective!.score).toBeLessThan(0.5);

    const alerts = await planAlerts(workspace.id, plan.id);
    const offTrack = alerts.filter((a) => a.key_result_id === followers!.id && a.kind === 'OFF_TRACK');
    expect(offTrack).toHaveLength(1);
    expect(offTrack[0]).toMatchObject({ state: 'OPEN', severity: 'CRITICAL', objective_id: objective.id });
    expect(first).toMatchObject({ alertsRaised: alerts.length });
    // Each new alert is queued for delivery, under its own job id.
    for (const alert of alerts) {
      expect(await t.queues.alertDeliver.getJob(jobIds.alertDeliver({ workspaceId: workspace.id, alertId: alert.id }))).toBeDefined();
    }
    // Gateways hear about every key result evaluated, on the workspace's channel.
    const channel = liveChannel(liveTopics(t.prefix).keyResultEvaluated, workspace.id);
    const heard = await eventually('two keyResultEvaluated events', async () => {
      const events = live.events.filter((e) => e.channel === channel);
      return events.length >= 2 && events;
    });
    expect(heard.map((e) => e.payload)).toEqual([
      { keyResultId: followers!.id, planId: plan.id },
      { keyResultId: engagementRate!.id, planId: plan.id },
    ]);

    // The same evaluation again (a retry, a second trigger): nothing new is raised, the day's history is rewritten.
    const again = await evaluatePlan({ workspaceId: workspace.id, planId: plan.id, reason: 'manual' }, t.deps);
    expect(again).toMatchObject({ alertsRaised: 0 });
    expect(await planAlerts(workspace.id, plan.id)).toHaveLength(alerts.length);
    expect(await newestHistory(workspace.id, followers!.id)).toHaveLength(1);

    // The audience catches up the next day: the alert resolves itself, history keeps one row per day.
    t.setNow(new Date('2026-02-16T09:00:00Z'));
    await upsertMetricPoints(t.db, workspace.id, account.id, [{ metric: 'followers', at: '2026-02-16', value: 1600 }], 'PUSH');
    const caughtUp = await evaluatePlan({ workspaceId: workspace.id, planId: plan.id, reason: 'points' }, t.deps);
    expect(caughtUp).toMatchObject({ alertsResolved: 1 });
    const [resolved] = await planAlerts(workspace.id, plan.id).then((rows) => rows.filter((a) => a.id === offTrack[0]!.id));
    expect(resolved).toMatchObject({ state: 'RESOLVED', resolved_at: new Date('2026-02-16T09:00:00Z') });
    const history = await newestHistory(workspace.id, followers!.id);
    expect(history.map((h) => [h.evaluated_on, h.status])).toEqual([['2026-02-16', 'ON_TRACK'], ['2026-02-15', 'OFF_TRACK']]);
  });

  it('takes a missing baseline from the demo account history and resolves a relative target', async () => {
    t.setNow(new Date('2026-03-10T18:00:00Z'));
    const { workspace, account, plan, keyResults } = await seedPlan(t.db, {
      account: { platform: 'LINKEDIN', handle: '@demo', source: 'DEMO' },
      plan: { startsOn: '2026-01-01', endsOn: '2026-06-30' },
      objective: { startsOn: '2026-02-01', deadline: '2026-04-30' },
      keyResults: [{ metric: 'followers', targetChangePercent: 10 }],
    });
    await upsertMetricPoints(t.db, workspace.id, account.id, daysFrom('2026-01-01', 69).flatMap((day) => demoDay('LINKEDIN', '@demo', day)), 'DEMO');
    const followersOn = (day: string) => demoDay('LINKEDIN', '@demo', day).find((p) => p.metric === 'followers')!.value;

    await evaluatePlan({ workspaceId: workspace.id, planId: plan.id, reason: 'schedule' }, t.deps);

    const [stored] = await findKeyResults(t.db, workspace.id, [keyResults[0]!.id]);
    expect(stored!.effective_baseline).toBe(followersOn('2026-02-01'));
    expect(stored!.effective_target).toBeCloseTo(followersOn('2026-02-01') * 1.1);
    expect(stored!.current).toBe(followersOn('2026-03-10'));
    // ~100 a week against the ~50 a week the target needs.
    expect(['ON_TRACK', 'ACHIEVED']).toContain(stored!.status);
    expect(stored!.forecast).not.toBeNull();
  });

  it('skips archived plans and refuses a plan of another workspace', async () => {
    const { workspace, plan, keyResults } = await seedPlan(t.db, {
      account: { platform: 'X', handle: '@archived', source: 'MANUAL' },
      plan: { startsOn: '2026-01-01', endsOn: '2026-06-30' },
      objective: { startsOn: '2026-01-01', deadline: '2026-06-30' },
      keyResults: [{ metric: 'followers', baseline: 10, target: 20 }],
    });
    await archivePlan(t.db, workspace.id, plan.id);
    expect(await evaluatePlan({ workspaceId: workspace.id, planId: plan.id, reason: 'schedule' }, t.deps)).toEqual({ skipped: 'the plan is ARCHIVED' });
    const [untouched] = await findKeyResults(t.db, workspace.id, [keyResults[0]!.id]);
    expect(untouched!.evaluated_at).toBeNull();

    const stranger = await insertWorkspace(t.db, 'Stranger');
    await expect(evaluatePlan({ workspaceId: stranger.id, planId: plan.id, reason: 'manual' }, t.deps)).rejects.toBeInstanceOf(UnrecoverableError);
  });

  it('re-evaluates only the key results whose accounts changed, and everything on a new day', async () => {
    t.setNow(new Date('2026-02-15T12:00:00Z'));
    const { workspace, account, plan, keyResults } = await seedPlan(t.db, {
      account: { platform: 'X', handle: '@incremental', source: 'PUSH' },
      plan: { startsOn: '2026-01-01', endsOn: '2026-04-01' },
      objective: { startsOn: '2026-01-01', deadline: '2026-04-01' },
      keyResults: [
        { metric: 'followers', baseline: 1000, target: 2000 },
        // Another platform's accounts: none have changed when @incremental's points do.
        { metric: 'reach', platform: 'PINTEREST', baseline: 0, target: 100 },
      ],
    });
    const days = daysFrom('2026-01-01', 46);
    await upsertMetricPoints(t.db, workspace.id, account.id, days.map((at, i) => ({ metric: 'followers', at, value: 1000 + 10 * i })), 'PUSH');
    const run = (reason: 'points' | 'schedule' | 'manual' = 'points') => evaluatePlan({ workspaceId: workspace.id, planId: plan.id, reason }, t.deps);
    const current = async () => (await findKeyResults(t.db, workspace.id, [keyResults[0]!.id]))[0]!.current;

    expect(await run()).toMatchObject({ keyResults: 2, unchanged: 0 });
    expect(await current()).toBe(1450);
    // Nothing moved the same day: both outcomes stand, nothing is published again.
    const published = live.events.length;
    expect(await run('schedule')).toMatchObject({ keyResults: 2, unchanged: 2 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(live.events.length).toBe(published);
    // A replayed batch changes nothing either.
    expect(await upsertMetricPoints(t.db, workspace.id, account.id, [{ metric: 'followers', at: '2026-02-15', value: 1450 }], 'PUSH')).toBe(0);
    expect(await run()).toMatchObject({ unchanged: 2 });
    // A new point on @incremental: its key result only.
    await upsertMetricPoints(t.db, workspace.id, account.id, [{ metric: 'followers', at: '2026-02-15', value: 1500 }], 'PUSH');
    expect(await run()).toMatchObject({ unchanged: 1 });
    expect(await current()).toBe(1500);
    // Asked for by a person: all of them. A new day: all of them.
    expect(await run('manual')).toMatchObject({ unchanged: 0 });
    t.setNow(new Date('2026-02-16T12:00:00Z'));
    expect(await run('schedule')).toMatchObject({ unchanged: 0 });
    expect(await run('schedule')).toMatchObject({ unchanged: 2 });
  });

  it('measures expected progress on the key result\'s pace curve', async () => {
    t.setNow(new Date('2026-02-15T12:00:00Z'));
    const { workspace, account, plan, keyResults } = await seedPlan(t.db, {
      account: { platform: 'X', handle: '@paced', source: 'PUSH' },
      plan: { startsOn: '2026-01-01', endsOn: '2026-04-01' },
      objective: { startsOn: '2026-01-01', deadline: '2026-04-01' },
      keyResults: [{ metric: 'followers', baseline: 1000, target: 2000, pace: 'BACK_LOADED' }],
    });
    await upsertMetricPoints(t.db, workspace.id, account.id, [{ metric: 'followers', at: '2026-02-15', value: 1300 }], 'PUSH');
    await evaluatePlan({ workspaceId: workspace.id, planId: plan.id, reason: 'points' }, t.deps);
    const [stored] = await findKeyResults(t.db, workspace.id, [keyResults[0]!.id]);
    // 45 of 90 days: half the time, a quarter of the way on a build-up; 30 % is ahead of it.
    expect(stored!.expected_progress).toBeCloseTo(0.25, 9);
    expect(stored!.status).toBe('ON_TRACK');
  });

  it('resolves a relative count against the previous period once, keeps it, and is not achieved on day one', async () => {
    t.setNow(new Date('2026-01-01T20:00:00Z'));
    const { workspace, account, plan, keyResults } = await seedPlan(t.db, {
      account: { platform: 'FACEBOOK', handle: '@cafe', source: 'MANUAL' },
      plan: { startsOn: '2026-01-01', endsOn: '2026-06-30' },
      objective: { startsOn: '2026-01-01', deadline: '2026-04-01' },
      keyResults: [{ metric: 'link_clicks', targetChangePercent: 15 }],
    });
    // 20 clicks a day for the 91 days before the start, and the first day of the quarter.
    await upsertMetricPoints(t.db, workspace.id, account.id, daysFrom('2025-10-02', 92).map((at) => ({ metric: 'link_clicks', at, value: 20 })), 'MANUAL');
    await evaluatePlan({ workspaceId: workspace.id, planId: plan.id, reason: 'schedule' }, t.deps);
    const [first] = await findKeyResults(t.db, workspace.id, [keyResults[0]!.id]);
    expect(first).toMatchObject({ resolved_baseline: 1820, effective_baseline: 1820, baseline_basis: { kind: 'PREVIOUS_PERIOD_TOTAL', from: '2025-10-02', to: '2025-12-31', coveredDays: 91 } });
    expect(first!.resolved_target).toBeCloseTo(2093);
    expect(first!.resolved_at).toEqual(new Date('2026-01-01T20:00:00Z'));
    expect(first!.status).not.toBe('ACHIEVED');
    expect(first!.progress).toBeCloseTo(0, 6);

    // Older history imported later does not move it: it is kept until someone asks.
    await upsertMetricPoints(t.db, workspace.id, account.id, daysFrom('2025-10-02', 30).map((at) => ({ metric: 'link_clicks', at, value: 50 })), 'MANUAL');
    t.setNow(new Date('2026-01-02T20:00:00Z'));
    await evaluatePlan({ workspaceId: workspace.id, planId: plan.id, reason: 'schedule' }, t.deps);
    const [kept] = await findKeyResults(t.db, workspace.id, [keyResults[0]!.id]);
    expect(kept).toMatchObject({ resolved_baseline: 1820, effective_baseline: 1820 });
  });

  it('alerts once per drift episode: again when it recovers and drifts within the same week, not again while it stays adrift', async () => {
    // Monday 2026-02-16: 45 of 90 days gone.
    t.setNow(new Date('2026-02-16T12:00:00Z'));
    const { workspace, account, plan, keyResults } = await seedPlan(t.db, {
      account: { platform: 'INSTAGRAM', handle: '@episodes', source: 'PUSH' },
      plan: { startsOn: '2026-01-01', endsOn: '2026-04-01' },
      objective: { startsOn: '2026-01-01', deadline: '2026-04-01' },
      keyResults: [{ metric: 'followers', baseline: 1000, target: 2000 }],
    });
    const at = (day: string, value: number) => upsertMetricPoints(t.db, workspace.id, account.id, [{ metric: 'followers', at: day, value }], 'PUSH');
    const run = () => evaluatePlan({ workspaceId: workspace.id, planId: plan.id, reason: 'manual' }, t.deps);
    const offTrack = async () => (await listAlerts(t.db, workspace.id, { planId: plan.id }, {}, { limit: 50, inverted: false })).map((a) => a.row).filter((a) => a.kind === 'OFF_TRACK').sort((a, b) => (a.dedup_key < b.dedup_key ? -1 : 1));
    const driftSince = async () => (await findKeyResults(t.db, workspace.id, [keyResults[0]!.id]))[0]!.drift_since;

    await at('2026-02-16', 1100);
    await run();
    expect((await offTrack()).map((a) => a.dedup_key)).toEqual([`kr:${keyResults[0]!.id}:OFF_TRACK:drift-2026-02-16`]);
    expect(await driftSince()).toBe('2026-02-16');
    // Back on the path on Tuesday: the episode ends and its alert resolves.
    t.setNow(new Date('2026-02-17T12:00:00Z'));
    await at('2026-02-17', 1500);
    await run();
    expect(await driftSince()).toBeNull();
    // Off track again on Wednesday of the same ISO week: a new episode, a second alert.
    t.setNow(new Date('2026-02-18T12:00:00Z'));
    await at('2026-02-18', 1100);
    await run();
    expect((await offTrack()).map((a) => [a.dedup_key, a.state])).toEqual([
      [`kr:${keyResults[0]!.id}:OFF_TRACK:drift-2026-02-16`, 'RESOLVED'],
      [`kr:${keyResults[0]!.id}:OFF_TRACK:drift-2026-02-18`, 'OPEN'],
    ]);
    // Still adrift two weeks later: the same episode, no third alert.
    t.setNow(new Date('2026-03-04T12:00:00Z'));
    await at('2026-03-04', 1150);
    await run();
    expect(await offTrack()).toHaveLength(2);
    expect(await driftSince()).toBe('2026-02-18');
  });
});
