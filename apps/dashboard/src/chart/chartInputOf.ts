import type { ResultOf } from '../graphql/graphql.ts';
import type { KeyResultFields } from '../graphql/keyResultFields.ts';
import { keyResultHistory } from '../graphql/connections.ts';
import type { ChartInput } from './chartModel.ts';

type KeyResult = ResultOf<typeof KeyResultFields>;

/** The chart's input from a key result as the API gives it, within its objective's period. */
export function chartInputOf(kr: KeyResult, objective: { startsOn: string; deadline: string }, today: string): ChartInput {
  return {
    startsOn: objective.startsOn,
    deadline: objective.deadline,
    today,
    direction: kr.direction,
    pace: kr.pace,
    baseline: kr.baseline ?? null,
    target: kr.target ?? null,
    series: kr.series,
    forecast: kr.forecast ?? null,
    history: keyResultHistory(kr).map((h) => ({ on: h.on, status: h.status })),
  };
}
