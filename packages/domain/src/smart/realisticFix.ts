import type { IsoDate } from '../vocabulary.ts';
import { addDays } from '../time/calendarDays.ts';
import { realisticUpTo } from './realism.ts';

/**
 * What would make a target realistic (seed 002): the target reachable at the realistic pace
 * (realisticUpTo × the historical rate) by the deadline, and the deadline by which the given target
 * is reachable at that pace (null when the target is not beyond the baseline). The SMART report's
 * advice and the dashboard both read it. Null when the history does not move in the key result's direction.
 */
export function realisticFix(input: {
  direction: 'INCREASE' | 'DECREASE';
  baseline: number;
  target: number;
  historicalWeeklyRate: number;
  weeks: number;
  startsOn?: IsoDate | undefined;
}): { target: number; deadline: IsoDate | null } | null {
  const sign = input.direction === 'DECREASE' ? -1 : 1;
  const pace = sign * input.historicalWeeklyRate;
  if (!(pace > 0) || !(input.weeks > 0)) return null;
  // A target not beyond the baseline in the key result's direction has no deadline to reach it by.
  const need = sign * (input.target - input.baseline);
  const weeksNeeded = need / (realisticUpTo * pace);
  return {
    target: input.baseline + sign * realisticUpTo * pace * input.weeks,
    deadline: input.startsOn && need > 0 && Number.isFinite(weeksNeeded) && weeksNeeded < 52 * 100 ? addDays(input.startsOn, Math.ceil(weeksNeeded * 7)) : null,
  };
}
