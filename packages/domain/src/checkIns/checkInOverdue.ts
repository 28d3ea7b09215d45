import { dayOf } from '../time/calendarDays.ts';

/** Days without a check-in after which an owned key result is flagged, unless its plan says otherwise. */
export const defaultCheckInOverdueAfterDays = 7;

const dayMs = 86_400_000;

/**
 * Whether an owned key result is overdue for a check-in at `now`: it has an owner, its objective is
 * under way (started, deadline not passed), and more than `overdueAfterDays` days have gone by since
 * the latest of: the owner's own last check-in (`lastCheckInAt`: nobody else's counts), the moment the
 * owner took it on, the objective's start. Before the start and after the deadline nobody is chased.
 */
export function checkInOverdue(input: {
  ownerAssignedAt: Date | null;
  lastCheckInAt: Date | null;
  startsOn: string;
  deadline: string;
  overdueAfterDays: number;
  now: Date;
}): boolean {
  if (!input.ownerAssignedAt) return false;
  const today = dayOf(input.now);
  if (today < input.startsOn || today > input.deadline) return false;
  const since = Math.max(input.lastCheckInAt?.getTime() ?? 0, input.ownerAssignedAt.getTime(), Date.parse(`${input.startsOn}T00:00:00Z`));
  return input.now.getTime() - since > input.overdueAfterDays * dayMs;
}
