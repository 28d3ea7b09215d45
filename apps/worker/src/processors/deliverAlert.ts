import { findAlerts, markAlertPublished } from '@goalpost/db';
import type { AlertDeliverPayload } from '@goalpost/jobs';
import { UnrecoverableError } from 'bullmq';
import { publishAlertRaised } from '../live/publishLiveEvent.ts';
import type { WorkerDeps } from '../workerDeps.ts';

export type DeliverAlertResult = { published: boolean };

/**
 * Announces a new alert to the gateways' `alertRaised` subscriptions, then marks it published.
 * Published alerts are not announced again. A crash between the PUBLISH and the mark announces it once
 * more on retry: subscribers reload the alert by id, so a repeat shows the same alert, never a new one.
 *
 * Outbound deliveries to people and systems (e-mail, chat, subscriber webhooks with their own retries)
 * are a later issue; nothing here pretends to send them.
 */
export async function deliverAlert(payload: AlertDeliverPayload, deps: WorkerDeps): Promise<DeliverAlertResult> {
  const { workspaceId, alertId } = payload;
  const [alert] = await findAlerts(deps.db, workspaceId, [alertId]);
  if (!alert) throw new UnrecoverableError(`Alert ${alertId} does not exist in workspace ${workspaceId}.`);
  if (alert.published_at) return { published: false };
  await publishAlertRaised(deps, workspaceId, { alertId: alert.id, planId: alert.plan_id });
  await markAlertPublished(deps.db, workspaceId, alert.id, deps.now());
  return { published: true };
}
