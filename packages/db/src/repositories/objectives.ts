import type { Db } from '../createDb.ts';
import type { ObjectiveRow } from '../schema.ts';

export interface ObjectiveValues {
  planId: string;
  goalId: string;
  title: string;
  category: string;
  framework: string;
  startsOn: string;
  deadline: string;
}

export async function insertObjective(db: Db, workspaceId: string, values: ObjectiveValues): Promise<ObjectiveRow> {
  return db
    .insertInto('objectives')
    .values({
      workspace_id: workspaceId,
      plan_id: values.planId,
      goal_id: values.goalId,
      title: values.title,
      category: values.category,
      framework: values.framework,
      starts_on: values.startsOn,
      deadline: values.deadline,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateObjective(
  db: Db,
  workspaceId: string,
  objectiveId: string,
  values: Partial<Omit<ObjectiveValues, 'planId' | 'goalId'>> & { goalId?: string; budget?: { amount: number; currency: string } | null },
): Promise<ObjectiveRow | undefined> {
  return db
    .updateTable('objectives')
    .set({
      ...(values.goalId !== undefined && { goal_id: values.goalId }),
      ...(values.title !== undefined && { title: values.title }),
      ...(values.category !== undefined && { category: values.category }),
      ...(values.framework !== undefined && { framework: values.framework }),
      ...(values.startsOn !== undefined && { starts_on: values.startsOn }),
      ...(values.deadline !== undefined && { deadline: values.deadline }),
      ...(values.budget !== undefined && { budget_amount: values.budget?.amount ?? null, budget_currency: values.budget?.currency ?? null }),
      updated_at: new Date(),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', objectiveId)
    .returningAll()
    .executeTakeFirst();
}

export async function setObjectiveOutcome(
  db: Db,
  workspaceId: string,
  objectiveId: string,
  outcome: { status: string; score: number | null },
): Promise<void> {
  await db
    .updateTable('objectives')
    .set({ status: outcome.status, score: outcome.score })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', objectiveId)
    .execute();
}

export async function findObjectives(db: Db, workspaceId: string, ids: readonly string[]): Promise<ObjectiveRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('objectives').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
}

export async function listObjectivesOfPlans(db: Db, workspaceId: string, planIds: readonly string[]): Promise<ObjectiveRow[]> {
  if (planIds.length === 0) return [];
  return db
    .selectFrom('objectives')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('plan_id', 'in', planIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function listObjectivesOfGoals(db: Db, workspaceId: string, goalIds: readonly string[]): Promise<ObjectiveRow[]> {
  if (goalIds.length === 0) return [];
  return db
    .selectFrom('objectives')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('goal_id', 'in', goalIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
