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

/** By id, archived ones included (node(id) and history still reach them). */
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
    .where('archived_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function updateBusinessGoal(
  db: Db,
  workspaceId: string,
  goalId: string,
  values: { kind?: string; title?: string; description?: string | null },
): Promise<BusinessGoalRow | undefined> {
  if (Object.keys(values).length === 0) return findBusinessGoals(db, workspaceId, [goalId]).then((rows) => rows[0]);
  return db
    .updateTable('business_goals')
    .set({
      ...(values.kind !== undefined && { kind: values.kind }),
      ...(values.title !== undefined && { title: values.title }),
      ...(values.description !== undefined && { description: values.description }),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', goalId)
    .returningAll()
    .executeTakeFirst();
}

export async function lockBusinessGoal(db: Db, workspaceId: string, goalId: string): Promise<BusinessGoalRow | undefined> {
  return db.selectFrom('business_goals').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', goalId).forUpdate().executeTakeFirst();
}

/** Every objective of the goal, archived ones included: what removing the goal touches. */
export async function listAllObjectiveIdsOfGoal(db: Db, workspaceId: string, goalId: string): Promise<string[]> {
  const rows = await db.selectFrom('objectives').select('id').where('workspace_id', '=', workspaceId).where('goal_id', '=', goalId).execute();
  return rows.map((r) => r.id);
}

export async function archiveBusinessGoal(db: Db, workspaceId: string, goalId: string, at: Date): Promise<BusinessGoalRow | undefined> {
  return db
    .updateTable('business_goals')
    .set({ archived_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', goalId)
    .where('archived_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Deletes the goal; its objectives go with it (foreign keys cascade). */
export async function deleteBusinessGoal(db: Db, workspaceId: string, goalId: string): Promise<BusinessGoalRow | undefined> {
  return db.deleteFrom('business_goals').where('workspace_id', '=', workspaceId).where('id', '=', goalId).returningAll().executeTakeFirst();
}

