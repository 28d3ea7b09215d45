import { sql } from 'kysely';
import type { Db } from '../createDb.ts';
import type { AlertValues } from './alerts.ts';
import type { recordKeyResultOutcome } from './keyResults.ts';

/** One key result's outcome, as `recordKeyResultOutcome` stores it. */
export type KeyResultOutcome = Parameters<typeof recordKeyResultOutcome>[3] & { keyResultId: string };

/** Everything one evaluation run decided, to store at once. */
export interface EvaluationOutcome {
  keyResults: readonly KeyResultOutcome[];
  /** Open alerts of these kinds of these key results are resolved at `at`. */
  resolve: readonly { keyResultId: string; kinds: readonly string[] }[];
  /** Raised once per dedup key (`insertAlertOnce`). */
  raise: readonly AlertValues[];
  /** Only the objectives whose status or score changed. */
  objectives: readonly { objectiveId: string; status: string; score: number | null }[];
  /** The status changes the run decided, recorded (once per event key) until they are fanned out (statusChangeOutbox.ts). */
  statusChanges?: readonly { eventKey: string; planId: string; payload: unknown }[];
  at: Date;
}

/**
 * Stores an evaluation run in one statement, so atomic without a transaction and one round trip
 * whatever the number of key results: each key result's outcome and its history row for the day
 * (`recordKeyResultOutcome`, a resolution written only when settled), alerts resolved and raised, and
 * objective statuses and scores, and the status changes to fan out. Rows travel as JSON arrays (`jsonb_to_recordset`) and `unnest`.
 * Returns the ids of the alerts this run raised (new dedup keys only) and resolved.
 */
export async function storeEvaluationOutcome(db: Db, workspaceId: string, outcome: EvaluationOutcome): Promise<{ raised: string[]; resolved: string[] }> {
  const keyResults = outcome.keyResults.map((o) => {
    const settled = o.resolution?.settled ? o.resolution : null;
    return {
      id: o.keyResultId,
      status: o.status,
      effective_baseline: settled ? settled.baseline : o.baseline,
      effective_target: settled ? settled.target : o.target,
      current: o.current,
      progress: o.progress,
      expected_progress: o.expectedProgress,
      forecast: o.forecast,
      evaluated_at: o.evaluatedAt.toISOString(),
      evaluated_on: o.evaluatedOn,
      inputs_fingerprint: o.inputsFingerprint,
      definition_version: o.definitionVersion,
      drift_since: o.driftSince,
      settled: settled !== null,
      resolved_baseline: settled?.baseline ?? null,
      resolved_target: settled?.target ?? null,
      baseline_basis: settled?.basis ?? null,
      resolved_at: settled?.at.toISOString() ?? null,
    };
  });
  const resolve = outcome.resolve.flatMap((r) => r.kinds.map((kind) => ({ keyResultId: r.keyResultId, kind })));
  const raise = outcome.raise.map((a) => ({
    plan_id: a.planId, objective_id: a.objectiveId, key_result_id: a.keyResultId, account_id: a.accountId,
    kind: a.kind, severity: a.severity, message: a.message, dedup_key: a.dedupKey,
  }));
  const objectives = outcome.objectives;
  const changes = (outcome.statusChanges ?? []).map((c) => ({ event_key: c.eventKey, plan_id: c.planId, payload: c.payload }));
  const result = await sql<{ raised: string[]; resolved: string[] }>`
    WITH outcome AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(keyResults)}::jsonb) AS v(
        id uuid, status text, effective_baseline float8, effective_target float8, current float8, progress float8,
        expected_progress float8, forecast jsonb, evaluated_at timestamptz, evaluated_on date, inputs_fingerprint text,
        definition_version int, drift_since date, settled boolean, resolved_baseline float8, resolved_target float8,
        baseline_basis jsonb, resolved_at timestamptz)
    ), updated AS (
      UPDATE key_results AS kr SET
        status = v.status, effective_baseline = v.effective_baseline, effective_target = v.effective_target,
        current = v.current, progress = v.progress, expected_progress = v.expected_progress, forecast = v.forecast,
        evaluated_at = v.evaluated_at, inputs_fingerprint = v.inputs_fingerprint, drift_since = v.drift_since,
        resolved_baseline = CASE WHEN v.settled THEN v.resolved_baseline ELSE kr.resolved_baseline END,
        resolved_target = CASE WHEN v.settled THEN v.resolved_target ELSE kr.resolved_target END,
        baseline_basis = CASE WHEN v.settled THEN v.baseline_basis ELSE kr.baseline_basis END,
        resolved_at = CASE WHEN v.settled THEN v.resolved_at ELSE kr.resolved_at END
      FROM outcome AS v WHERE kr.workspace_id = ${workspaceId}::uuid AND kr.id = v.id
      RETURNING kr.id
    ), history AS (
      INSERT INTO key_result_evaluations (workspace_id, key_result_id, evaluated_on, evaluated_at, status, current, progress, expected_progress, forecast, definition_version)
      SELECT ${workspaceId}::uuid, v.id, v.evaluated_on, v.evaluated_at, v.status, v.current, v.progress, v.expected_progress, v.forecast, v.definition_version
      FROM outcome AS v JOIN updated ON updated.id = v.id
      ON CONFLICT (key_result_id, evaluated_on) DO UPDATE SET
        evaluated_at = excluded.evaluated_at, status = excluded.status, current = excluded.current, progress = excluded.progress,
        expected_progress = excluded.expected_progress, forecast = excluded.forecast, definition_version = excluded.definition_version
      RETURNING 1
    ), resolved AS (
      UPDATE alerts SET state = 'RESOLVED', resolved_at = ${outcome.at}
      WHERE workspace_id = ${workspaceId}::uuid AND state <> 'RESOLVED'
        AND (key_result_id, kind) IN (SELECT * FROM unnest(${resolve.map((r) => r.keyResultId)}::uuid[], ${resolve.map((r) => r.kind)}::text[]))
      RETURNING id
    ), raised AS (
      INSERT INTO alerts (workspace_id, plan_id, objective_id, key_result_id, account_id, kind, severity, message, dedup_key)
      SELECT ${workspaceId}::uuid, a.plan_id, a.objective_id, a.key_result_id, a.account_id, a.kind, a.severity, a.message, a.dedup_key
      FROM jsonb_to_recordset(${JSON.stringify(raise)}::jsonb) AS a(
        plan_id uuid, objective_id uuid, key_result_id uuid, account_id uuid, kind text, severity text, message text, dedup_key text)
      ON CONFLICT (workspace_id, dedup_key) DO NOTHING
      RETURNING id
    ), objectives_set AS (
      UPDATE objectives AS o SET status = v.status, score = v.score
      FROM unnest(${objectives.map((x) => x.objectiveId)}::uuid[], ${objectives.map((x) => x.status)}::text[], ${objectives.map((x) => x.score)}::float8[]) AS v(id, status, score)
      WHERE o.workspace_id = ${workspaceId}::uuid AND o.id = v.id
      RETURNING 1
    ), changes AS (
      INSERT INTO status_change_outbox (workspace_id, event_key, plan_id, payload, created_at)
      SELECT ${workspaceId}::uuid, c.event_key, c.plan_id, c.payload, ${outcome.at}
      FROM jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) AS c(event_key text, plan_id uuid, payload jsonb)
      ON CONFLICT (workspace_id, event_key) DO NOTHING
      RETURNING 1
    )
    SELECT ARRAY(SELECT id::text FROM raised) AS raised, ARRAY(SELECT id::text FROM resolved) AS resolved`.execute(db);
  const row = result.rows[0];
  return { raised: row?.raised ?? [], resolved: row?.resolved ?? [] };
}
