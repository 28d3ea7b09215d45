import {
  insertBusinessGoal, insertKeyResults, insertObjective, insertPlan, insertWorkspace, upsertSocialAccount,
  type Db, type KeyResultValues, type PlanSettings,
} from '@goalpost/db';

export interface PlanFixtureOptions {
  account: { platform: string; handle: string; source: string };
  plan: { startsOn: string; endsOn: string; settings?: PlanSettings };
  objective: { startsOn: string; deadline: string; framework?: 'SMART' | 'OKR'; title?: string };
  /** Scope defaults to the fixture's account. */
  keyResults: (Partial<KeyResultValues> & Pick<KeyResultValues, 'metric'>)[];
}

/** A workspace with one account and one plan: a goal, an objective and its key results. */
export async function seedPlan(db: Db, options: PlanFixtureOptions) {
  const workspace = await insertWorkspace(db, `Workspace of ${options.account.handle}`);
  const account = await upsertSocialAccount(db, workspace.id, { ...options.account, credentials: undefined });
  const plan = await insertPlan(db, workspace.id, { name: 'Social plan', description: null, ...options.plan });
  const goal = await insertBusinessGoal(db, workspace.id, { planId: plan.id, kind: 'CUSTOMER_BASE', title: 'More customers', description: null });
  const objective = await insertObjective(db, workspace.id, {
    planId: plan.id,
    goalId: goal.id,
    title: options.objective.title ?? 'Grow the audience',
    category: 'AUDIENCE_GROWTH',
    framework: options.objective.framework ?? 'SMART',
    startsOn: options.objective.startsOn,
    deadline: options.objective.deadline,
  });
  const keyResults = await insertKeyResults(db, workspace.id, objective.id, options.keyResults.map((kr) => ({
    accountId: kr.platform ? null : account.id,
    platform: null,
    direction: 'INCREASE',
    baseline: null,
    target: null,
    targetChangePercent: null,
    weight: 1,
    ...kr,
  })));
  return { workspace, account, plan, goal, objective, keyResults };
}
