import type { Db } from '../createDb.ts';
import type { BusinessGoalRow } from '../schema.ts';

export async function insertBusinessGoal(
  db: Db,
  workspaceId: string,
  values: { planId: string; kind: string; title: string; description: string | null },
): Promise<BusinessGoalRow> {
  return db
    .insertInto('business_goals')
    .values({
      workspace_id: workspaceId,
      plan_id: values.planId,
      kind: values.kind,
      title: values.title,
      description: values.description,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findBusinessGoals(db: Db, workspaceId: string, ids: readonly string[]): Promise<BusinessGoalRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('business_goals').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
}

export async function listBusinessGoalsOfPlans(db: Db, workspaceId: string, planIds: readonly string[]): Promise<BusinessGoalRow[]> {
  if (planIds.length === 0) return [];
  return db
    .selectFrom('business_goals')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('plan_id', 'in', planIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
