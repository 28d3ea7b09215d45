import {
  findPlans, insertAlertOnce, listKeyResultsOfObjectives, listObjectivesOfPlans, listScopeAccounts, recordKeyResultOutcome,
  resolveOpenAlerts, setObjectiveOutcome, type AlertRow, type KeyResultRow, type ObjectiveRow,
} from '@goalpost/db';
import {
  dayOf, decideAlerts, findMetric, objectiveStatus, okrScore, withThresholdOverrides, type AlertDecision, type ObjectiveStatus,
} from '@goalpost/domain';
import type { ObjectiveEvaluatePayload } from '@goalpost/jobs';
import { UnrecoverableError } from 'bullmq';
import { evaluationFingerprint } from '../evaluation/evaluationFingerprint.ts';
import { measureKeyResult, type KeyResultMeasurement } from '../evaluation/measureKeyResult.ts';
import { publishKeyResultEvaluated } from '../live/publishLiveEvent.ts';
import { fanOutStatusChanges, statusChangesOf } from '../notifications/fanOutStatusChanges.ts';
import type { WorkerDeps } from '../workerDeps.ts';

export type EvaluatePlanResult =
  | { skipped: string }
  | {
      keyResults: number;
      /** Key results whose inputs had not changed since their last evaluation today: their outcome stands. */
      unchanged: number;
      alertsRaised: number;
      alertsResolved: number;
    };

interface AssessedKeyResult extends KeyResultMeasurement {
  keyResult: KeyResultRow;
  decision: AlertDecision;
  fingerprint: string;
}

/** A key result whose stored outcome stands: it only counts towards its objective's status and score. */
interface StandingKeyResult {
  keyResult: KeyResultRow;
}

interface AssessedObjective {
  objective: ObjectiveRow;
  keyResults: AssessedKeyResult[];
  status: ObjectiveStatus;
  score: number | null;
}

/**
 * Evaluates every key result of a plan at the injected clock's `now`. Reading and judging happen
 * first; then one transaction stores everything the run decided — each key result's outcome and its
 * history row for the day, alerts raised (once per dedup key) and resolved, objective statuses and
 * scores — so a crash leaves either the previous evaluation or this one, never half of each. A re-run
 * overwrites the day's history and finds its alerts already raised (drift alerts once per drift episode,
 * whose first day each key result keeps). A key result whose baseline and target were never resolved
 * from history has them resolved here, and kept from then on. A key result whose inputs have not
 * changed since its evaluation today (same `evaluationFingerprint`) keeps its outcome and only counts
 * towards its objective; a `manual` run evaluates them all. Archived objectives and key results are
 * not listed, so they are out of evaluation (their history stays). Each history row records the
 * definition version of the key result it measured.
 */
export async function evaluatePlan(payload: ObjectiveEvaluatePayload, deps: WorkerDeps): Promise<EvaluatePlanResult> {
  const { workspaceId, planId } = payload;
  const [plan] = await findPlans(deps.db, workspaceId, [planId]);
  if (!plan) throw new UnrecoverableError(`Plan ${planId} does not exist in workspace ${workspaceId}.`);
  if (plan.status !== 'ACTIVE') return { skipped: `the plan is ${plan.status}` };

  const now = deps.now();
  const thresholds = withThresholdOverrides(plan.settings.thresholds ?? {});
  const objectives = await listObjectivesOfPlans(deps.db, workspaceId, [planId]);
  const keyResults = await listKeyResultsOfObjectives(deps.db, workspaceId, objectives.map((o) => o.id));

  const assessed: AssessedObjective[] = [];
  let unchanged = 0;
  for (const objective of objectives) {
    const own: AssessedKeyResult[] = [];
    const standing: StandingKeyResult[] = [];
    for (const keyResult of keyResults.filter((k) => k.objective_id === objective.id)) {
      const accounts = await listScopeAccounts(deps.db, workspaceId, { accountId: keyResult.account_id, platform: keyResult.platform });
      const versions = accounts.map((a) => ({ id: a.id, version: a.points_version }));
      const fingerprint = evaluationFingerprint({ keyResult, objective, thresholds, accounts: versions, day: dayOf(now) });
      if (payload.reason !== 'manual' && keyResult.inputs_fingerprint === fingerprint) {
        standing.push({ keyResult });
        continue;
      }
      const accountIds = accounts.map((a) => a.id);
      const measurement = await measureKeyResult(deps.db, workspaceId, keyResult, objective, { now, thresholds, accountIds });
      const decision = decideAlerts({
        keyResultId: keyResult.id,
        label: `"${objective.title}" — ${findMetric(keyResult.metric)?.label ?? keyResult.metric}`,
        previous: keyResult.status as ObjectiveStatus,
        driftSince: keyResult.drift_since,
        evaluation: measurement.evaluation,
        deadline: objective.deadline,
        now,
        thresholds,
      });
      own.push({ keyResult, ...measurement, decision, fingerprint });
    }
    unchanged += standing.length;
    const all = [
      ...own.map((k) => ({ status: k.evaluation.status, score: k.evaluation.score, weight: k.keyResult.weight })),
      ...standing.map(({ keyResult: k }) => ({ status: k.status as ObjectiveStatus, score: Math.min(1, Math.max(0, k.progress ?? 0)), weight: k.weight })),
    ];
    assessed.push({
      objective,
      keyResults: own,
      status: objectiveStatus(all.map((k) => k.status)),
      score: all.length > 0 ? okrScore(all).score : null,
    });
  }

  const { raised, resolved } = await deps.db.transaction().execute(async (tx) => {
    const raised: AlertRow[] = [];
    const resolved: AlertRow[] = [];
    for (const { objective, keyResults: own, status, score } of assessed) {
      for (const { keyResult, evaluation, baseline, target, resolved: settled, decision, fingerprint } of own) {
        await recordKeyResultOutcome(tx, workspaceId, keyResult.id, {
          status: evaluation.status,
          current: evaluation.current,
          progress: evaluation.progress,
          expectedProgress: evaluation.expectedProgress,
          forecast: evaluation.forecast,
          baseline,
          target,
          evaluatedAt: now,
          evaluatedOn: dayOf(now),
          inputsFingerprint: fingerprint,
          definitionVersion: keyResult.definition_version,
          driftSince: decision.driftSince,
          resolution: settled && { ...settled, at: now },
        });
        resolved.push(...(await resolveOpenAlerts(tx, workspaceId, { keyResultId: keyResult.id }, decision.resolveKinds, now)));
        for (const intent of decision.raise) {
          const alert = await insertAlertOnce(tx, workspaceId, {
            planId,
            objectiveId: objective.id,
            keyResultId: keyResult.id,
            accountId: null,
            kind: intent.kind,
            severity: intent.severity,
            message: intent.message,
            dedupKey: intent.dedupKey,
          });
          if (alert) raised.push(alert);
        }
      }
      await setObjectiveOutcome(tx, workspaceId, objective.id, { status, score });
    }
    return { raised, resolved };
  });

  // After the commit only: nothing is announced that could still roll back. A crash right here leaves
  // alerts stored but unpublished; the evaluate-plans sweep finds them and enqueues their delivery.
  for (const alert of raised) await deps.queues.enqueueDelivery({ workspaceId, alertId: alert.id });
  for (const alert of resolved) await deps.queues.enqueueDelivery({ workspaceId, alertId: alert.id, event: 'ALERT_RESOLVED' });
  await fanOutStatusChanges(deps, workspaceId, statusChangesOf(plan, dayOf(now), assessed));
  for (const { keyResults: own } of assessed) {
    for (const { keyResult } of own) await publishKeyResultEvaluated(deps, workspaceId, { keyResultId: keyResult.id, planId });
  }
  return { keyResults: keyResults.length, unchanged, alertsRaised: raised.length, alertsResolved: resolved.length };
}
