import type { MetricUnit } from '../contract.ts';

/**
 * The values a metric of each unit can take, stored or aimed at: counts and money are never negative,
 * percentages are 0–100 and scores (NPS, sentiment) −100–100. The upper bound keeps every count an
 * exact integer in a double.
 */
export const unitRanges: Record<MetricUnit, { min: number; max: number; words: string }> = {
  COUNT: { min: 0, max: Number.MAX_SAFE_INTEGER, words: 'a count of 0 or more' },
  CURRENCY: { min: 0, max: Number.MAX_SAFE_INTEGER, words: 'an amount of 0 or more' },
  MINUTES: { min: 0, max: Number.MAX_SAFE_INTEGER, words: 'minutes, 0 or more' },
  RATIO: { min: 0, max: Number.MAX_SAFE_INTEGER, words: 'a ratio of 0 or more' },
  PERCENT: { min: 0, max: 100, words: 'a percentage between 0 and 100' },
  SCORE: { min: -100, max: 100, words: 'a score between -100 and 100' },
};
