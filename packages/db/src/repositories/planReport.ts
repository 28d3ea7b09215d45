import type { Db } from '../createDb.ts';
import type { BusinessGoalRow, KeyResultRow, ObjectiveRow, PlanRow } from '../schema.ts';

/** An account a plan's key results read, without its credentials: a report names it, nothing more. */
export interface PlanReportAccount {
  id: string;
  platform: string;
  handle: string;
}

/** Everything a plan report shows but the metric points, in the order the API lists it. */
export interface PlanReportRows {
  plan: PlanRow;
  goals: BusinessGoalRow[];
  objectives: ObjectiveRow[];
  keyResults: KeyResultRow[];
  accounts: PlanReportAccount[];
}

/**
 * A plan with its live goals, objectives, key results and the accounts they read, in five statements
 * whatever the plan's size; undefined when the workspace holds no such plan.
 */
export async function readPlanReportRows(db: Db, workspaceId: string, planId: string): Promise<PlanReportRows | undefined> {
  const plan = await db.selectFrom('plans').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', planId).executeTakeFirst();
  if (!plan) return undefined;
  const goals = await db
    .selectFrom('business_goals')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('plan_id', '=', planId)
    .where('archived_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const objectives = await db
    .selectFrom('objectives')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('plan_id', '=', planId)
    .where('archived_at', 'is', null)
    .orderBy('position')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const keyResults = await db
    .selectFrom('key_results')
    .innerJoin('objectives', 'objectives.id', 'key_results.objective_id')
    .selectAll('key_results')
    .where('key_results.workspace_id', '=', workspaceId)
    .where('objectives.plan_id', '=', planId)
    .where('objectives.archived_at', 'is', null)
    .where('key_results.archived_at', 'is', null)
    .orderBy('key_results.objective_id')
    .orderBy('key_results.position')
    .orderBy('key_results.created_at')
    .orderBy('key_results.id')
    .execute();
  const accountIds = [...new Set(keyResults.flatMap((k) => (k.account_id ? [k.account_id] : [])))];
  const platforms = [...new Set(keyResults.flatMap((k) => (!k.account_id && k.platform ? [k.platform] : [])))];
  const accounts = accountIds.length === 0 && platforms.length === 0
    ? []
    : await db
        .selectFrom('social_accounts')
        .select(['id', 'platform', 'handle'])
        .where('workspace_id', '=', workspaceId)
        .where((eb) => eb.or([
          ...(accountIds.length ? [eb('id', 'in', accountIds)] : []),
          ...(platforms.length ? [eb('platform', 'in', platforms)] : []),
        ]))
        // Id order, as listScopeAccounts reads them.
        .orderBy('id')
        .execute();
  return { plan, goals, objectives, keyResults, accounts };
}

export interface AccountDailyValue {
  accountId: string;
  metric: string;
  at: string;
  value: number;
}

/** Daily values per account of these metrics over these accounts, `from`..`to` inclusive, in one statement. */
export async function planReportDailyValues(
  db: Db,
  workspaceId: string,
  query: { accountIds: readonly string[]; metrics: readonly string[]; from: string; to: string },
): Promise<AccountDailyValue[]> {
  if (query.accountIds.length === 0 || query.metrics.length === 0 || query.from > query.to) return [];
  const rows = await db
    .selectFrom('metric_points')
    .select(['account_id', 'metric', 'bucket_start as at', 'value'])
    .where('workspace_id', '=', workspaceId)
    .where('account_id', 'in', query.accountIds)
    .where('metric', 'in', query.metrics)
    .where('granularity', '=', 'DAY')
    .where('bucket_start', '>=', query.from)
    .where('bucket_start', '<=', query.to)
    .orderBy('bucket_start')
    .execute();
  return rows.map((r) => ({ accountId: r.account_id, metric: r.metric, at: r.at, value: Number(r.value) }));
}
