import { liveChannel, liveTopics, type AlertRaisedEvent, type KeyResultEvaluatedEvent } from '@goalpost/jobs';
import type { WorkerDeps } from '../workerDeps.ts';

type Publishing = Pick<WorkerDeps, 'publisher' | 'liveNamespace'>;

/**
 * Live events go out on the workspace's own channel and carry ids only: each gateway reloads the row
 * inside its subscriber's workspace. A lost event is only a late screen update; Postgres has the state.
 */
export async function publishAlertRaised(deps: Publishing, workspaceId: string, event: AlertRaisedEvent): Promise<void> {
  await deps.publisher.publish(liveChannel(liveTopics(deps.liveNamespace).alertRaised, workspaceId), JSON.stringify(event));
}

export async function publishKeyResultEvaluated(deps: Publishing, workspaceId: string, event: KeyResultEvaluatedEvent): Promise<void> {
  await deps.publisher.publish(liveChannel(liveTopics(deps.liveNamespace).keyResultEvaluated, workspaceId), JSON.stringify(event));
}
