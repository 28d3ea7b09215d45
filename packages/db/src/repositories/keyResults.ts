import { sql } from 'kysely';
import type { Db } from '../createDb.ts';
import type { KeyResultEvaluationRow, KeyResultRow, StoredBaselineBasis, StoredForecast } from '../schema.ts';
import { selectKeysetPage, type KeyedRow, type Keyset, type PageWindow } from './keysetPage.ts';

/** A baseline and target resolved from history, to keep (`resolved_*`), or a stand-in until then (`effective_*`). */
export interface StoredResolution {
  baseline: number | null;
  target: number | null;
  basis: StoredBaselineBasis | null;
  /** True: kept until the user asks again; false: a stand-in the next evaluation replaces. */
  settled: boolean;
  at: Date;
}

const resolutionColumns = (r: StoredResolution | null | undefined) => {
  if (!r) return {};
  return r.settled
    ? { resolved_baseline: r.baseline, resolved_target: r.target, baseline_basis: JSON.stringify(r.basis), resolved_at: r.at, effective_baseline: r.baseline, effective_target: r.target }
    : { resolved_baseline: null, resolved_target: null, baseline_basis: r.basis ? JSON.stringify(r.basis) : null, resolved_at: null, effective_baseline: r.baseline, effective_target: r.target };
};

export interface KeyResultValues {
  metric: string;
  accountId: string | null;
  platform: string | null;
  direction: string;
  baseline: number | null;
  target: number | null;
  targetChangePercent: number | null;
  weight: number;
  /** LINEAR when absent. */
  pace?: string;
  /** MAINTAIN: half-width of the band (null: 5 % of the target). */
  maintainTolerance?: number | null;
  /** What the baseline and target resolved to when the key result was created. */
  resolution?: StoredResolution | null;
}

export async function insertKeyResults(
  db: Db,
  workspaceId: string,
  objectiveId: string,
  values: readonly KeyResultValues[],
  firstPosition = 0,
): Promise<KeyResultRow[]> {
  if (values.length === 0) return [];
  return db
    .insertInto('key_results')
    .values(
      values.map((v, i) => ({
        workspace_id: workspaceId,
        objective_id: objectiveId,
        metric: v.metric,
        account_id: v.accountId,
        platform: v.platform,
        direction: v.direction,
        baseline: v.baseline,
        target: v.target,
        target_change_percent: v.targetChangePercent,
        weight: v.weight,
        ...(v.pace ? { pace: v.pace } : {}),
        maintain_tolerance: v.maintainTolerance ?? null,
        ...resolutionColumns(v.resolution),
        position: firstPosition + i,
      })),
    )
    .returningAll()
    .execute();
}

export async function countKeyResultsOfObjective(db: Db, workspaceId: string, objectiveId: string): Promise<number> {
  const row = await db
    .selectFrom('key_results')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('objective_id', '=', objectiveId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Where a new key result goes: after every other of its objective (positions may have gaps after removals). */
export async function nextKeyResultPosition(db: Db, workspaceId: string, objectiveId: string): Promise<number> {
  const row = await db
    .selectFrom('key_results')
    .select((eb) => eb.fn.max('position').as('last'))
    .where('workspace_id', '=', workspaceId)
    .where('objective_id', '=', objectiveId)
    .executeTakeFirst();
  return row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1;
}

/** By id, archived ones included (node(id) and history still reach them). */
export async function findKeyResults(db: Db, workspaceId: string, ids: readonly string[]): Promise<KeyResultRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('key_results').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
}

export async function listKeyResultsOfObjectives(db: Db, workspaceId: string, objectiveIds: readonly string[]): Promise<KeyResultRow[]> {
  if (objectiveIds.length === 0) return [];
  return db
    .selectFrom('key_results')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('objective_id', 'in', objectiveIds)
    // Archived key results keep their history but are out of evaluation, scores and plan health.
    .where('archived_at', 'is', null)
    .orderBy('objective_id')
    .orderBy('position')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Plans holding a key result that reads this account (directly, or through its platform). */
export async function listPlanIdsReadingAccount(db: Db, workspaceId: string, accountId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('key_results as kr')
    .innerJoin('objectives as o', 'o.id', 'kr.objective_id')
    .innerJoin('plans as p', 'p.id', 'o.plan_id')
    .innerJoin('social_accounts as a', (join) => join.on('a.id', '=', accountId).on('a.workspace_id', '=', workspaceId))
    .select('o.plan_id')
    .distinct()
    .where('kr.workspace_id', '=', workspaceId)
    .where('kr.archived_at', 'is', null)
    .where('p.status', '=', 'ACTIVE')
    .where((eb) => eb.or([eb('kr.account_id', '=', accountId), eb.and([eb('kr.account_id', 'is', null), eb('kr.platform', '=', eb.ref('a.platform'))])]))
    .execute();
  return rows.map((r) => r.plan_id);
}

/**
 * Stores what a key result's baseline and target resolve to: settled ones are kept (`resolved_*`) until
 * the next call; a stand-in only fills `effective_*` and clears what was kept.
 */
export async function setKeyResultResolution(db: Db, workspaceId: string, keyResultId: string, resolution: StoredResolution): Promise<KeyResultRow | undefined> {
  return db
    .updateTable('key_results')
    .set(resolutionColumns(resolution))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', keyResultId)
    .returningAll()
    .executeTakeFirst();
}

/** Keeps the scale a key result's forecast interval was calibrated to, and the day it was (see `forecastIntervalScaleOf` in the worker). */
export async function setForecastCalibration(db: Db, workspaceId: string, keyResultId: string, calibration: { scale: number; on: string }): Promise<void> {
  await db
    .updateTable('key_results')
    .set({ forecast_interval_scale: calibration.scale, forecast_calibrated_on: calibration.on })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', keyResultId)
    .execute();
}

export async function recordKeyResultOutcome(
  db: Db,
  workspaceId: string,
  keyResultId: string,
  outcome: {
    status: string;
    current: number | null;
    progress: number | null;
    expectedProgress: number;
    forecast: StoredForecast | null;
    baseline: number | null;
    target: number | null;
    evaluatedAt: Date;
    evaluatedOn: string;
    /** What this evaluation read (see evaluatePlan): the next one with the same fingerprint can be skipped. */
    inputsFingerprint: string;
    /** The key result's definition version the evaluation read: the history row says which definition it measured. */
    definitionVersion: number;
    /** The first day of the drift episode the key result is in (null: not drifting). */
    driftSince: string | null;
    /** A baseline and target this evaluation resolved for the first time, to keep. */
    resolution?: StoredResolution | null;
  },
): Promise<void> {
  const forecast = outcome.forecast ? JSON.stringify(outcome.forecast) : null;
  await db
    .updateTable('key_results')
    .set({
      status: outcome.status,
      effective_baseline: outcome.baseline,
      effective_target: outcome.target,
      current: outcome.current,
      progress: outcome.progress,
      expected_progress: outcome.expectedProgress,
      forecast,
      evaluated_at: outcome.evaluatedAt,
      inputs_fingerprint: outcome.inputsFingerprint,
      drift_since: outcome.driftSince,
      ...(outcome.resolution?.settled ? resolutionColumns(outcome.resolution) : {}),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', keyResultId)
    .execute();
  await db
    .insertInto('key_result_evaluations')
    .values({
      workspace_id: workspaceId,
      key_result_id: keyResultId,
      evaluated_on: outcome.evaluatedOn,
      evaluated_at: outcome.evaluatedAt,
      status: outcome.status,
      current: outcome.current,
      progress: outcome.progress,
      expected_progress: outcome.expectedProgress,
      forecast,
      definition_version: outcome.definitionVersion,
    })
    .onConflict((oc) =>
      oc.columns(['key_result_id', 'evaluated_on']).doUpdateSet((eb) => ({
        evaluated_at: eb.ref('excluded.evaluated_at'),
        status: eb.ref('excluded.status'),
        current: eb.ref('excluded.current'),
        progress: eb.ref('excluded.progress'),
        expected_progress: eb.ref('excluded.expected_progress'),
        forecast: eb.ref('excluded.forecast'),
        definition_version: eb.ref('excluded.definition_version'),
      })),
    )
    .execute();
}

/** A key result's evaluation history by day, oldest first: one row per (key result, day). */
export const evaluationHistoryKeyset: Keyset = { columns: [{ column: 'evaluated_on', type: 'date' }], order: 'asc' };

/** One page of a key result's evaluation history, by `evaluationHistoryKeyset`. */
export async function listEvaluationHistory(db: Db, workspaceId: string, keyResultId: string, page: PageWindow) {
  const query = db
    .selectFrom('key_result_evaluations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('key_result_id', '=', keyResultId);
  return selectKeysetPage(query, evaluationHistoryKeyset, page);
}

/**
 * The same page of the evaluation history of many key results in one statement (a dashboard's charts):
 * answer i is what `listEvaluationHistory` gives for key result i, rows in the direction read, each with
 * its key.
 */
export async function listEvaluationHistoryOfKeyResults(
  db: Db,
  workspaceId: string,
  keyResultIds: readonly string[],
  page: PageWindow,
): Promise<KeyedRow<KeyResultEvaluationRow>[][]> {
  if (keyResultIds.length === 0) return [];
  const [column] = evaluationHistoryKeyset.columns;
  // One row per (key result, day), so the day alone orders and keys a key result's rows.
  const direction = (evaluationHistoryKeyset.order === 'asc') !== page.inverted ? sql.raw('asc') : sql.raw('desc');
  let inner = db
    .selectFrom('key_result_evaluations')
    .selectAll()
    .select([
      sql<string>`to_char(evaluated_on, 'YYYY-MM-DD')`.as('keyset_0'),
      sql<number>`row_number() over (partition by key_result_id order by evaluated_on ${direction})`.as('place'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('key_result_id', 'in', keyResultIds);
  const [afterOp, beforeOp] = evaluationHistoryKeyset.order === 'asc' ? ['>', '<'] as const : ['<', '>'] as const;
  if (page.after) inner = inner.where(sql.ref(column!.column), afterOp, sql<string>`cast(${page.after[0]} as date)`);
  if (page.before) inner = inner.where(sql.ref(column!.column), beforeOp, sql<string>`cast(${page.before[0]} as date)`);
  const rows = await db.selectFrom(inner.as('h')).selectAll().where('place', '<=', page.limit).orderBy('key_result_id').orderBy('place').execute();
  const pages = new Map<string, KeyedRow<KeyResultEvaluationRow>[]>(keyResultIds.map((id) => [id, []]));
  for (const { keyset_0, place: _place, ...row } of rows) pages.get(row.key_result_id)?.push({ row, key: [keyset_0] });
  return keyResultIds.map((id) => pages.get(id)!);
}

/** What a key result measures and aims at: a change to any of these starts a new definition version. */
export const keyResultDefinitionColumns = ['metric', 'account_id', 'platform', 'direction', 'baseline', 'target', 'target_change_percent', 'pace', 'maintain_tolerance'] as const;

/**
 * Applies a change to a key result. `definitionChangedAt` set: the definition version is bumped (its
 * baseline and target are resolved again with `setKeyResultResolution`). `owner` set: the owner changes, and the check-in cadence counts from `owner.at`.
 */
export async function updateKeyResult(
  db: Db,
  workspaceId: string,
  keyResultId: string,
  change: {
    values: Partial<KeyResultValues>;
    definitionChangedAt: Date | null;
    owner?: { memberId: string | null; at: Date };
  },
): Promise<KeyResultRow | undefined> {
  const v = change.values;
  return db
    .updateTable('key_results')
    .set((eb) => ({
      ...(v.metric !== undefined && { metric: v.metric }),
      ...(v.accountId !== undefined && { account_id: v.accountId }),
      ...(v.platform !== undefined && { platform: v.platform }),
      ...(v.direction !== undefined && { direction: v.direction }),
      ...(v.baseline !== undefined && { baseline: v.baseline }),
      ...(v.target !== undefined && { target: v.target }),
      ...(v.targetChangePercent !== undefined && { target_change_percent: v.targetChangePercent }),
      ...(v.weight !== undefined && { weight: v.weight }),
      ...(v.pace !== undefined && { pace: v.pace }),
      ...(v.maintainTolerance !== undefined && { maintain_tolerance: v.maintainTolerance }),
      ...(change.definitionChangedAt && {
        definition_version: eb('definition_version', '+', 1),
        definition_changed_at: change.definitionChangedAt,
        // A new definition (metric, scope, dates) is calibrated again at its next evaluation.
        forecast_calibrated_on: null,
      }),
      ...(change.owner && { owner_member_id: change.owner.memberId, owner_assigned_at: change.owner.memberId ? change.owner.at : null }),
    }))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', keyResultId)
    .returningAll()
    .executeTakeFirst();
}

/** The objective's dates are part of each key result's definition: moving them starts a new version of every one. */
export async function bumpDefinitionsOfObjective(db: Db, workspaceId: string, objectiveId: string, at: Date): Promise<KeyResultRow[]> {
  return db
    .updateTable('key_results')
    .set((eb) => ({ definition_version: eb('definition_version', '+', 1), definition_changed_at: at, forecast_calibrated_on: null }))
    .where('workspace_id', '=', workspaceId)
    .where('objective_id', '=', objectiveId)
    .where('archived_at', 'is', null)
    .returningAll()
    .execute();
}

/** Key results among these that have history: evaluations or check-ins. */
export async function keyResultIdsWithHistory(db: Db, workspaceId: string, keyResultIds: readonly string[]): Promise<Set<string>> {
  if (keyResultIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('key_results as kr')
    .select('kr.id')
    .where('kr.workspace_id', '=', workspaceId)
    .where('kr.id', 'in', keyResultIds)
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('key_result_evaluations as e').select(sql.lit(1).as('one')).whereRef('e.key_result_id', '=', 'kr.id')),
        eb.exists(eb.selectFrom('check_ins as c').select(sql.lit(1).as('one')).whereRef('c.key_result_id', '=', 'kr.id')),
      ]),
    )
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function archiveKeyResults(db: Db, workspaceId: string, keyResultIds: readonly string[], at: Date): Promise<KeyResultRow[]> {
  if (keyResultIds.length === 0) return [];
  return db
    .updateTable('key_results')
    .set({ archived_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', keyResultIds)
    .where('archived_at', 'is', null)
    .returningAll()
    .execute();
}

export async function deleteKeyResults(db: Db, workspaceId: string, keyResultIds: readonly string[]): Promise<KeyResultRow[]> {
  if (keyResultIds.length === 0) return [];
  return db.deleteFrom('key_results').where('workspace_id', '=', workspaceId).where('id', 'in', keyResultIds).returningAll().execute();
}

/** Locks a key result for a change that depends on what it is (removal reads its history first). */
export async function lockKeyResult(db: Db, workspaceId: string, keyResultId: string): Promise<KeyResultRow | undefined> {
  return db.selectFrom('key_results').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', keyResultId).forUpdate().executeTakeFirst();
}

/** Sets positions 0..n-1 in the order given (the caller checked it names exactly the objective's key results). */
export async function reorderKeyResults(db: Db, workspaceId: string, objectiveId: string, orderedIds: readonly string[]): Promise<void> {
  if (orderedIds.length === 0) return;
  await db
    .updateTable('key_results')
    .from(sql<{ id: string; position: number }>`unnest(${sql.val(orderedIds)}::uuid[]) with ordinality`.as<'o'>(sql`o(id, position)`))
    .set((eb) => ({ position: sql<number>`${eb.ref('o.position')}::int - 1` }))
    .whereRef('key_results.id', '=', 'o.id')
    .where('key_results.workspace_id', '=', workspaceId)
    .where('key_results.objective_id', '=', objectiveId)
    .execute();
}

/** `listKeyResultsOfObjectives` of a plan's objectives (archived ones out), in one statement without reading the objectives first. */
export async function listKeyResultsOfPlan(db: Db, workspaceId: string, planId: string): Promise<KeyResultRow[]> {
  return db
    .selectFrom('key_results')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('objective_id', 'in', (eb) => eb.selectFrom('objectives').select('id').where('workspace_id', '=', workspaceId).where('plan_id', '=', planId).where('archived_at', 'is', null))
    .where('archived_at', 'is', null)
    .orderBy('objective_id')
    .orderBy('position')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
