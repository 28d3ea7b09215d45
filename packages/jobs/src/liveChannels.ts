/**
 * Redis pub/sub topics that carry live events from workers to every gateway instance.
 * Names follow @graphql-yoga/subscription's routing (`<topic>:<id>`), so the gateway's Redis-backed
 * pub/sub receives what a worker publishes with a plain `PUBLISH`. Payloads carry ids only: each
 * gateway reloads the row inside the subscriber's workspace.
 */
export interface AlertRaisedEvent { alertId: string; planId: string | null }
export interface KeyResultEvaluatedEvent { keyResultId: string; planId: string }

export function liveTopics(namespace: string) {
  return {
    alertRaised: `${namespace}.alertRaised`,
    keyResultEvaluated: `${namespace}.keyResultEvaluated`,
  } as const;
}

/** The Redis channel a worker publishes to for one workspace. */
export function liveChannel(topic: string, workspaceId: string): string {
  return `${topic}:${workspaceId}`;
}
