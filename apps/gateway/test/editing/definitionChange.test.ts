import { testRedisUrl } from '@goalpost/devstack/testing';
import { createWorkerApp, readWorkerEnv, type WorkerApp } from '@goalpost/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, type GatewayHarness } from '../gatewayHarness.ts';
import { checkIn, ok, seedPlan, type SeededPlan, type Workspace } from './planFixture.ts';

/** The gateway and a worker on the same database and queues, both reading one clock the test moves. */
let harness: GatewayHarness;
let worker: WorkerApp;
let alice: Workspace;
let plan: SeededPlan;
let now = new Date('2026-02-15T12:00:00Z');

beforeAll(async () => {
  harness = await startGatewayHarness('definition', { now: () => now });
  worker = createWorkerApp(
    readWorkerEnv({
      DATABASE_URL: harness.databaseUrl,
      REDIS_URL: testRedisUrl(),
      QUEUE_PREFIX: harness.queuePrefix,
      LIVE_NAMESPACE: harness.liveNamespace,
      EVALUATE_DEBOUNCE_MS: '0',
      LOG_LEVEL: 'silent',
    }),
    { now: () => now },
  );
  await worker.start();
  alice = await harness.newWorkspace('Alice & Co');
  plan = await seedPlan(alice, 'Definitions');
});
afterAll(async () => {
  await worker?.close();
  await harness?.close();
});

const fields = `evaluatedAt progress expectedProgress status target definitionVersion definitionChangedAt archivedAt
  history { edges { node { on definitionVersion progress expectedProgress } } }`;
const keyResult = async (id: string) => {
  const node = (await alice.gql(`query($id: ID!) { node(id: $id) { ... on KeyResult { ${fields} } } }`, { id })).body.data.node;
  return { ...node, history: node.history.edges.map((edge: any) => edge.node) };
};

/**
 * Polls the API until the key result has been evaluated at the current clock (the worker's job is done),
 * by an evaluation that saw what `seen` expects (an earlier job of the same instant may have run first).
 */
async function evaluatedNow(id: string, seen: (kr: any) => boolean = () => true) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const kr = await keyResult(id);
    if (kr.evaluatedAt === now.toISOString() && seen(kr)) return kr;
    if (Date.now() > deadline) throw new Error(`key result not evaluated at ${now.toISOString()}: ${JSON.stringify(kr)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const days = (from: string, count: number) => Array.from({ length: count }, (_, i) => new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));

describe('changing what a key result measures', () => {
  it('re-evaluates it, and its history says from which day the new definition counts', async () => {
    const [followers] = plan.keyResultIds;
    const points = days('2026-01-01', 45).map((at) => ({ metric: 'followers', at, value: 1100 }));
    ok(await alice.gql(`mutation($input: RecordMetricsInput!) { recordMetrics(input: $input) { __typename ... on RecordMetricsSuccess { written } } }`,
      { input: { accountId: plan.accountId, points } }), 'recordMetrics');
    const first = await evaluatedNow(followers!, (kr) => kr.progress !== null);
    expect(first.progress).toBeCloseTo(0.1); // 1000 → 1100 of 1000 → 2000
    expect(first.history).toEqual([{ on: '2026-02-15', definitionVersion: 1, progress: first.progress, expectedProgress: first.expectedProgress }]);

    now = new Date('2026-02-16T12:00:00Z');
    const update = ok(await alice.gql(`mutation($id: ID!) { updateKeyResult(input: { id: $id, target: 1200 }) {
      __typename ... on UpdateKeyResultSuccess { definitionChanged keyResult { target definitionVersion } } } }`, { id: followers }), 'updateKeyResult');
    expect(update).toMatchObject({ definitionChanged: true, keyResult: { target: 1200, definitionVersion: 2 } });
    const second = await evaluatedNow(followers!, (kr) => kr.history.at(-1)?.definitionVersion === 2);
    expect(second.progress).toBeCloseTo(0.5); // 1000 → 1100 of 1000 → 1200
    expect(second).toMatchObject({ definitionVersion: 2, definitionChangedAt: '2026-02-16T12:00:00.000Z' });
    expect(second.history.map((h: any) => [h.on, h.definitionVersion])).toEqual([['2026-02-15', 1], ['2026-02-16', 2]]);
    expect(second.history[0].progress).toBeCloseTo(0.1); // the old definition's day keeps what it measured

    // The objective's dates are part of the definition: moving the deadline re-evaluates against the new path.
    now = new Date('2026-02-17T12:00:00Z');
    ok(await alice.gql(`mutation($id: ID!) { updateObjective(input: { id: $id, deadline: "2026-06-01" }) { __typename } }`, { id: plan.objectiveId }), 'updateObjective');
    const third = await evaluatedNow(followers!, (kr) => kr.history.at(-1)?.definitionVersion === 3);
    expect(third.definitionVersion).toBe(3);
    expect(third.history.map((h: any) => [h.on, h.definitionVersion])).toEqual([['2026-02-15', 1], ['2026-02-16', 2], ['2026-02-17', 3]]);
    expect(third.expectedProgress).toBeCloseTo(47 / 151); // 47 days of 151, against 47 of 90 before
  });

  it('leaves an archived key result out of evaluation and plan health, its history kept', async () => {
    const [followers, reach] = plan.keyResultIds;
    ok(await checkIn(alice, reach!, 5), 'checkIn');
    const before = await keyResult(reach!);
    expect(before.history.length).toBeGreaterThan(0);
    const removal = ok(await alice.gql(`mutation($id: ID!) { removeKeyResult(id: $id) { __typename ... on RemoveKeyResultSuccess { outcome } } }`, { id: reach }), 'removeKeyResult');
    expect(removal.outcome).toBe('ARCHIVED');

    now = new Date('2026-02-18T12:00:00Z');
    ok(await alice.gql(`mutation($id: ID!) { evaluatePlan(id: $id) { __typename ... on EvaluatePlanSuccess { queued } } }`, { id: plan.planId }), 'evaluatePlan');
    // The followers key result was evaluated in that run: had the archived one been, it would carry the same instant.
    await evaluatedNow(followers!);
    const after = await keyResult(reach!);
    expect(after).toMatchObject({ evaluatedAt: before.evaluatedAt, archivedAt: expect.any(String), history: before.history });
    const health = (await alice.gql(`query($id: ID!) { node(id: $id) { ... on Plan { health { keyResults { status count } } } } }`, { id: plan.planId })).body.data.node.health;
    expect(health.keyResults.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(1);
  });

  it('sets, changes and clears the MAINTAIN band through updateKeyResult, each change a new definition re-evaluated', async () => {
    now = new Date('2026-02-20T12:00:00Z');
    const band = await seedPlan(alice, 'Band');
    const [followers] = band.keyResultIds;
    const points = days('2026-01-01', 50).map((at) => ({ metric: 'followers', at, value: 1100 }));
    ok(await alice.gql(`mutation($input: RecordMetricsInput!) { recordMetrics(input: $input) { __typename } }`, { input: { accountId: band.accountId, points } }), 'recordMetrics');
    const update = async (input: Record<string, unknown>) => (await alice.gql(`mutation($input: UpdateKeyResultInput!) { updateKeyResult(input: $input) { __typename
      ... on UpdateKeyResultSuccess { definitionChanged keyResult { maintainTolerance direction target definitionVersion } }
      ... on InputError { issues { field rule } } } }`, { input: { id: followers, ...input } })).body.data.updateKeyResult;

    // Hold 1,000 ± 50 while the value is 1,100: outside the band, within twice it.
    const narrow = await update({ direction: 'MAINTAIN', target: 1000, maintainTolerance: 50 });
    expect(narrow).toMatchObject({ __typename: 'UpdateKeyResultSuccess', definitionChanged: true, keyResult: { maintainTolerance: 50, direction: 'MAINTAIN', target: 1000 } });
    const version = narrow.keyResult.definitionVersion as number;
    expect((await evaluatedNow(followers!, (kr) => kr.definitionVersion === version && kr.history.at(-1)?.definitionVersion === version)).status).toBe('AT_RISK');

    now = new Date('2026-02-21T12:00:00Z');
    const wide = await update({ maintainTolerance: 150 });
    expect(wide).toMatchObject({ definitionChanged: true, keyResult: { maintainTolerance: 150, definitionVersion: version + 1 } });
    expect((await evaluatedNow(followers!, (kr) => kr.history.at(-1)?.definitionVersion === version + 1)).status).toBe('ON_TRACK');

    // A negative band is refused by KeyResultInput's rule, and nothing changes.
    expect(await update({ maintainTolerance: -1 })).toEqual({ __typename: 'InputError', issues: [{ field: 'input.maintainTolerance', rule: 'range' }] });
    const kept = (await alice.gql(`query($id: ID!) { node(id: $id) { ... on KeyResult { maintainTolerance definitionVersion } } }`, { id: followers })).body.data.node;
    expect(kept).toEqual({ maintainTolerance: 150, definitionVersion: version + 1 });
    // The same band again is no change at all.
    expect(await update({ maintainTolerance: 150 })).toMatchObject({ definitionChanged: false, keyResult: { definitionVersion: version + 1 } });

    // null: back to 5% of the target (±50), outside it again.
    now = new Date('2026-02-22T12:00:00Z');
    expect(await update({ maintainTolerance: null })).toMatchObject({ definitionChanged: true, keyResult: { maintainTolerance: null, definitionVersion: version + 2 } });
    expect((await evaluatedNow(followers!, (kr) => kr.history.at(-1)?.definitionVersion === version + 2)).status).toBe('AT_RISK');
  });
});
