import type { SmartFinding } from '../contract.ts';
import { keyResultTargetIssues } from '../evaluation/keyResultTargetRules.ts';
import type { AssessedKeyResult } from './assessKeyResults.ts';
import { finding, fmt, hasNumber } from './smartFindings.ts';

/**
 * A target on the wrong side of the baseline read from history (INCREASE to 115 followers from 11,000)
 * as a finding of the draft, not a refusal: a draft is linted while the user types "1", "11", "115" on
 * the way to 11,500, and the form shows it beside the field. Saving it (`addObjective`, `updateKeyResult`)
 * is still refused by the same rule. Null when the baseline was given (the input rules judge that), is a
 * stand-in, no direction is given yet, or the numbers agree with the direction.
 */
export function targetDirectionFinding(a: AssessedKeyResult): SmartFinding | null {
  const { baseline, target, basis, settled } = a.resolution;
  if (hasNumber(a.draft.baseline) || !settled || basis === null || basis.kind === 'GIVEN' || baseline === null || target === null || !a.draft.metric || !a.draft.direction) return null;
  const contradiction = keyResultTargetIssues({ ...a.draft, metric: a.draft.metric, direction: a.direction, baseline }).find((issue) => issue.rule === 'direction');
  if (!contradiction) return null;
  const wants = a.direction === 'INCREASE' ? 'above' : 'below';
  return finding(
    'FAIL',
    'TARGET_AGAINST_DIRECTION',
    `${a.name}: a ${a.direction} key result aims ${wants} its baseline, and the target ${fmt(target)} is not ${wants} ${fmt(baseline)} (the baseline as read from the history before the start); raise the target past it, or use MAINTAIN to hold the level.`,
    { direction: a.direction, baseline, target, basis: basis.kind, field: contradiction.field },
    a.index,
  );
}
