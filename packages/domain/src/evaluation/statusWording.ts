import type { Framework, ObjectiveStatus } from '../vocabulary.ts';
import type { OkrScore } from '../contract.ts';
import { defaultPlanningSettings } from '../planning/planningSettings.ts';

/**
 * How a status reads for people. SMART targets are meant to be hit in full; OKR key results are
 * ambitious, and from `successFrom` of the way (the plan's setting, 0.6 by default; seed 003) a score
 * counts as success, so the same status is worded against that bar and by the score's grade.
 */
export function statusWording(framework: Framework, status: ObjectiveStatus, score: OkrScore | null, successFrom = defaultPlanningSettings.okrSuccessFrom): string {
  const pct = score ? `${Math.round(score.score * 100)}%` : 'no score yet';
  const bar = `${Math.round(successFrom * 100)}%`;
  if (framework === 'OKR') {
    const success = score !== null && score.grade === 'GREEN';
    switch (status) {
      case 'ACHIEVED': return `Fully achieved (score ${pct}) — beyond the ${bar} that counts as success.`;
      case 'MISSED': return success ? `Closed at ${pct}: a success by OKR standards (${bar} or more).` : `Closed at ${pct}, below the ${bar} that counts as success.`;
      case 'ON_TRACK': return success ? `On pace, and already a success (score ${pct}, from ${bar}).` : `On pace (score ${pct}, grade ${score?.grade ?? '—'}; success from ${bar}).`;
      case 'AT_RISK': return success ? `Behind pace, yet already a success (score ${pct}, from ${bar}).` : `Behind pace (score ${pct}): ${bar} is still within reach if the trend improves.`;
      case 'OFF_TRACK': return success ? `Well behind pace, though already at ${pct} (success from ${bar}).` : `Well behind pace (score ${pct}, success from ${bar}): rethink the initiatives behind it.`;
      case 'NOT_STARTED': return 'Not started yet.';
      case 'NO_DATA': return 'No data yet: connect or push the metrics its key results read.';
    }
  }
  switch (status) {
    case 'ACHIEVED': return 'Target reached.';
    case 'MISSED': return 'Deadline passed without reaching the target.';
    case 'ON_TRACK': return 'On track to reach the target by the deadline.';
    case 'AT_RISK': return 'At risk: slightly behind the path to the target.';
    case 'OFF_TRACK': return 'Off track: well behind the path to the target.';
    case 'NOT_STARTED': return 'Not started yet.';
    case 'NO_DATA': return 'No data yet: connect or push the metrics its key results read.';
  }
}
