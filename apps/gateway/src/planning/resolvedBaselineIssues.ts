import { keyResultTargetIssues, type Direction, type TargetResolution } from '@goalpost/domain';
import type { InputIssue } from '../errors.ts';

export interface GivenTargetNumbers {
  metric: string;
  direction: string;
  baseline?: number | null | undefined;
  target?: number | null | undefined;
  targetChangePercent?: number | null | undefined;
}

/**
 * The domain's direction rule once more, against the baseline read from history: before resolution only
 * a percentage's sign could be checked, and an absolute target can turn out on the wrong side of the
 * history (INCREASE to 900 followers from 1,200). Empty when the baseline was given, or
 * none was read yet (a stand-in is not held against the target).
 */
export function resolvedBaselineIssues(kr: GivenTargetNumbers, resolution: TargetResolution, field: string): InputIssue[] {
  if ((kr.baseline !== null && kr.baseline !== undefined) || !resolution.settled || resolution.baseline === null) return [];
  return keyResultTargetIssues({ ...kr, direction: kr.direction as Direction, baseline: resolution.baseline })
    .filter((issue) => issue.rule === 'direction')
    .map((issue) => ({
      field: `${field}.${issue.field}`,
      rule: issue.rule,
      message: `${issue.message} (the baseline as read from the history before the start)`,
      params: issue.params,
    }));
}
