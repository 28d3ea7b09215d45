import type { KeyResultSpec } from '../contract.ts';

// Keeps p finite when T − B is a few ulps wide: the sign and "far beyond" survive, Infinity does not.
const progressCap = 1e9;

/** The band a MAINTAIN key result must stay in: target ± tolerance (default 5 % of |target|). */
export function maintainBand(spec: KeyResultSpec): { low: number; high: number; tolerance: number } {
  const given = spec.maintainTolerance;
  const tolerance = given !== undefined && Number.isFinite(given) ? Math.abs(given) : Math.abs(spec.target) * 0.05;
  return { low: spec.target - tolerance, high: spec.target + tolerance, tolerance };
}

/** Whether a value reaches the target: at or above for INCREASE, at or below for DECREASE, inside the band for MAINTAIN. */
export function targetReached(spec: KeyResultSpec, value: number): boolean {
  if (spec.direction === 'INCREASE') return value >= spec.target;
  if (spec.direction === 'DECREASE') return value <= spec.target;
  const band = maintainBand(spec);
  return value >= band.low && value <= band.high;
}

/**
 * p = (V − B) / (T − B): the same formula serves DECREASE (both differences are negative as the value
 * falls). With T = B there is no distance to cover, and MAINTAIN has no path at all, so progress is 1
 * when the target is reached (inside the band) and 0 otherwise.
 */
export function progressOf(spec: KeyResultSpec, value: number): number {
  if (spec.direction === 'MAINTAIN') return targetReached(spec, value) ? 1 : 0;
  const distance = spec.target - spec.baseline;
  if (distance === 0) return targetReached(spec, value) ? 1 : 0;
  const p = (value - spec.baseline) / distance;
  if (Number.isNaN(p)) return 0;
  return Math.max(-progressCap, Math.min(progressCap, p));
}
