import {
  dailyTotals, findPlans, insertAlertOnce, listKeyResultsOfObjectives, listObjectivesOfPlans, listScopeAccountIds,
  recordKeyResultOutcome, resolveOpenAlerts, setObjectiveOutcome, type AlertRow, type KeyResultRow, type ObjectiveRow,
} from '@goalpost/db';
import {
  addDays, dayOf, decideAlerts, evaluateKeyResult, findMetric, keyResultSeries, objectiveStatus, okrScore, resolveTarget,
  withThresholdOverrides, type Direction, type EvaluationThresholds, type KeyResultEvaluation, type ObjectiveStatus, type SeriesPoint,
} from '@goalpost/domain';
import { liveChannel, liveTopics, type ObjectiveEvaluatePayload } from '@goalpost/jobs';
import type { WorkerDeps } from '../workerDeps.ts';

const derivedWindowDays = 28;

/** Reads only the days and metrics one key result needs, and turns them into its own daily series. */
async function seriesOf(deps: WorkerDeps, workspaceId: string, kr: KeyResultRow, objective: ObjectiveRow, today: string) {
  const definition = findMetric(kr.metric);
  if (!definition) return null;
  const accountIds = await listScopeAccountIds(deps.db, workspaceId, { accountId: kr.account_id, platform: kr.platform });
  const metrics = definition.kind === 'DERIVED' ? [...definition.inputs] : [definition.id];
  const to = [today, objective.deadline].sort()[0]!;
  const rows = await dailyTotals(deps.db, workspaceId, { accountIds, metrics, from: addDays(objective.starts_on, -derivedWindowDays), to });
  const raw: Record<string, SeriesPoint[]> = {};
  for (const row of rows) (raw[row.metric] ??= []).push({ at: row.at, value: row.value });
  return { definition, series: keyResultSeries(definition, raw, { startsOn: objective.starts_on, windowDays: derivedWindowDays }) };
}

/** Baseline as given; else the value at the start (the last one on or before it; FLOW counts from 0). */
function baselineOf(kr: KeyResultRow, kind: string, series: SeriesPoint[], startsOn: string): number | null {
  if (kr.baseline !== null) return kr.baseline;
  if (kind === 'FLOW') return 0;
  const before = series.filter((p) => p.at <= startsOn);
  return (before.at(-1) ?? series[0])?.value ?? null;
}

async function evaluateOne(deps: WorkerDeps, workspaceId: string, kr: KeyResultRow, objective: ObjectiveRow, thresholds: EvaluationThresholds, now: Date) {
  const input = await seriesOf(deps, workspaceId, kr, objective, dayOf(now));
  const baseline = input ? baselineOf(kr, input.definition.kind, input.series, objective.starts_on) : null;
  const target = resolveTarget({ baseline, target: kr.target, targetChangePercent: kr.target_change_percent });
  if (!input || baseline === null || target === null) {
    const noData: KeyResultEvaluation = { status: 'NO_DATA', current: null, asOf: null, progress: null, expectedProgress: 0, forecast: null, score: 0 };
    return { evaluation: noData, baseline, target };
  }
  const spec = { direction: kr.direction as Direction, baseline, target, startsOn: objective.starts_on, deadline: objective.deadline };
  return { evaluation: evaluateKeyResult(spec, input.series, now, thresholds), baseline, target };
}

/** Evaluates every key result of a plan; history, statuses and alerts of one key result commit together. */
export async function evaluatePlan(payload: ObjectiveEvaluatePayload, deps: WorkerDeps) {
  const { workspaceId, planId } = payload;
  const [plan] = await findPlans(deps.db, workspaceId, [planId]);
  if (!plan || plan.status !== 'ACTIVE') return { evaluated: 0, alerts: 0 };
  const now = deps.now();
  const thresholds = withThresholdOverrides(plan.settings.thresholds ?? {});
  const objectives = await listObjectivesOfPlans(deps.db, workspaceId, [planId]);
  const keyResults = await listKeyResultsOfObjectives(deps.db, workspaceId, objectives.map((o) => o.id));
  const raised: AlertRow[] = [];

  for (const objective of objectives) {
    const own = keyResults.filter((k) => k.objective_id === objective.id);
    const outcomes: { status: ObjectiveStatus; score: number; weight: number }[] = [];
    for (const kr of own) {
      const { evaluation, baseline, target } = await evaluateOne(deps, workspaceId, kr, objective, thresholds, now);
      const decision = decideAlerts({
        keyResultId: kr.id,
        label: `"${objective.title}" — ${kr.metric}`,
        previous: kr.status as ObjectiveStatus,
        evaluation,
        deadline: objective.deadline,
        now,
        thresholds,
      });
      await deps.db.transaction().execute(async (tx) => {
        await recordKeyResultOutcome(tx, workspaceId, kr.id, {
          status: evaluation.status,
          current: evaluation.current,
          progress: evaluation.progress,
          expectedProgress: evaluation.expectedProgress,
          forecast: evaluation.forecast,
          baseline,
          target,
          evaluatedAt: now,
          evaluatedOn: dayOf(now),
        });
        await resolveOpenAlerts(tx, workspaceId, kr.id, decision.resolveKinds, now);
        for (const intent of decision.raise) {
          const alert = await insertAlertOnce(tx, workspaceId, {
            planId, objectiveId: objective.id, keyResultId: kr.id, accountId: null,
            kind: intent.kind, severity: intent.severity, message: intent.message, dedupKey: intent.dedupKey,
          });
          if (alert) raised.push(alert);
        }
      });
      outcomes.push({ status: evaluation.status, score: evaluation.score, weight: kr.weight });
    }
    await setObjectiveOutcome(deps.db, workspaceId, objective.id, {
      status: objectiveStatus(outcomes.map((o) => o.status)),
      score: outcomes.length ? okrScore(outcomes).score : null,
    });
  }

  // After commit: a crash before this point leaves alerts unpublished, which the sweep re-sends.
  for (const alert of raised) await deps.queues.enqueueDelivery({ workspaceId, alertId: alert.id });
  const channel = liveChannel(liveTopics(deps.liveNamespace).keyResultEvaluated, workspaceId);
  for (const kr of keyResults) await deps.publisher.publish(channel, JSON.stringify({ keyResultId: kr.id, planId }));
  return { evaluated: keyResults.length, alerts: raised.length };
}
