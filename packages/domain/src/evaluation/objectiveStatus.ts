import { objectiveStatuses, type ObjectiveStatus } from '../vocabulary.ts';

/** Position in `objectiveStatuses`, ordered least to most severe. */
export function statusSeverity(status: ObjectiveStatus): number {
  return objectiveStatuses.indexOf(status);
}

/** The worst key result decides, unless every one is achieved. */
export function objectiveStatus(statuses: readonly ObjectiveStatus[]): ObjectiveStatus {
  if (statuses.length === 0) return 'NO_DATA';
  return statuses.reduce((worst, s) => (statusSeverity(s) > statusSeverity(worst) ? s : worst));
}
