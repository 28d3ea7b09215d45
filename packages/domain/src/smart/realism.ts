import type { Direction } from '../vocabulary.ts';

export type RealismBand = 'REALISTIC' | 'AMBITIOUS' | 'UNREALISTIC' | 'NO_HISTORY';

export interface Realism {
  /** (T − B) per week between start and deadline, signed as the metric moves. */
  requiredWeeklyRate: number;
  /** What the audit shows per week for the same metric and scope; null without history. */
  historicalWeeklyRate: number | null;
  /** Required ÷ historical, both taken in the key result's good direction; null when not comparable. */
  ratio: number | null;
  band: RealismBand;
}

/** Up to 1.5× the historical pace is realistic, up to 3× ambitious, beyond that unrealistic (DESIGN.md §1). */
export const realisticUpTo = 1.5;
export const ambitiousUpTo = 3;

/**
 * The rate a target demands, (T − B) / weeks, against the rate the account has shown (seed 002: ~100
 * followers a week makes 125–150 a week reasonable and 500–1,000 not). Rates are compared in the key
 * result's good direction, so a decline is the pace that counts for DECREASE (MAINTAIN: the direction
 * from baseline to target). A target that asks for no movement is realistic; a history that stands
 * still or moves the wrong way gives no support at all (unrealistic, ratio null). A period of zero or
 * negative length is counted as one day, so the rate stays finite (the time-bound check fails it).
 */
export function realism(input: { direction: Direction; baseline: number; target: number; weeks: number; historicalWeeklyRate: number | null }): Realism {
  const weeks = Number.isFinite(input.weeks) && input.weeks > 0 ? input.weeks : 1 / 7;
  // Only a difference of two values near Number.MAX_VALUE overflows; it stays the largest finite rate.
  const requiredWeeklyRate = Math.max(-Number.MAX_VALUE, Math.min(Number.MAX_VALUE, (input.target - input.baseline) / weeks));
  const history = input.historicalWeeklyRate !== null && Number.isFinite(input.historicalWeeklyRate) ? input.historicalWeeklyRate : null;
  if (history === null) return { requiredWeeklyRate, historicalWeeklyRate: null, ratio: null, band: 'NO_HISTORY' };
  const sign = input.direction === 'DECREASE' ? -1 : input.direction === 'INCREASE' ? 1 : Math.sign(requiredWeeklyRate) || 1;
  const required = sign * requiredWeeklyRate;
  const shown = sign * history;
  if (required <= 0) return { requiredWeeklyRate, historicalWeeklyRate: history, ratio: 0, band: 'REALISTIC' };
  if (shown <= 0) return { requiredWeeklyRate, historicalWeeklyRate: history, ratio: null, band: 'UNREALISTIC' };
  const ratio = required / shown;
  if (!Number.isFinite(ratio)) return { requiredWeeklyRate, historicalWeeklyRate: history, ratio: null, band: 'UNREALISTIC' };
  const band: RealismBand = ratio <= realisticUpTo ? 'REALISTIC' : ratio <= ambitiousUpTo ? 'AMBITIOUS' : 'UNREALISTIC';
  return { requiredWeeklyRate, historicalWeeklyRate: history, ratio, band };
}
