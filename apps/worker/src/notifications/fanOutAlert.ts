import { channelsForEvent, insertDeliveryOnce, type AlertRow } from '@goalpost/db';
import { alertSeverities } from '@goalpost/domain';
import type { WorkerDeps } from '../workerDeps.ts';
import { alertEventData, type AlertEventKind } from './alertEvent.ts';

/** The minimum severities an alert of this severity reaches (a channel at WARNING takes WARNING and CRITICAL). */
export function severitiesReachedBy(severity: string): string[] {
  const index = alertSeverities.indexOf(severity as (typeof alertSeverities)[number]);
  return index < 0 ? [] : alertSeverities.slice(0, index + 1);
}

/**
 * One delivery per channel that takes the event, each queued as its own job. The delivery row's unique
 * (channel, event key) and the job id derived from the row make this safe to run again (a retry, the
 * sweep): an event reaches a channel once. Returns the deliveries queued.
 */
export async function fanOutAlert(deps: Pick<WorkerDeps, 'db' | 'queues' | 'now'>, alert: AlertRow, event: AlertEventKind): Promise<number> {
  const ws = alert.workspace_id;
  const channels = await channelsForEvent(deps.db, ws, { event, severities: severitiesReachedBy(alert.severity), planId: alert.plan_id });
  if (channels.length === 0) return 0;
  const data = await alertEventData(deps.db, alert);
  const eventKey = `${event === 'ALERT_RAISED' ? 'alert-raised' : 'alert-resolved'}-${alert.id}`;
  for (const channel of channels) {
    const delivery = await insertDeliveryOnce(deps.db, ws, { channelId: channel.id, event, eventKey, payload: data }, deps.now());
    await deps.queues.enqueueNotification({ workspaceId: ws, deliveryId: delivery.id });
  }
  return channels.length;
}
