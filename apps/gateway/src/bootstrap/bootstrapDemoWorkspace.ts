import {
  findLiveApiTokenByHash, insertApiToken, insertBusinessGoal, insertKeyResults, insertObjective, insertPlan,
  insertNotificationChannel, insertWorkspace, upsertSocialAccount, type Db,
} from '@goalpost/db';
import { addDays } from '@goalpost/domain';
import { apiTokenPrefix, hashApiToken } from '../auth/apiTokenHash.ts';
import { ensureDemoOwner, type DemoUser } from './ensureDemoOwner.ts';

/**
 * The demo workspace owned by `token`: two DEMO accounts whose daily metrics the worker generates, and a
 * plan with SMART and OKR objectives; with `demoUser`, a person who owns it and signs in with that email
 * and password, the token being their first. Idempotent: a workspace already owning the token keeps its
 * plan; the demo person is added (or given the password again) if missing.
 */
export async function bootstrapDemoWorkspace(db: Db, input: { token: string; today: string; demoUser?: DemoUser }) {
  const existing = await findLiveApiTokenByHash(db, hashApiToken(input.token));
  if (existing) {
    if (input.demoUser) await db.transaction().execute((tx) => ensureDemoOwner(tx, existing.workspace_id, existing.id, input.demoUser!));
    return { workspaceId: existing.workspace_id, accountIds: [] as string[], created: false };
  }
  return db.transaction().execute(async (tx) => {
    const workspace = await insertWorkspace(tx, 'Demo workspace');
    const token = await insertApiToken(tx, workspace.id, hashApiToken(input.token), 'bootstrap', { role: 'OWNER', prefix: apiTokenPrefix(input.token) });
    if (input.demoUser && token) await ensureDemoOwner(tx, workspace.id, token.id, input.demoUser);
    const instagram = await upsertSocialAccount(tx, workspace.id, { platform: 'INSTAGRAM', handle: '@goalpost.demo', source: 'DEMO', credentials: undefined });
    const facebook = await upsertSocialAccount(tx, workspace.id, { platform: 'FACEBOOK', handle: 'Goalpost Demo', source: 'DEMO', credentials: undefined });
    const startsOn = addDays(input.today, -30);
    const deadline = addDays(input.today, 60);
    const plan = await insertPlan(tx, workspace.id, {
      name: 'Demo: this quarter on social',
      description: 'A demo plan over generated metrics. Business goals stay apart from the objectives that serve them.',
      startsOn,
      endsOn: deadline,
    });
    const goal = await insertBusinessGoal(tx, workspace.id, {
      planId: plan.id,
      kind: 'BRAND_VISIBILITY',
      title: 'Grow brand visibility among young professionals',
      description: null,
    });
    const objective = (title: string, category: string, framework: string) =>
      insertObjective(tx, workspace.id, { planId: plan.id, goalId: goal.id, title, category, framework, startsOn, deadline });
    const kr = { baseline: null, target: null, targetChangePercent: null, weight: 1, accountId: null, platform: null };
    const audience = await objective('Grow the Instagram audience 15% this quarter', 'AUDIENCE_GROWTH', 'SMART');
    await insertKeyResults(tx, workspace.id, audience.id, [
      { ...kr, metric: 'followers', accountId: instagram.id, direction: 'INCREASE', targetChangePercent: 15 },
    ]);
    const engagement = await objective('Lift the Instagram engagement rate', 'ENGAGEMENT', 'SMART');
    await insertKeyResults(tx, workspace.id, engagement.id, [
      { ...kr, metric: 'engagement_rate_by_reach', accountId: instagram.id, direction: 'INCREASE', target: 6.5 },
    ]);
    const awareness = await objective('Be seen: reach and clicks', 'AWARENESS', 'OKR');
    await insertKeyResults(tx, workspace.id, awareness.id, [
      { ...kr, metric: 'reach', platform: 'FACEBOOK', direction: 'INCREASE', target: 300_000, weight: 2 },
      { ...kr, metric: 'link_clicks', accountId: instagram.id, direction: 'INCREASE', target: 6_000 },
    ]);
    // Every kind of e-mail to the demo owner: under `npm start` they land in the local inbox.
    await insertNotificationChannel(tx, workspace.id, {
      kind: 'EMAIL', name: 'Demo inbox', events: ['ALERT_RAISED', 'ALERT_RESOLVED', 'STATUS_CHANGED', 'WEEKLY_DIGEST'], minSeverity: 'WARNING', planIds: [],
      urlSealed: null, urlHost: null, secretSealed: null, emailAddresses: [input.demoUser?.email ?? 'demo@goalpost.local'],
    }, new Date());
    return { workspaceId: workspace.id, accountIds: [instagram.id, facebook.id], created: true };
  });
}
