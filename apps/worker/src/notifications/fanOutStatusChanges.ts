import { channelsForEvent, insertDeliveryOnce, markStatusChangesFannedOut, type KeyResultRow, type NotificationChannelRow, type ObjectiveRow, type PlanRow } from '@goalpost/db';
import { alertSeverities, findMetric } from '@goalpost/domain';
import type { WorkerDeps } from '../workerDeps.ts';
import { severitiesReachedBy } from './fanOutAlert.ts';
import { statusChangeEventKey, type StatusChangeData } from './statusChangeEvent.ts';

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
 * One STATUS_CHANGED delivery per change and channel that takes it, then the changes' outbox records
 * are marked fanned out. The event key names the change (statusChangeEventKey): a retry of this fan-out,
 * or the sweep's after a crash, finds the deliveries made and queues only jobs that are no-ops by id.
 */
export async function fanOutStatusChanges(deps: Pick<WorkerDeps, 'db' | 'queues' | 'now'>, workspaceId: string, changes: readonly StatusChangeData[]): Promise<number> {
  // One read per plan of every channel taking the event (an evaluation's changes share one plan); each
  // change then reaches those whose minimum severity its new status meets.
  const listening = new Map<string, Promise<NotificationChannelRow[]>>();
  const listeningTo = (planId: string) => {
    if (!listening.has(planId)) listening.set(planId, channelsForEvent(deps.db, workspaceId, { event: 'STATUS_CHANGED', severities: alertSeverities, planId }));
    return listening.get(planId)!;
  };
  let deliveries = 0;
  for (const data of changes) {
    const reached = severitiesReachedBy(severityOf(data.change.to));
    const eventKey = statusChangeEventKey(data.change);
    for (const channel of (await listeningTo(data.plan.id)).filter((c) => reached.includes(c.min_severity))) {
      const delivery = await insertDeliveryOnce(deps.db, workspaceId, { channelId: channel.id, event: 'STATUS_CHANGED', eventKey, payload: data }, deps.now());
      await deps.queues.enqueueNotification({ workspaceId, deliveryId: delivery.id });
      deliveries += 1;
    }
  }
  await markStatusChangesFannedOut(deps.db, workspaceId, changes.map((c) => statusChangeEventKey(c.change)), deps.now());
  return deliveries;
}
