import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamsHarness, type Credentials, type TeamsHarness } from '../teams/teamsKit.ts';
import { ok, seedPlan, type Workspace } from './planFixture.ts';

let teams: TeamsHarness;
let now = new Date('2026-02-01T09:00:00Z');
const setNow = (iso: string) => (now = new Date(iso));

beforeAll(async () => {
  teams = await startTeamsHarness('check-in-overdue', { now: () => now });
});
afterAll(async () => teams?.close());

/** Who acts: a fresh session at the test's clock each time (the clock moves by weeks; sessions expire by it). */
type As = () => Promise<Credentials>;

/** A workspace with its owner and two editors, each signed in as themselves. */
async function people(label: string) {
  const owner = await teams.signUp(`owner-${label}@example.com`);
  const sessionOf = (email: string, password: string): As => async () => {
    const answer = await teams.signIn(email, password);
    return { cookie: teams.sessionOf(answer), workspace: owner.workspaceId };
  };
  const asOwner = sessionOf(owner.email, owner.password);
  const join = async (name: string): Promise<{ as: As; memberId: string }> => {
    const email = `${name}-${label}@example.com`;
    const person = await teams.member(await asOwner(), email, 'EDITOR');
    const members = (await teams.gql('{ members { id user { id } } }', {}, await asOwner())).body.data.members as { id: string; user: { id: string } }[];
    return { as: sessionOf(email, 'a long enough passphrase'), memberId: members.find((m) => m.user.id === person.userId)!.id };
  };
  const ws = { gql: async (query: string, variables: Record<string, unknown> = {}) => teams.gql(query, variables, await asOwner()) } as unknown as Workspace;
  return { asOwner, ws, maria: await join('maria'), joan: await join('joan') };
}

const overdue = async (as: As, id: string) =>
  (await teams.gql(`query($id: ID!) { node(id: $id) { ... on KeyResult { checkInOverdue } } }`, { id }, await as())).body.data.node.checkInOverdue as boolean;
const checkIn = async (as: As, keyResultId: string, confidence = 6) =>
  ok(await teams.gql(`mutation($input: CheckInInput!) { checkIn(input: $input) { __typename ... on CheckInSuccess { checkIn { author { kind } } } } }`, { input: { keyResultId, confidence } }, await as()), 'checkIn');
const setOwner = async (as: As, id: string, ownerId: string | null) =>
  ok(await teams.gql(`mutation($input: UpdateKeyResultInput!) { updateKeyResult(input: $input) { __typename ... on UpdateKeyResultSuccess { keyResult { ownerId ownerAssignedAt } } } }`, { input: { id, ownerId } }, await as()), 'updateKeyResult');

describe('the overdue flag counts the owner\'s check-ins only', () => {
  it('flags an owned key result after the plan\'s days without a check-in by its owner, whoever else checks in', async () => {
    setNow('2026-02-01T09:00:00Z');
    const { asOwner, ws, maria, joan } = await people('flag');
    const { keyResultIds, planId } = await seedPlan(ws, 'Overdue');
    const id = keyResultIds[0]!;
    setNow('2026-03-01T12:00:00Z');
    expect(await overdue(asOwner, id)).toBe(false); // nobody owns it
    expect((await setOwner(asOwner, id, maria.memberId)).keyResult).toEqual({ ownerId: maria.memberId, ownerAssignedAt: '2026-03-01T12:00:00.000Z' });

    // No check-in at all: overdue once the configured 7 days have gone by.
    setNow('2026-03-08T12:00:00Z');
    expect(await overdue(asOwner, id)).toBe(false); // exactly 7 days
    setNow('2026-03-08T12:00:01Z');
    expect(await overdue(asOwner, id)).toBe(true);

    // A colleague's, the workspace owner's and a script token's check-ins are not the owner's word.
    expect((await checkIn(joan.as, id)).checkIn.author.kind).toBe('USER');
    await checkIn(asOwner, id);
    const script = await teams.tokenWith(await asOwner(), 'EDITOR');
    expect((await checkIn(async () => ({ token: script.token }), id)).checkIn.author.kind).toBe('TOKEN');
    expect(await overdue(asOwner, id)).toBe(true);

    await checkIn(maria.as, id, 8);
    expect(await overdue(asOwner, id)).toBe(false);
    setNow('2026-03-16T12:00:02Z');
    expect(await overdue(asOwner, id)).toBe(true); // 8 days after Maria's
    ok(await teams.gql(`mutation($id: ID!) { updatePlan(input: { id: $id, checkInOverdueAfterDays: 14 }) { __typename } }`, { id: planId }, await asOwner()), 'updatePlan');
    expect(await overdue(asOwner, id)).toBe(false);

    // A new owner starts a fresh count, and the previous owner's check-ins no longer count for it.
    setNow('2026-03-29T12:00:00Z');
    expect(await overdue(asOwner, id)).toBe(true); // 21 days after Maria's
    await setOwner(asOwner, id, joan.memberId);
    expect(await overdue(asOwner, id)).toBe(false);
    await checkIn(maria.as, id);
    setNow('2026-03-31T23:00:00Z');
    expect(await overdue(asOwner, id)).toBe(false); // 2 days into Joan's count
  });

  it('reads the flag for a whole plan at once, each key result against its own owner', async () => {
    setNow('2026-01-10T09:00:00Z');
    const { asOwner, ws, maria, joan } = await people('batch');
    const { keyResultIds, planId } = await seedPlan(ws, 'Batch');
    await setOwner(asOwner, keyResultIds[0]!, maria.memberId);
    await setOwner(asOwner, keyResultIds[1]!, joan.memberId);
    setNow('2026-01-20T09:00:00Z');
    await checkIn(joan.as, keyResultIds[0]!, 2); // on Maria's key result: not hers
    await checkIn(joan.as, keyResultIds[1]!, 3);
    const plan = await teams.gql(`query($id: ID!) { node(id: $id) { ... on Plan { objectives { keyResults { id checkInOverdue latestCheckIn { confidence } } } } } }`, { id: planId }, await asOwner());
    expect(plan.body.data.node.objectives[0].keyResults).toEqual([
      { id: keyResultIds[0], checkInOverdue: true, latestCheckIn: { confidence: 2 } },
      { id: keyResultIds[1], checkInOverdue: false, latestCheckIn: { confidence: 3 } },
    ]);
  });
});
