import { findAlerts, markAlertPublished } from '@goalpost/db';
import { liveChannel, liveTopics, type AlertDeliverPayload } from '@goalpost/jobs';
import type { WorkerDeps } from '../workerDeps.ts';

/**
 * Publishes a new alert to the gateways' subscriptions, once: a published alert is not sent again.
 * Outbound deliveries to people (e-mail, chat, webhooks) are a later issue and are not built here.
 */
export async function deliverAlert(payload: AlertDeliverPayload, deps: WorkerDeps) {
  const [alert] = await findAlerts(deps.db, payload.workspaceId, [payload.alertId]);
  if (!alert || alert.published_at) return { published: false };
  await deps.publisher.publish(
    liveChannel(liveTopics(deps.liveNamespace).alertRaised, payload.workspaceId),
    JSON.stringify({ alertId: alert.id, planId: alert.plan_id }),
  );
  await markAlertPublished(deps.db, payload.workspaceId, alert.id, deps.now());
  return { published: true };
}
