import type { Direction } from '../vocabulary.ts';

export type RealismBand = 'REALISTIC' | 'AMBITIOUS' | 'UNREALISTIC' | 'NO_HISTORY';

export interface Realism {
  requiredWeeklyRate: number;
  historicalWeeklyRate: number | null;
  ratio: number | null;
  band: RealismBand;
}

/**
 * The rate a target demands, (T − B) / weeks, against the rate the account has shown. Up to 1.5× is
 * realistic, up to 3× ambitious, beyond that unrealistic (seed 002: ~100 followers a week makes 125–150
 * reasonable and 500–1,000 not). Rates are compared in the key result's good direction, so a decline
 * is "progress" for DECREASE; a history moving the wrong way gives no support at all.
 */
export function realism(input: { direction: Direction; baseline: number; target: number; weeks: number; historicalWeeklyRate: number | null }): Realism {
  const sign = input.direction === 'DECREASE' ? -1 : 1;
  const requiredWeeklyRate = input.weeks > 0 ? (input.target - input.baseline) / input.weeks : Infinity;
  const required = sign * requiredWeeklyRate;
  if (input.historicalWeeklyRate === null) return { requiredWeeklyRate, historicalWeeklyRate: null, ratio: null, band: 'NO_HISTORY' };
  const shown = sign * input.historicalWeeklyRate;
  if (required <= 0) return { requiredWeeklyRate, historicalWeeklyRate: input.historicalWeeklyRate, ratio: 0, band: 'REALISTIC' };
  const ratio = shown > 0 ? required / shown : Infinity;
  const band: RealismBand = ratio <= 1.5 ? 'REALISTIC' : ratio <= 3 ? 'AMBITIOUS' : 'UNREALISTIC';
  return { requiredWeeklyRate, historicalWeeklyRate: input.historicalWeeklyRate, ratio: Number.isFinite(ratio) ? ratio : null, band };
}
