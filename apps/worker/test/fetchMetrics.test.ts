import { countMetricPoints, findSocialAccounts, insertWorkspace, upsertSocialAccount } from '@goalpost/db';
import { addDays } from '@goalpost/domain';
import { dedupIds, type MetricsFetchPayload } from '@goalpost/jobs';
import { UnrecoverableError } from 'bullmq';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchMetrics, type FetchJobHooks } from '../src/processors/fetchMetrics.ts';
import { demoMetrics, demoSource } from '../src/sources/demoSource.ts';
import type { MetricSource } from '../src/sources/metricSource.ts';
import { seedPlan } from './support/planFixture.ts';
import { createWorkerTestContext, type WorkerTestContext } from './support/workerTestContext.ts';

/** The demo source, recording every window asked for; it can be told to fail on a given request. */
function recordingDemoSource() {
  const demo = demoSource(0);
  const windows: string[] = [];
  let failOnRequest = 0;
  const source: MetricSource = {
    limits: demo.limits,
    async fetch(account, window) {
      windows.push(`${window.from}..${window.to}`);
      if (windows.length === failOnRequest) throw new Error('connection reset by the platform');
      return demo.fetch(account, window);
    },
  };
  return { source, windows, failOn: (request: number) => (failOnRequest = request), reset: () => (windows.length = 0, failOnRequest = 0) };
}

/** The job as the processor sees it: the cursors it saved and the progress it reported. */
function jobHooks() {
  const cursors: string[] = [];
  const progress: number[] = [];
  const delays: Date[] = [];
  const hooks: FetchJobHooks = {
    saveCursor: async ({ cursor, pageCursor }) => void cursors.push(pageCursor ? `${cursor}#${pageCursor}` : cursor),
    reportProgress: async (percent) => void progress.push(percent),
    delayUntil: async (at) => void delays.push(at),
    holdPlatform: async (at) => void delays.push(at),
  };
  return { hooks, cursors, progress, delays };
}

describe('fetchMetrics', () => {
  const now = new Date('2026-03-15T08:00:00Z');
  const demo = recordingDemoSource();
  let t: WorkerTestContext;

  beforeAll(async () => {
    t = await createWorkerTestContext('fetch', { now, sources: { DEMO: demo.source }, fetchChunkDays: 10 });
  });
  afterAll(() => t?.close());
  beforeEach(() => demo.reset());

  const from = '2026-02-01';
  const to = addDays(from, 24); // 25 days: chunks of 10, 10 and 5

  it('stores every day of the window once, chunk by chunk, and a replay writes nothing new', async () => {
    const { workspace, account, plan } = await seedPlan(t.db, {
      account: { platform: 'INSTAGRAM', handle: '@chunks', source: 'DEMO' },
      plan: { startsOn: '2026-01-01', endsOn: '2026-06-30' },
      objective: { startsOn: '2026-01-01', deadline: '2026-06-30' },
      keyResults: [{ metric: 'followers', target: 9000 }],
    });
    const payload: MetricsFetchPayload = { workspaceId: workspace.id, accountId: account.id, source: account.source, platform: account.platform, from, to, reason: 'connect' };
    const job = jobHooks();

    const result = await fetchMetrics(payload, t.deps, job.hooks);

    expect(result).toEqual({ startedAt: from, resumed: false, chunks: 3, pages: 3, written: 25 * demoMetrics.length, plansToEvaluate: 1 });
    expect(demo.windows).toEqual(['2026-02-01..2026-02-10', '2026-02-11..2026-02-20', '2026-02-21..2026-02-25']);
    expect(job.cursors).toEqual(['2026-02-11', '2026-02-21', '2026-02-26']);
    expect(job.progress).toEqual([40, 80, 100]);
    expect(await countMetricPoints(t.db, workspace.id, account.id)).toBe(25 * demoMetrics.length);
    const [synced] = await findSocialAccounts(t.db, workspace.id, [account.id]);
    expect(synced?.last_synced_at).toEqual(now);
    // The plan reading the account is queued for evaluation, once.
    const evaluationId = await t.queues.objectiveEvaluate.getDeduplicationJobId(dedupIds.objectiveEvaluate({ planId: plan.id }));
    expect(evaluationId && (await t.queues.objectiveEvaluate.getJob(evaluationId))?.data).toEqual({ workspaceId: workspace.id, planId: plan.id, reason: 'points' });

    const replay = await fetchMetrics(payload, t.deps, jobHooks().hooks);
    expect(replay).toMatchObject({ written: 0, chunks: 3 });
    expect(await countMetricPoints(t.db, workspace.id, account.id)).toBe(25 * demoMetrics.length);
  });

  it('resumes from the cursor a failed run saved, without fetching the stored chunks again', async () => {
    const workspace = await insertWorkspace(t.db, 'Resume');
    const account = await upsertSocialAccount(t.db, workspace.id, { platform: 'FACEBOOK', handle: '@resume', source: 'DEMO', credentials: undefined });
    const payload: MetricsFetchPayload = { workspaceId: workspace.id, accountId: account.id, source: account.source, platform: account.platform, from, to, reason: 'schedule' };
    const crashed = jobHooks();
    demo.failOn(3);

    await expect(fetchMetrics(payload, t.deps, crashed.hooks)).rejects.toThrow('connection reset');
    expect(crashed.cursors).toEqual(['2026-02-11', '2026-02-21']);
    expect(await countMetricPoints(t.db, workspace.id, account.id)).toBe(20 * demoMetrics.length);

    // The retry carries the job's data as the failed run left it: with the cursor.
    demo.reset();
    const retried = await fetchMetrics({ ...payload, cursor: crashed.cursors.at(-1)! }, t.deps, jobHooks().hooks);
    expect(demo.windows).toEqual(['2026-02-21..2026-02-25']);
    expect(retried).toEqual({ startedAt: '2026-02-21', resumed: true, chunks: 1, pages: 1, written: 5 * demoMetrics.length, plansToEvaluate: 0 });
    expect(await countMetricPoints(t.db, workspace.id, account.id)).toBe(25 * demoMetrics.length);
  });

  it('refuses an account of another workspace without retries, and never pulls pushed accounts', async () => {
    const owner = await insertWorkspace(t.db, 'Owner');
    const stranger = await insertWorkspace(t.db, 'Stranger');
    const account = await upsertSocialAccount(t.db, owner.id, { platform: 'X', handle: '@owned', source: 'DEMO', credentials: undefined });
    const foreign = fetchMetrics({ workspaceId: stranger.id, accountId: account.id, source: 'DEMO', platform: 'X', from, to, reason: 'manual' }, t.deps, jobHooks().hooks);
    await expect(foreign).rejects.toBeInstanceOf(UnrecoverableError);

    const pushed = await upsertSocialAccount(t.db, owner.id, { platform: 'X', handle: '@pushed', source: 'PUSH', credentials: undefined });
    const result = await fetchMetrics({ workspaceId: owner.id, accountId: pushed.id, source: 'PUSH', platform: 'X', from, to, reason: 'manual' }, t.deps, jobHooks().hooks);
    expect(result).toEqual({ skipped: 'accounts with source PUSH are not pulled by this worker' });
    expect(demo.windows).toEqual([]);
    expect(await countMetricPoints(t.db, owner.id, pushed.id)).toBe(0);
  });
});
