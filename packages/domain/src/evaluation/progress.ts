import type { KeyResultSpec } from '../contract.ts';
import { dayNumber } from '../time/calendarDays.ts';

// Keeps p finite when T − B is a few ulps wide: the sign and "far beyond" survive, Infinity does not.
const progressCap = 1e9;

/** The band a MAINTAIN key result must stay in: target ± tolerance (default 5 % of |target|). */
export function maintainBand(spec: KeyResultSpec): { low: number; high: number; tolerance: number } {
  const given = spec.maintainTolerance;
  const tolerance = given !== undefined && Number.isFinite(given) ? Math.abs(given) : Math.abs(spec.target) * 0.05;
  return { low: spec.target - tolerance, high: spec.target + tolerance, tolerance };
}

/**
 * For a count (`spec.flow`), the share of the objective's period a count up to `day` covers — start and
 * deadline days included, so the deadline day's count covers all of it; 1 for anything else.
 */
export function periodShare(spec: KeyResultSpec, day: number): number {
  if (!spec.flow) return 1;
  const start = dayNumber(spec.startsOn);
  const length = dayNumber(spec.deadline) - start + 1;
  if (!(length > 0)) return 1;
  return Math.min(1, Math.max(0, (day - start + 1) / length));
}

/**
 * Whether a value reaches the target: at or above for INCREASE, at or below for DECREASE, inside the
 * band for MAINTAIN. A count's MAINTAIN band is its share of the period's (`share`, see `periodShare`).
 */
export function targetReached(spec: KeyResultSpec, value: number, share = 1): boolean {
  if (spec.direction === 'INCREASE') return value >= spec.target;
  if (spec.direction === 'DECREASE') return value <= spec.target;
  const band = maintainBand(spec);
  const scale = spec.flow ? share : 1;
  return value >= band.low * scale && value <= band.high * scale;
}

/**
 * p = (V − B) / (T − B): the same formula serves DECREASE (both differences are negative as the value
 * falls). With T = B there is no distance to cover, and MAINTAIN has no path at all, so progress is 1
 * when the target is reached (inside the band) and 0 otherwise. A count (`spec.flow`) is measured against
 * the share of its baseline the period so far accounts for: p = (V − share·B) / (T − B).
 */
export function progressOf(spec: KeyResultSpec, value: number, share = 1): number {
  if (spec.direction === 'MAINTAIN') return targetReached(spec, value, share) ? 1 : 0;
  const distance = spec.target - spec.baseline;
  if (distance === 0) return targetReached(spec, value, share) ? 1 : 0;
  const from = spec.flow ? spec.baseline * share : spec.baseline;
  const p = (value - from) / distance;
  if (Number.isNaN(p)) return 0;
  return Math.max(-progressCap, Math.min(progressCap, p));
}
