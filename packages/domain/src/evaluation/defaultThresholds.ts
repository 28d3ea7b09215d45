import type { EvaluationThresholds } from '../contract.ts';

export const defaultThresholds: EvaluationThresholds = {
  atRiskTolerance: 0.1,
  offTrackTolerance: 0.25,
  deadlineNearDays: 14,
  staleAfterDays: 7,
  forecastWindowDays: 28,
};

/** A plan's overrides over the defaults; values that are not finite are ignored. */
export function withThresholdOverrides(overrides: Partial<Record<keyof EvaluationThresholds, unknown>> = {}): EvaluationThresholds {
  const merged = { ...defaultThresholds };
  for (const key of Object.keys(defaultThresholds) as (keyof EvaluationThresholds)[]) {
    const value = overrides[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) merged[key] = value;
  }
  return merged;
}
