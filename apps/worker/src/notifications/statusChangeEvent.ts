/** What a channel is told when an evaluation changes an objective's or key result's status. */
export interface StatusChangeData {
  change: {
    subject: 'OBJECTIVE' | 'KEY_RESULT';
    id: string;
    /** The objective's title, or the key result's metric label. */
    title: string;
    from: string;
    to: string;
    /** The evaluation's day. */
    on: string;
  };
  plan: { id: string; name: string };
  objective: { id: string; title: string };
  keyResult: { id: string; metric: string; current: number | null; target: number | null; forecast: { value: number; low: number; high: number; confidence: number } | null } | null;
}

/**
 * The event key of a change (subject, day, from, to): its deliveries' key, one per channel, and its
 * record in the outbox until they exist. An evaluation run again the same day finds the status stored
 * and no change.
 */
export function statusChangeEventKey({ subject, id, on, from, to }: StatusChangeData['change']): string {
  return `status-changed-${subject === 'OBJECTIVE' ? 'objective' : 'key-result'}-${id}-${on}-${from}-${to}`;
}
