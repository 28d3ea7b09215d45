import { findMetric } from '../catalog/metricCatalog.ts';
import { unitRanges } from '../catalog/unitRanges.ts';
import type { Direction } from '../vocabulary.ts';

export interface KeyResultTargetIssue {
  field: 'baseline' | 'target' | 'targetChangePercent';
  rule: 'direction' | 'range';
  message: string;
  /** The values the message names, for clients (and the API's catalogs) to word it in another language. */
  params: Readonly<Record<string, string | number>>;
}

/** The numbers of a key result as given, before any baseline is taken from history. */
export interface KeyResultTargetInput {
  metric: string;
  direction: Direction;
  baseline?: number | null | undefined;
  target?: number | null | undefined;
  targetChangePercent?: number | null | undefined;
}

const given = (x: number | null | undefined): x is number => x !== null && x !== undefined && Number.isFinite(x);

/**
 * The values a key result may aim at: a raw metric's own range (no negative follower count, no CSAT of
 * 120 %); a derived KPI can fall below zero (growth, ROI) or pass 100 % (engagement by reach), so only
 * its magnitude is bounded, to keep progress arithmetic exact.
 */
function rangeOf(metric: string): { min: number; max: number; words: string } | undefined {
  const definition = findMetric(metric);
  if (!definition) return undefined;
  if (definition.kind !== 'DERIVED') return unitRanges[definition.unit];
  return { min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, words: `a value within ±${Number.MAX_SAFE_INTEGER}` };
}

/**
 * Baseline and target that contradict the key result's direction, or leave the metric's range. INCREASE
 * aims above its baseline and DECREASE below it (a DECREASE from 10 to 20 would score progress on the
 * way up); MAINTAIN is a band around the target, so any baseline goes. When the baseline will only be
 * read from history, a percentage still shows its direction by its sign. Every entry point (GraphQL, the
 * draft check) applies these same rules; an empty list means the numbers agree.
 */
export function keyResultTargetIssues(kr: KeyResultTargetInput): KeyResultTargetIssue[] {
  const issues: KeyResultTargetIssue[] = [];
  const range = rangeOf(kr.metric);
  for (const field of ['baseline', 'target'] as const) {
    const value = kr[field];
    if (range && given(value) && (value < range.min || value > range.max)) {
      issues.push({ field, rule: 'range', message: `${value} is out of range: ${kr.metric} is ${range.words}`, params: { value, metric: kr.metric, min: range.min, ...(range.max < Number.MAX_SAFE_INTEGER ? { max: range.max } : {}) } });
    }
  }
  if (issues.length > 0 || kr.direction === 'MAINTAIN') return issues;
  const wants = kr.direction === 'INCREASE' ? 'above' : 'below';
  const contradicts = (from: number, to: number) => (kr.direction === 'INCREASE' ? to <= from : to >= from);
  if (given(kr.target) && given(kr.baseline)) {
    if (contradicts(kr.baseline, kr.target)) {
      issues.push({ field: 'target', rule: 'direction', message: `a ${kr.direction} key result aims ${wants} its baseline: the target ${kr.target} is not ${wants} ${kr.baseline} (use MAINTAIN to hold a level)`, params: { direction: kr.direction, target: kr.target, baseline: kr.baseline } });
    }
  } else if (given(kr.targetChangePercent) && !given(kr.target)) {
    // Without a baseline yet, the sign of the percentage is its direction.
    const [from, to] = given(kr.baseline) ? [kr.baseline, kr.baseline * (1 + kr.targetChangePercent / 100)] : [0, kr.targetChangePercent];
    if (contradicts(from, to)) {
      issues.push({ field: 'targetChangePercent', rule: 'direction', message: `a ${kr.direction} key result aims ${wants} its baseline: a change of ${kr.targetChangePercent} % does not (use MAINTAIN to hold a level)`, params: { direction: kr.direction, targetChangePercent: kr.targetChangePercent } });
    }
  }
  return issues;
}
