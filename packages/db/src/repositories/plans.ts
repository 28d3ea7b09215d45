import type { Db } from '../createDb.ts';
import type { PlanRow, PlanSettings } from '../schema.ts';
import { selectKeysetPage, type KeyedRow, type Keyset, type PageWindow } from './keysetPage.ts';

export interface PlanValues {
  name: string;
  description: string | null;
  startsOn: string;
  endsOn: string;
  settings?: PlanSettings;
}

export async function insertPlan(db: Db, workspaceId: string, values: PlanValues): Promise<PlanRow> {
  return db
    .insertInto('plans')
    .values({
      workspace_id: workspaceId,
      name: values.name,
      description: values.description,
      starts_on: values.startsOn,
      ends_on: values.endsOn,
      settings: JSON.stringify(values.settings ?? {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updatePlan(
  db: Db,
  workspaceId: string,
  planId: string,
  values: Partial<PlanValues>,
): Promise<PlanRow | undefined> {
  return db
    .updateTable('plans')
    .set({
      ...(values.name !== undefined && { name: values.name }),
      ...(values.description !== undefined && { description: values.description }),
      ...(values.startsOn !== undefined && { starts_on: values.startsOn }),
      ...(values.endsOn !== undefined && { ends_on: values.endsOn }),
      ...(values.settings !== undefined && { settings: JSON.stringify(values.settings) }),
      updated_at: new Date(),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', planId)
    .returningAll()
    .executeTakeFirst();
}

export async function archivePlan(db: Db, workspaceId: string, planId: string): Promise<PlanRow | undefined> {
  return db
    .updateTable('plans')
    .set({ status: 'ARCHIVED', updated_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', planId)
    .returningAll()
    .executeTakeFirst();
}

export async function findPlans(db: Db, workspaceId: string, ids: readonly string[]): Promise<PlanRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('plans')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
}

/** Plans in the order they were created; ties (one transaction) broken by id. */
export const planKeyset: Keyset = { columns: [{ column: 'created_at', type: 'timestamptz' }, { column: 'id', type: 'uuid' }], order: 'asc' };

/** One page of a workspace's plans, by `planKeyset`. */
export async function listPlans(db: Db, workspaceId: string, page: PageWindow): Promise<KeyedRow<PlanRow>[]> {
  return selectKeysetPage(db.selectFrom('plans').selectAll().where('workspace_id', '=', workspaceId), planKeyset, page);
}

/** Active plans of every workspace: what the scheduled sweep re-evaluates. */
export async function listActivePlanRefs(db: Db): Promise<{ workspaceId: string; planId: string }[]> {
  const rows = await db
    .selectFrom('plans')
    .select(['workspace_id', 'id'])
    .where('status', '=', 'ACTIVE')
    .execute();
  return rows.map((r) => ({ workspaceId: r.workspace_id, planId: r.id }));
}
