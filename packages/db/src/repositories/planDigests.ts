import { sql } from 'kysely';
import type { Db } from '../createDb.ts';
import type { PlanDigestsTable, PlanSettings } from '../schema.ts';
import type { Selectable } from 'kysely';

export type PlanDigestRow = Selectable<PlanDigestsTable>;

/** Every active plan with its settings (the digest schedule is among them), for the digest sweep. */
export async function listActivePlanSchedules(db: Db): Promise<{ workspaceId: string; planId: string; startsOn: string; endsOn: string; createdAt: Date; settings: PlanSettings }[]> {
  const rows = await db.selectFrom('plans').select(['workspace_id', 'id', 'starts_on', 'ends_on', 'created_at', 'settings']).where('status', '=', 'ACTIVE').execute();
  return rows.map((r) => ({ workspaceId: r.workspace_id, planId: r.id, startsOn: r.starts_on, endsOn: r.ends_on, createdAt: r.created_at, settings: r.settings }));
}

/**
 * Claims a plan's digest of an ISO week: true for the one call that created the claim. The primary key
 * (plan, week) makes every later sweep, worker or restart find it taken.
 */
export async function claimPlanDigest(db: Db, workspaceId: string, claim: { planId: string; isoWeek: string; weekOf: string }, now: Date): Promise<boolean> {
  const inserted = await db
    .insertInto('plan_digests')
    .values({ workspace_id: workspaceId, plan_id: claim.planId, iso_week: claim.isoWeek, week_of: claim.weekOf, created_at: now })
    .onConflict((oc) => oc.columns(['plan_id', 'iso_week']).doNothing())
    .returning('plan_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function findPlanDigest(db: Db, workspaceId: string, planId: string, isoWeek: string): Promise<PlanDigestRow | undefined> {
  return db.selectFrom('plan_digests').selectAll().where('workspace_id', '=', workspaceId).where('plan_id', '=', planId).where('iso_week', '=', isoWeek).executeTakeFirst();
}

export async function markPlanDigestFannedOut(db: Db, planId: string, isoWeek: string, deliveries: number, at: Date): Promise<void> {
  await db.updateTable('plan_digests').set({ fanned_out_at: at, deliveries }).where('plan_id', '=', planId).where('iso_week', '=', isoWeek).execute();
}

/** Claims older than `before` whose deliveries were never created (their job was lost): the sweep enqueues them again. */
export async function listPlanDigestsNotFannedOut(db: Db, before: Date): Promise<PlanDigestRow[]> {
  return db.selectFrom('plan_digests').selectAll().where('fanned_out_at', 'is', null).where('created_at', '<', before).orderBy('created_at').limit(1000).execute();
}

/**
 * What a plan's weekly digest reads, shaped as the domain's `WeeklyDigestInput` (less the week and the
 * clock): objectives, key results, their evaluations from the last one before `fromDay` through `toDay`,
 * check-ins of the period with their authors, the workspace's accounts and its `spend` per day since the
 * plan began. Eight statements, whatever the size of the plan.
 */
export async function readPlanDigestInputs(db: Db, workspaceId: string, planId: string, period: { fromDay: string; toDay: string; from: Date; to: Date }) {
  const plan = await db.selectFrom('plans').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', planId).executeTakeFirst();
  if (!plan) return undefined;
  const [objectives, keyResults, accounts, spendByDay] = await Promise.all([
    db.selectFrom('objectives').selectAll().where('workspace_id', '=', workspaceId).where('plan_id', '=', planId).where('archived_at', 'is', null).orderBy('position').orderBy('created_at').execute(),
    db
      .selectFrom('key_results')
      .innerJoin('objectives', 'objectives.id', 'key_results.objective_id')
      .leftJoin('social_accounts', 'social_accounts.id', 'key_results.account_id')
      .selectAll('key_results')
      .select('social_accounts.platform as account_platform')
      .where('key_results.workspace_id', '=', workspaceId)
      .where('objectives.plan_id', '=', planId)
      .where('objectives.archived_at', 'is', null)
      .where('key_results.archived_at', 'is', null)
      .orderBy('key_results.position')
      .orderBy('key_results.created_at')
      .execute(),
    db.selectFrom('social_accounts').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').execute(),
    db
      .selectFrom('metric_points')
      .select(['bucket_start', sql<number>`sum(value)::float8`.as('value')])
      .where('workspace_id', '=', workspaceId)
      .where('metric', '=', 'spend')
      .where('granularity', '=', 'DAY')
      .where('bucket_start', '>=', plan.starts_on)
      .where('bucket_start', '<=', period.toDay)
      .groupBy('bucket_start')
      .execute(),
  ]);
  const keyResultIds = keyResults.map((k) => k.id);
  const [during, before, checkIns] = keyResultIds.length === 0 ? [[], [], []] : await Promise.all([
    db
      .selectFrom('key_result_evaluations')
      .select(['key_result_id', 'evaluated_on', 'status'])
      .where('workspace_id', '=', workspaceId)
      .where('key_result_id', 'in', keyResultIds)
      .where('evaluated_on', '>=', period.fromDay)
      .where('evaluated_on', '<=', period.toDay)
      .execute(),
    // The last evaluation before the period, per key result: the status the week started from.
    db
      .selectFrom('key_result_evaluations')
      .distinctOn('key_result_id')
      .select(['key_result_id', 'evaluated_on', 'status'])
      .where('workspace_id', '=', workspaceId)
      .where('key_result_id', 'in', keyResultIds)
      .where('evaluated_on', '<', period.fromDay)
      .orderBy('key_result_id')
      .orderBy('evaluated_on', 'desc')
      .execute(),
    db
      .selectFrom('check_ins')
      .leftJoin('users', 'users.id', 'check_ins.author_user_id')
      .leftJoin('api_tokens', 'api_tokens.id', 'check_ins.author_token_id')
      .select(['check_ins.key_result_id', 'check_ins.created_at', 'check_ins.confidence', 'check_ins.note', 'users.name as user_name', 'api_tokens.label as token_label'])
      .where('check_ins.workspace_id', '=', workspaceId)
      .where('check_ins.key_result_id', 'in', keyResultIds)
      .where('check_ins.created_at', '>=', period.from)
      .where('check_ins.created_at', '<', period.to)
      .orderBy('check_ins.seq')
      .execute(),
  ]);
  return {
    plan,
    inputs: {
      plan: { id: plan.id, name: plan.name, startsOn: plan.starts_on, endsOn: plan.ends_on },
      objectives: objectives.map((o) => ({
        id: o.id,
        title: o.title,
        status: o.status,
        score: o.score,
        deadline: o.deadline,
        budget: o.budget_amount !== null && o.budget_currency ? { amount: o.budget_amount, currency: o.budget_currency } : null,
      })),
      keyResults: keyResults.map((k) => ({
        id: k.id,
        objectiveId: k.objective_id,
        metric: k.metric,
        platform: k.platform ?? k.account_platform ?? null,
        direction: k.direction,
        status: k.status,
        current: k.current,
        target: k.effective_target ?? k.target,
        forecast: k.forecast ? { value: k.forecast.value, low: k.forecast.low, high: k.forecast.high, confidence: k.forecast.confidence, trendPerDay: k.forecast.trendPerDay } : null,
      })),
      evaluations: [...before, ...during].map((e) => ({ keyResultId: e.key_result_id, day: e.evaluated_on, status: e.status })),
      checkIns: checkIns.map((c) => ({ keyResultId: c.key_result_id, at: c.created_at, confidence: c.confidence, note: c.note, author: c.user_name ?? c.token_label ?? null })),
      accounts: accounts.map((a) => ({ id: a.id, handle: a.handle, platform: a.platform, source: a.source, status: a.status, lastSyncedAt: a.last_synced_at })),
      spendByDay: spendByDay.map((p) => ({ day: p.bucket_start, value: p.value })),
    },
  };
}
