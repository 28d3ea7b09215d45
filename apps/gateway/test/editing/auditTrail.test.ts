import { insertAlertOnce } from '@goalpost/db';
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, type GatewayHarness } from '../gatewayHarness.ts';
import { auditEntries, checkIn, ok, rowCount, seedPlan, type Workspace } from './planFixture.ts';

let harness: GatewayHarness;
let alice: Workspace;
let bob: Workspace;
let aliceToken: string;
const now = new Date('2026-02-01T09:00:00Z');

beforeAll(async () => {
  harness = await startGatewayHarness('audit', { now: () => now, connections: { credentialKeys: [{ id: 'k1', key: Buffer.alloc(32, 7) }] } });
  alice = await harness.newWorkspace('Alice & Co');
  bob = await harness.newWorkspace('Bob Ltd');
  const token = await sql<{ id: string }>`select id from api_tokens where workspace_id = ${alice.workspaceId}`.execute(harness.deps.db);
  aliceToken = encodeGlobalID('ApiToken', token.rows[0]!.id);
});
afterAll(async () => harness?.close());

/** The newest entry, after checking every entry carries who and when. */
async function newest(ws: Workspace = alice, count = 1) {
  const entries = (await auditEntries(ws, { first: count })).slice(0, count);
  for (const e of entries) expect(e).toMatchObject({ at: now.toISOString(), actor: { kind: 'TOKEN', tokenId: ws === alice ? aliceToken : expect.any(String), userId: null } });
  return count === 1 ? entries[0] : entries;
}

const id = (gid: string) => decodeGlobalID(gid).id;

describe('the audit trail', () => {
  it('records every mutation of a plan\'s life with the state before and after', async () => {
    const { planId, goalId, objectiveId, accountId, keyResultIds } = await seedPlan(alice, 'Audited');
    // seedPlan ran createPlan, addBusinessGoal, connectAccount and addObjective (with two key results).
    const seeded = await auditEntries(alice, { first: 6 });
    expect(seeded.map((e) => [e.action, e.entity, e.change])).toEqual([
      ['addObjective', 'KeyResult', 'CREATED'],
      ['addObjective', 'KeyResult', 'CREATED'],
      ['addObjective', 'Objective', 'CREATED'],
      ['connectAccount', 'SocialAccount', 'CREATED'],
      ['addBusinessGoal', 'BusinessGoal', 'CREATED'],
      ['createPlan', 'Plan', 'CREATED'],
    ]);
    expect(seeded[5]).toMatchObject({ entityId: planId, planId, before: null, after: { id: planId, name: 'Audited', startsOn: '2026-01-01', endsOn: '2026-06-30', status: 'ACTIVE' } });
    expect(seeded[2]).toMatchObject({ entityId: objectiveId, after: { goalId, planId, title: 'Grow the audience', framework: 'SMART' } });
    expect(seeded[2].after).not.toHaveProperty('workspaceId');
    expect(seeded[0].after).toMatchObject({ objectiveId, accountId, metric: expect.any(String) });
    expect(seeded[3]).toMatchObject({ planId: null, after: { id: accountId, handle: '@audited', hasCredentials: false } });

    ok(await alice.gql(`mutation($id: ID!) { updatePlan(input: { id: $id, name: "Audited plan", thresholds: { atRiskTolerance: 0.2 } }) { __typename } }`, { id: planId }), 'updatePlan');
    const updatePlan = await newest();
    expect(updatePlan).toMatchObject({ action: 'updatePlan', change: 'UPDATED', before: { name: 'Audited' }, after: { name: 'Audited plan', settings: { thresholds: { atRiskTolerance: 0.2 } } } });

    ok(await alice.gql(`mutation($id: ID!) { updateBusinessGoal(input: { id: $id, title: "Be seen more" }) { __typename } }`, { id: goalId }), 'updateBusinessGoal');
    expect(await newest()).toMatchObject({ action: 'updateBusinessGoal', entity: 'BusinessGoal', entityId: goalId, planId, before: { title: 'Be seen' }, after: { title: 'Be seen more' } });

    ok(await alice.gql(`mutation($id: ID!) { updateObjective(input: { id: $id, deadline: "2026-05-01", budget: { amount: 500, currency: "EUR" } }) { __typename } }`, { id: objectiveId }), 'updateObjective');
    const [bumpB, bumpA, objectiveUpdate] = await newest(alice, 3);
    expect(objectiveUpdate).toMatchObject({ action: 'updateObjective', entity: 'Objective', before: { deadline: '2026-04-01', budgetAmount: null }, after: { deadline: '2026-05-01', budgetAmount: 500 } });
    // Moving the dates changes what every key result measures: each is recorded as a new definition.
    expect([bumpA, bumpB].map((e) => [e.entity, e.entityId, e.before, e.after.definitionVersion])).toEqual([
      ['KeyResult', keyResultIds[0], { definitionVersion: 1 }, 2],
      ['KeyResult', keyResultIds[1], { definitionVersion: 1 }, 2],
    ]);

    ok(await alice.gql(`mutation($id: ID!) { updateKeyResult(input: { id: $id, target: 1800 }) { __typename } }`, { id: keyResultIds[0] }), 'updateKeyResult');
    expect(await newest()).toMatchObject({ action: 'updateKeyResult', entity: 'KeyResult', entityId: keyResultIds[0], before: { target: 2000, definitionVersion: 2 }, after: { target: 1800, definitionVersion: 3 } });

    const added = ok(await alice.gql(`mutation($id: ID!) { addKeyResult(input: { objectiveId: $id, keyResult: { metric: "reach", platform: INSTAGRAM, direction: INCREASE, target: 10 } }) {
      __typename ... on AddKeyResultSuccess { keyResult { id } } } }`, { id: objectiveId }), 'addKeyResult');
    expect(await newest()).toMatchObject({ action: 'addKeyResult', change: 'CREATED', entityId: added.keyResult.id, before: null, after: { platform: 'INSTAGRAM', target: 10 } });

    const order = [added.keyResult.id, keyResultIds[1], keyResultIds[0]];
    ok(await alice.gql(`mutation($input: ReorderKeyResultsInput!) { reorderKeyResults(input: $input) { __typename } }`, { input: { objectiveId, keyResultIds: order } }), 'reorderKeyResults');
    expect(await newest()).toMatchObject({ action: 'reorderKeyResults', entity: 'Objective', before: { keyResultIds: [keyResultIds[0], keyResultIds[1], added.keyResult.id] }, after: { keyResultIds: order } });

    ok(await alice.gql(`mutation($input: ReorderObjectivesInput!) { reorderObjectives(input: $input) { __typename } }`, { input: { planId, objectiveIds: [objectiveId] } }), 'reorderObjectives');
    expect(await newest()).toMatchObject({ action: 'reorderObjectives', entity: 'Plan', entityId: planId, after: { objectiveIds: [objectiveId] } });

    ok(await checkIn(alice, keyResultIds[1]!, 6, 'On its way'), 'checkIn');
    expect(await newest()).toMatchObject({ action: 'checkIn', entity: 'CheckIn', change: 'CREATED', planId, after: { keyResultId: keyResultIds[1], confidence: 6, note: 'On its way', authorTokenId: aliceToken } });

    const theme = ok(await alice.gql(`mutation($id: ID!) { addTheme(input: { objectiveId: $id, title: "UGC" }) { __typename ... on AddThemeSuccess { theme { id } } } }`, { id: objectiveId }), 'addTheme').theme.id;
    expect(await newest()).toMatchObject({ action: 'addTheme', entity: 'Theme', entityId: theme, after: { title: 'UGC', objectiveId } });
    ok(await alice.gql(`mutation($id: ID!) { updateTheme(input: { id: $id, description: "Customers' photos" }) { __typename } }`, { id: theme }), 'updateTheme');
    expect(await newest()).toMatchObject({ action: 'updateTheme', before: { description: null }, after: { description: "Customers' photos" } });
    const item = ok(await alice.gql(`mutation($id: ID!) { addContentItem(input: { themeId: $id, title: "Post" }) { __typename ... on AddContentItemSuccess { contentItem { id } } } }`, { id: theme }), 'addContentItem').contentItem.id;
    expect(await newest()).toMatchObject({ action: 'addContentItem', entity: 'ContentItem', entityId: item, after: { themeId: theme, title: 'Post' } });
    ok(await alice.gql(`mutation($id: ID!) { updateContentItem(input: { id: $id, publishedOn: "2026-01-15" }) { __typename } }`, { id: item }), 'updateContentItem');
    expect(await newest()).toMatchObject({ action: 'updateContentItem', before: { publishedOn: null }, after: { publishedOn: '2026-01-15' } });
    ok(await alice.gql(`mutation($id: ID!) { recordContentResults(input: { contentItemId: $id, results: [{ metric: "reach", value: 80 }] }) { __typename } }`, { id: item }), 'recordContentResults');
    expect(await newest()).toMatchObject({ action: 'recordContentResults', before: { results: {} }, after: { results: { reach: 80 } } });
    ok(await alice.gql(`mutation($id: ID!) { removeContentItem(id: $id) { __typename } }`, { id: item }), 'removeContentItem');
    expect(await newest()).toMatchObject({ action: 'removeContentItem', change: 'ARCHIVED', before: { archivedAt: null }, after: { archivedAt: now.toISOString() } });
    ok(await alice.gql(`mutation($id: ID!) { removeTheme(id: $id) { __typename } }`, { id: theme }), 'removeTheme');
    expect(await newest()).toMatchObject({ action: 'removeTheme', entity: 'Theme', change: 'ARCHIVED' });

    ok(await alice.gql(`mutation($id: ID!) { removeKeyResult(id: $id) { __typename } }`, { id: added.keyResult.id }), 'removeKeyResult');
    expect(await newest()).toMatchObject({ action: 'removeKeyResult', change: 'DELETED', entityId: added.keyResult.id, before: { target: 10 }, after: null });

    // Removing the goal removes what is beneath it, each recorded under the goal's removal, children first.
    ok(await alice.gql(`mutation($id: ID!) { removeBusinessGoal(id: $id) { __typename } }`, { id: goalId }), 'removeBusinessGoal');
    const removal = await newest(alice, 4);
    expect(removal.map((e: any) => [e.action, e.entity, e.entityId, e.change])).toEqual([
      ['removeBusinessGoal', 'BusinessGoal', goalId, 'ARCHIVED'],
      ['removeBusinessGoal', 'Objective', objectiveId, 'ARCHIVED'],
      // In the objective's order (reordered above): the one checked in on was removed first, and kept.
      ['removeBusinessGoal', 'KeyResult', keyResultIds[0], 'DELETED'],
      ['removeBusinessGoal', 'KeyResult', keyResultIds[1], 'ARCHIVED'],
    ]);

    ok(await alice.gql(`mutation($id: ID!) { archivePlan(id: $id) { __typename } }`, { id: planId }), 'archivePlan');
    expect(await newest()).toMatchObject({ action: 'archivePlan', change: 'ARCHIVED', before: { status: 'ACTIVE' }, after: { status: 'ARCHIVED' } });
  });

  it('records removeObjective, alerts, points and account changes, and never a secret', async () => {
    const { planId, objectiveId, accountId } = await seedPlan(alice, 'Secrets');
    ok(await alice.gql(`mutation($id: ID!) { removeObjective(id: $id) { __typename } }`, { id: objectiveId }), 'removeObjective');
    expect(await newest()).toMatchObject({ action: 'removeObjective', entity: 'Objective', change: 'DELETED', entityId: objectiveId, after: null });

    ok(await alice.gql(`mutation($id: ID!) { recordMetrics(input: { accountId: $id, points: [{ metric: "followers", at: "2026-01-02", value: 5 }, { metric: "reach", at: "2026-01-03", value: 9 }] }) { __typename } }`, { id: accountId }), 'recordMetrics');
    expect(await newest()).toMatchObject({ action: 'recordMetrics', entity: 'SocialAccount', entityId: accountId, planId: null,
      after: { metricPoints: { source: 'MANUAL', received: 2, written: 2, metrics: ['followers', 'reach'], from: '2026-01-02', to: '2026-01-03' } } });

    const form = new FormData();
    form.set('operations', JSON.stringify({ query: 'mutation($input: ImportMetricsInput!) { importMetrics(input: $input) { __typename } }', variables: { input: { accountId, file: null } } }));
    form.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
    form.set('0', new File(['date,metric,value\n2026-01-04,followers,7\n'], 'points.csv', { type: 'text/csv' }));
    const upload = await harness.gateway.fetch('http://gateway.test/graphql', { method: 'POST', headers: { authorization: `Bearer ${alice.token}` }, body: form });
    expect(((await upload.json()) as any).data.importMetrics.__typename).toBe('ImportMetricsSuccess');
    expect(await newest()).toMatchObject({ action: 'importMetrics', after: { metricPoints: { source: 'IMPORT', received: 1, written: 1 } } });

    const alert = await insertAlertOnce(harness.deps.db, alice.workspaceId, {
      planId: id(planId), objectiveId: null, keyResultId: null, accountId: null, kind: 'OFF_TRACK', severity: 'WARNING', message: 'Off track', dedupKey: 'audit-test',
    });
    const alertId = encodeGlobalID('Alert', alert!.id);
    ok(await alice.gql(`mutation($id: ID!) { acknowledgeAlert(id: $id) { __typename } }`, { id: alertId }), 'acknowledgeAlert');
    expect(await newest()).toMatchObject({ action: 'acknowledgeAlert', entity: 'Alert', entityId: alertId, planId, before: { state: 'OPEN' }, after: { state: 'ACKNOWLEDGED' } });
    ok(await alice.gql(`mutation($id: ID!) { resolveAlert(id: $id) { __typename } }`, { id: alertId }), 'resolveAlert');
    expect(await newest()).toMatchObject({ action: 'resolveAlert', before: { state: 'ACKNOWLEDGED' }, after: { state: 'RESOLVED' } });

    const connected = ok(await alice.gql(`mutation { connectAccount(input: { platform: X, handle: "@secretive", source: CONNECTOR, credentials: { accessToken: "x-access-token-do-not-log", refreshToken: "x-refresh-do-not-log" } }) {
      __typename ... on ConnectAccountSuccess { account { id } } ... on InputError { issues { field rule message } } } }`), 'connectAccount');
    const xAccount = connected.account.id as string;
    expect(await newest()).toMatchObject({ action: 'connectAccount', entityId: xAccount, after: { hasCredentials: true, status: 'ACTIVE' } });
    ok(await alice.gql(`mutation($id: ID!) { disconnectAccount(id: $id) { __typename } }`, { id: xAccount }), 'disconnectAccount');
    expect(await newest()).toMatchObject({ action: 'disconnectAccount', before: { hasCredentials: true, status: 'ACTIVE' }, after: { hasCredentials: false, status: 'DISCONNECTED' } });

    const rotated = ok(await alice.gql('mutation { rotateIngestSecret { __typename ... on RotateIngestSecretSuccess { secret } } }'), 'rotateIngestSecret');
    expect(await newest()).toMatchObject({ action: 'rotateIngestSecret', entity: 'Workspace', entityId: encodeGlobalID('Workspace', alice.workspaceId), before: { ingestSecretRotatedAt: null },
      after: { ingestSecretRotatedAt: expect.any(String) } });

    const everything = JSON.stringify(await auditEntries(alice));
    const sealed = (await sql<{ credentials: unknown }>`select credentials from social_accounts where handle = '@secretive'`.execute(harness.deps.db)).rows[0];
    expect(sealed).toEqual({ credentials: null });
    for (const secret of ['x-access-token-do-not-log', 'x-refresh-do-not-log', rotated.secret, alice.token]) expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/"credentials"|ingestSecret"/);
  });

  it('reads per plan and per workspace, newest first in pages, and never across workspaces', async () => {
    const a = await seedPlan(alice, 'Plan A', '@plan-a');
    const b = await seedPlan(alice, 'Plan B', '@plan-b');
    const ofA = await auditEntries(alice, { planId: a.planId });
    expect(ofA.length).toBeGreaterThanOrEqual(5);
    expect(ofA.every((e) => e.planId === a.planId)).toBe(true);
    const ofWorkspace = await auditEntries(alice);
    expect(ofWorkspace.some((e) => e.planId === b.planId) && ofWorkspace.some((e) => e.planId === null)).toBe(true);

    const page = async (after?: string) => (await alice.gql(`query($after: String) { auditLog(first: 3, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`, { after: after ?? null })).body.data.auditLog;
    const first = await page();
    const second = await page(first.pageInfo.endCursor);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect([...first.edges, ...second.edges].map((e: any) => e.node.id)).toEqual(ofWorkspace.slice(0, 6).map((e) => e.id));

    const bobs = await auditEntries(bob);
    expect(bobs.map((e) => e.id)).not.toEqual(expect.arrayContaining([ofWorkspace[0].id]));
    const probe = await bob.gql('query($planId: ID) { auditLog(planId: $planId) { edges { node { id } } } }', { planId: a.planId });
    expect(probe.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(probe.status).toBeLessThan(500);
  });

  it('writes no entry for a refused change', async () => {
    const { planId, keyResultIds } = await seedPlan(alice, 'Refused');
    const before = await rowCount(harness, 'audit_events');
    await alice.gql(`mutation { createPlan(input: { name: "Backwards", startsOn: "2026-12-31", endsOn: "2026-01-01" }) { __typename } }`);
    await alice.gql(`mutation($id: ID!) { updatePlan(input: { id: $id, endsOn: "2025-01-01" }) { __typename } }`, { id: planId });
    await alice.gql(`mutation($id: ID!) { updateKeyResult(input: { id: $id, weight: -1 }) { __typename } }`, { id: keyResultIds[0] });
    await checkIn(alice, keyResultIds[0]!, 0);
    await bob.gql(`mutation($id: ID!) { removeKeyResult(id: $id) { __typename } }`, { id: keyResultIds[0] });
    expect(await rowCount(harness, 'audit_events')).toBe(before);
  });

  it('cannot be edited: the database refuses UPDATE, DELETE and TRUNCATE of entries, and the API has no way to', async () => {
    await seedPlan(alice, 'Immutable');
    const before = await rowCount(harness, 'audit_events');
    expect(before).toBeGreaterThan(0);
    await expect(sql`update audit_events set action = 'forged'`.execute(harness.deps.db)).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(sql`delete from audit_events`.execute(harness.deps.db)).rejects.toThrow(/append-only: DELETE refused/);
    await expect(sql`truncate audit_events`.execute(harness.deps.db)).rejects.toThrow(/append-only: TRUNCATE refused/);
    expect(await rowCount(harness, 'audit_events')).toBe(before);
    const forged = await sql<{ n: string }>`select count(*) as n from audit_events where action = 'forged'`.execute(harness.deps.db);
    expect(Number(forged.rows[0]!.n)).toBe(0);
    const mutations = await alice.gql('{ __schema { mutationType { fields { name } } } }');
    expect(mutations.body.data.__schema.mutationType.fields.map((f: { name: string }) => f.name).filter((n: string) => /audit/i.test(n))).toEqual([]);
  });
});
