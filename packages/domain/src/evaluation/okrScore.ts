import type { OkrScore } from '../contract.ts';

/** Weighted mean of key-result scores clamped to [0, 1]; 0.7+ green, 0.4–0.7 yellow, below red. */
export function okrScore(items: readonly { score: number; weight: number }[]): OkrScore {
  let weighted = 0;
  let weights = 0;
  for (const { score, weight } of items) {
    if (!(weight > 0) || !Number.isFinite(weight) || !Number.isFinite(score)) continue;
    weighted += Math.min(1, Math.max(0, score)) * weight;
    weights += weight;
  }
  const score = weights > 0 ? weighted / weights : 0;
  return { score, grade: score >= 0.7 ? 'GREEN' : score >= 0.4 ? 'YELLOW' : 'RED' };
}
