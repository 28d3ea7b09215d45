import type { Db } from '../createDb.ts';
import type { KeyResultRow, StoredBaselineBasis, StoredForecast } from '../schema.ts';

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
    .orderBy('objective_id')
    .orderBy('position')
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
    })
    .onConflict((oc) =>
      oc.columns(['key_result_id', 'evaluated_on']).doUpdateSet((eb) => ({
        evaluated_at: eb.ref('excluded.evaluated_at'),
        status: eb.ref('excluded.status'),
        current: eb.ref('excluded.current'),
        progress: eb.ref('excluded.progress'),
        expected_progress: eb.ref('excluded.expected_progress'),
        forecast: eb.ref('excluded.forecast'),
      })),
    )
    .execute();
}

export async function listEvaluationHistory(
  db: Db,
  workspaceId: string,
  keyResultId: string,
  limit: number,
) {
  return db
    .selectFrom('key_result_evaluations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('key_result_id', '=', keyResultId)
    .orderBy('evaluated_on', 'desc')
    .limit(limit)
    .execute();
}
