import { sql } from 'kysely';
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
      // Last of its plan: after every objective already there.
      position: sql<number>`(select coalesce(max(position) + 1, 0) from objectives where plan_id = ${values.planId})`,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateObjective(
  db: Db,
  workspaceId: string,
  objectiveId: string,
  values: Partial<Omit<ObjectiveValues, 'planId' | 'goalId'>> & {
    goalId?: string;
    budget?: { amount: number; currency: string } | null;
    /** A workspace member's id, or null for nobody. */
    ownerMemberId?: string | null;
  },
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
      ...(values.ownerMemberId !== undefined && { owner_member_id: values.ownerMemberId }),
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

/** By id, archived ones included (node(id) and history still reach them). */
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
    // Archived objectives keep their history but are out of evaluation and plan health.
    .where('archived_at', 'is', null)
    .orderBy('position')
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
    .where('archived_at', 'is', null)
    .orderBy('position')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Objectives among these that have history: a key result with evaluations or check-ins, or content with results. */
export async function objectiveIdsWithHistory(db: Db, workspaceId: string, objectiveIds: readonly string[]): Promise<Set<string>> {
  if (objectiveIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('objectives as o')
    .select('o.id')
    .where('o.workspace_id', '=', workspaceId)
    .where('o.id', 'in', objectiveIds)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb.selectFrom('key_results as kr')
            .select(sql.lit(1).as('one'))
            .whereRef('kr.objective_id', '=', 'o.id')
            .where((k) =>
              k.or([
                k.exists(k.selectFrom('key_result_evaluations as e').select(sql.lit(1).as('one')).whereRef('e.key_result_id', '=', 'kr.id')),
                k.exists(k.selectFrom('check_ins as c').select(sql.lit(1).as('one')).whereRef('c.key_result_id', '=', 'kr.id')),
              ]),
            ),
        ),
        eb.exists(
          eb.selectFrom('themes as t')
            .innerJoin('content_items as ci', 'ci.theme_id', 't.id')
            .innerJoin('content_item_metrics as m', 'm.content_item_id', 'ci.id')
            .select(sql.lit(1).as('one'))
            .whereRef('t.objective_id', '=', 'o.id'),
        ),
      ]),
    )
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Archives objectives and their key results; returns the objectives newly archived. */
export async function archiveObjectives(db: Db, workspaceId: string, objectiveIds: readonly string[], at: Date): Promise<ObjectiveRow[]> {
  if (objectiveIds.length === 0) return [];
  await db
    .updateTable('key_results')
    .set({ archived_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('objective_id', 'in', objectiveIds)
    .where('archived_at', 'is', null)
    .execute();
  return db
    .updateTable('objectives')
    .set({ archived_at: at, updated_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', objectiveIds)
    .where('archived_at', 'is', null)
    .returningAll()
    .execute();
}

/** Deletes objectives; their key results, themes and content go with them (foreign keys cascade). */
export async function deleteObjectives(db: Db, workspaceId: string, objectiveIds: readonly string[]): Promise<ObjectiveRow[]> {
  if (objectiveIds.length === 0) return [];
  return db.deleteFrom('objectives').where('workspace_id', '=', workspaceId).where('id', 'in', objectiveIds).returningAll().execute();
}

export async function lockObjective(db: Db, workspaceId: string, objectiveId: string): Promise<ObjectiveRow | undefined> {
  return db.selectFrom('objectives').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', objectiveId).forUpdate().executeTakeFirst();
}

/** Sets positions 0..n-1 in the order given (the caller checked it names exactly the plan's objectives). */
export async function reorderObjectives(db: Db, workspaceId: string, planId: string, orderedIds: readonly string[]): Promise<void> {
  if (orderedIds.length === 0) return;
  await db
    .updateTable('objectives')
    .from(sql<{ id: string; position: number }>`unnest(${sql.val(orderedIds)}::uuid[]) with ordinality`.as<'o'>(sql`o(id, position)`))
    .set((eb) => ({ position: sql<number>`${eb.ref('o.position')}::int - 1` }))
    .whereRef('objectives.id', '=', 'o.id')
    .where('objectives.workspace_id', '=', workspaceId)
    .where('objectives.plan_id', '=', planId)
    .execute();
}
