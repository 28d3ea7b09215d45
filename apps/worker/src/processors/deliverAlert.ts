import { findAlerts, markAlertPublished, markAlertResolutionPublished } from '@goalpost/db';
import type { AlertDeliverPayload } from '@goalpost/jobs';
import { UnrecoverableError } from 'bullmq';
import { publishAlertRaised } from '../live/publishLiveEvent.ts';
import { fanOutAlert } from '../notifications/fanOutAlert.ts';
import type { WorkerDeps } from '../workerDeps.ts';

export type DeliverAlertResult = { published: boolean };

/**
 * Announces a new alert to the gateways' `alertRaised` subscriptions, then marks it published.
 * Published alerts are not announced again. The evaluation that raised an alert announces it itself
 * right after its commit (`announced`: no queue hop before subscribers hear of it); a delivery queued
 * by the sweep for an alert left unpublished announces it here. A crash between the PUBLISH and the mark
 * announces it once more on retry: subscribers reload the alert by id, so a repeat shows the same alert,
 * never a new one.
 *
 * Before the mark, the alert is handed to the workspace's notification channels: one delivery job per
 * channel, each in its own queue with its own retries, so a channel that is down delays nothing here.
 * The fan-out is idempotent, so the retry after a crash before the mark queues nothing twice.
 */
export async function deliverAlert(payload: AlertDeliverPayload, deps: WorkerDeps): Promise<DeliverAlertResult> {
  const { workspaceId, alertId } = payload;
  const [alert] = await findAlerts(deps.db, workspaceId, [alertId]);
  if (!alert) throw new UnrecoverableError(`Alert ${alertId} does not exist in workspace ${workspaceId}.`);
  if (payload.event === 'ALERT_RESOLVED') {
    await fanOutAlert(deps, alert, 'ALERT_RESOLVED');
    // Marked after the fan-out: a crash before it leaves the resolution to the evaluate-plans sweep.
    await markAlertResolutionPublished(deps.db, workspaceId, alert.id, deps.now());
    return { published: false };
  }
  if (alert.published_at) return { published: false };
  if (!payload.announced) await publishAlertRaised(deps, workspaceId, { alertId: alert.id, planId: alert.plan_id });
  await fanOutAlert(deps, alert, 'ALERT_RAISED');
  await markAlertPublished(deps.db, workspaceId, alert.id, deps.now());
  return { published: true };
}
