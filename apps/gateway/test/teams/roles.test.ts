import { insertAlertOnce, insertDeliveryOnce, insertNotificationChannel } from '@goalpost/db';
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { origin, startTeamsHarness, type Credentials, type TeamsHarness } from './teamsKit.ts';

type Role = 'OWNER' | 'EDITOR' | 'VIEWER';
interface Ids {
  planId: string; goalId: string; objectiveId: string; themeId: string; contentItemId: string; accountId: string;
  alertId: string; tokenId: string; invitationId: string; memberId: string; keyResultId: string;
  /** An e-mail channel (no sealed URL needed) and a settled delivery of it, for replayDelivery. */
  channelId: string; deliveryId: string;
  /** A plan of its own that reorderObjectives and reorderKeyResults work on: a new order names every item. */
  orderPlanId: string; orderObjectiveId: string; orderKeyResultId: string;
}
/** Every mutation that acts in a workspace, the least role it needs, and a valid call of it. */
interface Call { name: string; needs: Role; query: (ids: Ids) => [string, Record<string, unknown>]; upload?: boolean }

const pick = '__typename ... on ForbiddenError { code message requiredRole }';
const calls: Call[] = [
  { name: 'createPlan', needs: 'EDITOR', query: () => [`mutation { createPlan(input: { name: "V", startsOn: "2026-01-01", endsOn: "2026-06-30" }) { ${pick} } }`, {}] },
  { name: 'updatePlan', needs: 'EDITOR', query: (i) => [`mutation($id: ID!) { updatePlan(input: { id: $id, name: "Renamed" }) { ${pick} } }`, { id: i.planId }] },
  { name: 'archivePlan', needs: 'EDITOR', query: (i) => [`mutation($id: ID!) { archivePlan(id: $id) { ${pick} } }`, { id: i.planId }] },
  { name: 'evaluatePlan', needs: 'EDITOR', query: (i) => [`mutation($id: ID!) { evaluatePlan(id: $id) { ${pick} } }`, { id: i.planId }] },
  { name: 'addBusinessGoal', needs: 'EDITOR', query: (i) => [`mutation($id: ID!) { addBusinessGoal(input: { planId: $id, kind: REVENUE, title: "G" }) { ${pick} } }`, { id: i.planId }] },
  {
    name: 'addObjective', needs: 'EDITOR',
    query: (i) => [`mutation($id: ID!) { addObjective(input: { goalId: $id, title: "O", category: AWARENESS, framework: OKR, startsOn: "2026-01-01", deadline: "2026-06-30",
      keyResults: [{ metric: "reach", platform: INSTAGRAM, direction: INCREASE, target: 10 }] }) { ${pick} } }`, { id: i.goalId }],
  },
  { name: 'updateObjective', needs: 'EDITOR', query: (i) => [`mutation($id: ID!) { updateObjective(input: { id: $id, title: "Renamed" }) { ${pick} } }`, { id: i.objectiveId }] },
  { name: 'addKeyResult', needs: 'EDITOR', query: (i) => [`mutation($id: ID!) { addKeyResult(input: { objectiveId: $id, keyResult: { metric: "reach", platform: INSTAGRAM, direction: INCREASE, target: 5 } }) { ${pick} } }`, { id: i.objectiveId }] },
  { name: 'addTheme', needs: 'EDITOR', query: (i) => [`mutation($id: ID!) { addTheme(input: { objectiveId: $id, title: "Theme" }) { ${pick} } }`, { id: i.objectiveId }] },
  { name: 'addContentItem', needs: 'EDITOR', query: (i) => [`mutation($id: ID!) { addContentItem(input: { themeId: $id, title: "Post" }) { ${pick} } }`, { id: i.themeId }] },
  { name: 'recordContentResults', needs: 'EDITOR', query: (i) => [`mutation($id: ID!) { recordContentResults(input: { contentItemId: $id, results: [{ metric: "reach", value: 10 }] }) { ${pick} } }`, { id: i.contentItemId }] },
  { name: 'acknowledgeAlert', needs: 'EDITOR', query: (i) => [`mutation($id: ID!) { acknowledgeAlert(id: $id) { ${pick} } }`, { id: i.alertId }] },
  { name: 'resolveAlert', needs: 'EDITOR', query: (i) => [`mutation($id: ID!) { resolveAlert(id: $id) { ${pick} } }`, { id: i.alertId }] },
  { name: 'connectAccount', needs: 'EDITOR', query: () => [`mutation { connectAccount(input: { platform: X, handle: "@new", source: MANUAL }) { ${pick} } }`, {}] },
  { name: 'refreshAccount', needs: 'EDITOR', query: (i) => [`mutation($id: ID!) { refreshAccount(id: $id) { ${pick} } }`, { id: i.accountId }] },
  { name: 'recordMetrics', needs: 'EDITOR', query: (i) => [`mutation($id: ID!) { recordMetrics(input: { accountId: $id, points: [{ metric: "followers", at: "2026-11-01", value: 1 }] }) { ${pick} } }`, { id: i.accountId }] },
  { name: 'importMetrics', needs: 'EDITOR', upload: true, query: (i) => [`mutation($input: ImportMetricsInput!) { importMetrics(input: $input) { ${pick} } }`, { input: { accountId: i.accountId, file: null } }] },
  // Editing what exists; removals last, since the EDITOR test runs these in order on the same objects.
  { name: 'updateBusinessGoal', needs: 'EDITOR', query: (i) => [`mutation($id: ID!) { updateBusinessGoal(input: { id: $id, title: "Renamed" }) { ${pick} } }`, { id: i.goalId }] },
  { name: 'updateKeyResult', needs: 'EDITOR', query: (i) => [`mutation($id: ID!) { updateKeyResult(input: { id: $id, target: 150 }) { ${pick} } }`, { id: i.keyResultId }] },
  { name: 'updateTheme', needs: 'EDITOR', query: (i) => [`mutation($id: ID!) { updateTheme(input: { id: $id, title: "Renamed" }) { ${pick} } }`, { id: i.themeId }] },
  { name: 'updateContentItem', needs: 'EDITOR', query: (i) => [`mutation($id: ID!) { updateContentItem(input: { id: $id, title: "Renamed" }) { ${pick} } }`, { id: i.contentItemId }] },
  { name: 'reorderObjectives', needs: 'EDITOR', query: (i) => [`mutation($plan: ID!, $ids: [ID!]!) { reorderObjectives(input: { planId: $plan, objectiveIds: $ids }) { ${pick} } }`, { plan: i.orderPlanId, ids: [i.orderObjectiveId] }] },
  { name: 'reorderKeyResults', needs: 'EDITOR', query: (i) => [`mutation($id: ID!, $ids: [ID!]!) { reorderKeyResults(input: { objectiveId: $id, keyResultIds: $ids }) { ${pick} } }`, { id: i.orderObjectiveId, ids: [i.orderKeyResultId] }] },
  { name: 'sendPlanDigest', needs: 'EDITOR', query: (i) => [`mutation($id: ID!) { sendPlanDigest(id: $id) { ${pick} } }`, { id: i.orderPlanId }] },
  // Notification channels: OWNER and EDITOR manage them (DESIGN §5d).
  { name: 'addNotificationChannel', needs: 'EDITOR', query: () => [`mutation { addNotificationChannel(input: { kind: EMAIL, name: "Team", emails: ["team@example.com"] }) { ${pick} } }`, {}] },
  { name: 'updateNotificationChannel', needs: 'EDITOR', query: (i) => [`mutation($id: ID!) { updateNotificationChannel(input: { id: $id, name: "Renamed" }) { ${pick} } }`, { id: i.channelId }] },
  { name: 'testNotificationChannel', needs: 'EDITOR', query: (i) => [`mutation($id: ID!) { testNotificationChannel(id: $id) { ${pick} } }`, { id: i.channelId }] },
  { name: 'replayDelivery', needs: 'EDITOR', query: (i) => [`mutation($id: ID!) { replayDelivery(id: $id) { ${pick} } }`, { id: i.deliveryId }] },
  { name: 'resolveKeyResultTargets', needs: 'EDITOR', query: (i) => [`mutation($id: ID!) { resolveKeyResultTargets(input: { objectiveId: $id }) { ${pick} } }`, { id: i.objectiveId }] },
  // Checking in records a judgement on the plan: a VIEWER changes nothing, so it takes an EDITOR.
  { name: 'checkIn', needs: 'EDITOR', query: (i) => [`mutation($id: ID!) { checkIn(input: { keyResultId: $id, confidence: 7, note: "On course" }) { ${pick} } }`, { id: i.keyResultId }] },
  { name: 'removeNotificationChannel', needs: 'EDITOR', query: (i) => [`mutation($id: ID!) { removeNotificationChannel(id: $id) { ${pick} } }`, { id: i.channelId }] },
  { name: 'removeContentItem', needs: 'EDITOR', query: (i) => [`mutation($id: ID!) { removeContentItem(id: $id) { ${pick} } }`, { id: i.contentItemId }] },
  { name: 'removeTheme', needs: 'EDITOR', query: (i) => [`mutation($id: ID!) { removeTheme(id: $id) { ${pick} } }`, { id: i.themeId }] },
  { name: 'removeKeyResult', needs: 'EDITOR', query: (i) => [`mutation($id: ID!) { removeKeyResult(id: $id) { ${pick} } }`, { id: i.keyResultId }] },
  { name: 'removeObjective', needs: 'EDITOR', query: (i) => [`mutation($id: ID!) { removeObjective(id: $id) { ${pick} } }`, { id: i.objectiveId }] },
  { name: 'removeBusinessGoal', needs: 'EDITOR', query: (i) => [`mutation($id: ID!) { removeBusinessGoal(id: $id) { ${pick} } }`, { id: i.goalId }] },
  // Credentials, secrets, tokens and members: owners only.
  { name: 'connectAccount (CONNECTOR, credentials)', needs: 'OWNER', query: () => [`mutation { connectAccount(input: { platform: X, handle: "@connector", source: CONNECTOR, credentials: { accessToken: "a-token" } }) { ${pick} } }`, {}] },
  { name: 'connectAccount (CONNECTOR, consent)', needs: 'OWNER', query: () => [`mutation { connectAccount(input: { platform: X, handle: "@consent", source: CONNECTOR }) { ${pick} } }`, {}] },
  // Wiping an account's credentials is the owner's, like giving them.
  { name: 'disconnectAccount', needs: 'OWNER', query: (i) => [`mutation($id: ID!) { disconnectAccount(id: $id) { ${pick} } }`, { id: i.accountId }] },
  { name: 'reauthorizeAccount', needs: 'OWNER', query: (i) => [`mutation($id: ID!) { reauthorizeAccount(id: $id) { ${pick} } }`, { id: i.accountId }] },
  { name: 'rotateIngestSecret', needs: 'OWNER', query: () => [`mutation { rotateIngestSecret { ${pick} } }`, {}] },
  { name: 'createApiToken', needs: 'OWNER', query: () => [`mutation { createApiToken(input: { label: "mine", role: OWNER }) { ${pick} } }`, {}] },
  { name: 'revokeApiToken', needs: 'OWNER', query: (i) => [`mutation($id: ID!) { revokeApiToken(id: $id) { ${pick} } }`, { id: i.tokenId }] },
  { name: 'inviteMember', needs: 'OWNER', query: () => [`mutation { inviteMember(input: { email: "friend@example.com", role: OWNER }) { ${pick} } }`, {}] },
  { name: 'revokeInvitation', needs: 'OWNER', query: (i) => [`mutation($id: ID!) { revokeInvitation(id: $id) { ${pick} } }`, { id: i.invitationId }] },
  { name: 'updateMemberRole', needs: 'OWNER', query: (i) => [`mutation($id: ID!) { updateMemberRole(input: { id: $id, role: VIEWER }) { ${pick} } }`, { id: i.memberId }] },
  { name: 'removeMember', needs: 'OWNER', query: (i) => [`mutation($id: ID!) { removeMember(id: $id) { ${pick} } }`, { id: i.memberId }] },
];
/** Mutations that act for a person rather than in a workspace, covered by the session and workspace tests. */
const selfService = ['signUp', 'signIn', 'signOut', 'acceptInvitation', 'createWorkspace', 'changePassword', 'revokeSession', 'updateEmailPreferences'];

let h: TeamsHarness;
let ids: Ids;
const as: Record<'viewerSession' | 'viewerToken' | 'editorSession' | 'editorToken' | 'owner', Credentials> = {} as never;

beforeAll(async () => {
  h = await startTeamsHarness('roles');
  const owner = await h.signUp('owner@example.com');
  as.owner = { cookie: owner.cookie };
  const q = (query: string, variables: Record<string, unknown> = {}) => h.gql(query, variables, as.owner).then((a) => a.body.data);
  const planId = (await q('mutation { createPlan(input: { name: "Plan", startsOn: "2026-10-01", endsOn: "2026-12-31" }) { ... on CreatePlanSuccess { plan { id } } } }')).createPlan.plan.id;
  const goalId = (await q('mutation($id: ID!) { addBusinessGoal(input: { planId: $id, kind: REVENUE, title: "Sales" }) { ... on AddBusinessGoalSuccess { goal { id } } } }', { id: planId })).addBusinessGoal.goal.id;
  const accountId = (await q('mutation { connectAccount(input: { platform: INSTAGRAM, handle: "@brand", source: MANUAL }) { ... on ConnectAccountSuccess { account { id } } } }')).connectAccount.account.id;
  const addObjective = async (goal: string) => (await q(`mutation($id: ID!, $account: ID!) { addObjective(input: { goalId: $id, title: "Reach", category: AWARENESS, framework: SMART, startsOn: "2026-10-01", deadline: "2026-12-31",
    keyResults: [{ metric: "followers", accountId: $account, direction: INCREASE, target: 100 }] }) { ... on AddObjectiveSuccess { objective { id keyResults { id } } } } }`, { id: goal, account: accountId })).addObjective.objective as { id: string; keyResults: { id: string }[] };
  const objective = await addObjective(goalId);
  const objectiveId = objective.id;
  const orderPlanId = (await q('mutation { createPlan(input: { name: "Order", startsOn: "2026-10-01", endsOn: "2026-12-31" }) { ... on CreatePlanSuccess { plan { id } } } }')).createPlan.plan.id;
  const orderGoalId = (await q('mutation($id: ID!) { addBusinessGoal(input: { planId: $id, kind: REVENUE, title: "Order" }) { ... on AddBusinessGoalSuccess { goal { id } } } }', { id: orderPlanId })).addBusinessGoal.goal.id;
  const orderObjective = await addObjective(orderGoalId);
  const themeId = (await q('mutation($id: ID!) { addTheme(input: { objectiveId: $id, title: "Stories" }) { ... on AddThemeSuccess { theme { id } } } }', { id: objectiveId })).addTheme.theme.id;
  const contentItemId = (await q('mutation($id: ID!) { addContentItem(input: { themeId: $id, title: "Launch post" }) { ... on AddContentItemSuccess { contentItem { id } } } }', { id: themeId })).addContentItem.contentItem.id;
  const alert = await insertAlertOnce(h.deps.db, owner.workspaceId, {
    planId: decodeGlobalID(planId).id, objectiveId: null, keyResultId: null, accountId: null, kind: 'OFF_TRACK', severity: 'CRITICAL', message: 'Off track.', dedupKey: 'roles:1',
  });
  const channel = await insertNotificationChannel(h.deps.db, owner.workspaceId, {
    kind: 'EMAIL', name: 'Owners', events: ['ALERT_RAISED'], minSeverity: 'INFO', planIds: [], urlSealed: null, urlHost: null, secretSealed: null, emailAddresses: ['owner@example.com'],
  }, new Date());
  const delivery = await insertDeliveryOnce(h.deps.db, owner.workspaceId, { channelId: channel.id, event: 'ALERT_RAISED', eventKey: 'roles-replay', payload: {} }, new Date());
  await h.deps.db.updateTable('notification_deliveries').set({ status: 'FAILED', attempts: 1 }).where('id', '=', delivery.id).execute();
  const viewer = await h.member(as.owner, 'viewer@example.com', 'VIEWER');
  const editor = await h.member(as.owner, 'editor@example.com', 'EDITOR');
  // The member that updateMemberRole and removeMember are tried on: someone else than whoever tries.
  await h.member(as.owner, 'bystander@example.com', 'EDITOR');
  as.viewerSession = { cookie: viewer.cookie };
  as.editorSession = { cookie: editor.cookie };
  as.viewerToken = { token: (await h.tokenWith(as.owner, 'VIEWER')).token };
  as.editorToken = { token: (await h.tokenWith(as.owner, 'EDITOR')).token };
  const ownerToken = await h.tokenWith(as.owner, 'OWNER', 'to be revoked');
  const invitation = await h.invite(as.owner, 'pending@example.com', 'EDITOR');
  const members = (await q('{ members { id user { email } } }')).members as { id: string; user: { email: string } }[];
  ids = {
    keyResultId: objective.keyResults[0]!.id, orderPlanId, orderObjectiveId: orderObjective.id, orderKeyResultId: orderObjective.keyResults[0]!.id,
    planId, goalId, objectiveId, themeId, contentItemId, accountId, alertId: encodeGlobalID('Alert', alert!.id),
    channelId: encodeGlobalID('NotificationChannel', channel.id), deliveryId: encodeGlobalID('Delivery', delivery.id),
    tokenId: ownerToken.id, invitationId: invitation.id, memberId: members.find((m) => m.user.email === 'bystander@example.com')!.id,
  };
});
afterAll(async () => h?.close());

async function attempt(call: Call, who: Credentials) {
  const [query, variables] = call.query(ids);
  if (!call.upload) return h.gql(query, variables, who);
  const form = new FormData();
  form.set('operations', JSON.stringify({ query, variables }));
  form.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
  form.set('0', new File(['date,metric,value\n2026-11-01,followers,10\n'], 'points.csv', { type: 'text/csv' }));
  return h.send({ method: 'POST', headers: { origin, 'x-graphql-yoga-csrf': '1' }, body: form }, who);
}
const payloadOf = (answer: Awaited<ReturnType<typeof attempt>>) => Object.values(answer.body.data ?? {})[0] as Record<string, unknown> | undefined;

describe('roles', () => {
  it('covers every mutation of the schema', async () => {
    const schema = await h.gql('{ __schema { mutationType { fields { name } } } }');
    const names = (schema.body.data.__schema.mutationType.fields as { name: string }[]).map((f) => f.name);
    const covered = new Set([...calls.map((c) => c.name.split(' ')[0]!), ...selfService]);
    expect(names.filter((name) => !covered.has(name))).toEqual([]);
  });

  for (const who of ['viewerSession', 'viewerToken'] as const) {
    it(`refuses every workspace mutation to a VIEWER (${who === 'viewerSession' ? 'signed in' : 'API token'}) with FORBIDDEN naming the role, writing nothing`, async () => {
      const before = await h.everything();
      for (const call of calls) {
        const answer = await attempt(call, as[who]);
        expect(answer.status, call.name).toBe(200);
        expect(payloadOf(answer), call.name).toEqual({ __typename: 'ForbiddenError', code: 'FORBIDDEN', requiredRole: call.needs, message: expect.stringMatching(/VIEWER/) });
      }
      expect(await h.everything()).toBe(before);
    });
  }

  it('checks the role before the input: a VIEWER sending bad input hears FORBIDDEN, where a permitted role hears the broken rule; nothing written', async () => {
    const bad: { name: string; by: 'editorToken' | 'owner'; needs: Role; query: string; variables?: Record<string, unknown> }[] = [
      { name: 'createPlan', by: 'editorToken', needs: 'EDITOR', query: `mutation { createPlan(input: { name: "${'x'.repeat(500)}", startsOn: "2026-01-01", endsOn: "2026-06-30" }) { ${pick} ... on InputError { issues { field } } } }` },
      { name: 'checkIn', by: 'editorToken', needs: 'EDITOR', query: `mutation($id: ID!) { checkIn(input: { keyResultId: $id, confidence: 11 }) { ${pick} ... on InputError { issues { field } } } }`, variables: { id: ids.keyResultId } },
      { name: 'updatePlan', by: 'editorToken', needs: 'EDITOR', query: `mutation($id: ID!) { updatePlan(input: { id: $id, checkInOverdueAfterDays: 0 }) { ${pick} ... on InputError { issues { field } } } }`, variables: { id: ids.orderPlanId } },
      { name: 'inviteMember', by: 'owner', needs: 'OWNER', query: `mutation { inviteMember(input: { email: "not an email", role: EDITOR }) { ${pick} ... on InputError { issues { field } } } }` },
    ];
    const before = await h.everything();
    for (const call of bad) {
      const permitted = payloadOf(await h.gql(call.query, call.variables ?? {}, as[call.by]));
      expect(permitted?.__typename, `${call.name} as ${call.by}`).toBe('InputError');
      for (const who of ['viewerSession', 'viewerToken'] as const) {
        const answer = await h.gql(call.query, call.variables ?? {}, as[who]);
        expect(payloadOf(answer), `${call.name} as ${who}`).toEqual({ __typename: 'ForbiddenError', code: 'FORBIDDEN', requiredRole: call.needs, message: expect.stringMatching(/VIEWER/) });
      }
    }
    // An EDITOR's bad input to an owner's mutation: the role again, before the rule.
    expect(payloadOf(await h.gql(bad.at(-1)!.query, {}, as.editorSession))).toMatchObject({ __typename: 'ForbiddenError', requiredRole: 'OWNER' });
    expect(await h.everything()).toBe(before);
  });

  for (const who of ['editorSession', 'editorToken'] as const) {
    it(`refuses members, tokens, secrets and credentials to an EDITOR (${who === 'editorSession' ? 'signed in' : 'API token'}), writing nothing`, async () => {
      const before = await h.everything();
      for (const call of calls.filter((c) => c.needs === 'OWNER')) {
        expect(payloadOf(await attempt(call, as[who])), call.name).toEqual({ __typename: 'ForbiddenError', code: 'FORBIDDEN', requiredRole: 'OWNER', message: expect.stringMatching(/EDITOR/) });
      }
      expect(await h.everything()).toBe(before);
      for (const query of ['{ apiTokens { id } }', '{ invitations { id } }']) {
        const answer = await h.gql(query, {}, as[who]);
        expect(answer.body.errors?.[0]?.extensions, query).toEqual({ code: 'FORBIDDEN', requiredRole: 'OWNER' });
        expect(answer.body.data ?? null).toBeNull();
      }
    });
  }

  it('lets an EDITOR plan', async () => {
    for (const call of calls.filter((c) => c.needs === 'EDITOR')) {
      const typename = payloadOf(await attempt(call, as.editorToken))?.__typename;
      expect(typename, call.name).toMatch(/Success$/);
    }
  });

  it('lets a VIEWER read everything of its workspace', async () => {
    const read = await h.gql(`query($plan: ID!) {
      viewer { role workspaceName accounts { handle } alerts { edges { node { message } } } }
      members { role user { email } }
      workspaces { role }
      plans { edges { node { id } } }
      plan(id: $plan) { name goals { title } objectives { title keyResults { metric } themes { title contentItems { title } } } }
      metricCatalog { id }
    }`, { plan: ids.orderPlanId }, as.viewerSession); // the EDITOR test removed what the first plan held
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data.viewer).toMatchObject({ role: 'VIEWER', accounts: expect.arrayContaining([{ handle: '@brand' }]) });
    expect(read.body.data.members.map((m: { role: string }) => m.role).sort()).toEqual(['EDITOR', 'EDITOR', 'OWNER', 'VIEWER']);
    expect(read.body.data.plan.objectives.length).toBeGreaterThan(0);
  });

  it('lets an OWNER do all, tokens and members included', async () => {
    for (const name of ['rotateIngestSecret', 'createApiToken', 'inviteMember', 'revokeApiToken', 'updateMemberRole']) {
      const call = calls.find((c) => c.name === name)!;
      expect(payloadOf(await attempt(call, as.owner))?.__typename, name).toMatch(/Success$/);
    }
    const tokens = await h.gql('{ apiTokens { label role prefix createdAt lastUsedAt revokedAt } }', {}, as.owner);
    expect(tokens.body.data.apiTokens).toEqual(expect.arrayContaining([
      expect.objectContaining({ label: 'to be revoked', role: 'OWNER', revokedAt: expect.any(String), prefix: expect.stringMatching(/^gp_.{7}$/) }),
      expect.objectContaining({ label: 'editor script', role: 'EDITOR', lastUsedAt: expect.any(String), revokedAt: null }),
    ]));
  });
});
