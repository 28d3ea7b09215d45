import type { IsoDate, ObjectiveStatus } from '../vocabulary.ts';

/** The statuses that make a drift episode, and those that end one. */
const drifting: readonly ObjectiveStatus[] = ['AT_RISK', 'OFF_TRACK'];
const backOnTrack: readonly ObjectiveStatus[] = ['ON_TRACK', 'ACHIEVED'];

/**
 * The first day of the drift episode a key result is in once evaluated with `status` on `today`: an
 * episode starts the day it leaves ON_TRACK for AT_RISK or OFF_TRACK and lasts until the day it comes
 * back (ON_TRACK or ACHIEVED), however long that takes; NO_DATA, NOT_STARTED and MISSED leave it as it
 * was. `since` is the start stored by the previous evaluation (null: not drifting).
 */
export function driftEpisodeStart(since: IsoDate | null, status: ObjectiveStatus, today: IsoDate): IsoDate | null {
  if (drifting.includes(status)) return since ?? today;
  if (backOnTrack.includes(status)) return null;
  return since;
}

/** The period part of a drift alert's dedup key: one per episode, named by the day it began. */
export const driftPeriod = (since: IsoDate): string => `drift-${since}`;
