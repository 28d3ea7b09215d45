import { insertAlertOnce, setAlertState } from '@goalpost/db';
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { GatewayHarness } from '../gatewayHarness.ts';

/** The objects hostile cases aim at: the attacker's own workspace, and a neighbour's it must never reach. */
export interface HostileFixtures {
  token: string;
  /** The attacker's workspace ingest secret (POST /webhooks/metrics). */
  secret: string;
  plan: string;
  goal: string;
  objective: string;
  keyResult: string;
  manualAccount: string;
  pushAccount: string;
  /** A CONNECTOR account holding sealed credentials: a refused reconnect must not wipe them. */
  connectorAccount: string;
  alert: string;
  resolvedAlert: string;
  theme: string;
  contentItem: string;
  /** A webhook-id already processed: its redelivery is a duplicate that writes nothing. */
  deliveredWebhookId: string;
  foreign: { plan: string; goal: string; objective: string; keyResult: string; account: string; alert: string; theme: string; contentItem: string };
}

type Workspace = Awaited<ReturnType<GatewayHarness['newWorkspace']>>;
const rawId = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1]!;

async function must(ws: Workspace, query: string, variables: Record<string, unknown> = {}) {
  const res = await ws.gql(query, variables);
  const [payload] = Object.values(res.body.data ?? {}) as Record<string, unknown>[];
  if (res.body.errors || !payload || String(payload.__typename).endsWith('Error')) {
    throw new Error(`fixture setup failed: ${query.slice(0, 80)} → ${JSON.stringify(res.body)}`);
  }
  return payload as Record<string, any>;
}

/** One plan with a goal, an objective with a key result, a theme with a content item, accounts and alerts. */
async function seedWorkspace(harness: GatewayHarness, ws: Workspace) {
  const plan = (await must(ws, `mutation { createPlan(input: { name: "Q1 plan", startsOn: "2026-10-01", endsOn: "2026-12-31" }) { __typename ... on CreatePlanSuccess { plan { id } } } }`)).plan.id as string;
  // Stored overrides: a later change is judged against them (atRisk 0.3 stays, offTrack may not fall below it).
  await must(ws, `mutation($id: ID!) { updatePlan(input: { id: $id, thresholds: { atRiskTolerance: 0.3, offTrackTolerance: 0.4 } }) { __typename } }`, { id: plan });
  const goal = (await must(ws, `mutation($plan: ID!) { addBusinessGoal(input: { planId: $plan, kind: REVENUE, title: "Grow sales" }) { __typename ... on AddBusinessGoalSuccess { goal { id } } } }`, { plan })).goal.id as string;
  const account = (await must(ws, `mutation { connectAccount(input: { platform: INSTAGRAM, handle: "@manual", source: MANUAL }) { __typename ... on ConnectAccountSuccess { account { id } } } }`)).account.id as string;
  const added = await must(ws, `mutation($goal: ID!) { addObjective(input: { goalId: $goal, title: "Audience", category: AUDIENCE_GROWTH, framework: SMART,
    startsOn: "2026-10-01", deadline: "2026-12-31", keyResults: [{ metric: "followers", platform: INSTAGRAM, direction: INCREASE, baseline: 100, target: 200 }] }) {
    __typename ... on AddObjectiveSuccess { objective { id keyResults { id } } } } }`, { goal });
  const objective = added.objective.id as string;
  const keyResult = added.objective.keyResults[0].id as string;
  const theme = (await must(ws, `mutation($objective: ID!) { addTheme(input: { objectiveId: $objective, title: "UGC" }) { __typename ... on AddThemeSuccess { theme { id } } } }`, { objective })).theme.id as string;
  const contentItem = (await must(ws, `mutation($theme: ID!) { addContentItem(input: { themeId: $theme, title: "Post", url: "https://example.com/p/1" }) { __typename ... on AddContentItemSuccess { contentItem { id } } } }`, { theme })).contentItem.id as string;
  const alertRow = (kind: string) => insertAlertOnce(harness.deps.db, ws.workspaceId, {
    planId: rawId(plan), objectiveId: rawId(objective), keyResultId: rawId(keyResult), accountId: null, kind, severity: 'WARNING', message: `${kind} alert`, dedupKey: `hostile-${kind}`,
  });
  const alert = (await alertRow('AT_RISK'))!;
  const resolved = (await alertRow('OFF_TRACK'))!;
  await setAlertState(harness.deps.db, ws.workspaceId, resolved.id, 'RESOLVED', new Date());
  return { plan, goal, objective, keyResult, account, theme, contentItem, alert: encodeGlobalID('Alert', alert.id), resolvedAlert: encodeGlobalID('Alert', resolved.id) };
}

export async function seedHostileFixtures(harness: GatewayHarness, post: (path: string, body: string, headers: Record<string, string>) => Response | Promise<Response>, sign: (secret: string, id: string, body: string) => Record<string, string>): Promise<HostileFixtures> {
  const attacker = await harness.newWorkspace('Attacker');
  const neighbour = await harness.newWorkspace('Neighbour');
  const own = await seedWorkspace(harness, attacker);
  const theirs = await seedWorkspace(harness, neighbour);
  const push = (await must(attacker, `mutation { connectAccount(input: { platform: X, handle: "@pusher", source: PUSH }) { __typename ... on ConnectAccountSuccess { account { id } } } }`)).account.id as string;
  const connector = (await must(attacker, `mutation { connectAccount(input: { platform: X, handle: "@connected", source: CONNECTOR, credentials: { accessToken: "token-of-record" } }) {
    __typename ... on ConnectAccountSuccess { account { id } } } }`)).account.id as string;
  const secret = (await must(attacker, `mutation { rotateIngestSecret { __typename ... on RotateIngestSecretSuccess { secret } } }`)).secret as string;
  const deliveredWebhookId = 'msg_hostile_delivered';
  const body = JSON.stringify({ type: 'metrics.points', data: { accountId: push, points: [{ metric: 'followers', at: '2026-11-01', value: 10 }] } });
  const delivered = await post('/webhooks/metrics', body, sign(secret, deliveredWebhookId, body));
  if (delivered.status !== 200) throw new Error(`fixture webhook failed: ${delivered.status} ${await delivered.text()}`);
  return {
    token: attacker.token,
    secret,
    plan: own.plan,
    goal: own.goal,
    objective: own.objective,
    keyResult: own.keyResult,
    manualAccount: own.account,
    pushAccount: push,
    connectorAccount: connector,
    alert: own.alert,
    resolvedAlert: own.resolvedAlert,
    theme: own.theme,
    contentItem: own.contentItem,
    deliveredWebhookId,
    foreign: { plan: theirs.plan, goal: theirs.goal, objective: theirs.objective, keyResult: theirs.keyResult, account: theirs.account, alert: theirs.alert, theme: theirs.theme, contentItem: theirs.contentItem },
  };
}
