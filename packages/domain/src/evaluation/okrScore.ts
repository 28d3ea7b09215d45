import type { OkrScore } from '../contract.ts';
import { defaultPlanningSettings, okrYellowFrom } from '../planning/planningSettings.ts';

/**
 * Weighted mean of key-result scores clamped to [0, 1], graded GREEN from `successFrom` (the plan's
 * setting, 0.6 by default: seed 003 counts 60–70 % as a win), YELLOW from 0.4, RED below.
 */
export function okrScore(items: readonly { score: number; weight: number }[], successFrom = defaultPlanningSettings.okrSuccessFrom): OkrScore {
  let weighted = 0;
  let weights = 0;
  for (const { score, weight } of items) {
    if (!(weight > 0) || !Number.isFinite(weight) || !Number.isFinite(score)) continue;
    weighted += Math.min(1, Math.max(0, score)) * weight;
    weights += weight;
  }
  const score = weights > 0 ? weighted / weights : 0;
  return { score, grade: score >= successFrom ? 'GREEN' : score >= okrYellowFrom ? 'YELLOW' : 'RED' };
}
