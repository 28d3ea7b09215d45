/** How a plan grades OKRs and how many primary categories it may pursue before it is told to focus. */
export interface PlanningSettings {
  /** An OKR score from this share counts as success (GREEN); seed 003: 60–70 % is already a win. Default 0.6. */
  okrSuccessFrom: number;
  /** More primary categories than this in one plan earn a focus warning on Relevant (seed 001). Default 3. */
  maxPrimaryCategories: number;
}

/** The defaults stated in the README; frozen so that no caller can change them for everyone. */
export const defaultPlanningSettings: PlanningSettings = Object.freeze({ okrSuccessFrom: 0.6, maxPrimaryCategories: 3 });

/** Where YELLOW starts: below it an OKR score is RED whatever the plan's success bar. */
export const okrYellowFrom = 0.4;

/**
 * A plan's overrides over the defaults; anything unusable is ignored rather than trusted: a success bar
 * outside [0.4, 1] (below the yellow bound it would call a red score a win), a category limit that is not
 * a whole number of at least 1.
 */
export function withPlanningOverrides(overrides: Partial<Record<keyof PlanningSettings, unknown>> = {}): PlanningSettings {
  const merged = { ...defaultPlanningSettings };
  const success = overrides.okrSuccessFrom;
  if (typeof success === 'number' && Number.isFinite(success) && success >= okrYellowFrom && success <= 1) merged.okrSuccessFrom = success;
  const max = overrides.maxPrimaryCategories;
  if (typeof max === 'number' && Number.isInteger(max) && max >= 1) merged.maxPrimaryCategories = max;
  return merged;
}
