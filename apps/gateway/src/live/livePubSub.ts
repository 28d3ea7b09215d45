import { createPubSub } from '@graphql-yoga/subscription';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { liveTopics, type AlertRaisedEvent, type KeyResultEvaluatedEvent } from '@goalpost/jobs';
import type { Redis } from 'ioredis';

/**
 * Live events from the workers, through Redis pub/sub, so that whichever gateway instance holds a
 * subscription receives every event of its workspace. Routed by workspace id (`<topic>:<workspaceId>`).
 */
export function createLivePubSub(clients: { publish: Redis; subscribe: Redis }, namespace: string) {
  const topics = liveTopics(namespace);
  const pubsub = createPubSub<Record<string, [string, AlertRaisedEvent | KeyResultEvaluatedEvent]>>({
    eventTarget: createRedisEventTarget({ publishClient: clients.publish, subscribeClient: clients.subscribe }),
  });
  return {
    alertRaised: (workspaceId: string) =>
      pubsub.subscribe(topics.alertRaised, workspaceId) as AsyncIterable<AlertRaisedEvent>,
    keyResultEvaluated: (workspaceId: string) =>
      pubsub.subscribe(topics.keyResultEvaluated, workspaceId) as AsyncIterable<KeyResultEvaluatedEvent>,
  };
}
export type LivePubSub = ReturnType<typeof createLivePubSub>;
