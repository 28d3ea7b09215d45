import {
  accountsInScope, findPlans, listAccountsReadByPlan, listKeyResultsOfPlan, listObjectivesOfPlans, storeEvaluationOutcome,
  type KeyResultRow, type ObjectiveRow,
} from '@goalpost/db';
import {
  dayOf, decideAlerts, findMetric, objectiveStatus, okrScore, withThresholdOverrides, type AlertDecision, type ObjectiveStatus,
} from '@goalpost/domain';
import type { ObjectiveEvaluatePayload } from '@goalpost/jobs';
import { UnrecoverableError } from 'bullmq';
import { evaluationFingerprint } from '../evaluation/evaluationFingerprint.ts';
import { measureKeyResult, type KeyResultMeasurement } from '../evaluation/measureKeyResult.ts';
import { publishAlertRaised, publishKeyResultEvaluated } from '../live/publishLiveEvent.ts';
import { fanOutStatusChanges, statusChangesOf } from '../notifications/fanOutStatusChanges.ts';
import { statusChangeEventKey } from '../notifications/statusChangeEvent.ts';
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
 * first; then one statement stores everything the run decided — each key result's outcome and its
 * history row for the day, alerts raised (once per dedup key) and resolved, objective statuses and
 * scores — so a crash leaves either the previous evaluation or this one, never half of each. A re-run
 * overwrites the day's history and finds its alerts already raised (drift alerts once per drift episode,
 * whose first day each key result keeps). A key result whose baseline and target were never resolved
 * from history has them resolved here, and kept from then on. A key result whose inputs have not
 * changed since its evaluation today (same `evaluationFingerprint`) keeps its outcome and only counts
 * towards its objective; a `manual` run evaluates them all. Archived objectives and key results are
 * not listed, so they are out of evaluation (their history stays). Each history row records the
 * definition version of the key result it measured. Its statements do not grow with the plan: four
 * reads (in parallel), the reads of each key result whose inputs moved, one write.
 */
export async function evaluatePlan(payload: ObjectiveEvaluatePayload, deps: WorkerDeps): Promise<EvaluatePlanResult> {
  const { workspaceId, planId } = payload;
  // The plan, its objectives, their key results and the accounts these read, in one round trip: none
  // of the four reads needs another's answer (the plan id is enough).
  // The job does not say which accounts changed: deduplication keeps one waiting job per plan, so a
  // payload would lose the accounts of the webhooks it absorbed. The accounts' points versions, read
  // once here for every key result, say it exactly, and the fingerprints built from them (in memory,
  // no statement) leave only the key results whose inputs moved to be read and written.
  const [[plan], objectives, keyResults, accounts] = await Promise.all([
    findPlans(deps.db, workspaceId, [planId]),
    listObjectivesOfPlans(deps.db, workspaceId, [planId]),
    listKeyResultsOfPlan(deps.db, workspaceId, planId),
    listAccountsReadByPlan(deps.db, workspaceId, planId),
  ]);
  if (!plan) throw new UnrecoverableError(`Plan ${planId} does not exist in workspace ${workspaceId}.`);
  if (plan.status !== 'ACTIVE') return { skipped: `the plan is ${plan.status}` };

  const now = deps.now();
  const thresholds = withThresholdOverrides(plan.settings.thresholds ?? {});

  const keyResultsOf = new Map<string, KeyResultRow[]>();
  for (const keyResult of keyResults) {
    const ofObjective = keyResultsOf.get(keyResult.objective_id);
    if (ofObjective) ofObjective.push(keyResult);
    else keyResultsOf.set(keyResult.objective_id, [keyResult]);
  }
  const assessed: AssessedObjective[] = [];
  let unchanged = 0;
  for (const objective of objectives) {
    const own: AssessedKeyResult[] = [];
    const standing: StandingKeyResult[] = [];
    for (const keyResult of keyResultsOf.get(objective.id) ?? []) {
      const scope = accountsInScope(accounts, { accountId: keyResult.account_id, platform: keyResult.platform });
      const versions = scope.map((a) => ({ id: a.id, version: a.points_version }));
      const fingerprint = evaluationFingerprint({ keyResult, objective, thresholds, accounts: versions, day: dayOf(now) });
      if (payload.reason !== 'manual' && keyResult.inputs_fingerprint === fingerprint) {
        standing.push({ keyResult });
        continue;
      }
      const accountIds = scope.map((a) => a.id);
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

  const evaluated = assessed.flatMap(({ objective, keyResults: own }) => own.map((k) => ({ objective, ...k })));
  // Only objectives whose status or score moved are written (one none of whose key results moved
  // computes what it stores): the others' rows stay as they are.
  const changedObjectives = assessed
    .filter(({ objective, status, score }) => objective.status !== status || objective.score !== score)
    .map(({ objective, status, score }) => ({ objectiveId: objective.id, status, score }));
  const nothingToWrite = evaluated.length === 0 && changedObjectives.length === 0;
  // Recorded with the outcome, so a crash before the fan-out below leaves them for the sweep.
  const statusChanges = statusChangesOf(plan, dayOf(now), assessed);
  // One statement for everything the run decided: atomic by itself, one round trip whatever the size.
  const { raised, resolved } = nothingToWrite ? { raised: [], resolved: [] } : await storeEvaluationOutcome(deps.db, workspaceId, {
    keyResults: evaluated.map(({ keyResult, evaluation, baseline, target, resolved: settled, decision, fingerprint }) => ({
      keyResultId: keyResult.id,
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
    })),
    resolve: evaluated.map(({ keyResult, decision }) => ({ keyResultId: keyResult.id, kinds: decision.resolveKinds })),
    raise: evaluated.flatMap(({ objective, keyResult, decision }) => decision.raise.map((intent) => ({
      planId,
      objectiveId: objective.id,
      keyResultId: keyResult.id,
      accountId: null,
      kind: intent.kind,
      severity: intent.severity,
      message: intent.message,
      dedupKey: intent.dedupKey,
    }))),
    objectives: changedObjectives,
    statusChanges: statusChanges.map((data) => ({ eventKey: statusChangeEventKey(data.change), planId, payload: data })),
    at: now,
  });

  // ---- After the commit only: nothing is announced that could still roll back. ----
  // New alerts go live first, straight from here: subscribers need nothing the alert-deliver queue
  // adds, so a queue hop in front of the PUBLISH would only delay them. Outbound deliveries (channels
  // that can be slow or down, with retries of their own) stay behind that queue, whose job is told the
  // alert was announced. A crash before the PUBLISH leaves the alert stored and unpublished: the
  // evaluate-plans sweep finds it and enqueues its delivery, which announces it then.
  await Promise.all(raised.map((alertId) => publishAlertRaised(deps, workspaceId, { alertId, planId })));
  await Promise.all([
    ...raised.map((alertId) => deps.queues.enqueueDelivery({ workspaceId, alertId, announced: true })),
    ...resolved.map((alertId) => deps.queues.enqueueDelivery({ workspaceId, alertId, event: 'ALERT_RESOLVED' })),
    ...evaluated.map(({ keyResult }) => publishKeyResultEvaluated(deps, workspaceId, { keyResultId: keyResult.id, planId })),
    fanOutStatusChanges(deps, workspaceId, statusChanges),
  ]);
  return { keyResults: keyResults.length, unchanged, alertsRaised: raised.length, alertsResolved: resolved.length };
}
