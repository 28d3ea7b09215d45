import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, type GatewayHarness } from '../gatewayHarness.ts';
import { checkIn, ok, rowCount, seedPlan, type Workspace } from './planFixture.ts';

let harness: GatewayHarness;
let alice: Workspace;
let bob: Workspace;
let now = new Date('2026-02-01T09:00:00Z');
const setNow = (iso: string) => (now = new Date(iso));

beforeAll(async () => {
  harness = await startGatewayHarness('check-ins', { now: () => now });
  alice = await harness.newWorkspace('Alice & Co');
  bob = await harness.newWorkspace('Bob Ltd');
});
afterAll(async () => harness?.close());

const keyResult = async (ws: Workspace, id: string, args = '') =>
  (await ws.gql(`query($id: ID!) { node(id: $id) { ... on KeyResult { status checkInOverdue ownerId latestCheckIn { confidence note }
    checkIns${args} { edges { cursor node { confidence note createdAt author { kind tokenId } } } pageInfo { hasNextPage endCursor } } } } }`, { id })).body.data.node;

const setOwner = (ws: Workspace, id: string, ownerId: string | null) =>
  ws.gql(`mutation($input: UpdateKeyResultInput!) { updateKeyResult(input: $input) {
    __typename ... on UpdateKeyResultSuccess { keyResult { ownerId ownerAssignedAt } } ... on InputError { issues { field rule } } } }`, { input: { id, ownerId } });

describe('checkIn', () => {
  it('refuses a confidence outside 1..10 and an overlong note, writing nothing', async () => {
    setNow('2026-02-01T09:00:00Z');
    const { keyResultIds } = await seedPlan(alice, 'Refusals');
    const before = { checkIns: await rowCount(harness, 'check_ins'), audit: await rowCount(harness, 'audit_events') };
    for (const confidence of [0, 11, -3]) {
      const res = await checkIn(alice, keyResultIds[0]!, confidence);
      expect(res.body.data.checkIn).toMatchObject({ __typename: 'InputError', issues: [{ field: 'input.confidence', message: expect.stringMatching(/1 to 10/) }] });
    }
    const long = await checkIn(alice, keyResultIds[0]!, 5, 'x'.repeat(2001));
    expect(long.body.data.checkIn).toMatchObject({ __typename: 'InputError', issues: [{ field: 'input.note' }] });
    const foreign = await checkIn(bob, keyResultIds[0]!, 5);
    expect(foreign.body.data.checkIn).toEqual({ __typename: 'NotFoundError', id: keyResultIds[0] });
    expect(await rowCount(harness, 'check_ins')).toBe(before.checkIns);
    expect(await rowCount(harness, 'audit_events')).toBe(before.audit);
    expect((await keyResult(alice, keyResultIds[0]!)).latestCheckIn).toBeNull();
  });

  it('lists check-ins newest first, pages them, and shows the latest beside the computed status', async () => {
    const { keyResultIds } = await seedPlan(alice, 'Listing');
    const id = keyResultIds[0]!;
    const days = ['2026-02-02', '2026-02-09', '2026-02-16'];
    for (const [i, day] of days.entries()) {
      setNow(`${day}T10:00:00Z`);
      const res = ok(await checkIn(alice, id, 4 + i, `week ${i + 1}`), 'checkIn');
      expect(res.checkIn).toMatchObject({ confidence: 4 + i, note: `week ${i + 1}`, createdAt: `${day}T10:00:00.000Z`, author: { kind: 'TOKEN', tokenId: expect.any(String) } });
    }
    // Two in the same instant still come back in the order they were made.
    ok(await checkIn(alice, id, 9, 'same instant'), 'checkIn');

    const first = await keyResult(alice, id, '(first: 2)');
    expect(first.status).toBe('NO_DATA');
    expect(first.latestCheckIn).toEqual({ confidence: 9, note: 'same instant' });
    expect(first.checkIns.edges.map((e: any) => e.node.confidence)).toEqual([9, 6]);
    expect(first.checkIns.pageInfo.hasNextPage).toBe(true);
    const next = await keyResult(alice, id, `(first: 2, after: "${first.checkIns.pageInfo.endCursor}")`);
    expect(next.checkIns.edges.map((e: any) => e.node.note)).toEqual(['week 2', 'week 1']);
    expect(next.checkIns.pageInfo.hasNextPage).toBe(false);
    // Another workspace sees none of it.
    const peek = await bob.gql('query($id: ID!) { node(id: $id) { id } }', { id });
    expect(peek.body.data.node).toBeNull();
    const badCursor = await alice.gql(`query($id: ID!) { node(id: $id) { ... on KeyResult { checkIns(after: "bogus") { edges { cursor } } } } }`, { id });
    expect(badCursor.status).toBeLessThan(500);
    expect(badCursor.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('the overdue flag', () => {
  it('flags an owned key result once its owner has gone the plan\'s number of days without a check-in', async () => {
    setNow('2026-02-01T09:00:00Z');
    const { keyResultIds, planId } = await seedPlan(alice, 'Overdue');
    const id = keyResultIds[0]!;
    const member = await alice.newMember();
    setNow('2026-03-01T12:00:00Z');
    expect((await keyResult(alice, id)).checkInOverdue).toBe(false); // nobody owns it

    expect(ok(await setOwner(alice, id, member), 'updateKeyResult').keyResult).toEqual({ ownerId: member, ownerAssignedAt: '2026-03-01T12:00:00.000Z' });
    setNow('2026-03-08T12:00:00Z');
    expect((await keyResult(alice, id)).checkInOverdue).toBe(false); // exactly 7 days
    setNow('2026-03-08T12:00:01Z');
    expect((await keyResult(alice, id)).checkInOverdue).toBe(true);

    ok(await checkIn(alice, id, 8), 'checkIn');
    expect((await keyResult(alice, id)).checkInOverdue).toBe(false);
    setNow('2026-03-16T12:00:00Z');
    expect((await keyResult(alice, id)).checkInOverdue).toBe(true);

    // A plan that checks in fortnightly.
    const plan = await alice.gql(`mutation($id: ID!) { updatePlan(input: { id: $id, checkInOverdueAfterDays: 14 }) {
      __typename ... on UpdatePlanSuccess { plan { checkInOverdueAfterDays } } } }`, { id: planId });
    expect(ok(plan, 'updatePlan').plan.checkInOverdueAfterDays).toBe(14);
    expect((await keyResult(alice, id)).checkInOverdue).toBe(false);
    const bad = await alice.gql(`mutation($id: ID!) { updatePlan(input: { id: $id, checkInOverdueAfterDays: 0 }) { __typename ... on InputError { issues { field } } } }`, { id: planId });
    expect(bad.body.data.updatePlan).toMatchObject({ __typename: 'InputError', issues: [{ field: 'input.checkInOverdueAfterDays' }] });

    // After the deadline nobody is chased; a new owner starts a fresh count.
    setNow('2026-04-10T12:00:00Z');
    expect((await keyResult(alice, id)).checkInOverdue).toBe(false);
    setNow('2026-03-30T12:00:00Z');
    expect((await keyResult(alice, id)).checkInOverdue).toBe(true);
    ok(await setOwner(alice, id, await alice.newMember()), 'updateKeyResult');
    expect((await keyResult(alice, id)).checkInOverdue).toBe(false);
    ok(await setOwner(alice, id, null), 'updateKeyResult');
    setNow('2026-03-31T23:00:00Z');
    expect((await keyResult(alice, id)).checkInOverdue).toBe(false);
  });

  it('reads the flag for a whole plan at once', async () => {
    setNow('2026-01-10T09:00:00Z');
    const { keyResultIds, planId } = await seedPlan(alice, 'Batch');
    for (const id of keyResultIds) ok(await setOwner(alice, id, await alice.newMember()), 'updateKeyResult');
    setNow('2026-01-20T09:00:00Z');
    ok(await checkIn(alice, keyResultIds[1]!, 3), 'checkIn');
    const plan = await alice.gql(`query($id: ID!) { node(id: $id) { ... on Plan { objectives { keyResults { id checkInOverdue latestCheckIn { confidence } } } } } }`, { id: planId });
    expect(plan.body.data.node.objectives[0].keyResults).toEqual([
      { id: keyResultIds[0], checkInOverdue: true, latestCheckIn: null },
      { id: keyResultIds[1], checkInOverdue: false, latestCheckIn: { confidence: 3 } },
    ]);
  });
});
