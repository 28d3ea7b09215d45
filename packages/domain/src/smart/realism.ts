import type { Direction } from '../vocabulary.ts';

export type RealismBand = 'REALISTIC' | 'AMBITIOUS' | 'UNREALISTIC' | 'NO_HISTORY';

/**
 * How the history was read: LEVEL_TREND, a level's weekly slope (followers); FLOW_VOLUME, a count's
 * weekly volume (link clicks: the period's total against the volume shown); KPI_CHANGES, a derived
 * KPI's changes over past windows of the objective's length (reach per post, engagement rate).
 */
export type RealismBasis = 'LEVEL_TREND' | 'FLOW_VOLUME' | 'KPI_CHANGES';

export interface Realism {
  /**
   * What the target demands per week, signed as the metric moves: (T − B) ÷ weeks for levels and KPIs;
   * for a count, the period's total T ÷ weeks (the volume a week it needs).
   */
  requiredWeeklyRate: number;
  /** What the history shows per week (a slope, a volume, or a KPI's typical favourable change ÷ weeks); null without history. */
  historicalWeeklyRate: number | null;
  /** How many times the history's pace the target needs, taken in the key result's good direction; null when not comparable. */
  ratio: number | null;
  band: RealismBand;
  basis: RealismBasis;
}

/** Up to 1.5× the historical pace is realistic, up to 3× ambitious, beyond that unrealistic (DESIGN.md §1). */
export const realisticUpTo = 1.5;
export const ambitiousUpTo = 3;

const bandOf = (ratio: number): RealismBand => (ratio <= realisticUpTo ? 'REALISTIC' : ratio <= ambitiousUpTo ? 'AMBITIOUS' : 'UNREALISTIC');
const finiteRate = (x: number) => Math.max(-Number.MAX_VALUE, Math.min(Number.MAX_VALUE, x));
const usableWeeks = (weeks: number) => (Number.isFinite(weeks) && weeks > 0 ? weeks : 1 / 7);

/**
 * The rate a target demands, (T − B) / weeks, against the rate the account has shown (seed 002: ~100
 * followers a week makes 125–150 a week reasonable and 500–1,000 not). Rates are compared in the key
 * result's good direction, so a decline is the pace that counts for DECREASE (MAINTAIN: the direction
 * from baseline to target). A target that asks for no movement is realistic; a history that stands
 * still or moves the wrong way gives no support at all (unrealistic, ratio null). A period of zero or
 * negative length is counted as one day, so the rate stays finite (the time-bound check fails it).
 * Serves levels (`LEVEL_TREND`) and KPIs (`KPI_CHANGES`, whose weekly rate is their typical change over
 * the period ÷ its weeks); counts go through `flowRealism`.
 */
export function realism(input: { direction: Direction; baseline: number; target: number; weeks: number; historicalWeeklyRate: number | null; basis?: RealismBasis }): Realism {
  const basis = input.basis ?? 'LEVEL_TREND';
  const weeks = usableWeeks(input.weeks);
  // Only a difference of two values near Number.MAX_VALUE overflows; it stays the largest finite rate.
  const requiredWeeklyRate = finiteRate((input.target - input.baseline) / weeks);
  const history = input.historicalWeeklyRate !== null && Number.isFinite(input.historicalWeeklyRate) ? input.historicalWeeklyRate : null;
  if (history === null) return { requiredWeeklyRate, historicalWeeklyRate: null, ratio: null, band: 'NO_HISTORY', basis };
  const sign = input.direction === 'DECREASE' ? -1 : input.direction === 'INCREASE' ? 1 : Math.sign(requiredWeeklyRate) || 1;
  const required = sign * requiredWeeklyRate;
  const shown = sign * history;
  if (required <= 0) return { requiredWeeklyRate, historicalWeeklyRate: history, ratio: 0, band: 'REALISTIC', basis };
  if (shown <= 0) return { requiredWeeklyRate, historicalWeeklyRate: history, ratio: null, band: 'UNREALISTIC', basis };
  const ratio = required / shown;
  if (!Number.isFinite(ratio)) return { requiredWeeklyRate, historicalWeeklyRate: history, ratio: null, band: 'UNREALISTIC', basis };
  return { requiredWeeklyRate, historicalWeeklyRate: history, ratio, band: bandOf(ratio), basis };
}

/**
 * A count's target (the period's total T) against the volume a week its history shows, as seed 002
 * reads "100 followers a week": T ÷ weeks at up to 1.5× that volume is realistic. For DECREASE the ratio
 * is how many times lower the volume must get (a target of none, against a history of some, cannot be
 * compared: unrealistic); MAINTAIN counts as whichever way the target lies from the history.
 */
export function flowRealism(input: { direction: Direction; target: number; weeks: number; historicalWeeklyRate: number | null }): Realism {
  const basis: RealismBasis = 'FLOW_VOLUME';
  const requiredWeeklyRate = finiteRate(input.target / usableWeeks(input.weeks));
  const shown = input.historicalWeeklyRate !== null && Number.isFinite(input.historicalWeeklyRate) ? input.historicalWeeklyRate : null;
  if (shown === null) return { requiredWeeklyRate, historicalWeeklyRate: null, ratio: null, band: 'NO_HISTORY', basis };
  const up = input.direction === 'INCREASE' || (input.direction === 'MAINTAIN' && requiredWeeklyRate >= shown);
  const result = (ratio: number | null, band: RealismBand): Realism => ({ requiredWeeklyRate, historicalWeeklyRate: shown, ratio, band, basis });
  if (up) {
    if (requiredWeeklyRate <= shown) return result(shown > 0 ? Math.max(0, requiredWeeklyRate / shown) : 0, 'REALISTIC');
    if (!(shown > 0)) return result(null, 'UNREALISTIC');
    return result(requiredWeeklyRate / shown, bandOf(requiredWeeklyRate / shown));
  }
  if (requiredWeeklyRate >= shown) return result(requiredWeeklyRate > 0 ? Math.max(0, shown / requiredWeeklyRate) : 0, 'REALISTIC');
  if (!(requiredWeeklyRate > 0)) return result(null, 'UNREALISTIC');
  const ratio = shown / requiredWeeklyRate;
  return Number.isFinite(ratio) ? result(ratio, bandOf(ratio)) : result(null, 'UNREALISTIC');
}
