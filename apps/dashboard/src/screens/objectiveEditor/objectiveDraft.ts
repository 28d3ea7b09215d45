import type { VariablesOf } from '../../graphql/graphql.ts';
import type { CheckObjectiveQuery } from './smartQueries.ts';

type DraftInput = VariablesOf<typeof CheckObjectiveQuery>['input'];
type KeyResultInput = NonNullable<DraftInput['keyResults']>[number];
export type Platform = NonNullable<KeyResultInput['platform']>;
export type Direction = KeyResultInput['direction'];
export type Pace = NonNullable<KeyResultInput['pace']>;
export type Category = NonNullable<DraftInput['category']>;
export type Framework = NonNullable<DraftInput['framework']>;

/** One key result as the form holds it: strings while typed, turned into numbers for the API. */
export interface KeyResultDraft {
  key: string;
  metric: string;
  scope: 'account' | 'platform';
  accountId: string;
  platform: Platform | '';
  direction: Direction;
  targetMode: 'absolute' | 'percent';
  target: string;
  percent: string;
  baseline: string;
  pace: Pace;
}

export interface ObjectiveDraft {
  goalId: string;
  title: string;
  category: Category | '';
  framework: Framework;
  startsOn: string;
  deadline: string;
  keyResults: KeyResultDraft[];
}

let counter = 0;
export const newKeyResult = (accountId = ''): KeyResultDraft => ({
  key: `kr-${++counter}`, metric: '', scope: accountId ? 'account' : 'platform', accountId, platform: '', direction: 'INCREASE',
  targetMode: 'absolute', target: '', percent: '', baseline: '', pace: 'LINEAR',
});

/** A typed number, or undefined while the field is empty or not a number yet. */
export const numberOf = (text: string): number | undefined => {
  const value = Number(text.replace(',', '.'));
  return text.trim() === '' || !Number.isFinite(value) ? undefined : value;
};

export function keyResultInput(kr: KeyResultDraft): KeyResultInput {
  return {
    metric: kr.metric,
    direction: kr.direction,
    pace: kr.pace,
    ...(kr.scope === 'account' ? { accountId: kr.accountId || undefined } : { platform: kr.platform || undefined }),
    baseline: numberOf(kr.baseline),
    ...(kr.targetMode === 'absolute' ? { target: numberOf(kr.target) } : { targetChangePercent: numberOf(kr.percent) }),
  };
}

/** The draft as checkObjective takes it: whatever is filled in so far. */
export function draftInput(draft: ObjectiveDraft, savedKeyResults: KeyResultInput[] = []): DraftInput {
  return {
    goalId: draft.goalId || undefined,
    title: draft.title || undefined,
    category: draft.category || undefined,
    framework: draft.framework,
    startsOn: draft.startsOn || undefined,
    deadline: draft.deadline || undefined,
    keyResults: [...savedKeyResults, ...draft.keyResults.filter((kr) => kr.metric).map(keyResultInput)],
  };
}
