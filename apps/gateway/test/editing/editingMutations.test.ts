import { decodeGlobalID } from '@pothos/plugin-relay';
import { setAccountStatus, updateAccountCredentials } from '@goalpost/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, type GatewayHarness } from '../gatewayHarness.ts';
import { addObjective, auditEntries, checkIn, ok, rowCount, seedPlan, type Workspace } from './planFixture.ts';

let harness: GatewayHarness;
let alice: Workspace;
let bob: Workspace;

beforeAll(async () => {
  harness = await startGatewayHarness('editing');
  alice = await harness.newWorkspace('Alice & Co');
  bob = await harness.newWorkspace('Bob Ltd');
});
afterAll(async () => harness?.close());

const node = async (ws: Workspace, id: string, fields: string) =>
  (await ws.gql(`query($id: ID!) { node(id: $id) { id ${fields} } }`, { id })).body.data?.node ?? null;

/** No evaluation job may come from a refused mutation: the queue is emptied first, so any job would show. */
async function evaluationJobs() {
  const counts = await harness.deps.queues.objectiveEvaluate.getJobCounts();
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
async function emptyEvaluationQueue() {
  await harness.deps.queues.objectiveEvaluate.obliterate({ force: true });
}

const updateGoal = `mutation($input: UpdateBusinessGoalInput!) { updateBusinessGoal(input: $input) {
  __typename ... on UpdateBusinessGoalSuccess { goal { id kind title description } }
  ... on InputError { issues { field rule message } } ... on NotFoundError { id } } }`;
const removeGoal = `mutation($id: ID!) { removeBusinessGoal(id: $id) {
  __typename ... on RemoveBusinessGoalSuccess { removedId outcome goal { id archivedAt } }
  ... on InputError { issues { field rule } } ... on NotFoundError { id } } }`;
const removeObjective = `mutation($id: ID!) { removeObjective(id: $id) {
  __typename ... on RemoveObjectiveSuccess { removedId outcome objective { id archivedAt } }
  ... on InputError { issues { field rule } } ... on NotFoundError { id } } }`;
const updateKeyResult = `mutation($input: UpdateKeyResultInput!) { updateKeyResult(input: $input) {
  __typename ... on UpdateKeyResultSuccess { definitionChanged keyResult { id direction baseline target targetChangePercent weight definitionVersion definitionChangedAt ownerId } }
  ... on InputError { issues { field rule message } } ... on NotFoundError { id } } }`;
const removeKeyResult = `mutation($id: ID!) { removeKeyResult(id: $id) {
  __typename ... on RemoveKeyResultSuccess { removedId outcome keyResult { id archivedAt } }
  ... on InputError { issues { field rule } } ... on NotFoundError { id } } }`;

describe('business goals', () => {
  it('updates kind, title and description; null clears the description', async () => {
    const { goalId } = await seedPlan(alice, 'Goals');
    const res = await alice.gql(updateGoal, { input: { id: goalId, kind: 'REVENUE', title: 'Sell more', description: 'Q1' } });
    expect(ok(res, 'updateBusinessGoal').goal).toEqual({ id: goalId, kind: 'REVENUE', title: 'Sell more', description: 'Q1' });
    const cleared = await alice.gql(updateGoal, { input: { id: goalId, description: null } });
    expect(ok(cleared, 'updateBusinessGoal').goal).toMatchObject({ title: 'Sell more', description: null });
  });

  it('answers NotFoundError for another workspace\'s goal and InputError for an id of another type, changing nothing', async () => {
    const { goalId, planId } = await seedPlan(alice, 'Goals probe');
    const audits = await rowCount(harness, 'audit_events');
    const foreign = await bob.gql(updateGoal, { input: { id: goalId, title: 'Hijacked' } });
    expect(foreign.body.data.updateBusinessGoal).toEqual({ __typename: 'NotFoundError', id: goalId });
    const wrongType = await alice.gql(updateGoal, { input: { id: planId, title: 'x' } });
    expect(wrongType.body.data.updateBusinessGoal).toMatchObject({ __typename: 'InputError', issues: [{ field: 'input.id', rule: 'id:BusinessGoal' }] });
    const removal = await bob.gql(removeGoal, { id: goalId });
    expect(removal.body.data.removeBusinessGoal.__typename).toBe('NotFoundError');
    expect(await node(alice, goalId, '... on BusinessGoal { title archivedAt }')).toMatchObject({ title: 'Be seen', archivedAt: null });
    expect(await rowCount(harness, 'audit_events')).toBe(audits);
  });

  it('refuses an empty title, naming the field and the rule, and writes nothing', async () => {
    const { goalId } = await seedPlan(alice, 'Goals bad');
    const audits = await rowCount(harness, 'audit_events');
    const res = await alice.gql(updateGoal, { input: { id: goalId, title: '   ' } });
    expect(res.body.data.updateBusinessGoal).toMatchObject({ __typename: 'InputError', issues: [{ field: 'input.title' }] });
    expect(await node(alice, goalId, '... on BusinessGoal { title }')).toMatchObject({ title: 'Be seen' });
    expect(await rowCount(harness, 'audit_events')).toBe(audits);
  });

  it('deletes a goal without history, with its objectives and key results', async () => {
    const { goalId, objectiveId, keyResultIds, planId } = await seedPlan(alice, 'Goals delete');
    const res = await alice.gql(removeGoal, { id: goalId });
    expect(ok(res, 'removeBusinessGoal')).toEqual({ __typename: 'RemoveBusinessGoalSuccess', removedId: goalId, outcome: 'DELETED', goal: null });
    for (const id of [goalId, objectiveId, ...keyResultIds]) expect(await node(alice, id, '')).toBeNull();
    const plan = await node(alice, planId, '... on Plan { goals { id } objectives { id } }');
    expect(plan).toMatchObject({ goals: [], objectives: [] });
    const again = await alice.gql(removeGoal, { id: goalId });
    expect(again.body.data.removeBusinessGoal.__typename).toBe('NotFoundError');
  });

  it('archives a goal whose objective has history, deleting what has none beneath it', async () => {
    const { goalId, objectiveId, keyResultIds, planId, accountId } = await seedPlan(alice, 'Goals archive');
    const other = await addObjective(alice, goalId, 'Without history', accountId);
    expect(ok(await checkIn(alice, keyResultIds[0]!, 7), 'checkIn')).toBeTruthy();

    const res = ok(await alice.gql(removeGoal, { id: goalId }), 'removeBusinessGoal');
    expect(res).toMatchObject({ outcome: 'ARCHIVED', goal: { id: goalId } });
    expect(res.goal.archivedAt).not.toBeNull();
    // Kept with its history: the objective and the key result checked in on; gone: what had no history.
    expect(await node(alice, objectiveId, '... on Objective { archivedAt }')).toMatchObject({ archivedAt: expect.any(String) });
    expect(await node(alice, keyResultIds[0]!, '... on KeyResult { archivedAt checkIns { edges { node { confidence } } } }'))
      .toMatchObject({ archivedAt: expect.any(String), checkIns: { edges: [{ node: { confidence: 7 } }] } });
    for (const id of [keyResultIds[1]!, other.objectiveId, other.keyResultId]) expect(await node(alice, id, '')).toBeNull();
    const plan = await node(alice, planId, '... on Plan { goals { id } objectives { id } health { keyResults { count } } }');
    expect(plan).toMatchObject({ goals: [], objectives: [], health: { keyResults: [] } });
    // Removing it again is a no-op.
    expect(ok(await alice.gql(removeGoal, { id: goalId }), 'removeBusinessGoal')).toMatchObject({ outcome: 'ARCHIVED' });
    const addToArchived = await alice.gql(`mutation($goalId: ID!) { addObjective(input: { goalId: $goalId, title: "Late", category: AWARENESS, framework: SMART,
      startsOn: "2026-01-01", deadline: "2026-02-01" }) { __typename ... on InputError { issues { field rule } } } }`, { goalId });
    expect(addToArchived.body.data.addObjective).toMatchObject({ __typename: 'InputError', issues: [{ field: 'input.goalId', rule: 'archived' }] });
  });
});

describe('objectives', () => {
  it('deletes an objective without history, and archives one with history out of the plan, its score and health', async () => {
    const { goalId, objectiveId, keyResultIds, planId, accountId } = await seedPlan(alice, 'Objectives');
    const plain = await addObjective(alice, goalId, 'No history', accountId);
    expect(ok(await alice.gql(removeObjective, { id: plain.objectiveId }), 'removeObjective')).toEqual({
      __typename: 'RemoveObjectiveSuccess', removedId: plain.objectiveId, outcome: 'DELETED', objective: null,
    });
    expect(await node(alice, plain.keyResultId, '')).toBeNull();

    ok(await checkIn(alice, keyResultIds[1]!, 4), 'checkIn');
    const before = await node(alice, planId, '... on Plan { health { keyResults { count } } }');
    expect(before.health.keyResults.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(2);
    const archived = ok(await alice.gql(removeObjective, { id: objectiveId }), 'removeObjective');
    expect(archived).toMatchObject({ outcome: 'ARCHIVED', objective: { id: objectiveId, archivedAt: expect.any(String) } });
    expect(await node(alice, keyResultIds[0]!, '')).toBeNull();
    expect(await node(alice, keyResultIds[1]!, '... on KeyResult { archivedAt }')).toMatchObject({ archivedAt: expect.any(String) });
    expect(await node(alice, planId, '... on Plan { objectives { id } health { keyResults { count } objectives { count } } }'))
      .toMatchObject({ objectives: [], health: { keyResults: [], objectives: [] } });
    const update = await alice.gql(`mutation($id: ID!) { updateObjective(input: { id: $id, title: "Renamed" }) { __typename ... on InputError { issues { field rule } } } }`, { id: objectiveId });
    expect(update.body.data.updateObjective).toMatchObject({ __typename: 'InputError', issues: [{ field: 'input.id', rule: 'archived' }] });
  });

  it('answers NotFoundError for another workspace\'s objective, and keeps it', async () => {
    const { objectiveId } = await seedPlan(alice, 'Objectives probe');
    expect((await bob.gql(removeObjective, { id: objectiveId })).body.data.removeObjective.__typename).toBe('NotFoundError');
    expect(await node(alice, objectiveId, '... on Objective { title }')).toMatchObject({ title: 'Grow the audience' });
  });

  it('sets and clears an objective\'s owner', async () => {
    const { objectiveId } = await seedPlan(alice, 'Owner');
    const member = await alice.newMember();
    const foreign = await alice.gql(`mutation($id: ID!, $owner: ID) { updateObjective(input: { id: $id, ownerId: $owner }) {
      __typename ... on InputError { issues { field rule } } } }`, { id: objectiveId, owner: await bob.newMember() });
    expect(foreign.body.data.updateObjective).toMatchObject({ __typename: 'InputError', issues: [{ field: 'input.ownerId', rule: 'member' }] });
    const set = await alice.gql(`mutation($id: ID!, $owner: ID) { updateObjective(input: { id: $id, ownerId: $owner }) {
      __typename ... on UpdateObjectiveSuccess { objective { ownerId } } ... on InputError { issues { field rule } } } }`, { id: objectiveId, owner: member });
    expect(ok(set, 'updateObjective').objective.ownerId).toBe(member);
    const wrong = await alice.gql(`mutation($id: ID!, $owner: ID) { updateObjective(input: { id: $id, ownerId: $owner }) {
      __typename ... on InputError { issues { field rule } } } }`, { id: objectiveId, owner: objectiveId });
    expect(wrong.body.data.updateObjective).toMatchObject({ __typename: 'InputError', issues: [{ field: 'input.ownerId', rule: 'id:Member' }] });
    const cleared = await alice.gql(`mutation($id: ID!) { updateObjective(input: { id: $id, ownerId: null }) { ... on UpdateObjectiveSuccess { objective { ownerId } } } }`, { id: objectiveId });
    expect(cleared.body.data.updateObjective.objective.ownerId).toBeNull();
  });

  it('reorders a plan\'s objectives, refusing an order that is not a permutation of them', async () => {
    const { planId, goalId, objectiveId, accountId } = await seedPlan(alice, 'Order');
    const second = await addObjective(alice, goalId, 'Second', accountId);
    const third = await addObjective(alice, goalId, 'Third', accountId);
    const order = async () => (await node(alice, planId, '... on Plan { objectives { id position } }')).objectives.map((o: { id: string }) => o.id);
    expect(await order()).toEqual([objectiveId, second.objectiveId, third.objectiveId]);
    const reorder = (objectiveIds: string[]) => alice.gql(`mutation($input: ReorderObjectivesInput!) { reorderObjectives(input: $input) {
      __typename ... on ReorderObjectivesSuccess { plan { objectives { id } } } ... on InputError { issues { field rule } } ... on NotFoundError { id } } }`,
    { input: { planId, objectiveIds } });

    const done = ok(await reorder([third.objectiveId, objectiveId, second.objectiveId]), 'reorderObjectives');
    expect(done.plan.objectives.map((o: { id: string }) => o.id)).toEqual([third.objectiveId, objectiveId, second.objectiveId]);

    const missing = await reorder([objectiveId, second.objectiveId]);
    expect(missing.body.data.reorderObjectives).toMatchObject({ __typename: 'InputError', issues: [{ field: 'input.objectiveIds', rule: 'complete' }] });
    const twice = await reorder([objectiveId, objectiveId, second.objectiveId, third.objectiveId]);
    expect(twice.body.data.reorderObjectives.issues).toContainEqual({ field: 'input.objectiveIds[1]', rule: 'unique' });
    const foreign = (await seedPlan(bob, 'Bob order')).objectiveId;
    const stranger = await reorder([objectiveId, second.objectiveId, third.objectiveId, foreign]);
    expect(stranger.body.data.reorderObjectives.issues).toContainEqual({ field: 'input.objectiveIds[3]', rule: 'member' });
    expect(await order()).toEqual([third.objectiveId, objectiveId, second.objectiveId]);
  });
});

describe('key results', () => {
  it('changes the target: the definition version moves on, the target resolves, and the plan is re-evaluated', async () => {
    const { keyResultIds } = await seedPlan(alice, 'KR update');
    await emptyEvaluationQueue();
    const res = ok(await alice.gql(updateKeyResult, { input: { id: keyResultIds[0], target: 1500 } }), 'updateKeyResult');
    expect(res).toMatchObject({ definitionChanged: true, keyResult: { baseline: 1000, target: 1500, definitionVersion: 2, definitionChangedAt: expect.any(String) } });
    expect(await evaluationJobs()).toBe(1);

    // A relative target replaces the absolute one and is resolved against the baseline at once.
    const relative = ok(await alice.gql(updateKeyResult, { input: { id: keyResultIds[0], targetChangePercent: 20, direction: 'INCREASE' } }), 'updateKeyResult');
    expect(relative.keyResult).toMatchObject({ target: 1200, targetChangePercent: 20, definitionVersion: 3 });

    // Weight alone is no definition change.
    const weight = ok(await alice.gql(updateKeyResult, { input: { id: keyResultIds[0], weight: 2 } }), 'updateKeyResult');
    expect(weight).toMatchObject({ definitionChanged: false, keyResult: { weight: 2, definitionVersion: 3 } });
  });

  it('refuses bad changes by the rules of KeyResultInput, writing nothing and queueing nothing', async () => {
    const { keyResultIds } = await seedPlan(alice, 'KR bad');
    const bobs = await seedPlan(bob, 'Bob KR');
    await emptyEvaluationQueue();
    const audits = await rowCount(harness, 'audit_events');
    const refused = async (input: Record<string, unknown>) => (await alice.gql(updateKeyResult, { input: { id: keyResultIds[0], ...input } })).body.data.updateKeyResult;

    expect(await refused({ target: 1200, targetChangePercent: 10 })).toMatchObject({ __typename: 'InputError', issues: [{ field: 'input.targetChangePercent', rule: 'exclusive:target' }] });
    expect(await refused({ metric: 'likes_per_moon' })).toMatchObject({ __typename: 'InputError', issues: [{ field: 'input.metric', rule: 'catalog' }] });
    expect(await refused({ weight: 0 })).toMatchObject({ __typename: 'InputError', issues: [{ field: 'input.weight' }] });
    expect(await refused({ accountId: null, platform: null })).toMatchObject({ __typename: 'InputError', issues: [{ field: 'input.accountId', rule: 'scope' }] });
    expect(await refused({ accountId: bobs.accountId })).toMatchObject({ __typename: 'InputError', issues: [{ field: 'input.accountId', rule: 'exists' }] });
    const foreign = await bob.gql(updateKeyResult, { input: { id: keyResultIds[0], target: 1 } });
    expect(foreign.body.data.updateKeyResult).toEqual({ __typename: 'NotFoundError', id: keyResultIds[0] });

    expect(await node(alice, keyResultIds[0]!, '... on KeyResult { target definitionVersion metric }')).toMatchObject({ target: 2000, definitionVersion: 1, metric: 'followers' });
    expect(await rowCount(harness, 'audit_events')).toBe(audits);
    expect(await evaluationJobs()).toBe(0);
    // An update with nothing new changes nothing either.
    expect(ok(await alice.gql(updateKeyResult, { input: { id: keyResultIds[0], target: 2000 } }), 'updateKeyResult')).toMatchObject({ definitionChanged: false });
    expect(await rowCount(harness, 'audit_events')).toBe(audits);
    expect(await evaluationJobs()).toBe(0);
  });

  it('deletes a key result without history and archives one with check-ins, which then takes no more changes', async () => {
    const { keyResultIds, objectiveId } = await seedPlan(alice, 'KR remove');
    expect(ok(await alice.gql(removeKeyResult, { id: keyResultIds[1] }), 'removeKeyResult')).toEqual({
      __typename: 'RemoveKeyResultSuccess', removedId: keyResultIds[1], outcome: 'DELETED', keyResult: null,
    });
    expect(await node(alice, keyResultIds[1]!, '')).toBeNull();

    ok(await checkIn(alice, keyResultIds[0]!, 6, 'Looks fine'), 'checkIn');
    const archived = ok(await alice.gql(removeKeyResult, { id: keyResultIds[0] }), 'removeKeyResult');
    expect(archived).toMatchObject({ outcome: 'ARCHIVED', keyResult: { id: keyResultIds[0], archivedAt: expect.any(String) } });
    expect(await node(alice, objectiveId, '... on Objective { keyResults { id } }')).toEqual({ id: objectiveId, keyResults: [] });
    const change = await alice.gql(updateKeyResult, { input: { id: keyResultIds[0], target: 5 } });
    expect(change.body.data.updateKeyResult).toMatchObject({ __typename: 'InputError', issues: [{ field: 'input.id', rule: 'archived' }] });
    const late = await checkIn(alice, keyResultIds[0]!, 5);
    expect(late.body.data.checkIn).toMatchObject({ __typename: 'InputError', issues: [{ field: 'input.keyResultId', rule: 'archived' }] });
    expect((await bob.gql(removeKeyResult, { id: keyResultIds[0] })).body.data.removeKeyResult.__typename).toBe('NotFoundError');
  });

  it('reorders an objective\'s key results and refuses an incomplete order', async () => {
    const { keyResultIds, objectiveId } = await seedPlan(alice, 'KR order');
    const reorder = (ids: string[]) => alice.gql(`mutation($input: ReorderKeyResultsInput!) { reorderKeyResults(input: $input) {
      __typename ... on ReorderKeyResultsSuccess { objective { keyResults { id position } } } ... on InputError { issues { field rule } } } }`,
    { input: { objectiveId, keyResultIds: ids } });
    const done = ok(await reorder([keyResultIds[1]!, keyResultIds[0]!]), 'reorderKeyResults');
    expect(done.objective.keyResults).toEqual([{ id: keyResultIds[1], position: 0 }, { id: keyResultIds[0], position: 1 }]);
    const incomplete = await reorder([keyResultIds[0]!]);
    expect(incomplete.body.data.reorderKeyResults).toMatchObject({ __typename: 'InputError', issues: [{ field: 'input.keyResultIds', rule: 'complete' }] });
    expect((await node(alice, objectiveId, '... on Objective { keyResults { id } }')).keyResults.map((k: { id: string }) => k.id)).toEqual([keyResultIds[1], keyResultIds[0]]);
    // A key result added later goes last.
    const added = ok(await alice.gql(`mutation($objectiveId: ID!) { addKeyResult(input: { objectiveId: $objectiveId, keyResult: { metric: "reach", platform: INSTAGRAM, direction: INCREASE, target: 9 } }) {
      __typename ... on AddKeyResultSuccess { keyResult { id position } } } }`, { objectiveId }), 'addKeyResult');
    expect(added.keyResult.position).toBe(2);
  });
});

describe('themes and content items', () => {
  async function themeWithItem(ws: Workspace, name: string) {
    const { objectiveId, planId } = await seedPlan(ws, name);
    const theme = ok(await ws.gql(`mutation($objectiveId: ID!) { addTheme(input: { objectiveId: $objectiveId, title: "Behind the scenes" }) {
      __typename ... on AddThemeSuccess { theme { id } } } }`, { objectiveId }), 'addTheme');
    const item = async (title: string) => ok(await ws.gql(`mutation($themeId: ID!, $title: String!) { addContentItem(input: { themeId: $themeId, title: $title }) {
      __typename ... on AddContentItemSuccess { contentItem { id } } } }`, { themeId: theme.theme.id, title }), 'addContentItem').contentItem.id as string;
    return { planId, objectiveId, themeId: theme.theme.id as string, first: await item('Reel 1'), second: await item('Reel 2') };
  }
  const updateTheme = `mutation($input: UpdateThemeInput!) { updateTheme(input: $input) {
    __typename ... on UpdateThemeSuccess { theme { id title description } } ... on InputError { issues { field rule } } ... on NotFoundError { id } } }`;
  const updateItem = `mutation($input: UpdateContentItemInput!) { updateContentItem(input: $input) {
    __typename ... on UpdateContentItemSuccess { contentItem { id title url publishedOn } } ... on InputError { issues { field rule } } ... on NotFoundError { id } } }`;
  const removeTheme = `mutation($id: ID!) { removeTheme(id: $id) { __typename ... on RemoveThemeSuccess { outcome theme { archivedAt } } ... on NotFoundError { id } } }`;
  const removeItem = `mutation($id: ID!) { removeContentItem(id: $id) { __typename ... on RemoveContentItemSuccess { outcome contentItem { archivedAt } } ... on NotFoundError { id } } }`;

  it('updates a theme and a content item; refuses bad input and other workspaces', async () => {
    const { themeId, first } = await themeWithItem(alice, 'Themes');
    expect(ok(await alice.gql(updateTheme, { input: { id: themeId, title: 'Backstage', description: 'People at work' } }), 'updateTheme').theme)
      .toEqual({ id: themeId, title: 'Backstage', description: 'People at work' });
    expect(ok(await alice.gql(updateItem, { input: { id: first, url: 'https://instagram.com/p/1', publishedOn: '2026-01-10' } }), 'updateContentItem').contentItem)
      .toEqual({ id: first, title: 'Reel 1', url: 'https://instagram.com/p/1', publishedOn: '2026-01-10' });

    const audits = await rowCount(harness, 'audit_events');
    expect((await alice.gql(updateItem, { input: { id: first, url: 'not a url' } })).body.data.updateContentItem).toMatchObject({ __typename: 'InputError', issues: [{ field: 'input.url' }] });
    expect((await alice.gql(updateTheme, { input: { id: themeId, title: '' } })).body.data.updateTheme).toMatchObject({ __typename: 'InputError', issues: [{ field: 'input.title' }] });
    expect((await bob.gql(updateTheme, { input: { id: themeId, title: 'Mine' } })).body.data.updateTheme).toEqual({ __typename: 'NotFoundError', id: themeId });
    expect((await bob.gql(removeItem, { id: first })).body.data.removeContentItem.__typename).toBe('NotFoundError');
    expect(await rowCount(harness, 'audit_events')).toBe(audits);
    expect(await node(alice, first, '... on ContentItem { url }')).toMatchObject({ url: 'https://instagram.com/p/1' });
  });

  it('archives content with results (out of the theme\'s results) and deletes content without; a theme follows its content', async () => {
    const { themeId, first, second } = await themeWithItem(alice, 'Content');
    ok(await alice.gql(`mutation($id: ID!) { recordContentResults(input: { contentItemId: $id, results: [{ metric: "reach", value: 500 }] }) {
      __typename ... on RecordContentResultsSuccess { contentItem { id } } } }`, { id: first }), 'recordContentResults');
    const results = async () => (await node(alice, themeId, '... on Theme { contentItems { id } results { metric value } }'));
    expect((await results()).results).toContainEqual({ metric: 'reach', value: 500 });

    expect(ok(await alice.gql(removeItem, { id: second }), 'removeContentItem')).toMatchObject({ outcome: 'DELETED', contentItem: null });
    expect(ok(await alice.gql(removeItem, { id: first }), 'removeContentItem')).toMatchObject({ outcome: 'ARCHIVED', contentItem: { archivedAt: expect.any(String) } });
    const after = await results();
    expect(after.contentItems).toEqual([]);
    expect(after.results).not.toContainEqual({ metric: 'reach', value: 500 });
    // The theme keeps an archived item with results: it is archived, not deleted.
    expect(ok(await alice.gql(removeTheme, { id: themeId }), 'removeTheme')).toMatchObject({ outcome: 'ARCHIVED', theme: { archivedAt: expect.any(String) } });

    const bare = await themeWithItem(alice, 'Bare theme');
    expect(ok(await alice.gql(removeTheme, { id: bare.themeId }), 'removeTheme')).toMatchObject({ outcome: 'DELETED', theme: null });
    for (const id of [bare.themeId, bare.first, bare.second]) expect(await node(alice, id, '')).toBeNull();
    expect(await node(alice, bare.objectiveId, '... on Objective { themes { id } }')).toMatchObject({ themes: [] });
  });
});

describe('disconnectAccount', () => {
  const disconnect = `mutation($id: ID!) { disconnectAccount(id: $id) {
    __typename ... on DisconnectAccountSuccess { account { id status } } ... on NotFoundError { id } ... on InputError { issues { field rule } } } }`;

  it('wipes the credentials, keeps the history, and flags the key results reading the account', async () => {
    const { accountId, keyResultIds } = await seedPlan(alice, 'Disconnect');
    const recorded = await alice.gql(`mutation($id: ID!) { recordMetrics(input: { accountId: $id, points: [{ metric: "followers", at: "2026-01-05", value: 1010 }] }) {
      __typename ... on RecordMetricsSuccess { written } } }`, { id: accountId });
    expect(ok(recorded, 'recordMetrics').written).toBe(1);
    // Stand in for a token stored by a connector: the point is that it is gone afterwards.
    const rowId = decodeGlobalID(accountId).id;
    await sql`update social_accounts set credentials = '{"sealed":"opaque"}'::jsonb where id = ${rowId}`.execute(harness.deps.db);
    const flags = `... on KeyResult { sourceDisconnected disconnectedAccounts { id } }`;
    expect(await node(alice, keyResultIds[0]!, flags)).toMatchObject({ sourceDisconnected: false, disconnectedAccounts: [] });

    expect(ok(await alice.gql(disconnect, { id: accountId }), 'disconnectAccount').account).toEqual({ id: accountId, status: 'DISCONNECTED' });
    const stored = await sql<{ credentials: unknown; points: string }>`select credentials, (select count(*) from metric_points where account_id = ${rowId}) as points
      from social_accounts where id = ${rowId}`.execute(harness.deps.db);
    expect(stored.rows[0]).toEqual({ credentials: null, points: 1 });
    expect(await node(alice, keyResultIds[0]!, flags)).toMatchObject({ sourceDisconnected: true, disconnectedAccounts: [{ id: accountId }] });
    expect(await node(alice, accountId, '... on SocialAccount { audit(asOf: "2026-01-06") { metric current } }'))
      .toMatchObject({ audit: [{ metric: 'followers', current: 1010 }] });

    // What a fetch already in flight would do with its verdict and a refreshed token: neither undoes the disconnection.
    await setAccountStatus(harness.deps.db, alice.workspaceId, rowId, 'NEEDS_REAUTH');
    await updateAccountCredentials(harness.deps.db, alice.workspaceId, rowId, { sealed: 'refreshed' });
    expect((await sql<{ status: string; credentials: unknown }>`select status, credentials from social_accounts where id = ${rowId}`.execute(harness.deps.db)).rows[0])
      .toEqual({ status: 'DISCONNECTED', credentials: null });
    const refresh = await alice.gql(`mutation($id: ID!) { refreshAccount(id: $id) { __typename ... on InputError { issues { field rule } } } }`, { id: accountId });
    expect(refresh.body.data.refreshAccount).toMatchObject({ __typename: 'InputError', issues: [{ field: 'id', rule: 'disconnected' }] });

    // Again: nothing more to do, nothing more recorded.
    const audits = await rowCount(harness, 'audit_events');
    expect(ok(await alice.gql(disconnect, { id: accountId }), 'disconnectAccount').account.status).toBe('DISCONNECTED');
    expect(await rowCount(harness, 'audit_events')).toBe(audits);
    // connectAccount connects it again, history intact.
    const again = ok(await alice.gql(`mutation { connectAccount(input: { platform: INSTAGRAM, handle: "@disconnect", source: MANUAL }) {
      __typename ... on ConnectAccountSuccess { account { id status } } } }`), 'connectAccount');
    expect(again.account).toEqual({ id: accountId, status: 'ACTIVE' });
  });

  it('answers NotFoundError for another workspace\'s account and InputError for a bad id', async () => {
    const { accountId } = await seedPlan(alice, 'Disconnect probe');
    expect((await bob.gql(disconnect, { id: accountId })).body.data.disconnectAccount).toEqual({ __typename: 'NotFoundError', id: accountId });
    expect((await alice.gql(disconnect, { id: 'nope' })).body.data.disconnectAccount).toMatchObject({ __typename: 'InputError', issues: [{ field: 'id', rule: 'id:SocialAccount' }] });
    expect(await node(alice, accountId, '... on SocialAccount { status }')).toMatchObject({ status: 'ACTIVE' });
    const audit = await auditEntries(alice, { first: 5 });
    expect(audit.find((e) => e.action === 'disconnectAccount' && e.entityId === accountId)).toBeUndefined();
  });
});
