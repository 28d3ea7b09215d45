import { decodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, type GatewayHarness } from '../gatewayHarness.ts';

const now = new Date('2026-12-09T12:00:00Z');
const UPDATE = `mutation($input: UpdatePlanInput!) { updatePlan(input: $input) {
  __typename
  ... on UpdatePlanSuccess { plan { digestSchedule { weekday hour timeZone enabled } } }
  ... on InputError { issues { field rule message } }
} }`;
const SEND = `mutation($id: ID!, $weekOf: Date) { sendPlanDigest(id: $id, weekOf: $weekOf) {
  __typename
  ... on SendPlanDigestSuccess { isoWeek queued }
  ... on InputError { issues { field rule } }
  ... on ForbiddenError { requiredRole }
} }`;

describe('weekly digests through the API', () => {
  let harness: GatewayHarness;
  let ws: Awaited<ReturnType<GatewayHarness['newWorkspace']>>;
  let planId: string;
  let keyResultId: string;

  beforeAll(async () => {
    harness = await startGatewayHarness('digest', { now: () => now });
    ws = await harness.newWorkspace('Digested');
    const q = async (query: string, variables: Record<string, unknown> = {}) => (await ws.gql(query, variables)).body.data;
    planId = (await q('mutation { createPlan(input: { name: "Q4 plan", startsOn: "2026-10-01", endsOn: "2026-12-31" }) { ... on CreatePlanSuccess { plan { id } } } }')).createPlan.plan.id;
    const goalId = (await q('mutation($id: ID!) { addBusinessGoal(input: { planId: $id, kind: REVENUE, title: "Sales" }) { ... on AddBusinessGoalSuccess { goal { id } } } }', { id: planId })).addBusinessGoal.goal.id;
    const accountId = (await q('mutation { connectAccount(input: { platform: INSTAGRAM, handle: "@brand", source: MANUAL }) { ... on ConnectAccountSuccess { account { id } } } }')).connectAccount.account.id;
    const objective = (await q(`mutation($id: ID!, $account: ID!) { addObjective(input: { goalId: $id, title: "Reach more people", category: AWARENESS, framework: SMART, startsOn: "2026-10-01", deadline: "2026-12-31",
      keyResults: [{ metric: "followers", accountId: $account, direction: INCREASE, target: 2000 }] }) { ... on AddObjectiveSuccess { objective { id keyResults { id } } } } }`, { id: goalId, account: accountId })).addObjective.objective;
    keyResultId = decodeGlobalID(objective.keyResults[0].id).id;
    const db = harness.deps.db;
    await db.updateTable('key_results').set({ status: 'AT_RISK', current: 1500, forecast: JSON.stringify({ value: 1800, low: 1700, high: 1900, confidence: 0.7, method: 'linear', trendPerDay: 5 }) }).where('id', '=', keyResultId).execute();
    const evaluation = (day: string, status: string) => ({
      workspace_id: ws.workspaceId, key_result_id: keyResultId, evaluated_on: day, evaluated_at: new Date(`${day}T06:00:00Z`), status, current: 1500, progress: 0.5, expected_progress: 0.7, forecast: null,
    });
    await db.updateTable('objectives').set({ status: 'AT_RISK' }).where('id', '=', decodeGlobalID(objective.id).id).execute();
    await db.insertInto('key_result_evaluations').values([evaluation('2026-11-30', 'ON_TRACK'), evaluation('2026-12-08', 'AT_RISK')]).execute();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('keeps a digest schedule on the plan, Monday 09:00 UTC by default, and refuses a bad one naming the field and rule', async () => {
    const read = await ws.gql('query($id: ID!) { plan(id: $id) { digestSchedule { weekday hour timeZone enabled } } }', { id: planId });
    expect(read.body.data.plan.digestSchedule).toEqual({ weekday: 'MONDAY', hour: 9, timeZone: 'UTC', enabled: true });

    for (const [digestSchedule, field, rule] of [
      [{ timeZone: 'Mars/Olympus' }, 'input.digestSchedule.timeZone', 'time-zone'],
      [{ hour: 24 }, 'input.digestSchedule.hour', 'range'],
      [{ hour: -1, timeZone: 'Europe/Berlin' }, 'input.digestSchedule.hour', 'range'],
    ] as const) {
      const res = await ws.gql(UPDATE, { input: { id: planId, digestSchedule } });
      expect(res.body.data.updatePlan.__typename, JSON.stringify(digestSchedule)).toBe('InputError');
      expect(res.body.data.updatePlan.issues).toContainEqual(expect.objectContaining({ field, rule }));
    }
    const unchanged = await harness.deps.db.selectFrom('plans').select('settings').where('id', '=', decodeGlobalID(planId).id).executeTakeFirstOrThrow();
    expect(unchanged.settings.digest).toBeUndefined();

    const set = await ws.gql(UPDATE, { input: { id: planId, digestSchedule: { weekday: 'TUESDAY', timeZone: 'Europe/Berlin' } } });
    expect(set.body.data.updatePlan.plan.digestSchedule).toEqual({ weekday: 'TUESDAY', hour: 9, timeZone: 'Europe/Berlin', enabled: true });
    const again = await ws.gql(UPDATE, { input: { id: planId, digestSchedule: { hour: 7 } } });
    expect(again.body.data.updatePlan.plan.digestSchedule).toEqual({ weekday: 'TUESDAY', hour: 7, timeZone: 'Europe/Berlin', enabled: true });
  });

  it('keeps which report files the digest carries, none by default, each format once', async () => {
    const READ = 'query($id: ID!) { plan(id: $id) { digestSchedule { attachReports } } }';
    expect((await ws.gql(READ, { id: planId })).body.data.plan.digestSchedule.attachReports).toEqual([]);
    const twice = await ws.gql(UPDATE, { input: { id: planId, digestSchedule: { attachReports: ['PDF', 'PDF'] } } });
    expect(twice.body.data.updatePlan.__typename).toBe('InputError');
    expect(twice.body.data.updatePlan.issues).toContainEqual(expect.objectContaining({ field: 'input.digestSchedule.attachReports', rule: 'unique' }));
    const unknown = await ws.gql(UPDATE, { input: { id: planId, digestSchedule: { attachReports: ['DOCX'] } } });
    expect(unknown.body.errors?.[0]?.message).toMatch(/DigestReportFormat/);
    expect((await ws.gql(READ, { id: planId })).body.data.plan.digestSchedule.attachReports).toEqual([]);

    await ws.gql(UPDATE, { input: { id: planId, digestSchedule: { attachReports: ['PDF', 'CSV'] } } });
    expect((await ws.gql(READ, { id: planId })).body.data.plan.digestSchedule.attachReports).toEqual(['PDF', 'CSV']);
    const stored = await harness.deps.db.selectFrom('plans').select('settings').where('id', '=', decodeGlobalID(planId).id).executeTakeFirstOrThrow();
    expect(stored.settings.digest).toEqual({ weekday: 'TUESDAY', hour: 7, timeZone: 'Europe/Berlin', attachReports: ['PDF', 'CSV'] });
    await ws.gql(UPDATE, { input: { id: planId, digestSchedule: { attachReports: [] } } });
    expect((await ws.gql(READ, { id: planId })).body.data.plan.digestSchedule.attachReports).toEqual([]);
  });

  it('previews the digest of a week, the same content the channels get', async () => {
    const res = await ws.gql(`query($id: ID!) { plan(id: $id) { digest(weekOf: "2026-12-10") {
      weekOf isoWeek from to
      statusChanges { subject title objectiveTitle from to on }
      needsAttention { metric objectiveTitle status current target forecast { value confidence } realisticTarget }
      achieved { metric } checkIns { note } budget { currency } dataProblems { kind message }
      counts { objectives keyResults atRisk }
    } } }`, { id: planId });
    expect(res.body.errors).toBeUndefined();
    const digest = res.body.data.plan.digest;
    // Tuesday 07:00 in Berlin (CET) is 06:00 UTC.
    expect(digest).toMatchObject({ weekOf: '2026-12-07', isoWeek: '2026-W50', from: '2026-12-01T06:00:00.000Z', to: '2026-12-08T06:00:00.000Z' });
    expect(digest.statusChanges).toEqual([
      { subject: 'KEY_RESULT', title: 'Followers', objectiveTitle: 'Reach more people', from: 'ON_TRACK', to: 'AT_RISK', on: '2026-12-08' },
      { subject: 'OBJECTIVE', title: 'Reach more people', objectiveTitle: 'Reach more people', from: 'ON_TRACK', to: 'AT_RISK', on: null },
    ]);
    expect(digest.needsAttention).toEqual([{ metric: 'Followers', objectiveTitle: 'Reach more people', status: 'AT_RISK', current: 1500, target: 2000, forecast: { value: 1800, confidence: 0.7 }, realisticTarget: expect.any(Number) }]);
    expect(digest.counts).toEqual({ objectives: 1, keyResults: 1, atRisk: 1 });
  });

  it('sends a week\'s digest once on request and refuses a week not begun', async () => {
    const first = await ws.gql(SEND, { id: planId });
    expect(first.body.data.sendPlanDigest).toEqual({ __typename: 'SendPlanDigestSuccess', isoWeek: '2026-W50', queued: true });
    const job = await harness.deps.queues.planDigest.getJob(`digest-${decodeGlobalID(planId).id}-2026-W50`);
    expect(job?.data).toMatchObject({ workspaceId: ws.workspaceId, planId: decodeGlobalID(planId).id, isoWeek: '2026-W50', weekOf: '2026-12-07' });
    expect((await ws.gql(SEND, { id: planId })).body.data.sendPlanDigest).toMatchObject({ queued: false });

    const future = await ws.gql(SEND, { id: planId, weekOf: '2026-12-21' });
    expect(future.body.data.sendPlanDigest).toEqual({ __typename: 'InputError', issues: [{ field: 'weekOf', rule: 'not-future' }] });
    const claims = await harness.deps.db.selectFrom('plan_digests').select('iso_week').execute();
    expect(claims.map((c) => c.iso_week)).toEqual(['2026-W50']);
  });
});
