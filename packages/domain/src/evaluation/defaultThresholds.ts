import type { EvaluationThresholds } from '../contract.ts';

/** The defaults stated in the README; frozen so that no caller can change them for everyone. */
export const defaultThresholds: EvaluationThresholds = Object.freeze({
  atRiskTolerance: 0.1,
  offTrackTolerance: 0.25,
  deadlineNearDays: 14,
  staleAfterDays: 7,
  forecastWindowDays: 28,
  forecastMinConfidence: 0.5,
});

/** Settings that are shares (0..1): above 1 they would mean nothing. */
const tolerances = new Set<keyof EvaluationThresholds>(['atRiskTolerance', 'offTrackTolerance', 'forecastMinConfidence']);

/**
 * A plan's overrides over the defaults. Anything that is not a usable number is ignored rather than
 * trusted: not finite, negative, or a tolerance above 1 (which would call any regress on track).
 */
export function withThresholdOverrides(overrides: Partial<Record<keyof EvaluationThresholds, unknown>> = {}): EvaluationThresholds {
  const merged = { ...defaultThresholds };
  for (const key of Object.keys(defaultThresholds) as (keyof EvaluationThresholds)[]) {
    const value = overrides[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) continue;
    if (tolerances.has(key) && value > 1) continue;
    merged[key] = value;
  }
  return merged;
}
