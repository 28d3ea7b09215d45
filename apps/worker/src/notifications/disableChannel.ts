import { disableFailingChannel, insertAlertOnce, type NotificationChannelRow } from '@goalpost/db';
import type { WorkerDeps } from '../workerDeps.ts';

/**
 * A channel that has failed every delivery since `failing_since` is switched off, and one alert tells
 * the workspace (live, and through its other channels). Only the call that disables it raises the alert;
 * the dedup key names the failing streak, so a channel enabled again and failing again alerts again.
 */
export async function disableChannel(deps: Pick<WorkerDeps, 'db' | 'queues' | 'log'>, channel: NotificationChannelRow, at: Date): Promise<void> {
  const since = channel.failing_since!;
  const hours = Math.round((at.getTime() - since.getTime()) / 3600_000);
  const alert = await deps.db.transaction().execute(async (tx) => {
    const disabled = await disableFailingChannel(tx, channel.id, `every delivery failed for ${hours} h (since ${since.toISOString()})`, at);
    if (!disabled) return undefined;
    return insertAlertOnce(tx, channel.workspace_id, {
      planId: null,
      objectiveId: null,
      keyResultId: null,
      accountId: null,
      kind: 'CHANNEL_DISABLED',
      severity: 'CRITICAL',
      message: `Notification channel "${channel.name}" (${channel.kind}) was disabled: every delivery to it has failed for ${hours} h. Fix the receiver, then enable it again with updateNotificationChannel; its failed deliveries can be sent again with replayDelivery.`,
      dedupKey: `channel-disabled:${channel.id}:${since.toISOString()}`,
    });
  });
  if (!alert) return;
  deps.log.warn({ channelId: channel.id, kind: channel.kind }, 'notification channel disabled after failing too long');
  await deps.queues.enqueueDelivery({ workspaceId: channel.workspace_id, alertId: alert.id });
}
