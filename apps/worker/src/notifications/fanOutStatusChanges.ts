import { channelsForEvent, insertDeliveryOnce, type KeyResultRow, type ObjectiveRow, type PlanRow } from '@goalpost/db';
import { alertSeverities, findMetric } from '@goalpost/domain';
import type { WorkerDeps } from '../workerDeps.ts';
import { severitiesReachedBy } from './fanOutAlert.ts';
import type { StatusChangeData } from './statusChangeEvent.ts';

/** What one evaluation decided, as far as status changes go (evaluatePlan's assessed objectives fit it). */
export interface EvaluatedObjective {
  objective: ObjectiveRow;
  status: string;
  keyResults: readonly {
    keyResult: KeyResultRow;
    target: number | null;
    evaluation: { status: string; current: number | null; forecast: { value: number; low: number; high: number; confidence: number } | null };
  }[];
}

/** A change reaches channels by how bad the new status is: a channel at WARNING hears of AT_RISK and worse. */
function severityOf(status: string): string {
  if (status === 'OFF_TRACK' || status === 'MISSED') return 'CRITICAL';
  if (status === 'AT_RISK') return 'WARNING';
  return 'INFO';
}

/** Every objective and key result whose status this evaluation changed, from the stored status to the new one. */
export function statusChangesOf(plan: Pick<PlanRow, 'id' | 'name'>, on: string, assessed: readonly EvaluatedObjective[]): StatusChangeData[] {
  const changes: StatusChangeData[] = [];
  for (const { objective, status, keyResults } of assessed) {
    const objectiveRef = { id: objective.id, title: objective.title };
    const planRef = { id: plan.id, name: plan.name };
    for (const { keyResult, target, evaluation } of keyResults) {
      if (evaluation.status === keyResult.status) continue;
      changes.push({
        change: { subject: 'KEY_RESULT', id: keyResult.id, title: findMetric(keyResult.metric)?.label ?? keyResult.metric, from: keyResult.status, to: evaluation.status, on },
        plan: planRef,
        objective: objectiveRef,
        keyResult: {
          id: keyResult.id,
          metric: keyResult.metric,
          current: evaluation.current,
          target,
          forecast: evaluation.forecast && { value: evaluation.forecast.value, low: evaluation.forecast.low, high: evaluation.forecast.high, confidence: evaluation.forecast.confidence },
        },
      });
    }
    if (status !== objective.status) {
      changes.push({ change: { subject: 'OBJECTIVE', id: objective.id, title: objective.title, from: objective.status, to: status, on }, plan: planRef, objective: objectiveRef, keyResult: null });
    }
  }
  return changes;
}

/**
 * One STATUS_CHANGED delivery per change and channel that takes it. The event key names the change
 * (subject, day, from, to): an evaluation run again the same day finds the status already stored and
 * no change, and a retry of this fan-out finds the deliveries made.
 */
export async function fanOutStatusChanges(deps: Pick<WorkerDeps, 'db' | 'queues' | 'now'>, workspaceId: string, changes: readonly StatusChangeData[]): Promise<number> {
  if (changes.length === 0) return 0;
  // One read of every channel taking the event for the plan (the changes of one run share it); each
  // change then reaches those whose minimum severity its new status meets.
  const planId = changes[0]!.plan.id;
  const listening = await channelsForEvent(deps.db, workspaceId, { event: 'STATUS_CHANGED', severities: alertSeverities, planId });
  let deliveries = 0;
  for (const data of changes) {
    const reached = severitiesReachedBy(severityOf(data.change.to));
    const { subject, id, on, from, to } = data.change;
    const eventKey = `status-changed-${subject === 'OBJECTIVE' ? 'objective' : 'key-result'}-${id}-${on}-${from}-${to}`;
    for (const channel of listening.filter((c) => reached.includes(c.min_severity))) {
      const delivery = await insertDeliveryOnce(deps.db, workspaceId, { channelId: channel.id, event: 'STATUS_CHANGED', eventKey, payload: data }, deps.now());
      await deps.queues.enqueueNotification({ workspaceId, deliveryId: delivery.id });
      deliveries += 1;
    }
  }
  return deliveries;
}
