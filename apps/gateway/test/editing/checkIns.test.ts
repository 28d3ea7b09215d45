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
